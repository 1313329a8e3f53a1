#include "engine/io/comment_batch.h"

namespace modfilter {

void CommentBatch::clear() {
  arena_.clear();
  items_.clear();
}

void CommentBatch::add(const InputRecord& record) {
  Item item;
  item.line = record.line;
  item.error = record.error;
  auto append = [&](std::string_view bytes, std::size_t& at, std::size_t& n) {
    at = arena_.size();
    n = bytes.size();
    arena_ += bytes;
  };
  append(record.text, item.text, item.text_size);
  append(record.members_json, item.members, item.members_size);
  append(record.id, item.id, item.id_size);
  append(record.lang, item.lang, item.lang_size);
  items_.push_back(std::move(item));
  // Verdicts are kept across batches so that their reason lists keep their
  // memory; only grow.
  if (verdicts_.size() < items_.size()) verdicts_.resize(items_.size());
}

}  // namespace modfilter
