// SlipIndex: the rule words as a hurried hand mistypes them, by one slip —
// two neighbouring letters swapped ("haet"), one dropped ("disguting"), one
// added ("hatte") — or run together with the word beside them ("Ihate",
// "killall"). The scanner asks it about the tokens of the canonical view
// that are no known word and rewrites the view with its reading before the
// one lexicon scan (scanner/slip_reader.h), so that every rule, whether a
// list, a sequence or a regex, sees the word that was meant.
//
// Forms are the single-word entries of the canonical view of 4 or more
// letters a-z, alone and with each of their suffixes. A token is read only
// when it has 4 or more letters, so a 4-letter form is reached by a swap or
// an addition but never by a drop ("hte", "hat"): at 3 letters nearly every
// slip is another word. A known word is never read as a slip: every word of
// the English dictionary the compiler found (core/dictionary_file.h), every
// word of the lexicon in any language (an `allow:` word too), every form.
// The known words are kept as a Bloom filter, a few hundred kilobytes in
// place of the dictionary: a token it wrongly calls known is a slip left
// unread, never a word misread.
//
// Only edits that keep the letters are read: a letter changed for another
// ("tcot" -> "thot", "jigga" -> "nigga") is how other words are spelt, not
// how rule words are mistyped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace modfilter {

// What a slip was meant to be: a form, or the token split in two.
struct SlipReading {
  std::string_view form;    // the word meant; empty for a split
  std::uint32_t split = 0;  // run together: a space belongs before this byte
};

class SlipIndex {
 public:
  bool empty() const noexcept { return forms_.empty(); }
  std::size_t form_count() const noexcept { return forms_.size(); }
  std::size_t known_count() const noexcept { return known_count_; }

  // Whether `word` (lower-case a-z) is known. May say yes, at a rate near
  // 1 in 5,000, for a word that is not; never says no for one that is.
  bool known(std::string_view word) const noexcept;
  // Whether `word` is a form, exactly.
  bool is_form(std::string_view word) const noexcept;
  // What `token` (lower-case a-z, 4 letters or more) reads as, if it is a
  // slip: the form one slip away (a swap before a drop before an addition,
  // then the first form in byte order), unless the token is as near
  // another word; else a split into a form and a known word (or "i" or "u"
  // before a form). The caller has checked that the token is not known.
  std::optional<SlipReading> read(std::string_view token) const;
  // Every form one slip from `word` (for lint: the dictionary words a form's
  // slips would reach, were they not known).
  std::vector<std::string_view> forms_near(std::string_view word) const;

 private:
  friend class SlipIndexBuilder;
  friend class CompiledRulesCodec;

  // An entry of table_: a form, or a form less one letter.
  static constexpr std::uint32_t kDeletion = 1u << 31;
  struct Slot {
    std::uint32_t tag = 0;    // the key's hash, high half
    std::uint32_t entry = 0;  // form index | kDeletion; 0xffffffff: free
  };
  static constexpr std::uint32_t kFree = 0xffffffffu;

  static std::uint64_t hash(std::string_view s) noexcept;
  static constexpr std::size_t kLineWords = 8;  // 64 bytes
  template <typename F>
  static void for_each_known_bit(std::uint64_t h, std::size_t lines,
                                 std::uint8_t probes, F&& f) noexcept;
  // Builds table_ from forms_ (also after loading a database file).
  void index();
  void insert(std::uint64_t h, std::uint32_t entry);
  // Calls `f(entry)` for each entry whose key hashes as `s` does.
  template <typename F>
  void probe(std::string_view s, F&& f) const;
  std::optional<std::uint32_t> split_at(std::string_view token) const;
  // Whether `token`, read as a form with a letter `added` (else dropped or
  // swapped), is as near a known word that is no form, by the same kind of
  // slip: then it may as well be a misspelling of that word.
  bool near_other_word(std::string_view token, bool added) const;

  std::vector<std::string> forms_;       // sorted, distinct
  std::vector<std::uint64_t> known_;     // Bloom filter, lines of 8 words
  std::uint8_t probes_ = 0;
  std::uint64_t known_count_ = 0;
  std::vector<Slot> table_;              // 2^k slots, open addressing
  std::vector<std::uint64_t> keys_;      // filter of table_'s keys, 2^k words
};

// Collects forms and known words while a rule set compiles.
class SlipIndexBuilder {
 public:
  // A form, if it is 4 or more letters a-z; also a known word.
  void add_form(std::string_view word);
  // A known word, in any case; ignored unless it is letters a-z (any
  // case) only.
  void add_known(std::string_view word);
  // Every word of the dictionary at core/dictionary_file.h's
  // english_dictionary_path(), hashed once per process: the compiler is run
  // many times by the tests alone, and by a service at each reload.
  // Returns false when no dictionary is installed.
  bool add_english_dictionary();
  SlipIndex build() const;

 private:
  std::vector<std::string> forms_;
  std::vector<std::uint64_t> known_;  // SlipIndex::hash() of each
  const std::vector<std::uint64_t>* dictionary_ = nullptr;  // sorted hashes
};

}  // namespace modfilter
