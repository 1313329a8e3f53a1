#include "cli/common.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace modfilter::cli {

std::string default_rules_path() {
  if (const char* env = std::getenv("MODFILTER_RULES"); env && *env) {
    return env;
  }
  if (std::filesystem::exists(MODFILTER_DEFAULT_RULES)) {
    return MODFILTER_DEFAULT_RULES;
  }
  return "rules";
}

void print_errors(const Errors& errors) {
  for (const Error& e : errors) {
    std::fprintf(stderr, "modfilter: %s\n", e.to_string().c_str());
  }
  if (errors.size() > 1) {
    std::fprintf(stderr, "modfilter: %zu errors; nothing was loaded\n",
                 errors.size());
  }
}

std::optional<Engine> load_engine(const std::string& rules,
                                  const std::string& database) {
  auto engine = database.empty() ? Engine::load(rules)
                                 : Engine::load_database(database, rules);
  if (!engine) {
    print_errors(engine.error());
    return std::nullopt;
  }
  return std::move(*engine);
}

std::string ServiceRules::path() const {
  if (!database.empty()) return database;
  return rules.empty() ? default_rules_path() : rules;
}

void add_service_rule_options(CLI::App& app, ServiceRules& rules) {
  auto* given = app.add_option(
      "-r,--rules", rules.rules,
      "rule file or directory (default: the bundled rules/)");
  app.add_option("--db", rules.database,
                 "compiled database from 'modfilter compile -o' (starts in "
                 "milliseconds; SIGHUP reloads the file)")
      ->excludes(given);
}

}  // namespace modfilter::cli
