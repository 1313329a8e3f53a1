#include "engine/normalize/view_writer.h"

#include <algorithm>
#include <cstring>

#include "engine/normalize/normalize.h"
#include "engine/core/utf8.h"

namespace modfilter {

ViewWriter::ViewWriter(NormalizedText& out, std::string_view text,
                       bool record_transforms)
    : out_(out), text_(text), record_(record_transforms) {
  out_.flagged_.clear();
  out_.transforms_.clear();
  out_.original_size_ = text.size();
  resize_buffers(text.size());
}

void ViewWriter::write_identity(NormalizedText& out, std::string_view text) {
  out.text_ = text;
  out.identity_ = true;
  out.original_size_ = text.size();
  out.buffer_.clear();
  out.begin_.clear();
  out.end_.clear();
  out.flagged_.clear();
  out.transforms_.clear();
}

void ViewWriter::append_multibyte(const Unit& unit) {
  const std::size_t bytes = encode_utf8(unit.cp, view_ + size_);
  std::fill_n(begins_ + size_, bytes, unit.begin);
  std::fill_n(ends_ + size_, bytes, unit.end);
  if (record_) std::fill_n(transforms_ + size_, bytes, unit.transforms);
  size_ += bytes;
  all_transforms_ |= unit.transforms;
}

void ViewWriter::append_lowered(std::string_view bytes, std::uint32_t first) {
  // Eight bytes at a time: a byte in 'A'..'Z' gets 0x20 added. Each lane
  // holds an ASCII byte, so the additions never carry into the next one.
  constexpr std::uint64_t kLanes = 0x0101010101010101;
  constexpr std::uint64_t kHigh = 0x80 * kLanes;
  const std::size_t n = bytes.size();
  char* view = view_ + size_;
  std::uint64_t capitals = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    const std::uint64_t at_least_a = word + (0x80 - 'A') * kLanes;
    const std::uint64_t past_z = word + (0x80 - 'Z' - 1) * kLanes;
    const std::uint64_t capital = at_least_a & ~past_z & kHigh;
    capitals |= capital;
    word |= capital >> 2;
    std::memcpy(view + i, &word, 8);
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const bool capital = c >= 'A' && c <= 'Z';
    capitals |= capital;
    view[i] = static_cast<char>(capital ? c + ('a' - 'A') : c);
  }
  // Locals, so that the stores need no reloads of the members.
  std::uint32_t* begins = begins_ + size_;
  std::uint32_t* ends = ends_ + size_;
  for (std::uint32_t k = 0; k < n; ++k) {
    begins[k] = first + k;
    ends[k] = first + k + 1;
  }
  if (record_) {
    for (std::size_t k = 0; k < n; ++k) {
      const char c = bytes[k];
      transforms_[size_ + k] =
          c >= 'A' && c <= 'Z' ? kTransformCase : kTransformNone;
    }
  }
  if (capitals != 0) all_transforms_ |= kTransformCase;
  size_ += n;
}

void ViewWriter::grow(std::size_t bytes) {
  resize_buffers(std::max(2 * capacity_, size_ + bytes));
}

void ViewWriter::resize_buffers(std::size_t capacity) {
  out_.buffer_.resize(capacity);
  out_.begin_.resize(capacity);
  out_.end_.resize(capacity);
  if (record_) out_.transforms_.resize(capacity);
  capacity_ = capacity;
  view_ = out_.buffer_.data();
  begins_ = out_.begin_.data();
  ends_ = out_.end_.data();
  transforms_ = out_.transforms_.data();
}

void ViewWriter::flag_word_from(std::uint32_t start) {
  const std::string_view view = written();
  std::uint32_t begin = start;
  std::uint32_t end = size();
  const auto word_byte = [&](std::uint32_t i) {
    return is_word_byte(static_cast<unsigned char>(view[i]));
  };
  while (begin < end && !word_byte(begin)) ++begin;
  while (end > begin && !word_byte(end - 1) && view[end - 1] != '*') --end;
  if (begin < end) out_.flagged_.push_back({begin, end});
}

void ViewWriter::finish(bool ascii_text) {
  if (ascii_text && (all_transforms_ & ~kTransformCase) == 0) {
    write_identity(out_, text_);
    return;
  }
  out_.buffer_.resize(size_);
  out_.begin_.resize(size_);
  out_.end_.resize(size_);
  if (record_) out_.transforms_.resize(size_);
  out_.text_ = {};
  out_.identity_ = false;
}

}  // namespace modfilter
