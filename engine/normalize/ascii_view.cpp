#include "engine/normalize/ascii_view.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/normalize/ascii_spacing.h"
#include "engine/normalize/ascii_traits.h"
#include "engine/normalize/normalize.h"
#include "engine/normalize/token_rules.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {
namespace {

// The two inputs of stage B on bytes. A unit is one byte, so it stands for
// original bytes [begin(k), begin(k) + 1).

// The text as it is: unit k is byte k. Most text has no spaced letters.
class PlainChars {
 public:
  explicit PlainChars(std::string_view text) : text_(text) {}

  std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(text_.size());
  }
  unsigned char operator[](std::uint32_t k) const noexcept {
    return static_cast<unsigned char>(text_[k]);
  }
  std::uint32_t begin(std::uint32_t k) const noexcept { return k; }
  std::uint16_t transforms(std::uint32_t) const noexcept { return 0; }

  // Writes units [from, to) lower-cased.
  void copy(std::uint32_t from, std::uint32_t to, ViewWriter& writer) const {
    writer.append_lowered(text_.substr(from, to - from), from);
  }

 private:
  std::string_view text_;
};

// The text with its spaced letters joined, as join_spaced_letters leaves the
// units: the separators in a chain gone, its letters marked.
class JoinedChars {
 public:
  // Refills this from `text` (reusing the buffers).
  void join(std::string_view text, std::span<const SpacedChain> chains) {
    bytes_.clear();
    begins_.clear();
    transforms_.clear();
    std::size_t next = 0;  // the chain at or after byte i
    for (std::uint32_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      std::uint16_t transforms = 0;
      if (next < chains.size() && i >= chains[next].first) {
        if (i == chains[next].last) ++next;
        if ((ascii_traits(c) & kTraitSeparates) != 0) continue;
        transforms = kTransformSpacing;
      }
      bytes_.push_back(c);
      begins_.push_back(i);
      transforms_.push_back(transforms);
    }
  }

  std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(bytes_.size());
  }
  unsigned char operator[](std::uint32_t k) const noexcept { return bytes_[k]; }
  std::uint32_t begin(std::uint32_t k) const noexcept { return begins_[k]; }
  std::uint16_t transforms(std::uint32_t k) const noexcept {
    return transforms_[k];
  }

  void copy(std::uint32_t from, std::uint32_t to, ViewWriter& writer) const {
    for (std::uint32_t k = from; k < to; ++k) {
      const unsigned char c = bytes_[k];
      const bool capital = c >= 'A' && c <= 'Z';
      writer.append_byte(static_cast<char>(capital ? c + ('a' - 'A') : c),
                         begins_[k], begins_[k] + 1,
                         transforms_[k] | (capital ? kTransformCase : 0));
    }
  }

 private:
  std::vector<unsigned char> bytes_;
  std::vector<std::uint32_t> begins_;
  std::vector<std::uint16_t> transforms_;
};

// What a word unit reads as once leetspeak and case are undone (read_leet,
// lower_case): a lower-case letter with the bits that explain it, or
// letter 0 when it stays as it is.
struct ReadLetter {
  char letter = 0;
  std::uint16_t transforms = 0;
};

// `anchored`: a letter, digit or $ follows in the word, so ! @ | are letters.
ReadLetter read_letter(unsigned char c, bool anchored) noexcept {
  if (c >= 'a' && c <= 'z') return {static_cast<char>(c), 0};
  if (c >= 'A' && c <= 'Z') {
    return {static_cast<char>(c - 'A' + 'a'), kTransformCase};
  }
  char letter = 0;
  if (c >= '0' && c <= '9') {
    letter = leet_letter_of_digit(c);
  } else if (c == '$') {
    letter = 's';
  } else if (anchored && c == '@') {
    letter = 'a';
  } else if (anchored && (c == '!' || c == '|')) {
    letter = 'i';
  }
  return {letter, letter != 0 ? kTransformLeet : kTransformNone};
}

// One look at a word starting at `begin`: where it ends (word_end) and what
// it needs (survey).
struct Word {
  std::uint32_t end = 0;
  std::uint16_t traits = 0;  // of its word units, or-ed
  bool masked = false;       // has a masking run
  bool stretched = false;    // has 3 equal bytes in a row (case aside)
  bool transformed = false;  // some unit has transforms already

  bool letter() const noexcept { return (traits & kTraitLetter) != 0; }
  // Whether leet, case, masking or stretching may change it; a word that
  // has no letter is never changed.
  bool changes() const noexcept {
    return letter() && ((traits & kTraitChanges) != 0 || masked || stretched ||
                        transformed);
  }
  // Whether a unit of it that binds no neighbour may be a spaced letter.
  bool loose() const noexcept { return masked || (traits & kTraitLoose) != 0; }
};

// masks_tail (token_pass.cpp) on units: the kMinMaskedHead units before
// `end` are letters, and no mask opens the word [begin, end).
template <class Chars>
bool masks_tail(const Chars& chars, std::uint32_t begin, std::uint32_t end) {
  if (end - begin < kMinMaskedHead) return false;
  if (begin > 0 && (ascii_traits(chars[begin - 1]) & kTraitMask) != 0) {
    return false;
  }
  for (std::uint32_t k = end - kMinMaskedHead; k < end; ++k) {
    if ((ascii_traits(chars[k]) & kTraitLetter) == 0) return false;
  }
  return true;
}

template <class Chars>
Word find_word(const Chars& chars, std::uint32_t begin) {
  // The hottest loop of the fast path: plain locals and no branches but
  // the loop's own.
  const std::uint32_t n = chars.size();
  std::uint32_t k = begin;
  std::uint16_t traits = 0;
  std::uint16_t transforms = 0;
  bool masked = false;
  bool stretched = false;
  unsigned previous = 0;
  bool repeated = false;  // the unit before repeats the one before it
  while (true) {
    for (; k < n; ++k) {
      const unsigned char c = chars[k];
      const std::uint16_t unit_traits = ascii_traits(c);
      if ((unit_traits & kTraitWord) == 0) break;
      traits |= unit_traits;
      // | 0x20 lower-cases letters and keeps other word units apart.
      const unsigned folded = c | 0x20u;
      const bool repeats = folded == previous;
      stretched |= repeats & repeated;
      repeated = repeats;
      previous = folded;
      transforms |= chars.transforms(k);
    }
    // A masking run inside the word belongs to it, and so does one that
    // masks its tail.
    std::uint32_t after = k;
    while (after < n && (ascii_traits(chars[after]) & kTraitMask) != 0) {
      ++after;
    }
    if (after == k) break;
    if (after == n || (ascii_traits(chars[after]) & kTraitWord) == 0) {
      if (masks_tail(chars, begin, k)) {
        masked = true;
        k = after;
      }
      break;
    }
    masked = true;
    previous = 0;
    repeated = false;
    k = after;
  }
  return {k, traits, masked, stretched, transforms != 0};
}

template <class Chars>
class AsciiViewWriter {
 public:
  AsciiViewWriter(const Chars& chars, ViewWriter& writer)
      : chars_(chars), writer_(writer) {}

  // Stage B. Runs of units that stay as they are (case aside) are written
  // in bulk; only changed words and whitespace runs go unit by unit.
  void write() {
    const std::uint32_t n = chars_.size();
    std::uint32_t unwritten = 0;  // units before it are written
    for (std::uint32_t i = 0; i < n;) {
      const std::uint16_t traits = ascii_traits(chars_[i]);
      if ((traits & kTraitWord) != 0) {
        const Word word = find_word(chars_, i);
        count_spaced_candidates(i, word);
        if (word.changes()) {
          chars_.copy(unwritten, i, writer_);
          write_changed(i, word);
          unwritten = word.end;
        }
        i = word.end;
      } else if ((traits & kTraitSpace) != 0 &&
                 (chars_[i] != ' ' ||
                  (i + 1 < n && (ascii_traits(chars_[i + 1]) & kTraitSpace)))) {
        chars_.copy(unwritten, i, writer_);
        i = write_space(i);
        unwritten = i;
      } else {
        ++i;
      }
    }
    chars_.copy(unwritten, n, writer_);
  }

  // Whether the text may hold spaced letters (f u c k): at least 3 units
  // that can be one. Else join_spaced_letters would change nothing.
  bool may_have_spaced_letters() const noexcept {
    return spaced_candidates_ >= kMinSpacedLetters;
  }

 private:
  // Counts the units of a word that can be spaced letters: those whose
  // neighbours bind nothing. The units of a word bind each other, unless it
  // has a loose unit or a mask; a unit alone is bounded by others that do
  // not bind (but for an apostrophe).
  void count_spaced_candidates(std::uint32_t begin, const Word& word) {
    if (word.end - begin > 1 && !word.loose()) return;
    const std::uint32_t n = chars_.size();
    const auto binds = [&](std::uint32_t k) {
      return (ascii_traits(chars_[k]) & kTraitBinds) != 0;
    };
    for (std::uint32_t k = begin; k < word.end; ++k) {
      if ((ascii_traits(chars_[k]) & kTraitCanBeSpaced) != 0 &&
          !(k > 0 && binds(k - 1)) && !(k + 1 < n && binds(k + 1))) {
        ++spaced_candidates_;
      }
    }
  }

  // Appends a view byte for units [first, last].
  void append(char byte, std::uint32_t first, std::uint32_t last,
              std::uint16_t transforms) {
    writer_.append_byte(byte, chars_.begin(first), chars_.begin(last) + 1,
                        transforms);
  }

  // write_space: a run of whitespace becomes one ' '.
  std::uint32_t write_space(std::uint32_t begin) {
    std::uint16_t transforms = chars_.transforms(begin);
    std::uint32_t end = begin + 1;
    for (;
         end < chars_.size() && (ascii_traits(chars_[end]) & kTraitSpace) != 0;
         ++end) {
      transforms |= chars_.transforms(end);
    }
    if (chars_[begin] != ' ' || end - begin > 1) transforms |= kTransformSpace;
    append(' ', begin, end - 1, transforms);
    return end;
  }

  // write_word for a word with a letter: read_leet, lower_case and
  // merge_runs, then the token flagged if they changed it.
  void write_changed(std::uint32_t begin, const Word& word) {
    const std::uint32_t start = writer_.size();
    std::uint16_t all = 0;                 // transforms of the units written
    std::uint32_t anchors_end = word.end;  // past its last letter, digit, $
    while (anchors_end > begin &&
           (ascii_traits(chars_[anchors_end - 1]) & kTraitAnchor) == 0) {
      --anchors_end;
    }
    const auto read = [&](std::uint32_t k) {
      ReadLetter r = read_letter(chars_[k], k < anchors_end);
      r.transforms |= chars_.transforms(k);
      return r;
    };
    for (std::uint32_t k = begin; k < word.end;) {
      const unsigned char c = chars_[k];
      std::uint32_t run = k + 1;
      if ((ascii_traits(c) & kTraitMask) != 0) {
        std::uint16_t transforms = chars_.transforms(k) | kTransformMask;
        for (; run < word.end && (ascii_traits(chars_[run]) & kTraitMask) != 0;
             ++run) {
          transforms |= chars_.transforms(run);
        }
        append('*', k, run - 1, transforms);
        all |= transforms;
        k = run;
        continue;
      }
      const ReadLetter r = read(k);
      if (r.letter == 0) {
        append(static_cast<char>(c), k, k, r.transforms);
        all |= r.transforms;
        ++k;
        continue;
      }
      std::uint16_t transforms = r.transforms;
      for (; run < word.end; ++run) {
        const ReadLetter next = read(run);
        if (next.letter != r.letter) break;
        transforms |= next.transforms;
      }
      if (run - k >= kMinStretch) {
        transforms |= kTransformStretch;
      } else {
        run = k + 1;
        transforms = r.transforms;
      }
      append(r.letter, k, run - 1, transforms);
      all |= transforms;
      k = run;
    }
    if ((all & kTokenChanges) != 0) writer_.flag_word_from(start);
  }

  const Chars& chars_;
  ViewWriter& writer_;
  std::size_t spaced_candidates_ = 0;
};

}  // namespace

void normalize_ascii(std::string_view text, NormalizedText& out,
                     const NormalizeOptions& options) {
  const PlainChars plain(text);
  ViewWriter writer(out, text, options.record_transforms);
  AsciiViewWriter<PlainChars> plain_writer(plain, writer);
  plain_writer.write();
  if (plain_writer.may_have_spaced_letters()) {
    // Per thread, so that a warm thread allocates nothing.
    thread_local std::vector<SpacedChain> chains;
    thread_local JoinedChars joined;
    find_spaced_chains(text, chains);
    if (!chains.empty()) {
      // Rare: the view is written again from the joined units.
      joined.join(text, chains);
      ViewWriter joined_writer(out, text, options.record_transforms);
      AsciiViewWriter<JoinedChars>(joined, joined_writer).write();
      joined_writer.finish(/*ascii_text=*/true);
      return;
    }
  }
  writer.finish(/*ascii_text=*/true);
}

}  // namespace modfilter
