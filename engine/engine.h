// modfilter::Engine — the front door. Loads a rule set, compiles it, and
// screens comments:
//
//   auto engine = modfilter::Engine::load("rules/");
//   if (!engine) { for (auto& e : engine.error()) print(e.to_string()); }
//   modfilter::Verdict v = engine->screen("I will kill you");
//
// screen() is safe to call from many threads at once: each thread keeps its
// own Hyperscan scratch and buffers (thread_local), sized on first use.
// Copying an Engine is cheap and shares the compiled rules; verdicts point
// into them, so keep an Engine (or a copy) alive while you use its verdicts.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/core/error.h"
#include "engine/policy/verdict.h"
#include "engine/ruleset/rule.h"
#include "engine/scanner/scanner.h"

namespace modfilter {

class Engine {
 public:
  // Loads and compiles a rule file or a directory of rule files, or loads a
  // compiled database file (.mfdb, from save()). Every problem is returned
  // (file:line:col, rule, hint); nothing half-loads.
  static std::expected<Engine, Errors> load(const std::filesystem::path& path);
  // Loads a compiled database and checks that it was built from the rule
  // set at `rules` (refused, with a hint to rebuild, when the rules changed).
  static std::expected<Engine, Errors> load_database(
      const std::filesystem::path& database,
      const std::filesystem::path& rules = {});
  // Compiles an already loaded rule set.
  static std::expected<Engine, Errors> from_rule_set(RuleSet rules);

  // Screens one comment. Never fails: any bytes, any length the caller
  // accepted (invalid UTF-8 is screened too).
  //
  // `languages`: the comment's language when the caller knows it, as ISO
  // codes ("ar", or "ar,en" for a comment in both); empty: found from the
  // text (engine/lang/comment_languages.h). Rules scoped with `lang:` apply
  // only to comments in one of their languages; rules without apply to all.
  // Languages are looked at only when a scoped rule matched.
  Verdict screen(std::string_view text, std::string_view languages = {}) const;
  // The same, reusing `out` (and this thread's workspace): no allocation
  // for a comment that matches nothing.
  void screen(std::string_view text, Verdict& out,
              std::string_view languages = {}) const;
  // The same with a caller-owned workspace, which afterwards also holds the
  // normalised view and the raw matches (for --explain).
  void screen(std::string_view text, Verdict& out, ScanWorkspace& workspace,
              const ScanOptions& options = {},
              std::string_view languages = {}) const;

  // The languages whose scoped rules apply to `text` (the caller's
  // `languages` when given), as ISO codes; {"*"} when every rule applies.
  std::vector<std::string> languages_of(std::string_view text,
                                        std::string_view languages = {}) const;

  // Writes the compiled rules to a database file, atomically.
  std::expected<void, Error> save(const std::filesystem::path& path) const;

  const CompiledRules& compiled() const noexcept { return *compiled_; }
  const RuleSet& rule_set() const noexcept { return compiled_->rule_set(); }
  // "name@hash8", carried by every verdict.
  const std::string& id() const noexcept { return compiled_->id(); }

 private:
  explicit Engine(std::shared_ptr<const CompiledRules> compiled)
      : compiled_(std::move(compiled)) {}

  std::shared_ptr<const CompiledRules> compiled_;
};

}  // namespace modfilter
