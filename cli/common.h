// What the commands share: exit codes, loading an engine with readable
// errors, where the default rules are.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "engine/core/error.h"
#include "engine/engine.h"

namespace modfilter::cli {

// Exit codes, the same for every command (README "Exit codes").
inline constexpr int kExitOk = 0;        // done; nothing found or all passed
inline constexpr int kExitFindings = 1;  // a finding: rejected, test failed
inline constexpr int kExitUsage = 2;     // bad arguments or bad input

// The bundled rules: $MODFILTER_RULES, else the installed rules
// (PREFIX/share/modfilter/rules beside PREFIX/bin/modfilter), else the
// rules/ of the source tree this binary was built from.
std::string default_rules_path();

// Prints every error as "modfilter: FILE:LINE:COL: ..." on stderr.
void print_errors(const Errors& errors);

// Loads and compiles a rule set (YAML or .mfdb), or with `database` a
// compiled database, checked against `rules` when both are given. Prints
// errors; nullopt on failure.
std::optional<Engine> load_engine(const std::string& rules,
                                  const std::string& database = {});

// Writes a page (eval --html, bench --html) atomically; prints the error
// and returns false when it cannot.
bool write_html(const std::string& path, const std::string& page);

// The rules of a long-running service (serve, worker): a rule set or a
// compiled database, which SIGHUP reloads.
struct ServiceRules {
  std::string rules;
  std::string database;
  // What to load: the database when given, else the rules, else the
  // bundled rules.
  std::string path() const;
};
void add_service_rule_options(CLI::App& app, ServiceRules& rules);

// Each command registers itself and sets the function to run.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_check(CLI::App& parent);
Command add_scan(CLI::App& parent);
Command add_compile(CLI::App& parent);
Command add_test(CLI::App& parent);
Command add_bench(CLI::App& parent);
Command add_eval(CLI::App& parent);
Command add_lint(CLI::App& parent);
Command add_audit(CLI::App& parent);
Command add_serve(CLI::App& parent);
Command add_worker(CLI::App& parent);
Command add_enqueue(CLI::App& parent);
Command add_collect(CLI::App& parent);

}  // namespace modfilter::cli
