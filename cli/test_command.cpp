// modfilter test [RULES]: run every rule's embedded tests.
#include <cstdio>

#include "cli/common.h"
#include "engine/io/json_writer.h"

namespace modfilter::cli {
namespace {

const Reason* find_reason(const Verdict& verdict, std::string_view rule) {
  for (const Reason& r : verdict.reasons) {
    if (r.rule == rule) return &r;
  }
  return nullptr;
}

std::string describe(const Verdict& verdict, std::string_view text) {
  std::string out = to_string(verdict.decision);
  for (const Reason& r : verdict.reasons) {
    out += "\n      by ";
    out += r.rule;
    out += " on ";
    append_json_string(out, text.substr(r.excerpt.begin, r.excerpt.size()));
  }
  return out;
}

// Tests of a rule scoped with `lang:` are screened as its languages. A
// must-reject (or review) test passes when its rule fires with that action; a must-approve test passes when the whole rule set approves, so
// that near-miss cases guard against every rule's collateral damage.
int run_test(const std::string& rules, bool verbose) {
  auto engine = load_engine(rules);
  if (!engine) return kExitUsage;
  std::size_t passed = 0;
  std::size_t failed = 0;
  Verdict verdict;
  std::string languages;
  for (const Rule& rule : engine->rule_set().rules) {
    // A scoped rule's tests are comments in its languages: screened as
    // such, not left to detection, which cannot tell a lone word's language.
    languages.clear();
    for (const std::string& code : rule.langs) {
      if (!languages.empty()) languages += ',';
      languages += code;
    }
    for (const RuleTest& test : rule.tests) {
      engine->screen(test.text, verdict, languages);
      bool ok = false;
      std::string expected;
      if (test.expect_match) {
        const Reason* reason = find_reason(verdict, rule.id);
        const Decision want = test.expect_action == Action::kReject
                                  ? Decision::kReject
                                  : Decision::kReview;
        ok = reason != nullptr && reason->action == want;
        expected = std::string(to_string(want)) + " by " + rule.id;
      } else {
        ok = verdict.decision == Decision::kApprove;
        expected = "approve";
      }
      if (ok) {
        ++passed;
        if (verbose) {
          std::printf("ok   %s: %s\n", rule.id.c_str(), test.text.c_str());
        }
        continue;
      }
      ++failed;
      std::string text;
      append_json_string(text, test.text);
      std::printf("FAIL %s:%d:%d: %s\n  comment:  %s\n  expected: %s\n"
                  "  actual:   %s\n",
                  test.location.file.c_str(), test.location.line,
                  test.location.column, rule.id.c_str(), text.c_str(),
                  expected.c_str(), describe(verdict, test.text).c_str());
    }
  }
  std::printf("%s: %zu passed, %zu failed\n", engine->id().c_str(), passed,
              failed);
  return failed == 0 ? kExitOk : kExitFindings;
}

}  // namespace

Command add_test(CLI::App& parent) {
  struct Options {
    std::string rules;
    bool verbose = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand(
      "test",
      "Run the tests embedded in every rule (tests: reject/review/approve)\n"
      "and print each failure. Exit 1 when any test fails.");
  app->add_option("rules", options->rules,
                  "rule file or directory (default: the bundled rules/)");
  app->add_flag("-v,--verbose", options->verbose, "list passing tests too");
  return {app, [options] {
            if (options->rules.empty()) options->rules = default_rules_path();
            return run_test(options->rules, options->verbose);
          }};
}

}  // namespace modfilter::cli
