// CommentBatch: records read in input order, owning their bytes, so that
// they can be screened on several threads while the next batch is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"
#include "engine/io/comment_reader.h"
#include "engine/policy/verdict.h"

namespace modfilter {

class CommentBatch {
 public:
  struct Item {
    std::uint64_t line = 0;
    std::size_t text = 0, text_size = 0;        // offsets into the arena
    std::size_t members = 0, members_size = 0;
    std::size_t id = 0, id_size = 0;
    std::size_t lang = 0, lang_size = 0;
    std::optional<Error> error;
  };

  // Empties the batch, keeping its memory.
  void clear();
  void add(const InputRecord& record);

  std::size_t size() const noexcept { return items_.size(); }
  std::size_t bytes() const noexcept { return arena_.size(); }
  const Item& item(std::size_t i) const noexcept { return items_[i]; }
  std::string_view text(std::size_t i) const noexcept {
    return view(items_[i].text, items_[i].text_size);
  }
  std::string_view members(std::size_t i) const noexcept {
    return view(items_[i].members, items_[i].members_size);
  }
  std::string_view id(std::size_t i) const noexcept {
    return view(items_[i].id, items_[i].id_size);
  }
  // The comment's language codes from the input, or empty.
  std::string_view lang(std::size_t i) const noexcept {
    return view(items_[i].lang, items_[i].lang_size);
  }
  // One verdict per item, filled by whoever screens the batch.
  std::vector<Verdict>& verdicts() noexcept { return verdicts_; }
  const std::vector<Verdict>& verdicts() const noexcept { return verdicts_; }

 private:
  std::string_view view(std::size_t at, std::size_t n) const noexcept {
    return std::string_view(arena_).substr(at, n);
  }

  std::string arena_;
  std::vector<Item> items_;
  std::vector<Verdict> verdicts_;
};

}  // namespace modfilter
