#include "engine/scanner/view_tokens.h"

#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

bool ends_sentence(char c) noexcept {
  return c == '.' || c == '!' || c == '?' || c == ';';
}

}  // namespace

void split_view_tokens(std::string_view view, std::vector<ViewToken>& tokens) {
  tokens.clear();
  std::uint32_t sentence = 0;
  std::size_t i = 0;
  while (i < view.size()) {
    const auto c = static_cast<unsigned char>(view[i]);
    if (!is_word_byte(c)) {
      if (ends_sentence(view[i]) && !tokens.empty()) {
        sentence = static_cast<std::uint32_t>(tokens.size());
      }
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < view.size() && is_word_byte(static_cast<unsigned char>(view[i]))) ++i;
    tokens.push_back({static_cast<std::uint32_t>(begin),
                      static_cast<std::uint32_t>(i), sentence});
  }
}

}  // namespace modfilter
