// ScreeningPath: the one way a comment goes through every front end (scan,
// serve, the worker): screened by the engine, counted in the metrics,
// recorded in the audit store, and written by the verdict writer of the
// output format (engine/io/verdict_writer.h). The front ends only say
// where comments come from and where the output goes.
//
// `scan --audit` keeps its own ordered, synchronous audit pass (a batch
// goes out only once the store committed it, and a failed store stops the
// run), so it passes no AuditSink; serve and the worker record here, best
// effort (a failing store is logged and screening goes on).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "engine/io/verdict_writer.h"
#include "engine/policy/redact.h"
#include "engine/policy/verdict.h"
#include "service/common/audit_sink.h"
#include "service/common/metrics.h"

namespace modfilter::service {

enum class VerdictFormat { kJson, kCsv, kText };

// One comment as a front end read it.
struct Comment {
  std::string_view text;
  std::string_view lang;      // the caller's languages ("ar,en"); empty: detect
  std::string_view audit_id;  // the id the audit store keeps
  // For the verdict writer (VerdictRecord): the JSON id and leading
  // members, the CSV/text label.
  std::string_view id_json;
  std::string_view leading_members;
  std::string_view label;
  bool redact = false;  // JSON: add "redacted"
};

// Defaults in parentheses.
//   metrics, counters  (null)  count each verdict; counters are the loaded
//                              rule set's (LoadedRules::counters)
//   audit              (null)  record each verdict
//   format             (kJson) what write() appends
//   redact_categories  (profanity) what Comment::redact masks
struct ScreeningSinks {
  Metrics* metrics = nullptr;
  const RuleCounterIndex* counters = nullptr;
  AuditSink* audit = nullptr;
  VerdictFormat format = VerdictFormat::kJson;
  std::span<const std::string_view> redact_categories = kDefaultRedactCategories;
};

class ScreeningPath {
 public:
  ScreeningPath(const Engine& engine, ScreeningSinks sinks = {})
      : engine_(engine), sinks_(sinks) {}

  // Screens `comment` into `verdict`, counts it and records it. Safe to
  // call from many threads at once (as Engine::screen is).
  void screen(const Comment& comment, Verdict& verdict) const;

  // screen(), then appends the verdict in the path's format (JSON: no
  // newline).
  void screen_and_write(const Comment& comment, Verdict& verdict,
                        std::string& out) const;

  // Appends an already screened verdict in the path's format.
  void write(const Comment& comment, const Verdict& verdict,
             std::string& out) const;

  VerdictFormat format() const noexcept { return sinks_.format; }

 private:
  const Engine& engine_;
  ScreeningSinks sinks_;
};

}  // namespace modfilter::service
