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

}  // namespace modfilter::cli
