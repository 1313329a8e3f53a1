// Fuzz target: Engine::screen on arbitrary bytes against the default rules
// (rules/), checking on every input:
//  - every span is non-empty and inside the text, and the excerpt is one
//    of the reason's spans (so the excerpt printed is the text at a span);
//  - reasons come in rule-set order, once per rule, and the decision is the
//    strongest action among them (approve when none);
//  - a second call, and a call from another thread, give the same verdict;
//  - the verdict written as JSON is valid JSON.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "engine/io/json_writer.h"
#include "fuzz/fuzz_check.h"

namespace {

const modfilter::Engine& engine() {
  static const modfilter::Engine loaded = [] {
    auto e = modfilter::Engine::load(MODFILTER_SOURCE_DIR "/rules");
    FUZZ_CHECK(e.has_value(), "the default rules load");
    return std::move(*e);
  }();
  return loaded;
}

bool same(const modfilter::Verdict& a, const modfilter::Verdict& b) {
  if (a.decision != b.decision || a.reasons.size() != b.reasons.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.reasons.size(); ++i) {
    const auto& x = a.reasons[i];
    const auto& y = b.reasons[i];
    if (x.rule != y.rule || x.action != y.action || x.spans != y.spans ||
        !(x.excerpt == y.excerpt)) {
      return false;
    }
  }
  return true;
}

}  // namespace

// Compiling the default rules takes seconds under ASan: done once here, so
// that it does not count against the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  engine();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const modfilter::Engine& e = engine();
  const modfilter::Verdict verdict = e.screen(text);

  auto strongest = modfilter::Decision::kApprove;
  std::string_view previous_rule;
  std::size_t previous_index = 0;
  for (const auto& reason : verdict.reasons) {
    FUZZ_CHECK(!reason.spans.empty(), "a reason has spans");
    for (const auto& span : reason.spans) {
      FUZZ_CHECK(span.begin < span.end && span.end <= text.size(),
                 "a span is non-empty and inside the text");
    }
    bool excerpt_is_a_span = false;
    for (const auto& span : reason.spans) {
      excerpt_is_a_span = excerpt_is_a_span || span == reason.excerpt;
    }
    FUZZ_CHECK(excerpt_is_a_span, "the excerpt is one of the spans");
    std::size_t index = 0;
    while (index < e.rule_set().rules.size() &&
           e.rule_set().rules[index].id != reason.rule) {
      ++index;
    }
    FUZZ_CHECK(index < e.rule_set().rules.size(), "a reason names a rule");
    FUZZ_CHECK(previous_rule.empty() || index > previous_index,
               "reasons in rule-set order, one per rule");
    previous_rule = reason.rule;
    previous_index = index;
    strongest = std::max(strongest, reason.action);
  }
  FUZZ_CHECK(verdict.decision == strongest,
             "the decision is the strongest action");

  FUZZ_CHECK(same(verdict, e.screen(text)), "a second call agrees");
  auto other = std::async(std::launch::async, [&] { return e.screen(text); });
  FUZZ_CHECK(same(verdict, other.get()), "another thread agrees");

  std::string json = "{";
  modfilter::append_verdict_members(json, verdict, text);
  json += "}";
  simdjson::dom::parser parser;
  FUZZ_CHECK(!parser.parse(json).error(), "the verdict is valid JSON");
  return 0;
}
