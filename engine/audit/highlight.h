// Marking the matched words of a comment: the spans of its reasons merged
// into disjoint runs, each wrapped in an opening and a closing mark (ANSI
// colours, [[brackets]], <mark> tags), with the text between them passed
// through an escaping function of the caller's choice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/span.h"

namespace modfilter {

// Sorted, overlapping and touching spans joined, clipped to `size` bytes.
std::vector<ByteSpan> merge_spans(std::vector<ByteSpan> spans, std::size_t size);

using AppendText = void (*)(std::string& out, std::string_view text);

// Appends `text` with every merged span between `open` and `close`; the
// text itself (inside and outside spans) goes through `append_text`.
void append_highlighted(std::string& out, std::string_view text,
                        const std::vector<ByteSpan>& spans, std::string_view open,
                        std::string_view close, AppendText append_text);

// For a terminal: the text as written, except what would act on the
// terminal or hide from the moderator: control characters (C0, DEL, C1: a
// comment must not move the cursor or retitle the window) become \n, \t or
// \xNN; invisible and bidirectional format characters (zero-width space,
// BOM, RLO...: a word split by one, or text reordered by one, must show)
// become \u{NNNN}.
void append_terminal_text(std::string& out, std::string_view text);

}  // namespace modfilter
