// The Perspective-compatible endpoint, POST /v1alpha1/comments:analyze: a
// site that calls Google's Perspective API switches by changing its base
// URL. Perspective's request and response shapes, with our verdicts behind
// them: each attribute is a set of our categories, and its score is the
// configured value of the strongest action among the rules that fired
// (PerspectiveScores) — a verdict written as a number, not a probability.
//
//   PROFANITY        profanity rules
//   THREAT           threat rules
//   INSULT           abuse rules of subcategory personal_attack
//   IDENTITY_ATTACK  the other abuse rules (sexism, racism, homophobia, ...)
//   SPAM             promotion rules
//   TOXICITY         any rule (reject or review)
//   SEVERE_TOXICITY  any rule whose action is reject
//
// Perspective's other attributes are answered as Perspective answers them,
// with a score, never a 400 that would make a site publish unchecked: each
// by the nearest of the sets above (SEXUALLY_EXPLICIT, OBSCENE and
// FLIRTATION by the profanity rules, which hold the sexual remarks;
// ATTACK_ON_AUTHOR and ATTACK_ON_COMMENTER as INSULT; INFLAMMATORY and
// LIKELY_TO_REJECT as TOXICITY), and those no rule of ours judges
// (INCOHERENT, UNSUBSTANTIAL, the bridging attributes such as
// REASONING_EXPERIMENTAL) with the no-match score. A model version
// (TOXICITY@6) or the _EXPERIMENTAL suffix names the same attribute; the
// response echoes the name as requested. A name Perspective does not know
// is a 400, as from Perspective.
//
// Shapes follow Perspective's public reference: the AnalyzeComment request
// and response in conversationai/perspectiveapi api_reference.md (comment,
// requestedAttributes with scoreType and scoreThreshold, spanAnnotations,
// languages, doNotStore, clientToken; attributeScores.<ATTR>.summaryScore
// and spanScores), the generated CommentanalyzerV1alpha1::SpanScore docs
// ("begin" and "end" are a UTF-16 range, end exclusive), and Google APIs'
// JSON error body {"error": {"code", "message", "status"}}.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/verdict.h"
#include "service/http/service_options.h"

namespace modfilter::http {

enum class Attribute : std::uint8_t {
  kToxicity, kSevereToxicity, kProfanity, kThreat, kInsult, kIdentityAttack,
  kSpam,
  kNone  // a Perspective attribute no rule of ours judges
};

// A Perspective attribute name, with an optional "@version" and
// "_EXPERIMENTAL" suffix; nullopt for a name Perspective does not know.
std::optional<Attribute> parse_attribute(std::string_view name) noexcept;

struct RequestedAttribute {
  Attribute attribute = Attribute::kToxicity;
  std::string name;                // as requested, echoed in the response
  std::optional<double> threshold;  // scores below it are left out
};

struct AnalyzeRequest {
  std::string text;
  std::vector<RequestedAttribute> attributes;  // in request order
  bool span_annotations = false;
  std::vector<std::string> languages;
  std::string client_token_json;  // echoed; empty when not sent
  bool do_not_store = false;      // kept out of `serve --audit`'s store
};

// A Google API error: HTTP code, canonical status, message.
struct PerspectiveError {
  int code = 400;
  std::string status = "INVALID_ARGUMENT";
  std::string message;
};

// Reads an AnalyzeComment request; comment.text longer than max_text_bytes
// is refused (Perspective refuses long comments with a 400 too).
std::expected<AnalyzeRequest, PerspectiveError> parse_analyze_request(
    std::string_view body, std::size_t max_text_bytes);

// The AnalyzeComment response for `verdict`, the verdict of request.text.
// `languages` answers a request that named none (the rule set's languages);
// `detected`, the languages found in the text beyond those it named, are
// reported as detectedLanguages when there are any.
std::string analyze_response(const AnalyzeRequest& request,
                             const Verdict& verdict,
                             const PerspectiveScores& scores,
                             std::span<const std::string> languages,
                             std::span<const std::string> detected = {});

std::string perspective_error_json(const PerspectiveError& error);

}  // namespace modfilter::http
