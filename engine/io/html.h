// The pieces every self-contained HTML page of ours is made of (the audit
// report, eval --html, bench --html): escaping, the house style, and SVG
// bars and labels. No script, nothing fetched from the network; every
// piece of text from data goes through append_html_text.
#pragma once

#include <string>
#include <string_view>

namespace modfilter {

inline constexpr const char* kApproveColor = "#2e7d32";
inline constexpr const char* kReviewColor = "#f9a825";
inline constexpr const char* kRejectColor = "#c62828";

// The pages' shared CSS (put inside <style>).
extern const char* const kHtmlStyle;

// `text` with & < > " ' escaped, appended to `out`; bytes that are not
// UTF-8 become U+FFFD.
void append_html_text(std::string& out, std::string_view text);

// `value` with one decimal, for SVG coordinates.
std::string svg_number(double value);

// <rect> filled with `color`, with `title` as its tooltip.
void append_svg_rect(std::string& out, double x, double y, double w, double h,
                     const char* color, std::string_view title);

// <text> at (x, y); `anchor` is start, middle or end; `extra` more
// attributes, written as given.
void append_svg_text(std::string& out, double x, double y,
                     std::string_view anchor, std::string_view text,
                     std::string_view extra = {});

}  // namespace modfilter
