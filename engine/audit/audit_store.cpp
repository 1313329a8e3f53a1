#include "engine/audit/audit_store.h"

#include <charconv>
#include <variant>

namespace modfilter {
namespace {

using Binding = std::variant<std::int64_t, std::string>;

template <typename T>
std::unexpected<Errors> failure(std::expected<T, Errors>& result) {
  return std::unexpected(std::move(result.error()));
}

// The latest label of comment c, by the order labels were written.
constexpr const char* kLatestLabel =
    "(SELECT l.label FROM labels l WHERE l.comment = c.id "
    "ORDER BY l.id DESC LIMIT 1)";

// Reads the spans JSON the writer produced ("[[1,5],[9,12]]"): the numbers,
// taken in pairs. A tampered value yields fewer spans, never a crash.
std::vector<ByteSpan> parse_spans(std::string_view json) {
  std::vector<std::uint32_t> numbers;
  const char* p = json.data();
  const char* end = p + json.size();
  while (p < end) {
    if (*p >= '0' && *p <= '9') {
      std::uint32_t value = 0;
      const auto [next, ec] = std::from_chars(p, end, value);
      if (ec != std::errc()) break;
      numbers.push_back(value);
      p = next;
    } else {
      ++p;
    }
  }
  std::vector<ByteSpan> spans;
  for (std::size_t i = 0; i + 1 < numbers.size(); i += 2) {
    if (numbers[i] <= numbers[i + 1]) spans.push_back({numbers[i], numbers[i + 1]});
  }
  return spans;
}

ByteSpan span_of(const SqliteStmt& row, int begin_column) {
  const auto begin = static_cast<std::uint32_t>(row.integer(begin_column));
  const auto end = static_cast<std::uint32_t>(row.integer(begin_column + 1));
  return begin <= end ? ByteSpan{begin, end} : ByteSpan{begin, begin};
}

void bind_all(SqliteStmt& stmt, const std::vector<Binding>& bindings) {
  int index = 1;
  for (const Binding& b : bindings) {
    if (const auto* n = std::get_if<std::int64_t>(&b)) {
      stmt.bind(index++, *n);
    } else {
      stmt.bind(index++, std::string_view(std::get<std::string>(b)));
    }
  }
}

// The WHERE clause and its parameters for a filter.
std::string where_clause(const CommentFilter& f, std::vector<Binding>& bindings) {
  std::string sql = " WHERE 1";
  if (!f.rule.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM reasons x WHERE x.comment = c.id AND x.rule = ?)";
    bindings.emplace_back(f.rule);
  }
  if (!f.category.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM reasons x WHERE x.comment = c.id AND x.category = ?)";
    bindings.emplace_back(f.category);
  }
  if (!f.text.empty()) {
    sql += " AND instr(lower(c.text), lower(?)) > 0";
    bindings.emplace_back(f.text);
  }
  if (!f.input_id.empty()) {
    sql += " AND c.input_id = ?";
    bindings.emplace_back(f.input_id);
  }
  if (f.exact_text) {
    sql += " AND c.text_hash = ?";
    bindings.emplace_back(text_hash(*f.exact_text));
  }
  if (f.verdict) {
    sql += " AND c.verdict = ?";
    bindings.emplace_back(std::string(to_string(*f.verdict)));
  }
  if (f.flagged) sql += " AND c.verdict <> 'approve'";
  if (f.since_ms) {
    sql += " AND c.time >= ?";
    bindings.emplace_back(*f.since_ms);
  }
  if (f.until_ms) {
    sql += " AND c.time < ?";
    bindings.emplace_back(*f.until_ms);
  }
  if (f.run) {
    sql += " AND c.run = ?";
    bindings.emplace_back(*f.run);
  }
  switch (f.label) {
    case LabelFilter::kAny: break;
    case LabelFilter::kLabelled:
      sql += " AND EXISTS (SELECT 1 FROM labels l WHERE l.comment = c.id)";
      break;
    case LabelFilter::kCorrect:
      sql += std::string(" AND ") + kLatestLabel + " = 'correct'";
      break;
    case LabelFilter::kWrong:
      sql += std::string(" AND ") + kLatestLabel + " = 'wrong'";
      break;
    case LabelFilter::kUnlabelled:
      sql += " AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.comment = c.id)";
      break;
  }
  return sql;
}

// Fills a comment's reasons and latest label with two prepared queries,
// reused across comments.
class DetailReader {
 public:
  static std::expected<DetailReader, Errors> prepare(SqliteDb& db) {
    auto reasons = db.prepare(
        "SELECT x.rule, x.category, coalesce(r.subcategory, ''), x.action, "
        "coalesce(r.reason, ''), x.spans, x.excerpt_begin, x.excerpt_end "
        "FROM reasons x LEFT JOIN rules r ON r.ruleset = ?2 AND r.rule = x.rule "
        "WHERE x.comment = ?1 ORDER BY x.ord");
    if (!reasons) return failure(reasons);
    auto label = db.prepare(
        "SELECT label, note, time FROM labels WHERE comment = ?1 "
        "ORDER BY id DESC LIMIT 1");
    if (!label) return failure(label);
    return DetailReader(std::move(*reasons), std::move(*label));
  }

  std::expected<void, Errors> fill(StoredComment& c) {
    reasons_.reset();
    reasons_.bind(1, c.id).bind(2, std::string_view(c.ruleset));
    for (;;) {
      auto row = reasons_.step();
      if (!row) return failure(row);
      if (!*row) break;
      StoredReason r;
      r.rule = reasons_.text(0);
      r.category = reasons_.text(1);
      r.subcategory = reasons_.text(2);
      r.action = reasons_.text(3);
      r.reason = reasons_.text(4);
      r.spans = parse_spans(reasons_.text(5));
      r.excerpt = span_of(reasons_, 6);
      c.reasons.push_back(std::move(r));
    }
    label_.reset();
    label_.bind(1, c.id);
    auto row = label_.step();
    if (!row) return failure(row);
    if (*row) {
      c.label = StoredLabel{label_.text(0) == "correct",
                            std::string(label_.text(1)), label_.integer(2)};
    }
    label_.reset();
    return {};
  }

 private:
  DetailReader(SqliteStmt reasons, SqliteStmt label)
      : reasons_(std::move(reasons)), label_(std::move(label)) {}
  SqliteStmt reasons_;
  SqliteStmt label_;
};

constexpr const char* kCommentColumns =
    "SELECT c.id, c.run, u.ruleset, c.input_id, c.line, c.text, c.text_hash, "
    "c.verdict, c.time FROM comments c JOIN runs u ON u.id = c.run";

StoredComment comment_from(const SqliteStmt& row) {
  StoredComment c;
  c.id = row.integer(0);
  c.run = row.integer(1);
  c.ruleset = row.text(2);
  c.input_id = row.text(3);
  c.line = row.integer(4);
  if (!row.is_null(5)) c.text = std::string(row.text(5));
  c.text_hash = row.text(6);
  c.verdict = parse_decision(row.text(7)).value_or(Decision::kApprove);
  c.time_ms = row.integer(8);
  return c;
}

// Steps `stmt` (selecting kCommentColumns) and calls `visit` with each
// comment, its reasons and label filled in, until it returns false.
std::expected<void, Errors> visit_comments(
    SqliteDb& db, SqliteStmt& stmt,
    const std::function<bool(const StoredComment&)>& visit) {
  auto details = DetailReader::prepare(db);
  if (!details) return failure(details);
  for (;;) {
    auto row = stmt.step();
    if (!row) return failure(row);
    if (!*row) return {};
    StoredComment c = comment_from(stmt);
    if (auto ok = details->fill(c); !ok) return ok;
    if (!visit(c)) return {};
  }
}

std::expected<std::vector<HitCount>, Errors> hit_counts(SqliteDb& db,
                                                        std::string_view column) {
  const std::string col(column);
  auto stmt = db.prepare(
      "SELECT x." + col + ", count(DISTINCT x.comment), "
      "count(DISTINCT CASE WHEN c.verdict = 'reject' THEN x.comment END) "
      "FROM reasons x JOIN comments c ON c.id = x.comment "
      "GROUP BY x." + col + " ORDER BY 2 DESC, 1");
  if (!stmt) return failure(stmt);
  std::vector<HitCount> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return failure(row);
    if (!*row) return out;
    out.push_back({std::string(stmt->text(0)), stmt->integer(1), stmt->integer(2)});
  }
}

}  // namespace

std::optional<Decision> parse_decision(std::string_view name) noexcept {
  if (name == "approve") return Decision::kApprove;
  if (name == "review") return Decision::kReview;
  if (name == "reject") return Decision::kReject;
  return std::nullopt;
}

std::vector<ByteSpan> StoredComment::all_spans() const {
  std::vector<ByteSpan> spans;
  for (const StoredReason& r : reasons) {
    spans.insert(spans.end(), r.spans.begin(), r.spans.end());
  }
  return spans;
}

std::expected<AuditStore, Errors> AuditStore::open(
    const std::filesystem::path& path, StoreAccess access) {
  auto db = open_store(path, access);
  if (!db) return failure(db);
  return AuditStore(std::move(*db), path);
}

std::expected<std::vector<RunInfo>, Errors> AuditStore::runs() {
  auto stmt = db_.prepare(
      "SELECT id, ruleset, text_mode, started, finished, comments, "
      "coalesce(last_line, 0) FROM runs ORDER BY id");
  if (!stmt) return failure(stmt);
  std::vector<RunInfo> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return failure(row);
    if (!*row) return out;
    RunInfo run;
    run.id = stmt->integer(0);
    run.ruleset = stmt->text(1);
    run.text_mode = stmt->text(2);
    run.started_ms = stmt->integer(3);
    if (!stmt->is_null(4)) run.finished_ms = stmt->integer(4);
    run.comments = stmt->integer(5);
    run.last_line = stmt->integer(6);
    out.push_back(std::move(run));
  }
}

std::expected<std::optional<StoredComment>, Errors> AuditStore::comment(
    std::int64_t id) {
  auto stmt = db_.prepare(std::string(kCommentColumns) + " WHERE c.id = ?1");
  if (!stmt) return failure(stmt);
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return failure(row);
  if (!*row) return std::optional<StoredComment>();
  StoredComment c = comment_from(*stmt);
  auto details = DetailReader::prepare(db_);
  if (!details) return failure(details);
  if (auto ok = details->fill(c); !ok) return failure(ok);
  return std::optional<StoredComment>(std::move(c));
}

std::expected<std::vector<StoredComment>, Errors> AuditStore::lookup(
    std::string_view key) {
  const bool number_only = key.starts_with('#');
  if (number_only) key.remove_prefix(1);
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
  const bool is_number = ec == std::errc() && end == key.data() + key.size() && number > 0;
  if (number_only && !is_number) return std::vector<StoredComment>();
  auto stmt = db_.prepare(std::string(kCommentColumns) +
                          (number_only ? " WHERE c.id = ?1"
                                       : " WHERE c.id = ?1 OR c.input_id = ?2") +
                          " ORDER BY c.id");
  if (!stmt) return failure(stmt);
  stmt->bind(1, is_number ? number : std::int64_t{0});
  if (!number_only) stmt->bind(2, key);
  std::vector<StoredComment> out;
  auto ok = visit_comments(db_, *stmt, [&](const StoredComment& c) {
    out.push_back(c);
    return true;
  });
  if (!ok) return failure(ok);
  return out;
}

std::expected<void, Errors> AuditStore::for_each(
    const CommentFilter& filter,
    const std::function<bool(const StoredComment&)>& visit) {
  std::vector<Binding> bindings;
  std::string sql = kCommentColumns + where_clause(filter, bindings);
  sql += filter.newest_first ? " ORDER BY c.time DESC, c.id DESC"
                             : " ORDER BY c.id";
  if (filter.limit > 0) sql += " LIMIT " + std::to_string(filter.limit);
  auto stmt = db_.prepare(sql);
  if (!stmt) return failure(stmt);
  bind_all(*stmt, bindings);
  return visit_comments(db_, *stmt, visit);
}

std::expected<std::vector<StoredComment>, Errors> AuditStore::find(
    const CommentFilter& filter) {
  std::vector<StoredComment> out;
  auto ok = for_each(filter, [&](const StoredComment& c) {
    out.push_back(c);
    return true;
  });
  if (!ok) return failure(ok);
  return out;
}

std::expected<std::vector<TimeBucket>, Errors> AuditStore::verdicts_over_time(
    TimeUnit unit) {
  const char* format = unit == TimeUnit::kDay ? "%Y-%m-%d" : "%Y-%m-%d %H:00";
  auto stmt = db_.prepare(
      "SELECT strftime(?1, time / 1000, 'unixepoch') AS bucket, "
      "sum(verdict = 'approve'), sum(verdict = 'review'), "
      "sum(verdict = 'reject') FROM comments GROUP BY bucket ORDER BY bucket");
  if (!stmt) return failure(stmt);
  stmt->bind(1, std::string_view(format));
  std::vector<TimeBucket> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return failure(row);
    if (!*row) return out;
    out.push_back({std::string(stmt->text(0)),
                   {stmt->integer(1), stmt->integer(2), stmt->integer(3)}});
  }
}

std::expected<AuditSummary, Errors> AuditStore::summary() {
  AuditSummary s;
  auto all_runs = runs();
  if (!all_runs) return failure(all_runs);
  s.runs = std::move(*all_runs);

  auto verdicts = db_.prepare("SELECT verdict, count(*) FROM comments GROUP BY verdict");
  if (!verdicts) return failure(verdicts);
  for (;;) {
    auto row = verdicts->step();
    if (!row) return failure(row);
    if (!*row) break;
    const auto decision = parse_decision(verdicts->text(0));
    const std::int64_t n = verdicts->integer(1);
    if (decision == Decision::kApprove) s.verdicts.approve = n;
    if (decision == Decision::kReview) s.verdicts.review = n;
    if (decision == Decision::kReject) s.verdicts.reject = n;
  }

  auto categories = hit_counts(db_, "category");
  if (!categories) return failure(categories);
  s.categories = std::move(*categories);
  auto rules = hit_counts(db_, "rule");
  if (!rules) return failure(rules);
  s.rules = std::move(*rules);

  auto never = db_.prepare(
      "SELECT DISTINCT r.rule FROM rules r "
      "WHERE r.ruleset IN (SELECT ruleset FROM runs) "
      "AND NOT EXISTS (SELECT 1 FROM reasons x WHERE x.rule = r.rule) "
      "ORDER BY r.rule");
  if (!never) return failure(never);
  for (;;) {
    auto row = never->step();
    if (!row) return failure(row);
    if (!*row) break;
    s.never_fired.emplace_back(never->text(0));
  }

  auto days = verdicts_over_time(TimeUnit::kDay);
  if (!days) return failure(days);
  s.days = std::move(*days);

  // One row per (rule, comment) whatever the number of reasons, judged by
  // the comment's latest label.
  auto precision = db_.prepare(
      "WITH latest AS (SELECT comment, label FROM labels WHERE id IN "
      "(SELECT max(id) FROM labels GROUP BY comment)), "
      "fired AS (SELECT DISTINCT comment, rule FROM reasons) "
      "SELECT f.rule, sum(l.label = 'correct'), sum(l.label = 'wrong') "
      "FROM fired f JOIN latest l ON l.comment = f.comment "
      "GROUP BY f.rule ORDER BY f.rule");
  if (!precision) return failure(precision);
  for (;;) {
    auto row = precision->step();
    if (!row) return failure(row);
    if (!*row) break;
    s.precision.push_back({std::string(precision->text(0)), precision->integer(1),
                           precision->integer(2)});
  }

  auto labelled = db_.query_integer("SELECT count(DISTINCT comment) FROM labels");
  if (!labelled) return failure(labelled);
  s.labelled = *labelled;
  auto wrong = db_.query_integer(
      "SELECT count(*) FROM labels WHERE id IN (SELECT max(id) FROM labels "
      "GROUP BY comment) AND label = 'wrong'");
  if (!wrong) return failure(wrong);
  s.wrong = *wrong;
  return s;
}

std::expected<void, Errors> AuditStore::label(std::int64_t id, bool correct,
                                              std::string_view note,
                                              std::int64_t time_ms) {
  auto exists = db_.prepare("SELECT 1 FROM comments WHERE id = ?1");
  if (!exists) return failure(exists);
  exists->bind(1, id);
  auto row = exists->step();
  if (!row) return failure(row);
  if (!*row) {
    return std::unexpected(Errors{Error{
        ErrorKind::kInput, path_.string(), 0, 0, "",
        "no comment #" + std::to_string(id) + " in the store",
        "'modfilter audit search' lists the comments with their numbers"}});
  }
  auto insert = db_.prepare(
      "INSERT INTO labels (comment, label, note, time) VALUES (?1, ?2, ?3, ?4)");
  if (!insert) return failure(insert);
  insert->bind(1, id)
      .bind(2, std::string_view(correct ? "correct" : "wrong"))
      .bind(3, note)
      .bind(4, time_ms);
  return insert->run();
}

}  // namespace modfilter
