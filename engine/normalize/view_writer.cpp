#include "engine/normalize/view_writer.h"

#include "engine/normalize/utf8.h"

namespace modfilter {

ViewWriter::ViewWriter(NormalizedText& out, std::string_view text,
                       bool record_transforms)
    : out_(out), text_(text), record_(record_transforms) {
  out_.buffer_.clear();
  out_.begin_.clear();
  out_.end_.clear();
  out_.flagged_.clear();
  out_.transforms_.clear();
  out_.original_size_ = text.size();
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
  const std::size_t before = out_.buffer_.size();
  append_utf8(unit.cp, out_.buffer_);
  const std::size_t bytes = out_.buffer_.size() - before;
  out_.begin_.insert(out_.begin_.end(), bytes, unit.begin);
  out_.end_.insert(out_.end_.end(), bytes, unit.end);
  if (record_) {
    out_.transforms_.insert(out_.transforms_.end(), bytes, unit.transforms);
  }
}

void ViewWriter::flag(ByteSpan token) { out_.flagged_.push_back(token); }

void ViewWriter::finish(bool ascii_text) {
  if (ascii_text && (all_transforms_ & ~kTransformCase) == 0) {
    write_identity(out_, text_);
    return;
  }
  out_.text_ = {};
  out_.identity_ = false;
}

}  // namespace modfilter
