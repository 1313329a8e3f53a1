// AuditStore: the reading side of an audit store (AuditWriter writes it):
// the runs, one comment with the reasons for its verdict, comments found by
// rule, category, verdict, text, time or label, the summary counts, and the
// moderators' labels (the one thing written here).
//
// Every query sees only committed transactions: a store whose writer was
// killed reads as the comments it committed, its run unfinished.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit/schema.h"
#include "engine/core/error.h"
#include "engine/core/span.h"
#include "engine/policy/verdict.h"

namespace modfilter {

struct RunInfo {
  std::int64_t id = 0;
  std::string ruleset;                 // "name@hash8"
  std::string text_mode;               // "text" or "hash"
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> finished_ms;  // none: running, or killed
  std::int64_t comments = 0;           // committed comments
  std::int64_t last_line = 0;          // input line of the last of them
};

struct StoredReason {
  std::string rule;
  std::string category;
  std::string subcategory;  // from the run's rule set; may be empty
  std::string action;       // "reject" or "review"
  std::string reason;       // the rule's human reason
  std::vector<ByteSpan> spans;
  ByteSpan excerpt;
};

struct StoredLabel {
  bool correct = true;
  std::string note;
  std::int64_t time_ms = 0;
};

struct StoredComment {
  std::int64_t id = 0;       // the store's number for it
  std::int64_t run = 0;
  std::string ruleset;
  std::string input_id;      // empty when the input had none
  std::int64_t line = 0;
  std::optional<std::string> text;  // none: only the hash was kept
  std::string text_hash;
  Decision verdict = Decision::kApprove;
  std::int64_t time_ms = 0;
  std::vector<StoredReason> reasons;
  std::optional<StoredLabel> label;  // the latest, if any

  // Every span of every reason (for highlighting).
  std::vector<ByteSpan> all_spans() const;
};

// "approve", "review", "reject" -> Decision.
std::optional<Decision> parse_decision(std::string_view name) noexcept;

enum class LabelFilter : std::uint8_t {
  kAny, kLabelled, kCorrect, kWrong, kUnlabelled
};

struct CommentFilter {
  std::string rule;                     // fired this rule ("": any)
  std::string category;                 // had a reason of this category
  std::string text;                     // contains this (ASCII case folded)
  std::string input_id;
  std::optional<std::string> exact_text;  // exactly this text (by its hash:
                                          // stores of hashes too)
  std::optional<Decision> verdict;
  bool flagged = false;                 // review or reject only
  std::optional<std::int64_t> since_ms;  // time >= since
  std::optional<std::int64_t> until_ms;  // time < until
  std::optional<std::int64_t> run;
  LabelFilter label = LabelFilter::kAny;  // by the latest label
  std::size_t limit = 0;                // 0: all
  bool newest_first = false;            // latest stored first
};

struct VerdictCounts {
  std::int64_t approve = 0;
  std::int64_t review = 0;
  std::int64_t reject = 0;
  std::int64_t total() const noexcept { return approve + review + reject; }
};

// How many comments a rule (or category) fired on, and how many of those
// were rejected.
struct HitCount {
  std::string name;
  std::int64_t comments = 0;
  std::int64_t rejected = 0;
};

struct TimeBucket {
  std::string start;  // "2024-05-01" or "2024-05-01 09:00" (UTC)
  VerdictCounts verdicts;
};

// Moderators' judgements of the comments a rule fired on (latest label).
struct RulePrecision {
  std::string rule;
  std::int64_t correct = 0;
  std::int64_t wrong = 0;
  double precision() const noexcept {
    return correct + wrong == 0 ? 0.0
                                : static_cast<double>(correct) /
                                      static_cast<double>(correct + wrong);
  }
};

struct AuditSummary {
  std::vector<RunInfo> runs;
  VerdictCounts verdicts;
  std::vector<HitCount> categories;     // most comments first
  std::vector<HitCount> rules;          // most comments first
  std::vector<std::string> never_fired; // rules of the runs' rule sets
  std::vector<TimeBucket> days;         // oldest first, UTC days
  std::vector<RulePrecision> precision; // rules with labelled hits
  std::int64_t labelled = 0;            // comments with a label
  std::int64_t wrong = 0;               // ...whose latest says wrong
};

enum class TimeUnit : std::uint8_t { kDay, kHour };

class AuditStore {
 public:
  // kRead for queries, kWrite to label.
  static std::expected<AuditStore, Errors> open(const std::filesystem::path& path,
                                                StoreAccess access = StoreAccess::kRead);

  std::expected<std::vector<RunInfo>, Errors> runs();
  // nullopt when the store has no comment `id`.
  std::expected<std::optional<StoredComment>, Errors> comment(std::int64_t id);
  // The comments a moderator's `key` names, in store order: "#17" is the
  // store's number 17 only; "17" is number 17 or any comment whose input id
  // is "17"; anything else ("c-17") the comments with that input id (one
  // per run that screened it). Empty when nothing matches.
  std::expected<std::vector<StoredComment>, Errors> lookup(std::string_view key);
  // Comments matching `filter`, in store order (or latest first).
  std::expected<std::vector<StoredComment>, Errors> find(const CommentFilter& filter);
  // The same, one at a time, for stores too large to hold in memory;
  // `visit` returns false to stop.
  std::expected<void, Errors> for_each(
      const CommentFilter& filter,
      const std::function<bool(const StoredComment&)>& visit);
  std::expected<AuditSummary, Errors> summary();
  std::expected<std::vector<TimeBucket>, Errors> verdicts_over_time(TimeUnit unit);

  // Records a moderator's judgement of comment `id`'s verdict. The latest
  // label of a comment is the one that counts; earlier ones stay as history.
  std::expected<void, Errors> label(std::int64_t id, bool correct,
                                    std::string_view note, std::int64_t time_ms);

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  AuditStore(SqliteDb db, std::filesystem::path path)
      : db_(std::move(db)), path_(std::move(path)) {}
  SqliteDb db_;
  std::filesystem::path path_;
};

}  // namespace modfilter
