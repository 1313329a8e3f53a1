// The moderator page (moderator_page.html, embedded at build time by
// cmake/embed_text.cmake): HTML, CSS and script in one document, with no
// external asset. Its script carries the nonce placeholder kPageNonce,
// which each response replaces with the nonce of its Content-Security-Policy.
#pragma once

#include <string_view>

namespace modfilter::http {

inline constexpr std::string_view kPageNonce = "MODFILTER_NONCE";

std::string_view moderator_page() noexcept;

}  // namespace modfilter::http
