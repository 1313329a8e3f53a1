#include "service/http/audit_desk.h"

#include <chrono>

#include "engine/audit/time_ms.h"
#include "engine/io/json_writer.h"

namespace modfilter::http {
namespace {

DeskError store_error(const Errors& errors) {
  return DeskError{500, errors.empty() ? "the audit store failed"
                                       : errors.front().to_string()};
}

void append_span(std::string& out, const ByteSpan& span) {
  out += '[' + std::to_string(span.begin) + ',' + std::to_string(span.end) + ']';
}

std::string comments_json(const std::vector<StoredComment>& comments) {
  std::string out = "{\"comments\":[";
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (i > 0) out += ',';
    append_stored_comment_json(out, comments[i]);
  }
  out += "]}";
  return out;
}

}  // namespace

void append_stored_comment_json(std::string& out, const StoredComment& c) {
  out += "{\"number\":" + std::to_string(c.id) + ",\"id\":";
  append_json_string(out, c.input_id);
  out += ",\"run\":" + std::to_string(c.run) + ",\"ruleset\":";
  append_json_string(out, c.ruleset);
  out += ",\"line\":" + std::to_string(c.line) + ",\"time\":";
  append_json_string(out, format_utc(c.time_ms) + " UTC");
  out += ",\"verdict\":";
  append_json_string(out, to_string(c.verdict));
  out += ",\"text\":";
  if (c.text) {
    append_json_string(out, *c.text);
  } else {
    out += "null";
  }
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < c.reasons.size(); ++i) {
    const StoredReason& r = c.reasons[i];
    if (i > 0) out += ',';
    out += "{\"rule\":";
    append_json_string(out, r.rule);
    out += ",\"category\":";
    append_json_string(out, r.category);
    out += ",\"subcategory\":";
    append_json_string(out, r.subcategory);
    out += ",\"action\":";
    append_json_string(out, r.action);
    out += ",\"reason\":";
    append_json_string(out, r.reason);
    out += ",\"spans\":[";
    for (std::size_t j = 0; j < r.spans.size(); ++j) {
      if (j > 0) out += ',';
      append_span(out, r.spans[j]);
    }
    out += "],\"excerpt\":";
    append_span(out, r.excerpt);
    out += '}';
  }
  out += "],\"label\":";
  if (c.label) {
    out += "{\"judgement\":";
    out += c.label->correct ? "\"correct\"" : "\"wrong\"";
    out += ",\"note\":";
    append_json_string(out, c.label->note);
    out += ",\"time\":";
    append_json_string(out, format_utc(c.label->time_ms) + " UTC");
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

std::expected<AuditStore, DeskError> AuditDesk::open(StoreAccess access) const {
  auto store = AuditStore::open(path_, access);
  if (!store) return std::unexpected(store_error(store.error()));
  return std::move(*store);
}

std::expected<std::string, DeskError> AuditDesk::find_json(
    const CommentFilter& filter) const {
  auto store = open(StoreAccess::kRead);
  if (!store) return std::unexpected(std::move(store.error()));
  auto found = store->find(filter);
  if (!found) return std::unexpected(store_error(found.error()));
  return comments_json(*found);
}

std::expected<std::string, DeskError> AuditDesk::lookup_json(std::string_view key) const {
  auto store = open(StoreAccess::kRead);
  if (!store) return std::unexpected(std::move(store.error()));
  auto found = store->lookup(key);
  if (!found) return std::unexpected(store_error(found.error()));
  if (found->empty()) {
    return std::unexpected(DeskError{
        404, "no comment '" + std::string(key) +
                 "' in the audit store (neither its number nor its id)"});
  }
  return comments_json(*found);
}

std::expected<std::int64_t, DeskError> AuditDesk::label(std::string_view key,
                                                         bool correct,
                                                         std::string_view note) const {
  auto store = open(StoreAccess::kWrite);
  if (!store) return std::unexpected(std::move(store.error()));
  auto found = store->lookup(key);
  if (!found) return std::unexpected(store_error(found.error()));
  if (found->empty()) {
    return std::unexpected(
        DeskError{404, "no comment '" + std::string(key) + "' in the audit store"});
  }
  if (found->size() > 1) {
    return std::unexpected(DeskError{
        409, "'" + std::string(key) + "' names " + std::to_string(found->size()) +
                 " comments; label one by its number (#" +
                 std::to_string(found->back().id) + ")"});
  }
  const std::int64_t number = found->front().id;
  auto labelled = store->label(number, correct, note,
                               to_unix_ms(std::chrono::system_clock::now()));
  if (!labelled) return std::unexpected(store_error(labelled.error()));
  return number;
}

std::expected<void, DeskError> AuditDesk::label_number(std::int64_t number,
                                                       bool correct,
                                                       std::string_view note) const {
  auto labelled = label("#" + std::to_string(number), correct, note);
  if (!labelled) return std::unexpected(std::move(labelled.error()));
  return {};
}

std::expected<Decision, DeskError> AuditDesk::verdict_of(std::int64_t number) const {
  auto store = open(StoreAccess::kRead);
  if (!store) return std::unexpected(std::move(store.error()));
  auto found = store->comment(number);
  if (!found) return std::unexpected(store_error(found.error()));
  if (!*found) {
    return std::unexpected(
        DeskError{404, "no comment #" + std::to_string(number) + " in the audit store"});
  }
  return (*found)->verdict;
}

std::expected<std::int64_t, DeskError> AuditDesk::latest(std::string_view input_id,
                                                         std::string_view text) const {
  auto store = open(StoreAccess::kRead);
  if (!store) return std::unexpected(std::move(store.error()));
  CommentFilter filter;
  filter.newest_first = true;
  filter.limit = 1;
  if (!input_id.empty()) {
    filter.input_id = input_id;
    auto found = store->find(filter);
    if (!found) return std::unexpected(store_error(found.error()));
    if (!found->empty()) return found->front().id;
    filter.input_id.clear();
  }
  filter.exact_text = std::string(text);
  auto found = store->find(filter);
  if (!found) return std::unexpected(store_error(found.error()));
  return found->empty() ? 0 : found->front().id;
}

}  // namespace modfilter::http
