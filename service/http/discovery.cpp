#include "service/http/discovery.h"

#include "engine/io/json_writer.h"

namespace modfilter::http {
namespace {

// Everything after rootUrl. Every "$ref" names a schema of this document:
// googleapiclient looks each one up when it builds a method's docstring.
constexpr std::string_view kAfterRoot = R"json(,
"kind":"discovery#restDescription",
"discoveryVersion":"v1",
"id":"commentanalyzer:v1alpha1",
"name":"commentanalyzer",
"version":"v1alpha1",
"title":"Perspective Comment Analyzer API (served by modfilter)",
"description":"The Perspective AnalyzeComment and SuggestCommentScore methods, answered by modfilter's rules: scores are verdicts written as numbers (serve --score-reject, --score-review, --score-none).",
"protocol":"rest",
"servicePath":"",
"batchPath":"batch",
"parameters":{
 "key":{"type":"string","location":"query","description":"API key (serve --api-keys-file); any key when the service has none."},
 "alt":{"type":"string","location":"query","default":"json","enum":["json"],"enumDescriptions":["JSON responses"],"description":"Data format for the response."},
 "prettyPrint":{"type":"boolean","location":"query","default":"true","description":"Accepted; responses are compact."},
 "fields":{"type":"string","location":"query","description":"Accepted; the whole response is returned."},
 "quotaUser":{"type":"string","location":"query","description":"Accepted and ignored."}
},
"resources":{
 "comments":{
  "methods":{
   "analyze":{
    "id":"commentanalyzer.comments.analyze",
    "path":"v1alpha1/comments:analyze",
    "flatPath":"v1alpha1/comments:analyze",
    "httpMethod":"POST",
    "description":"Analyzes the provided text and returns scores for requested attributes.",
    "parameters":{},
    "parameterOrder":[],
    "request":{"$ref":"AnalyzeCommentRequest"},
    "response":{"$ref":"AnalyzeCommentResponse"}
   },
   "suggestscore":{
    "id":"commentanalyzer.comments.suggestscore",
    "path":"v1alpha1/comments:suggestscore",
    "flatPath":"v1alpha1/comments:suggestscore",
    "httpMethod":"POST",
    "description":"Suggest comment scores as training data; with serve --audit, recorded as a moderator label.",
    "parameters":{},
    "parameterOrder":[],
    "request":{"$ref":"SuggestCommentScoreRequest"},
    "response":{"$ref":"SuggestCommentScoreResponse"}
   }
  }
 }
},
"schemas":{
 "AnalyzeCommentRequest":{"id":"AnalyzeCommentRequest","type":"object","properties":{
  "comment":{"type":"object","properties":{"text":{"type":"string"}}},
  "requestedAttributes":{"type":"object","additionalProperties":{"type":"object"}},
  "languages":{"type":"array","items":{"type":"string"}},
  "spanAnnotations":{"type":"boolean"},
  "doNotStore":{"type":"boolean"},
  "clientToken":{"type":"string"}}},
 "AnalyzeCommentResponse":{"id":"AnalyzeCommentResponse","type":"object","properties":{
  "attributeScores":{"type":"object","additionalProperties":{"type":"object"}},
  "languages":{"type":"array","items":{"type":"string"}},
  "detectedLanguages":{"type":"array","items":{"type":"string"}},
  "clientToken":{"type":"string"}}},
 "SuggestCommentScoreRequest":{"id":"SuggestCommentScoreRequest","type":"object","properties":{
  "comment":{"type":"object","properties":{"text":{"type":"string"}}},
  "context":{"type":"object"},
  "attributeScores":{"type":"object","additionalProperties":{"type":"object"}},
  "languages":{"type":"array","items":{"type":"string"}},
  "communityId":{"type":"string"},
  "clientToken":{"type":"string"}}},
 "SuggestCommentScoreResponse":{"id":"SuggestCommentScoreResponse","type":"object","properties":{
  "requestedLanguages":{"type":"array","items":{"type":"string"}},
  "clientToken":{"type":"string"}}}
}
})json";

}  // namespace

std::string discovery_document(std::string_view root_url) {
  std::string out = "{\"rootUrl\":";
  append_json_string(out, root_url);
  out += ",\"baseUrl\":";
  append_json_string(out, root_url);
  out += kAfterRoot;
  return out;
}

}  // namespace modfilter::http
