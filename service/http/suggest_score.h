// POST /v1alpha1/comments:suggestscore, Perspective's SuggestCommentScore:
// a site tells the scorer what its moderators decided. Coral Talk sends one
// for every comment a moderator approves (score 0) or rejects (score 1):
//
//   {"comment":{"text"}, "context":{"entries":[{"text":"{\"url\":...,
//    \"Coral_comment_id\":ID}"}]}, "attributeScores":{MODEL:{"summaryScore":
//    {"value":0|1}}}, "languages":[..], "communityId":"Coral:URL",
//    "clientToken":"comment:ID"}
//
// (coralproject/talk server/src/core/server/services/perspective). Shapes
// and errors as Perspective's reference gives them: attributeScores must
// not be empty, each score a number in [0, 1]; the response echoes the
// requested languages and the client token. With `serve --audit`, the
// suggestion becomes a moderator label in the audit store (ScreenService).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "service/http/perspective.h"

namespace modfilter::http {

struct SuggestedScore {
  std::string attribute;  // as sent
  double value = 0;       // the summaryScore (or the highest span score)
};

struct SuggestRequest {
  std::string text;
  std::vector<SuggestedScore> scores;
  std::vector<std::string> languages;
  std::string community_id;
  std::string client_token_json;  // echoed; empty when not sent
  // The site's id of the comment: Coral's Coral_comment_id from the context,
  // else a "comment:ID" client token's ID; empty when neither was sent.
  std::string comment_id;

  // The moderators' judgement: some attribute scored 0.5 or more.
  bool flagged() const noexcept;
};

std::expected<SuggestRequest, PerspectiveError> parse_suggest_request(
    std::string_view body, std::size_t max_text_bytes);

std::string suggest_response(const SuggestRequest& request);

}  // namespace modfilter::http
