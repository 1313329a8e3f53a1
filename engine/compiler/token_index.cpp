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

void TokenIndexBuilder::insert(std::string key, TokenHit hit) {
  if (hit.prefix) longest_prefix_ = std::max(longest_prefix_, key.size());
  auto& hits = keys_[std::move(key)];
  const bool seen = std::ranges::any_of(hits, [&](const TokenHit& h) {
    return h.lexeme == hit.lexeme && h.prefix == hit.prefix;
  });
  if (!seen) hits.push_back(hit);
}

void TokenIndexBuilder::add(std::string_view word_view, std::uint32_t lexeme,
                            bool prefix) {
  if (word_view.empty() ||
      std::ranges::any_of(word_view, [](char c) {
        return !is_word_byte(static_cast<unsigned char>(c));
      })) {
    return;  // phrases span several tokens; their words are listed alone
  }
  auto insert = [&](std::string key) {
    this->insert(std::move(key), TokenHit{lexeme, prefix});
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

TokenIndex TokenIndexBuilder::build() const {
  TokenIndex index;
  index.longest_prefix_ = longest_prefix_;
  index.entries_.reserve(keys_.size());
  for (const auto& [key, hits] : keys_) {
    index.entries_.push_back(
        {static_cast<std::uint32_t>(index.keys_.size()),
         static_cast<std::uint32_t>(key.size()),
         static_cast<std::uint32_t>(index.hits_.size()),
         static_cast<std::uint32_t>(hits.size())});
    index.keys_ += key;
    index.hits_.insert(index.hits_.end(), hits.begin(), hits.end());
  }
  index.index();
  return index;
}

// FNV-1a: keys are a few bytes long.
std::uint64_t TokenIndex::hash(std::string_view key) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : key) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return h;
}

bool TokenIndex::well_formed() const noexcept {
  return std::ranges::all_of(entries_, [this](const Entry& e) {
    return e.key_size > 0 && e.key <= keys_.size() &&
           e.key_size <= keys_.size() - e.key && e.hit_count > 0 &&
           e.hits <= hits_.size() && e.hit_count <= hits_.size() - e.hits;
  });
}

void TokenIndex::index() {
  std::size_t slots = 16;
  while (slots < 2 * entries_.size()) slots *= 2;
  table_.assign(slots, 0);
  heads_.reset();
  prefix_heads_.reset();
  prefix_lengths_ = 0;
  const std::size_t mask = slots - 1;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    const std::string_view key = key_of(entries_[i]);
    std::size_t slot = hash(key) & mask;
    while (table_[slot] != 0) slot = (slot + 1) & mask;
    table_[slot] = i + 1;
    if (key.size() >= 2) heads_.set(head_of(key));
    const Entry& e = entries_[i];
    const bool prefix = std::ranges::any_of(
        std::span(hits_).subspan(e.hits, e.hit_count),
        [](const TokenHit& h) { return h.prefix; });
    if (!prefix) continue;
    if (key.size() >= 2) prefix_heads_.set(head_of(key));
    if (key.size() < 64) prefix_lengths_ |= std::uint64_t{1} << key.size();
  }
}

std::span<const TokenHit> TokenIndex::find(std::string_view key) const noexcept {
  if (table_.empty() || (key.size() >= 2 && !heads_.test(head_of(key)))) {
    return {};
  }
  const std::size_t mask = table_.size() - 1;
  // At most half the slots are used: the probe meets a free one.
  for (std::size_t slot = hash(key) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t n = table_[slot];
    if (n == 0) return {};
    const Entry& e = entries_[n - 1];
    if (key_of(e) == key) return std::span(hits_).subspan(e.hits, e.hit_count);
  }
}

}  // namespace modfilter
