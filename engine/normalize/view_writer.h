// ViewWriter: the one place that fills a NormalizedText (its buffers are
// reused across calls, so nothing here reassigns them).
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/core/span.h"
#include "engine/normalize/normalized_text.h"
#include "engine/normalize/unit.h"

namespace modfilter {

class ViewWriter {
 public:
  // Starts a new view of `text` in `out`.
  ViewWriter(NormalizedText& out, std::string_view text,
             bool record_transforms);

  // The view is `text` itself: plain ASCII that needs no change.
  static void write_identity(NormalizedText& out, std::string_view text);

  void append(const Unit& unit) {
    all_transforms_ |= unit.transforms;
    if (unit.cp >= 0x80) {
      append_multibyte(unit);
      return;
    }
    out_.buffer_.push_back(static_cast<char>(unit.cp));
    out_.begin_.push_back(unit.begin);
    out_.end_.push_back(unit.end);
    if (record_) out_.transforms_.push_back(unit.transforms);
  }

  // A token of the view (bytes written so far) for the token lookup.
  void flag(ByteSpan token);
  std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(out_.buffer_.size());
  }
  std::string_view written() const noexcept { return out_.buffer_; }

  // Ends the view; when the text was ASCII and nothing but case changed, the
  // copy is dropped for the identity view.
  void finish(bool ascii_text);

 private:
  void append_multibyte(const Unit& unit);

  NormalizedText& out_;
  std::string_view text_;
  bool record_;
  std::uint16_t all_transforms_ = 0;
};

}  // namespace modfilter
