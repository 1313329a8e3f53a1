// Issue 20 on the service side, through the handlers with no socket:
// Perspective's other attributes, "languages" as a hint, SuggestCommentScore
// as a moderator label, the Discovery document, and the moderator page's
// endpoints (explain, the review queue, one comment, labels). The browser
// and Coral Talk's own request sequence are tested end to end by
// tests/browser and tests/coral.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include "engine/audit/audit_store.h"
#include "service/common/service_log.h"
#include "service/http/moderation_service.h"
#include "service/http/screen_service.h"
#include "tests/support.h"

using namespace modfilter;
using namespace modfilter::http;
using modfilter::service::ServiceLog;
using modfilter::testing::run_modfilter;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

const std::string kRules = source_path("tests/data/http/rules").string();
constexpr const char* kJson = "application/json";
constexpr const char* kToken = "moderator-secret";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A loaded ScreenService and its moderator side; with an audit store and
// the admin token when `audit` is given.
struct Service {
  explicit Service(std::string audit = {}, std::string rules = kRules) {
    options.rules_path = std::move(rules);
    options.audit_path = std::move(audit);
    if (!options.audit_path.empty()) options.admin_token = kToken;
    screen = std::make_unique<ScreenService>(options, log);
    REQUIRE(screen->reload().has_value());
    REQUIRE(screen->open_audit().has_value());
    moderation = std::make_unique<ModerationService>(*screen);
  }
  ~Service() { screen->close_audit(); }

  Response analyze(std::string_view body) {
    return screen->handle_analyze(Request{.content_type = kJson, .body = body});
  }
  Response suggest(std::string_view body) {
    return screen->handle_suggest(Request{.content_type = kJson, .body = body});
  }

  ServiceLog log{spdlog::level::off, false};
  ServiceOptions options;
  std::unique_ptr<ScreenService> screen;
  std::unique_ptr<ModerationService> moderation;
};

Request admin_get(std::vector<QueryParam> query, std::string_view authorization =
                                                     "Bearer moderator-secret") {
  Request request;
  request.authorization = authorization;
  request.query = std::move(query);
  return request;
}

std::string analyze_body(std::string_view attribute, std::string_view text = "what the fuck") {
  return std::string(R"({"comment":{"text":")") + std::string(text) +
         R"("},"requestedAttributes":{")" + std::string(attribute) + R"(":{}}})";
}

// Coral Talk's SuggestCommentScore for a moderator's decision.
std::string coral_suggestion(std::string_view text, std::string_view coral_id, bool rejected) {
  return std::string(R"({"comment":{"text":")") + std::string(text) +
         R"("},"context":{"entries":[{"text":"{\"url\":\"https://news.example/story?commentID=)" +
         std::string(coral_id) + R"(\",\"Coral_comment_id\":\")" + std::string(coral_id) +
         R"(\"}"}]},"attributeScores":{"SEVERE_TOXICITY":{"summaryScore":{"value":)" +
         (rejected ? "1" : "0") +
         R"(}}},"languages":["en"],"communityId":"Coral:https://news.example","clientToken":"comment:)" +
         std::string(coral_id) + R"("})";
}

std::optional<StoredComment> stored(const std::string& path, std::int64_t number) {
  auto store = AuditStore::open(path);
  REQUIRE(store.has_value());
  auto comment = store->comment(number);
  REQUIRE(comment.has_value());
  return *comment;
}

}  // namespace

TEST_CASE("#20 - Perspective attributes we do not map are scored as Perspective "
          "would, never refused with a 400", "[http][perspective][coral]") {
  Service service;
  for (const auto& [attribute, score] :
       std::vector<std::pair<std::string, std::string>>{
           {"TOXICITY@6", "0.95"}, {"SEVERE_TOXICITY@2", "0.95"},
           {"SEXUALLY_EXPLICIT", "0.95"}, {"OBSCENE", "0.95"}, {"FLIRTATION", "0.95"},
           {"PROFANITY_EXPERIMENTAL", "0.95"}, {"LIKELY_TO_REJECT", "0.95"},
           {"INFLAMMATORY", "0.95"}, {"ATTACK_ON_COMMENTER", "0.02"},
           {"INCOHERENT", "0.02"}, {"UNSUBSTANTIAL", "0.02"},
           {"REASONING_EXPERIMENTAL", "0.02"}}) {
    const Response r = service.analyze(analyze_body(attribute));
    INFO(attribute << " -> " << r.body);
    CHECK(r.status == 200);
    CHECK(contains(r.body, "{\"attributeScores\":{\"" + attribute +
                               "\":{\"summaryScore\":{\"value\":" + score + ","));
  }
  const Response insult = service.analyze(analyze_body("ATTACK_ON_AUTHOR", "you idiot"));
  CHECK(contains(insult.body, R"({"ATTACK_ON_AUTHOR":{"summaryScore":{"value":0.6,)"));
  for (const char* unknown : {"CHEERFULNESS", "TOXICITY@", "TOXICITY@six", "toxicity"}) {
    const Response r = service.analyze(analyze_body(unknown));
    INFO(unknown << " -> " << r.body);
    CHECK(r.status == 400);
    CHECK(contains(r.body, "Unknown attribute: "));
  }
}

TEST_CASE("#20 - Perspective's languages are a hint: Arabic text labelled en, "
          "as Coral sends it, is screened by the Arabic rules too",
          "[http][perspective][coral][scope]") {
  TempDir dir;
  dir.write("rules.yaml", R"(rules:
  - id: profanity.en
    category: profanity
    reason: Profanity
    action: reject
    lang: [en]
    words: [idiot]
  - id: abuse.ar
    category: abuse
    reason: Insult
    action: reject
    lang: [ar]
    words: [كلب]
    proclitics: [ال, يا]
)");
  Service service({}, dir.path().string());
  const std::string arabic = "يا كلب";
  const Response labelled_en = service.analyze(
      R"({"comment":{"text":")" + arabic +
      R"("},"requestedAttributes":{"TOXICITY":{}},"languages":["en"]})");
  INFO(labelled_en.body);
  CHECK(contains(labelled_en.body, R"({"TOXICITY":{"summaryScore":{"value":0.95,)"));
  CHECK(contains(labelled_en.body, R"("languages":["en"],"detectedLanguages":["ar")"));

  // English text labelled en stays English; the label still counts for
  // text the detector cannot place.
  const Response english = service.analyze(
      R"({"comment":{"text":"you are an idiot"},"requestedAttributes":{"TOXICITY":{}},"languages":["en"]})");
  CHECK(contains(english.body, R"("value":0.95)"));
  CHECK_FALSE(contains(english.body, "detectedLanguages"));
  const Response no_label = service.analyze(
      R"({"comment":{"text":"you are an idiot"},"requestedAttributes":{"TOXICITY":{}},"languages":["ar"]})");
  CHECK(contains(no_label.body, R"("value":0.95)"));
  CHECK(contains(no_label.body, R"("languages":["ar"],"detectedLanguages":["en"])"));
}

TEST_CASE("#20 - comments:suggestscore is accepted, echoes its languages and "
          "token, and refuses what Perspective refuses", "[http][perspective][coral]") {
  Service service;
  const Response r = service.suggest(coral_suggestion("darn it", "c-1", true));
  CHECK(r.status == 200);
  CHECK(r.body == R"({"requestedLanguages":["en"],"clientToken":"comment:c-1"})");
  for (const char* body :
       {R"({"comment":{"text":"hi"}})",
        R"({"comment":{"text":"hi"},"attributeScores":{}})",
        R"({"comment":{"text":""},"attributeScores":{"TOXICITY":{"summaryScore":{"value":1}}}})",
        R"({"comment":{"text":"hi"},"attributeScores":{"TOXICITY":{"summaryScore":{"value":2}}}})",
        R"({"comment":{"text":"hi"},"attributeScores":{"TOXICITY":{}}})",
        R"({"comment":{"text":"hi"},"attributeScores":{"CHEERFULNESS":{"summaryScore":{"value":1}}}})",
        R"({"comment":{"text":"hi"})"}) {
    const Response bad = service.suggest(body);
    INFO(body << " -> " << bad.body);
    CHECK(bad.status == 400);
    CHECK(contains(bad.body, R"("status":"INVALID_ARGUMENT")"));
  }
  const Response wrong_type = service.screen->handle_suggest(
      Request{.content_type = "text/plain", .body = "x"});
  CHECK(wrong_type.status == 415);
}

TEST_CASE("#20 - with --audit, analyze is recorded unless doNotStore, and "
          "Coral's suggestscore becomes the moderators' label of the comment",
          "[http][perspective][coral][audit]") {
  TempDir dir;
  const std::string store = (dir.path() / "audit.db").string();
  {
    Service service(store);
    // Analyzed without an id; the moderators then approve a comment
    // we sent to review (our verdict was wrong) and reject one we rejected.
    REQUIRE(service.analyze(analyze_body("SEVERE_TOXICITY", "darn it")).status == 200);
    REQUIRE(service.analyze(analyze_body("SEVERE_TOXICITY", "what the fuck")).status == 200);
    // doNotStore keeps a comment out of the store.
    REQUIRE(service.analyze(R"({"comment":{"text":"you idiot"},"doNotStore":true,)"
                            R"("requestedAttributes":{"TOXICITY":{}}})")
                .status == 200);
    REQUIRE(service.suggest(coral_suggestion("darn it", "5f0c-aa", false)).status == 200);
    REQUIRE(service.suggest(coral_suggestion("what the fuck", "5f0c-bb", true)).status == 200);
    // A comment this store never saw is screened, recorded under Coral's id
    // and labelled: the decision is not lost.
    REQUIRE(service.suggest(coral_suggestion("lovely day", "5f0c-cc", true)).status == 200);
  }
  const auto darn = stored(store, 1);
  REQUIRE(darn);
  CHECK(darn->verdict == Decision::kReview);
  REQUIRE(darn->label);
  CHECK_FALSE(darn->label->correct);
  CHECK(darn->label->note ==
        "comments:suggestscore: the moderators approved it (SEVERE_TOXICITY 0) in "
        "Coral:https://news.example");
  const auto fuck = stored(store, 2);
  REQUIRE(fuck->label);
  CHECK(fuck->label->correct);
  const auto lovely = stored(store, 3);
  REQUIRE(lovely);
  CHECK(lovely->input_id == "5f0c-cc");
  CHECK(lovely->verdict == Decision::kApprove);
  REQUIRE(lovely->label);
  CHECK_FALSE(lovely->label->correct);

  const auto shown = run_modfilter("audit show '" + store + "' 5f0c-cc --color never");
  CHECK(shown.exit_code == 0);
  CHECK(contains(shown.out, "label:   wrong ("));
}

TEST_CASE("#20 - the Discovery document names our two methods under the URL "
          "the client used", "[http][perspective]") {
  Service service;
  Request request;
  request.host = "moderation.example:8080";
  const Response r = service.screen->handle_discovery(request);
  CHECK(r.status == 200);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(r.body).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["rootUrl"].get_string().value()) ==
        "http://moderation.example:8080/");
  CHECK(std::string_view(doc["name"].get_string().value()) == "commentanalyzer");
  CHECK(std::string_view(doc["version"].get_string().value()) == "v1alpha1");
  const auto methods = doc["resources"]["comments"]["methods"];
  CHECK(std::string_view(methods["analyze"]["path"].get_string().value()) ==
        "v1alpha1/comments:analyze");
  CHECK(std::string_view(methods["suggestscore"]["path"].get_string().value()) ==
        "v1alpha1/comments:suggestscore");
  for (const char* ref : {"AnalyzeCommentRequest", "AnalyzeCommentResponse",
                          "SuggestCommentScoreRequest", "SuggestCommentScoreResponse"}) {
    CHECK(doc["schemas"][ref].error() == simdjson::SUCCESS);
  }
}

TEST_CASE("#20 - the moderator page is one self-contained document with a "
          "fresh script nonce and a policy that allows nothing else",
          "[http][moderation]") {
  Service service;
  const Response first = service.moderation->handle_page(Request{});
  const Response second = service.moderation->handle_page(Request{});
  CHECK(first.status == 200);
  CHECK(first.content_type == "text/html; charset=utf-8");
  CHECK(first.body.starts_with("<!DOCTYPE html>"));
  CHECK_FALSE(contains(first.body, "MODFILTER_NONCE"));
  CHECK_FALSE(contains(first.body, "src=\"http"));
  CHECK_FALSE(contains(first.body, "href=\"http"));
  CHECK_FALSE(contains(first.body, "innerHTML"));
  REQUIRE(first.headers.size() >= 1);
  CHECK(first.headers[0].first == "Content-Security-Policy");
  const std::string& policy = first.headers[0].second;
  CHECK(policy.starts_with("default-src 'none'; script-src 'nonce-"));
  const std::string nonce = policy.substr(38, 32);
  CHECK(contains(first.body, "<script nonce=\"" + nonce + "\">"));
  CHECK(second.headers[0].second != policy);
}

TEST_CASE("#20 - /v1/explain answers the verdict with check --explain's "
          "normalised view and the disguise undone per reason", "[http][moderation]") {
  Service service;
  const Response r = service.moderation->handle_explain(
      Request{.content_type = kJson, .body = R"({"text":"what the fuuuck, Ünïcode"})"});
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(contains(r.body, R"("verdict":"reject")"));
  CHECK(contains(r.body, R"("rule":"profanity.fuck")"));
  CHECK(contains(r.body, R"("spans":[[9,15]])"));
  CHECK(contains(r.body, R"("normalized":"what the fuck, unicode","identical":false)"));
  CHECK(contains(r.body, R"("explain":[{"rule":"profanity.fuck","view":"fuck","transforms":"stretch"}])"));
  CHECK(contains(r.body, R"("languages":[)"));
  const auto check = run_modfilter("check -r '" + kRules + "' --explain 'what the fuuuck, Ünïcode'");
  CHECK(contains(check.out, "  profanity.fuck: view \"fuck\" via stretch\n"));
  CHECK(service.moderation->handle_explain(Request{.content_type = kJson, .body = "{"}).status ==
        400);
}

TEST_CASE("#20 - the review queue and one comment need --audit and the admin "
          "token; labels are the ones audit label writes", "[http][moderation][audit]") {
  {
    Service no_audit;
    CHECK(no_audit.moderation->handle_queue(admin_get({})).status == 404);
    CHECK(contains(no_audit.moderation->handle_config(Request{}).body,
                   R"({"audit":false,"admin":false,"ruleset":"rules@)"));
  }
  TempDir dir;
  const std::string store = (dir.path() / "audit.db").string();
  Service service(store);
  for (const char* body : {R"({"id":"c-1","text":"darn it"})",
                           R"({"id":"c-2","text":"what the fuck"})",
                           R"({"id":"c-3","text":"you idiot, darn"})",
                           R"({"id":"c-4","text":"lovely day"})",
                           R"({"id":"c-1","text":"darn it again"})"}) {
    REQUIRE(service.screen->handle_screen(Request{.content_type = kJson, .body = body}).status ==
            200);
  }
  service.screen->close_audit();
  REQUIRE(service.screen->open_audit().has_value());
  const ModerationService& m = *service.moderation;
  CHECK(contains(m.handle_config(Request{}).body, R"({"audit":true,"admin":true,)"));

  CHECK(m.handle_queue(admin_get({}, "")).status == 401);
  CHECK(m.handle_queue(admin_get({}, "Bearer nope")).status == 401);
  const auto numbers = [&](std::vector<QueryParam> query) {
    const Response r = m.handle_queue(admin_get(std::move(query)));
    REQUIRE(r.status == 200);
    std::string out;
    for (std::size_t at = 0; (at = r.body.find("{\"number\":", at)) != std::string::npos;) {
      at += 10;
      out += r.body.substr(at, r.body.find(',', at) - at) + " ";
    }
    return out;
  };
  CHECK(numbers({}) == "5 3 1 ");  // review, newest first
  CHECK(numbers({{"verdict", "flagged"}}) == "5 3 2 1 ");
  CHECK(numbers({{"verdict", "any"}, {"limit", "2"}}) == "5 4 ");
  CHECK(numbers({{"verdict", "reject"}}) == "2 ");
  CHECK(numbers({{"rule", "abuse.idiot"}}) == "3 ");
  CHECK(numbers({{"verdict", "any"}, {"category", "abuse"}}) == "3 ");
  CHECK(numbers({{"text", "AGAIN"}}) == "5 ");
  CHECK(numbers({{"id", "c-1"}}) == "1 5 ");
  CHECK(numbers({{"id", "#4"}}) == "4 ");
  CHECK(numbers({{"id", "nobody"}}) == "");
  CHECK(m.handle_queue(admin_get({{"verdict", "maybe"}})).status == 400);
  CHECK(m.handle_queue(admin_get({{"limit", "0"}})).status == 400);

  const Response one = m.handle_comment(admin_get({{"id", "c-2"}}));
  CHECK(one.status == 200);
  CHECK(contains(one.body, R"({"comments":[{"number":2,"id":"c-2","run":1,)"));
  CHECK(contains(one.body, R"("verdict":"reject","text":"what the fuck","reasons":[{"rule":"profanity.fuck",)"));
  CHECK(contains(one.body, R"("spans":[[9,13]],"excerpt":[9,13]}],"label":null})"));
  CHECK(m.handle_comment(admin_get({{"id", "c-404"}})).status == 404);

  const auto label = [&](std::string_view body, std::string_view authorization =
                                                    "Bearer moderator-secret") {
    Request request;
    request.content_type = kJson;
    request.authorization = authorization;
    request.body = body;
    return m.handle_label(request);
  };
  CHECK(label(R"({"id":3,"judgement":"wrong","note":"x"})", "").status == 401);
  CHECK(label(R"({"id":"c-1","judgement":"wrong"})").status == 409);
  CHECK(label(R"({"id":"c-404","judgement":"wrong"})").status == 404);
  CHECK(label(R"({"id":3,"judgement":"maybe"})").status == 400);
  CHECK(label(R"({"judgement":"wrong"})").status == 400);
  const Response labelled = label(R"({"id":3,"judgement":"wrong","note":"darn is fine here"})");
  CHECK(labelled.status == 200);
  CHECK(labelled.body == R"({"number":3,"judgement":"wrong"})");
  CHECK(label(R"({"id":"c-2","judgement":"correct"})").body ==
        R"({"number":2,"judgement":"correct"})");
  const auto shown = run_modfilter("audit show '" + store + "' c-3 --color never");
  CHECK(contains(shown.out, "label:   wrong ("));
  CHECK(contains(shown.out, "): darn is fine here\n"));
  const auto search = run_modfilter("audit search '" + store + "' --label correct");
  CHECK(search.out.starts_with("#2 "));
}
