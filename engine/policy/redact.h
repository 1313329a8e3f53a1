// Redaction: the comment as a site may publish it, with the words of the
// rules it does not tolerate masked rather than the whole comment refused.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/policy/verdict.h"

namespace modfilter {

// The categories masked when a caller names none.
inline constexpr std::string_view kDefaultRedactCategories[] = {"profanity"};

// `text` with every span of the reasons whose category is in `categories`
// masked: the span's first character kept, every other character (code
// point, not byte) replaced by one '*', so "fuck" -> "f***" and a disguised
// "f u c k" -> "f******". Spans are byte offsets into `text` (the verdict's
// own), widened to whole UTF-8 sequences, and overlapping spans are merged,
// so the result is valid UTF-8 wherever `text` was. Bytes that are not
// UTF-8 count as one character each.
std::string redact(std::string_view text, const Verdict& verdict,
                   std::span<const std::string_view> categories =
                       kDefaultRedactCategories);

}  // namespace modfilter
