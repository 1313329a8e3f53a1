#include "engine/engine.h"

#include "engine/compiler/compiler.h"
#include "engine/compiler/database_file.h"
#include "engine/policy/policy.h"
#include "engine/ruleset/loader.h"

namespace modfilter {

std::expected<Engine, Errors> Engine::load(const std::filesystem::path& path) {
  if (is_database_file(path)) return load_database(path);
  auto rules = load_rule_set(path);
  if (!rules) return std::unexpected(std::move(rules.error()));
  return from_rule_set(std::move(*rules));
}

std::expected<Engine, Errors> Engine::from_rule_set(RuleSet rules,
                                                    CompileOptions options) {
  auto compiled = compile(std::move(rules), options);
  if (!compiled) return std::unexpected(std::move(compiled.error()));
  return Engine(std::move(*compiled));
}

std::expected<Engine, Errors> Engine::load_database(
    const std::filesystem::path& database, const std::filesystem::path& rules) {
  auto compiled = modfilter::load_database(database);
  if (!compiled) return std::unexpected(Errors{std::move(compiled.error())});
  if (!rules.empty()) {
    auto source = load_rule_set(rules);
    if (!source) return std::unexpected(std::move(source.error()));
    const std::string& built = (*compiled)->rule_set().content_hash;
    if (source->content_hash != built) {
      return std::unexpected(Errors{Error{
          ErrorKind::kDatabase, database.string(), 0, 0, "",
          "built from another version of the rules (" + (*compiled)->id() +
              ", the rules at " + rules.string() + " are " + source->id() +
              ")",
          "rebuild it with 'modfilter compile " + rules.string() + " -o " +
              database.string() + "'"}});
    }
  }
  return Engine(std::move(*compiled));
}

std::expected<void, Error> Engine::save(
    const std::filesystem::path& path) const {
  return save_database(*compiled_, path);
}

Verdict Engine::screen(std::string_view text) const {
  Verdict verdict;
  screen(text, verdict);
  return verdict;
}

void Engine::screen(std::string_view text, Verdict& out) const {
  thread_local ScanWorkspace workspace;
  screen(text, out, workspace);
}

void Engine::screen(std::string_view text, Verdict& out,
                    ScanWorkspace& workspace,
                    const ScanOptions& options) const {
  Scanner::scan(*compiled_, text, workspace, options);
  decide(*compiled_, workspace.mutable_matches(), out);
}

}  // namespace modfilter
