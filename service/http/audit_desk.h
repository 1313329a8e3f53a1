// AuditDesk: the audit store as the moderator page and Perspective's
// comments:suggestscore see it: the review queue, one comment (by the
// store's number or the site's id, AuditStore::lookup), and moderators'
// labels, the same rows `modfilter audit label` writes. Each call opens
// the store for itself (SQLite connections are not shared between threads
// here), so any number of requests may run at once beside the AuditSink
// that writes the store; WAL mode lets them read while it writes.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/audit/audit_store.h"

namespace modfilter::http {

// A failure of the store, or a key that names no comment.
struct DeskError {
  int status = 500;  // 404: no such comment; 409: a key naming several
  std::string message;
};

class AuditDesk {
 public:
  explicit AuditDesk(std::filesystem::path path) : path_(std::move(path)) {}

  // {"comments":[COMMENT...]}: those matching `filter`.
  std::expected<std::string, DeskError> find_json(const CommentFilter& filter) const;
  // {"comments":[COMMENT...]}: those `key` names (none: 404).
  std::expected<std::string, DeskError> lookup_json(std::string_view key) const;

  // Labels the comment `key` names; 404 when none, 409 when several.
  // Returns the store's number of the comment labelled.
  std::expected<std::int64_t, DeskError> label(std::string_view key, bool correct,
                                               std::string_view note) const;
  // Labels comment number `number`.
  std::expected<void, DeskError> label_number(std::int64_t number, bool correct,
                                              std::string_view note) const;

  // The stored verdict of comment number `number` (404 when none).
  std::expected<Decision, DeskError> verdict_of(std::int64_t number) const;

  // The latest comment with this input id, or else with exactly this text;
  // 0 when there is none.
  std::expected<std::int64_t, DeskError> latest(std::string_view input_id,
                                                std::string_view text) const;

 private:
  std::expected<AuditStore, DeskError> open(StoreAccess access) const;
  std::filesystem::path path_;
};

// COMMENT: {"number","id","run","ruleset","line","time","verdict","text"
// (null when only the hash was kept),"reasons":[{"rule","category",
// "subcategory","action","reason","spans":[[b,e]],"excerpt":[b,e]}],
// "label":null or {"judgement","note","time"}}; spans are byte offsets
// into the UTF-8 text.
void append_stored_comment_json(std::string& out, const StoredComment& comment);

}  // namespace modfilter::http
