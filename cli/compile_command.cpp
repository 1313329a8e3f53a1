// modfilter compile RULES [-o FILE]: validate and compile a rule set, say
// what it compiled to, and optionally save the compiled database.
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/core/dictionary_file.h"

namespace modfilter::cli {
namespace {

struct CompileOptions {
  std::string rules;
  std::string output;
  ProgressOptions progress;
};

int run_compile(const CompileOptions& options) {
  Progress progress("compile", options.progress, "rules");
  progress.set_stage("compiling " + options.rules);
  progress.set_rate_shown(false);
  auto engine = load_engine(options.rules);
  if (!engine) return kExitUsage;
  const CompileStats& s = engine->stats();
  progress.update(s.rules);
  progress.finish(std::to_string(s.patterns) + " patterns");
  std::printf(
      "%s: %zu rules, %zu patterns (%zu lexemes from %zu vocabulary entries "
      "in %zu named lists and the rules, %zu regexes, %zu sequences), "
      "%zu token keys, %zu words read through slips (%zu known words "
      "never read so), %.1f KiB of Hyperscan bytecode, compiled in %.3f s\n",
      engine->id().c_str(), s.rules, s.patterns, s.lexemes, s.literals,
      s.lists, s.regexes, s.sequences, s.token_keys, s.slip_forms,
      s.known_words, static_cast<double>(s.database_bytes) / 1024.0,
      s.compile_seconds);
  if (english_dictionary_path().empty()) {
    std::fprintf(stderr,
                 "note: no misspelt words will be read: no English dictionary "
                 "at %s or %s (install wamerican-large)\n",
                 kLargeDictionary, kDefaultDictionary);
  }
  if (options.output.empty()) return kExitOk;
  if (auto saved = engine->save(options.output); !saved) {
    print_errors({saved.error()});
    return kExitUsage;
  }
  const auto start = std::chrono::steady_clock::now();
  auto reloaded = Engine::load_database(options.output);
  const double ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  if (!reloaded) {
    print_errors(reloaded.error());
    return kExitUsage;
  }
  std::printf("wrote %s (loads in %.1f ms)\n", options.output.c_str(), ms);
  return kExitOk;
}

}  // namespace

Command add_compile(CLI::App& parent) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* app = parent.add_subcommand(
      "compile",
      "Validate and compile a rule set; print rule and pattern counts.\n"
      "With -o, save the compiled database (.mfdb) that --rules accepts\n"
      "in place of YAML and loads in milliseconds. Exit 2 with every error\n"
      "(file:line:col) when the set is refused.");
  app->add_option("rules", options->rules, "rule file or directory")
      ->required();
  app->add_option("-o,--output", options->output,
                  "write the compiled database to this file (atomically)");
  add_progress_options(*app, options->progress);
  return {app, [options] { return run_compile(*options); }};
}

}  // namespace modfilter::cli
