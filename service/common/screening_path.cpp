#include "service/common/screening_path.h"

namespace modfilter::service {

void ScreeningPath::screen(const Comment& comment, Verdict& verdict) const {
  engine_.screen(comment.text, verdict, comment.lang);
  if (sinks_.metrics != nullptr && sinks_.counters != nullptr) {
    sinks_.metrics->record_verdict(verdict, *sinks_.counters);
  }
  if (sinks_.audit != nullptr) {
    sinks_.audit->record(engine_, comment.audit_id, comment.text, verdict);
  }
}

void ScreeningPath::screen_and_write(const Comment& comment, Verdict& verdict,
                                     std::string& out) const {
  screen(comment, verdict);
  write(comment, verdict, out);
}

void ScreeningPath::write(const Comment& comment, const Verdict& verdict,
                          std::string& out) const {
  const VerdictRecord record{
      .text = comment.text,
      .id_json = comment.id_json,
      .leading_members = comment.leading_members,
      .label = comment.label,
      .redact_categories = comment.redact
                               ? sinks_.redact_categories
                               : std::span<const std::string_view>()};
  switch (sinks_.format) {
    case VerdictFormat::kJson:
      append_verdict_json(out, record, verdict);
      break;
    case VerdictFormat::kCsv:
      append_verdict_csv(out, record, verdict);
      break;
    case VerdictFormat::kText:
      append_verdict_text(out, record, verdict);
      break;
  }
}

}  // namespace modfilter::service
