// ViewWriter: the one place that fills a NormalizedText (its buffers are
// reused across calls, so nothing here reassigns them).
//
// The buffers are sized ahead and written through raw pointers: a view byte
// costs three stores, not three push_backs, and a warm thread allocates
// nothing. They are cut to the view's size in finish().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/span.h"
#include "engine/normalize/normalized_text.h"
#include "engine/normalize/unit.h"

namespace modfilter {

class ViewWriter {
 public:
  // Starts a new view of `text` in `out`, with room for text.size() bytes
  // (all an ASCII view can take).
  ViewWriter(NormalizedText& out, std::string_view text,
             bool record_transforms);

  // The view is `text` itself: plain ASCII that needs no change.
  static void write_identity(NormalizedText& out, std::string_view text);

  // Appends a unit of any text, making room for it as needed.
  void append(const Unit& unit) {
    // A code point takes at most 4 bytes of UTF-8.
    if (capacity_ - size_ < 4) grow(4);
    if (unit.cp >= 0x80) {
      append_multibyte(unit);
      return;
    }
    append_byte(static_cast<char>(unit.cp), unit.begin, unit.end,
                unit.transforms);
  }

  // Appends one ASCII view byte standing for original bytes [begin, end).
  // Only for views of ASCII text, which never outgrow the room made for them.
  void append_byte(char byte, std::uint32_t begin, std::uint32_t end,
                   std::uint16_t transforms) {
    all_transforms_ |= transforms;
    view_[size_] = byte;
    begins_[size_] = begin;
    ends_[size_] = end;
    if (record_) transforms_[size_] = transforms;
    ++size_;
  }

  // Appends one view byte of any view, making room for it as needed: for
  // rewriting a view already made (token_edits.h).
  void append_copy(char byte, std::uint32_t begin, std::uint32_t end,
                   std::uint16_t transforms) {
    if (capacity_ == size_) grow(1);
    append_byte(byte, begin, end, transforms);
  }
  // Flags view bytes [span) for the token lookup, as they are.
  void flag(ByteSpan span) { out_.flagged_.push_back(span); }

  // Appends `bytes`, original bytes [first, first + bytes.size()) of ASCII
  // text, lower-cased, each view byte standing for its own original byte:
  // the bulk of most ASCII views, in one tight loop.
  void append_lowered(std::string_view bytes, std::uint32_t first);

  // Flags for the token lookup the word written since view byte `start`,
  // trimmed to its word bytes: a trailing "!" is not part of it, but the
  // '*' of a masked tail is (fuc*).
  void flag_word_from(std::uint32_t start);
  std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(size_);
  }
  std::string_view written() const noexcept { return {view_, size_}; }

  // Ends the view; when the text was ASCII and nothing but case changed, the
  // copy is dropped for the identity view.
  void finish(bool ascii_text);

 private:
  void append_multibyte(const Unit& unit);
  // Makes room for at least `bytes` more view bytes.
  void grow(std::size_t bytes);
  // Sizes the buffers of out_ to `capacity` and points into them.
  void resize_buffers(std::size_t capacity);

  NormalizedText& out_;
  std::string_view text_;
  bool record_;
  std::uint16_t all_transforms_ = 0;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  char* view_ = nullptr;
  std::uint32_t* begins_ = nullptr;
  std::uint32_t* ends_ = nullptr;
  std::uint16_t* transforms_ = nullptr;  // only when record_
};

}  // namespace modfilter
