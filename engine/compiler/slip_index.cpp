#include "engine/compiler/slip_index.h"

#include <algorithm>
#include <array>
#include <bit>

#include "engine/core/assert.h"
#include "engine/core/dictionary_file.h"

namespace modfilter {
namespace {

// Bloom filter sizing: 20 bits and 8 probes a key, blocked in cache lines:
// about 1 in 5,000 wrong. At 12 bits a word some misspellings of the
// functional suite's templates came out "known", a few rows each.
constexpr std::size_t kBitsPerKnownWord = 20;
constexpr std::uint8_t kProbes = 8;
constexpr std::size_t kMinTokenLetters = 4;
constexpr std::size_t kMaxTokenLetters = 32;

bool letters_only(std::string_view word) noexcept {
  return !word.empty() && std::ranges::all_of(word, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

enum class SlipKind { kSwap, kDrop, kAdd };

// How `token` is one slip from `form`, if it is. A word's first letter is
// rarely dropped or added by a slip, but the rest of another word often
// looks so: "cking" of "fu cking", "icin" and "picin", "itch" and "bitch".
std::optional<SlipKind> slip_between(std::string_view token,
                                     std::string_view form) noexcept {
  std::size_t i = 0;
  while (i < token.size() && i < form.size() && token[i] == form[i]) ++i;
  if (i == 0 && token.size() != form.size()) return std::nullopt;
  if (token.size() == form.size()) {
    if (i + 1 < token.size() && token[i] == form[i + 1] &&
        token[i + 1] == form[i] &&
        token.substr(i + 2) == form.substr(i + 2)) {
      return SlipKind::kSwap;
    }
    return std::nullopt;
  }
  if (token.size() + 1 == form.size()) {
    return token.substr(i) == form.substr(i + 1)
               ? std::optional(SlipKind::kDrop)
               : std::nullopt;
  }
  if (token.size() == form.size() + 1) {
    return token.substr(i + 1) == form.substr(i)
               ? std::optional(SlipKind::kAdd)
               : std::nullopt;
  }
  return std::nullopt;
}

// Calls `f(deletion)` for each distinct string `word` less one letter.
template <typename F>
void for_each_deletion(std::string_view word, F&& f) {
  std::array<char, kMaxTokenLetters + 1> buffer{};
  if (word.size() > buffer.size()) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue;  // the same deletion
    std::copy(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(i),
              buffer.begin());
    std::copy(word.begin() + static_cast<std::ptrdiff_t>(i) + 1, word.end(),
              buffer.begin() + static_cast<std::ptrdiff_t>(i));
    f(std::string_view(buffer.data(), word.size() - 1));
  }
}

}  // namespace

std::uint64_t SlipIndex::hash(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then a final mix
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// The known words' filter is blocked: a word's probes all fall in one
// cache line of 8 words (chosen by the hash's low half, the bits in it by
// its high one), so that a token costs one cache miss, not eight.
template <typename F>
void SlipIndex::for_each_known_bit(std::uint64_t h, std::size_t lines,
                                   std::uint8_t probes, F&& f) noexcept {
  const std::size_t line =
      static_cast<std::size_t>(((h & 0xffffffffu) * lines) >> 32) * kLineWords;
  const std::uint64_t step = (h >> 49) | 1;
  std::uint64_t bit = h >> 32;
  for (std::uint8_t i = 0; i < probes; ++i, bit += step) {
    const std::size_t b = bit & (kLineWords * 64 - 1);
    f(line + (b >> 6), std::uint64_t{1} << (b & 63));
  }
}

bool SlipIndex::known(std::string_view word) const noexcept {
  if (known_.empty()) return false;
  bool all = true;
  for_each_known_bit(hash(word), known_.size() / kLineWords, probes_,
                     [&](std::size_t w, std::uint64_t bit) {
                       all = all && (known_[w] & bit) != 0;
                     });
  return all;
}

template <typename F>
void SlipIndex::probe(std::string_view s, F&& f) const {
  if (table_.empty()) return;
  const std::uint64_t h = hash(s);
  // Most strings probed are no key: a filter of two bits in one word,
  // small enough to stay in cache, answers for them before the table.
  const std::uint64_t filter = keys_[(h >> 32) & (keys_.size() - 1)];
  const std::uint64_t bits =
      (std::uint64_t{1} << (h >> 52 & 63)) | (std::uint64_t{1} << (h >> 58));
  if ((filter & bits) != bits) return;
  const std::size_t mask = table_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = table_[i];
    if (slot.entry == kFree) return;
    if (slot.tag == tag) f(slot.entry);
  }
}

bool SlipIndex::is_form(std::string_view word) const noexcept {
  bool found = false;
  probe(word, [&](std::uint32_t entry) {
    found = found || ((entry & kDeletion) == 0 && forms_[entry] == word);
  });
  return found;
}

std::optional<std::uint32_t> SlipIndex::split_at(
    std::string_view token) const {
  // The longest form wins: "killall" is "kill all", not "kil lall".
  std::optional<std::uint32_t> best;
  std::size_t best_form = 0;
  for (std::size_t k = 1; k < token.size(); ++k) {
    const std::string_view head = token.substr(0, k);
    const std::string_view tail = token.substr(k);
    // "a" is left out: "askin" is no "a skin".
    const bool lone_letter = head == "i" || head == "u";
    if (tail.size() > best_form && is_form(tail) &&
        (lone_letter || (head.size() >= 3 && known(head)))) {
      best = static_cast<std::uint32_t>(k);
      best_form = tail.size();
    }
    if (head.size() > best_form && tail.size() >= 3 && is_form(head) &&
        known(tail)) {
      best = static_cast<std::uint32_t>(k);
      best_form = head.size();
    }
  }
  return best;
}

std::optional<SlipReading> SlipIndex::read(std::string_view token) const {
  if (token.size() < kMinTokenLetters || token.size() > kMaxTokenLetters) {
    return std::nullopt;
  }
  std::optional<std::pair<SlipKind, std::string_view>> best;
  const auto consider = [&](std::uint32_t entry) {
    const std::string_view form = forms_[entry & ~kDeletion];
    const auto kind = slip_between(token, form);
    if (!kind) return;
    const std::pair<SlipKind, std::string_view> candidate{*kind, form};
    if (!best || candidate < *best) best = candidate;
  };
  // A drop: the token is a form less one letter.
  probe(token, [&](std::uint32_t entry) {
    if ((entry & kDeletion) != 0) consider(entry);
  });
  // An addition (a form is the token less one letter), or a swap (the two
  // less one letter agree).
  for_each_deletion(token, [&](std::string_view deletion) {
    probe(deletion, consider);
  });
  if (best) {
    if (near_other_word(token, best->first == SlipKind::kAdd)) {
      return std::nullopt;
    }
    return SlipReading{best->second, 0};
  }
  if (const auto split = split_at(token)) return SlipReading{{}, *split};
  return std::nullopt;
}

bool SlipIndex::near_other_word(std::string_view token, bool added) const {
  const auto other_word = [&](std::string_view word) {
    return known(word) && !is_form(word);
  };
  // A known word and an s: a plural, a possessive ("jims" is no "jism").
  if (token.back() == 's' && other_word(token.substr(0, token.size() - 1))) {
    return true;
  }
  std::array<char, kMaxTokenLetters + 1> buffer{};
  bool near = false;
  if (added) {
    // The letter too many may make another word of 4 or more ("thout":
    // "thou" as much as "thot"), though not by the first letter (as
    // slip_between); 3-letter words are one slip from nearly anything.
    if (token.size() > 4) {
      for_each_deletion(token.substr(1), [&](std::string_view rest) {
        std::copy(rest.begin(), rest.end(), buffer.begin() + 1);
        buffer[0] = token[0];
        near = near || other_word(std::string_view(buffer.data(), rest.size() + 1));
      });
    }
    return near;
  }
  // A letter dropped may be one of a doubled pair ("fiting": "fitting" as
  // much as "fisting").
  for (std::size_t i = 0; i < token.size() && !near; ++i) {
    std::copy(token.begin(), token.begin() + static_cast<std::ptrdiff_t>(i) + 1,
              buffer.begin());
    std::copy(token.begin() + static_cast<std::ptrdiff_t>(i), token.end(),
              buffer.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    near = other_word(std::string_view(buffer.data(), token.size() + 1));
  }
  return near;
}

std::vector<std::string_view> SlipIndex::forms_near(
    std::string_view word) const {
  std::vector<std::string_view> out;
  const auto consider = [&](std::uint32_t entry) {
    const std::string_view form = forms_[entry & ~kDeletion];
    if (slip_between(word, form)) out.push_back(form);
  };
  probe(word, [&](std::uint32_t entry) {
    if ((entry & kDeletion) != 0) consider(entry);
  });
  for_each_deletion(word, [&](std::string_view d) { probe(d, consider); });
  std::ranges::sort(out);
  const auto [first, last] = std::ranges::unique(out);
  out.erase(first, last);
  return out;
}

void SlipIndex::insert(std::uint64_t h, std::uint32_t entry) {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = h & mask;
  while (table_[i].entry != kFree) i = (i + 1) & mask;
  table_[i] = {static_cast<std::uint32_t>(h >> 32), entry};
  keys_[(h >> 32) & (keys_.size() - 1)] |=
      (std::uint64_t{1} << (h >> 52 & 63)) | (std::uint64_t{1} << (h >> 58));
}

void SlipIndex::index() {
  std::size_t keys = 0;
  for (const std::string& form : forms_) keys += form.size() + 1;
  table_.assign(forms_.empty() ? 0 : std::bit_ceil(2 * keys + 1),
                Slot{0, kFree});
  // 16 bits a key.
  keys_.assign(std::bit_ceil(keys / 4 + 1), 0);
  for (std::uint32_t f = 0; f < forms_.size(); ++f) {
    insert(hash(forms_[f]), f);
    for_each_deletion(forms_[f], [&](std::string_view deletion) {
      insert(hash(deletion), f | kDeletion);
    });
  }
}

void SlipIndexBuilder::add_form(std::string_view word) {
  if (word.size() < kMinTokenLetters || word.size() > kMaxTokenLetters ||
      !letters_only(word)) {
    return;
  }
  forms_.push_back(lower(word));
}

void SlipIndexBuilder::add_known(std::string_view word) {
  if (letters_only(word)) known_.push_back(SlipIndex::hash(lower(word)));
}

bool SlipIndexBuilder::add_english_dictionary() {
  // The words themselves are dropped once hashed: a service that reloads
  // its rules keeps 8 bytes a word, not the word list.
  static const std::vector<std::uint64_t> hashes = [] {
    std::vector<std::uint64_t> out;
    const std::filesystem::path path = english_dictionary_path();
    if (path.empty()) return out;
    auto words = read_dictionary(path);
    if (!words) return out;
    for (const std::string& word : *words) {
      if (letters_only(word)) out.push_back(SlipIndex::hash(lower(word)));
    }
    std::ranges::sort(out);
    const auto [first, last] = std::ranges::unique(out);
    out.erase(first, last);
    return out;
  }();
  dictionary_ = &hashes;
  return !hashes.empty();
}

SlipIndex SlipIndexBuilder::build() const {
  SlipIndex index;
  index.forms_ = forms_;
  std::ranges::sort(index.forms_);
  const auto [first, last] = std::ranges::unique(index.forms_);
  index.forms_.erase(first, last);
  if (index.forms_.empty()) return index;

  // The rule set's own words beside the dictionary's (sorted), so that
  // building makes no copy of the dictionary: a reload allocates the
  // filter and little more.
  std::vector<std::uint64_t> extra = known_;
  for (const std::string& form : index.forms_) {
    extra.push_back(SlipIndex::hash(form));
  }
  std::ranges::sort(extra);
  const auto [kfirst, klast] = std::ranges::unique(extra);
  extra.erase(kfirst, klast);
  static const std::vector<std::uint64_t> kNone;
  const std::vector<std::uint64_t>& dictionary =
      dictionary_ != nullptr ? *dictionary_ : kNone;
  std::erase_if(extra, [&](std::uint64_t h) {
    return std::ranges::binary_search(dictionary, h);
  });
  index.known_count_ = dictionary.size() + extra.size();
  const std::size_t line_bits = SlipIndex::kLineWords * 64;
  index.known_.assign(
      (index.known_count_ * kBitsPerKnownWord + line_bits - 1) / line_bits *
          SlipIndex::kLineWords,
      0);
  index.probes_ = kProbes;
  const std::size_t lines = index.known_.size() / SlipIndex::kLineWords;
  const std::vector<std::uint64_t>& extra_words = extra;
  for (const auto* words : {&dictionary, &extra_words}) {
    for (const std::uint64_t h : *words) {
      SlipIndex::for_each_known_bit(h, lines, kProbes,
                                    [&](std::size_t w, std::uint64_t bit) {
                                      index.known_[w] |= bit;
                                    });
    }
  }
  index.index();
  MODFILTER_ASSERT(std::ranges::all_of(
      index.forms_, [&](const std::string& f) { return index.known(f); }));
  return index;
}

}  // namespace modfilter
