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
//
// This header includes neither Hyperscan nor the compiler's and scanner's
// internals (tests/layering_test.cmake compiles it where Hyperscan's headers
// fail): the compiled rules and the scan workspace are only declared here.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/compile_stats.h"
#include "engine/core/error.h"
#include "engine/policy/verdict.h"
#include "engine/ruleset/rule.h"
#include "engine/scanner/scan_options.h"

namespace modfilter {

class CompiledRules;  // engine/compiler/compiled_rules.h
class ScanWorkspace;  // engine/scanner/scanner.h

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
  static std::expected<Engine, Errors> from_rule_set(
      RuleSet rules, CompileOptions options = {});

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
  // The same with a caller-owned workspace (engine/scanner/scanner.h),
  // which afterwards also holds the normalised view and the raw matches
  // (for --explain).
  void screen(std::string_view text, Verdict& out, ScanWorkspace& workspace,
              const ScanOptions& options = {},
              std::string_view languages = {}) const;

  // The languages whose scoped rules apply to `text` (the caller's
  // `languages` when given), as ISO codes; {"*"} when every rule applies.
  std::vector<std::string> languages_of(std::string_view text,
                                        std::string_view languages = {}) const;

  // Writes the compiled rules to a database file, atomically.
  std::expected<void, Error> save(const std::filesystem::path& path) const;

  // What compiling made: rules, patterns, lexemes, bytecode bytes, time.
  const CompileStats& stats() const noexcept;
  // The language codes some rule is scoped to (`lang:`), sorted; empty when
  // no rule is scoped.
  const std::vector<std::string>& languages() const noexcept;
  const RuleSet& rule_set() const noexcept;
  // "name@hash8", carried by every verdict.
  const std::string& id() const noexcept;

  // The compiled rules themselves, for the engine's own tools that walk
  // patterns (lint's dead-weight scan, bench's baselines, the database
  // tests); include engine/compiler/compiled_rules.h to use them.
  const CompiledRules& compiled() const noexcept { return *compiled_; }

 private:
  explicit Engine(std::shared_ptr<const CompiledRules> compiled)
      : compiled_(std::move(compiled)) {}

  std::shared_ptr<const CompiledRules> compiled_;
};

}  // namespace modfilter
