// Fuzz target: arbitrary bytes as a YAML rule file. The loader must answer
// "loaded" or refuse with located errors (file, and a message), never crash,
// hang or leak; a loaded rule set then compiles or is refused the same way,
// and a compiled one screens its own tests' comments.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/engine.h"
#include "engine/ruleset/loader.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr std::string_view kName = "fuzz.yaml";

void check_located(const modfilter::Errors& errors) {
  FUZZ_CHECK(!errors.empty(), "a refusal says why");
  for (const auto& error : errors) {
    FUZZ_CHECK(!error.message.empty(), "an error has a message");
    FUZZ_CHECK(error.file == kName, "an error names the file");
    FUZZ_CHECK(error.line >= 0 && error.column >= 0, "positions are valid");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  auto rules = modfilter::load_rule_text(yaml, kName);
  if (!rules) {
    check_located(rules.error());
    return 0;
  }
  auto engine = modfilter::Engine::from_rule_set(std::move(*rules));
  if (!engine) {
    check_located(engine.error());
    return 0;
  }
  for (const auto& rule : engine->rule_set().rules) {
    for (const auto& test : rule.tests) {
      const auto verdict = engine->screen(test.text);
      for (const auto& reason : verdict.reasons) {
        for (const auto& span : reason.spans) {
          FUZZ_CHECK(span.begin < span.end && span.end <= test.text.size(),
                     "spans inside the comment");
        }
      }
    }
  }
  return 0;
}
