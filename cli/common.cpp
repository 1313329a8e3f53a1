#include "cli/common.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace modfilter::cli {

namespace {

// PREFIX/share/modfilter/rules when this binary runs from PREFIX/bin (an
// installed copy); empty otherwise.
std::filesystem::path installed_rules() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  auto rules = exe.parent_path().parent_path() / MODFILTER_INSTALLED_RULES;
  return std::filesystem::is_directory(rules, ec) ? rules : std::filesystem::path();
}

}  // namespace

std::string default_rules_path() {
  if (const char* env = std::getenv("MODFILTER_RULES"); env && *env) {
    return env;
  }
  if (auto installed = installed_rules(); !installed.empty()) {
    return installed.string();
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

bool write_html(const std::string& path, const std::string& page) {
  const std::string temporary = path + ".tmp";
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  bool ok = f != nullptr && std::fwrite(page.data(), 1, page.size(), f) == page.size();
  if (f != nullptr && std::fclose(f) != 0) ok = false;
  std::error_code ec;
  if (ok) std::filesystem::rename(temporary, path, ec);
  if (!ok || ec) {
    std::filesystem::remove(temporary, ec);
    std::fprintf(stderr, "modfilter: %s: cannot write the page (check the "
                 "directory exists and is writable)\n", path.c_str());
    return false;
  }
  return true;
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
