#include "engine/engine.h"

#include "engine/compiler/compiled_rules.h"
#include "engine/compiler/compiler.h"
#include "engine/compiler/database_file.h"
#include "engine/lang/comment_languages.h"
#include "engine/policy/policy.h"
#include "engine/ruleset/loader.h"
#include "engine/scanner/scanner.h"

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

const CompileStats& Engine::stats() const noexcept {
  return compiled_->stats();
}

const std::vector<std::string>& Engine::languages() const noexcept {
  return compiled_->languages();
}

const RuleSet& Engine::rule_set() const noexcept {
  return compiled_->rule_set();
}

const std::string& Engine::id() const noexcept { return compiled_->id(); }

std::expected<void, Error> Engine::save(
    const std::filesystem::path& path) const {
  return save_database(*compiled_, path);
}

namespace {

LanguageList language_list(const CompiledRules& rules, std::string_view text,
                           std::string_view languages) {
  return languages.empty() ? comment_languages(text, rules.languages())
                           : parse_languages(languages);
}

std::uint64_t language_mask(const CompiledRules& rules, std::string_view text,
                            std::string_view languages) {
  const LanguageList list = language_list(rules, text, languages);
  if (list.every) return CompiledRules::kEveryLanguage;
  std::uint64_t mask = CompiledRules::kUnscopedBit;
  for (std::size_t i = 0; i < list.count; ++i) {
    mask |= rules.language_bit(list.codes[i]);
  }
  return mask;
}

// Slips are read against an English dictionary, so a comment in another
// language has its words "corrected" into English ones (Turkish "sikme" is
// not a slip of anything English): such a comment is screened as written.
bool slips_apply(const CompiledRules& rules, std::string_view text,
                 std::string_view languages) {
  if (languages.empty() && rules.language_bit("en") == 0) return true;
  const LanguageList list = language_list(rules, text, languages);
  return list.every || list.contains("en");
}

}  // namespace

Verdict Engine::screen(std::string_view text,
                       std::string_view languages) const {
  Verdict verdict;
  screen(text, verdict, languages);
  return verdict;
}

void Engine::screen(std::string_view text, Verdict& out,
                    std::string_view languages) const {
  thread_local ScanWorkspace workspace;
  screen(text, out, workspace, {}, languages);
}

void Engine::screen(std::string_view text, Verdict& out,
                    ScanWorkspace& workspace, const ScanOptions& options,
                    std::string_view languages) const {
  Scanner::scan(*compiled_, text, workspace, options);
  std::vector<Match>& matches = workspace.mutable_matches();
  // The detector costs more than the rest of screening, and most comments
  // that hit a scoped rule's words fire no scoped rule at all: decide for
  // every language first, and look at the language only when it can matter,
  // to take away the reasons of rules not in it.
  decide(*compiled_, text, workspace.normalized(), matches, out);
  if (workspace.read_slips() && !out.reasons.empty() &&
      !slips_apply(*compiled_, text, languages)) {
    ScanOptions as_written = options;
    as_written.read_slips = false;
    Scanner::scan(*compiled_, text, workspace, as_written);
    decide(*compiled_, text, workspace.normalized(), matches, out);
  }
  if (needs_languages(*compiled_, out)) {
    keep_languages(*compiled_, out, language_mask(*compiled_, text, languages));
  }
}

std::vector<std::string> Engine::languages_of(
    std::string_view text, std::string_view languages) const {
  const LanguageList list = language_list(*compiled_, text, languages);
  if (list.every) return {"*"};
  return {list.codes.begin(),
          list.codes.begin() + static_cast<std::ptrdiff_t>(list.count)};
}

}  // namespace modfilter
