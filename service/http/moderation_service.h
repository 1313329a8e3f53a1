// ModerationService: the moderator's side of `modfilter serve`, as plain
// functions from Request to Response like ScreenService's:
//
//   GET  /                   the moderator page (one self-contained HTML
//                            page: check a comment, the review queue, one
//                            comment, labels)
//   GET  /v1/moderator       what the page may show: {"audit", "admin",
//                            "ruleset"}
//   POST /v1/explain         {"text", "lang"} -> the verdict plus what
//                            `check --explain` prints: "normalized",
//                            "identical", "explain":[{"rule","view",
//                            "transforms"}], "languages"
//   GET  /v1/audit/comments  the review queue: ?verdict= (review, reject,
//                            approve, flagged: review or reject; default
//                            review) &rule= &category= &text= &limit=
//                            (100), newest first; ?id=KEY instead: the
//                            comments KEY names (#17, 17 or c-17)
//   GET  /v1/audit/comment   ?id=KEY: {"comments":[...]}, one or those KEY names
//   POST /v1/audit/label     {"id": KEY, "judgement": "correct"|"wrong",
//                            "note"}: the label `modfilter audit label` writes
//
// The audit endpoints need `serve --audit` and the admin token (Bearer, as
// for /v1/admin/reload): a store holds readers' comments, and the service
// may listen beyond loopback for Coral Talk. Every handler is safe to call
// from many threads at once.
#pragma once

#include "service/http/message.h"
#include "service/http/screen_service.h"

namespace modfilter::http {

class ModerationService {
 public:
  explicit ModerationService(ScreenService& screen) : screen_(screen) {}

  Response handle_page(const Request& request) const;
  Response handle_config(const Request& request) const;
  Response handle_explain(const Request& request) const;
  Response handle_queue(const Request& request) const;
  Response handle_comment(const Request& request) const;
  Response handle_label(const Request& request) const;

 private:
  // nullopt when the audit endpoints may answer `request`.
  std::optional<Response> refuse_audit(const Request& request) const;

  ScreenService& screen_;
};

}  // namespace modfilter::http
