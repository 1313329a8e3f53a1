#include "engine/scanner/slip_reader.h"

#include <algorithm>
#include <array>

#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

// The view keeps the case of a comment that needed no other change
// (NormalizedText::is_identity), so letters are folded here.
char fold(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool alnum(char c) noexcept { return letter(c) || (c >= '0' && c <= '9'); }

// Per view byte: 0 for no word byte (normalize.h, is_word_byte), 1 for a
// word byte that is no letter a-z, else the letter in lower case: the one
// look-up the scan over every byte makes.
constexpr std::array<unsigned char, 256> kWordBytes = [] {
  std::array<unsigned char, 256> table{};
  for (unsigned c = 0; c < 256; ++c) {
    if (c >= 'a' && c <= 'z') {
      table[c] = static_cast<unsigned char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      table[c] = static_cast<unsigned char>(c - 'A' + 'a');
    } else if ((c >= '0' && c <= '9') || c >= 0x80) {
      table[c] = 1;
    }
  }
  return table;
}();

// A syllable of 1-3 letters said again and again: hehe, hahaha, lolol.
bool is_babble(std::string_view token) noexcept {
  for (std::size_t unit = 1; unit <= 3 && 2 * unit <= token.size(); ++unit) {
    bool repeats = true;
    for (std::size_t i = unit; i < token.size() && repeats; ++i) {
      repeats = token[i] == token[i % unit];
    }
    if (repeats) return true;
  }
  return false;
}

bool apostrophe_at(std::string_view text, std::size_t pos) noexcept {
  return (pos < text.size() && text[pos] == '\'') ||
         text.substr(pos).starts_with("\xE2\x80\x99");
}

bool apostrophe_before(std::string_view text, std::size_t pos) noexcept {
  return (pos >= 1 && text[pos - 1] == '\'') ||
         (pos >= 3 && text.substr(pos - 3, 3) == "\xE2\x80\x99");
}

// Whether the original bytes [begin, end) are the (folded) token letter
// for letter.
bool typed_word(std::string_view text, std::size_t begin, std::size_t end,
                std::string_view token) noexcept {
  if (end - begin != token.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (fold(text[begin + i]) != token[i]) return false;
  }
  return true;
}

// A capital and small letters after it, not where a sentence starts: a
// name ("Penistone", "Jims"), which no one misspells as a rule word.
bool name_at(std::string_view text, std::size_t begin,
             std::size_t end) noexcept {
  if (!(text[begin] >= 'A' && text[begin] <= 'Z') ||
      !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(begin) + 1,
                   text.begin() + static_cast<std::ptrdiff_t>(end),
                   [](char c) { return c >= 'a' && c <= 'z'; })) {
    return false;
  }
  std::size_t i = begin;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '"' ||
                   text[i - 1] == '\'' || text[i - 1] == '(')) {
    --i;
  }
  return i > 0 && text[i - 1] != '.' && text[i - 1] != '!' &&
         text[i - 1] != '?' && text[i - 1] != '\n';
}

// Whether the token at original bytes [begin, end) stands alone: not part
// of a handle, link, file name or contraction.
bool stands_alone(std::string_view text, std::size_t begin,
                  std::size_t end) noexcept {
  if (begin > 0) {
    const char before = text[begin - 1];
    if (before == '@' || before == '#' || before == '/' || before == '_' ||
        before == '\\' || before == '.' || alnum(before) ||
        apostrophe_before(text, begin)) {
      return false;
    }
  }
  if (end < text.size()) {
    const char after = text[end];
    if (after == '@' || after == '/' || after == '_' || after == '\\' ||
        alnum(after) || apostrophe_at(text, end) ||
        (after == '.' && end + 1 < text.size() && alnum(text[end + 1]))) {
      return false;
    }
  }
  return true;
}

// Whether the original bytes [begin, end) are the token's letters spaced
// out one by one ("a f a g"), as the normaliser joins them.
bool spaced_letters(std::string_view text, std::size_t begin, std::size_t end,
                    std::string_view token) noexcept {
  std::size_t next = 0;
  bool gap = true;
  for (std::size_t i = begin; i < end; ++i) {
    if (!letter(text[i])) {
      if (alnum(text[i])) return false;
      gap = true;
      continue;
    }
    if (!gap || next == token.size() || fold(text[i]) != token[next]) {
      return false;
    }
    ++next;
    gap = false;
  }
  return next == token.size();
}

// The normaliser joins a run of spaced letters with the one-letter word
// before it ("you are a f a g" -> "afag", "I h a t e" -> "ihate"): when the
// run starts with such a word and the whole is no known word (the caller
// has checked), the word is read apart. A spelled-out word that starts
// with one ("a s s h o l e", "i d i o t") is known, and stays whole.
bool lone_word_before_spaced_run(std::string_view token) noexcept {
  return token.size() >= 3 &&
         (token[0] == 'a' || token[0] == 'i' || token[0] == 'u');
}

}  // namespace

void find_slips(const SlipIndex& index, std::string_view text,
                const NormalizedText& normalized,
                std::vector<TokenEdit>& edits) {
  edits.clear();
  if (index.empty()) return;
  const std::string_view view = normalized.view();
  const auto flagged = normalized.flagged_tokens();
  std::size_t next_flag = 0;
  std::uint32_t pos = 0;
  const auto size = static_cast<std::uint32_t>(view.size());
  constexpr std::size_t kLongest = 32;  // SlipIndex reads no longer token
  std::array<char, kLongest> folded{};
  const auto* bytes = reinterpret_cast<const unsigned char*>(view.data());
  while (pos < size) {
    unsigned char byte = kWordBytes[bytes[pos]];
    if (byte == 0) {
      ++pos;
      continue;
    }
    const std::uint32_t begin = pos;
    bool letters = true;
    do {
      if (pos - begin < kLongest) folded[pos - begin] = static_cast<char>(byte);
      letters = letters && byte > 1;
      ++pos;
    } while (pos < size && (byte = kWordBytes[bytes[pos]]) != 0);
    while (next_flag < flagged.size() && flagged[next_flag].end <= begin) {
      ++next_flag;
    }
    if (!letters || pos - begin < 4 || pos - begin > kLongest) continue;
    const std::string_view token(folded.data(), pos - begin);
    // Nearly every token stops here, at one cache line of the filter.
    if (index.known(token)) continue;
    const ByteSpan origin = normalized.is_identity()
                                ? ByteSpan{begin, pos}
                                : normalized.to_original({begin, pos});
    if (origin.size() > token.size() &&
        spaced_letters(text, origin.begin, origin.end, token)) {
      if (lone_word_before_spaced_run(token)) {
        edits.push_back({{begin, pos}, {}, 1});
      }
      continue;
    }
    if (next_flag < flagged.size() && flagged[next_flag].begin < pos) continue;
    if (is_babble(token)) continue;
    if (!typed_word(text, origin.begin, origin.end, token) ||
        !stands_alone(text, origin.begin, origin.end) ||
        name_at(text, origin.begin, origin.end)) {
      continue;
    }
    if (const auto reading = index.read(token)) {
      edits.push_back({{begin, pos}, reading->form, reading->split});
    }
  }
}

}  // namespace modfilter
