#include "engine/compiler/token_index.h"

#include <algorithm>

#include "engine/normalize/normalize.h"
#include "engine/normalize/token_rules.h"

namespace modfilter {
namespace {

bool is_plain_word(std::string_view word) {
  return std::ranges::all_of(word, [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

void TokenIndex::add(std::string_view word_view, std::uint32_t pattern,
                     bool prefix) {
  if (word_view.empty() ||
      std::ranges::any_of(word_view, [](char c) {
        return !is_word_byte(static_cast<unsigned char>(c));
      })) {
    return;  // phrases span several tokens; their words are listed alone
  }
  auto insert = [&](std::string key) {
    if (prefix) longest_prefix_ = std::max(longest_prefix_, key.size());
    note_key(key, prefix);
    auto& hits = map_[std::move(key)];
    const TokenHit hit{pattern, prefix};
    const bool seen = std::ranges::any_of(hits, [&](const TokenHit& h) {
      return h.pattern == hit.pattern && h.prefix == hit.prefix;
    });
    if (!seen) hits.push_back(hit);
  };
  insert(token_key(word_view));
  const std::size_t n = word_view.size();
  if (n < 3 || !is_plain_word(word_view)) return;
  // '@' masks a letter as often as it stands for an 'a' ("bullsh@t"), and
  // the view reads it as 'a': an inner letter read as 'a' is a mask too.
  // Only tokens that leetspeak changed are looked up, so "shat" or "cant"
  // written as such never reach these keys.
  if (n >= 4) {
    for (std::size_t i = 1; i + 1 < n; ++i) {
      if (word_view[i] == 'a') continue;
      std::string at(word_view);
      at[i] = 'a';
      insert(token_key(at));
    }
  }
  // Masking hides an inner run of letters and keeps the first and last.
  for (std::size_t first = 1; first + 1 < n; ++first) {
    for (std::size_t last = first; last + 1 < n; ++last) {
      std::string masked(word_view.substr(0, first));
      masked += '*';
      masked += word_view.substr(last + 1);
      insert(token_key(masked));
    }
  }
  // Or it hides the tail and keeps the head (fuc*, asshol*), which the view
  // makes part of the token only after kMinMaskedHead letters. A mask after
  // the whole word joins the token too, so the word + '*' is a key: the
  // token of "bu11shit#" is "buiishit*", which no literal finds.
  for (std::size_t head = kMinMaskedHead; head <= n; ++head) {
    std::string masked(word_view.substr(0, head));
    masked += '*';
    insert(token_key(masked));
  }
}

std::span<const TokenHit> TokenIndex::find(std::string_view key) const {
  if (key.size() >= 2 && !heads_.test(head_of(key))) return {};
  const auto it = map_.find(key);
  return it == map_.end() ? std::span<const TokenHit>{} : it->second;
}

}  // namespace modfilter
