// modfilter_differential: the full differential check of the matcher
// (issue 11). Compares Engine::screen with the reference matcher
// (reference_matcher.h) on which rules fire:
//  1. the default rules (rules/) on every comment of DATA/*.dev.jsonl
//     (the evasion set included), as in the row's `lang` where it has one,
//     else in the languages found from the text;
//  2. random rule sets (vocabulary from DATA/wordlists/ldnoobw_en.txt and
//     the default rules) on a sample of those comments and on random ones,
//     with random caller languages or none.
// Prints how many comments were compared and every disagreement; exits 1
// when there is one, 2 when the data directory is missing.
//
//   modfilter_differential [DATA] [--rule-sets N] [--comments-per-set N]
//                          [--seed S]
// DATA defaults to ../shared/data beside the source tree.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "engine/io/comment_reader.h"
#include "engine/ruleset/loader.h"
#include "tests/reference/differential.h"
#include "tests/reference/random_rules.h"

namespace fs = std::filesystem;
using modfilter::Engine;
using modfilter::reference::Differential;
using modfilter::reference::ReferenceMatcher;

namespace {

struct Options {
  fs::path data = fs::path(MODFILTER_SOURCE_DIR) / ".." / "shared" / "data";
  int rule_sets = 200;
  int comments_per_set = 1000;
  std::uint64_t seed = 1;
};

struct Comment {
  std::string id;
  std::string text;
  std::string lang;  // the row's `lang`, or empty
};

std::vector<Comment> read_comments(const fs::path& data) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(data)) {
    if (e.path().string().ends_with(".dev.jsonl")) files.push_back(e.path());
  }
  std::ranges::sort(files);
  std::vector<Comment> out;
  for (const auto& file : files) {
    std::ifstream in(file);
    modfilter::ReaderOptions options;
    options.lang_field = "lang";
    modfilter::CommentReader reader(in, file.string(), options);
    modfilter::InputRecord record;
    while (reader.next(record)) {
      if (!record.error) {
        out.push_back({record.id, std::string(record.text),
                       std::string(record.lang)});
      }
    }
  }
  return out;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void print(const Differential& diff, const std::string& what) {
  for (const auto& d : diff.disagreements()) {
    std::string text = d.text;
    std::ranges::replace(text, '\n', ' ');
    std::printf("DISAGREE %s: %s\n  text: %s\n", what.c_str(),
                describe(d).c_str(), text.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--rule-sets") options.rule_sets = std::stoi(value());
    else if (arg == "--comments-per-set") options.comments_per_set = std::stoi(value());
    else if (arg == "--seed") options.seed = std::stoull(value());
    else options.data = arg;
  }
  if (!fs::is_directory(options.data)) {
    std::fprintf(stderr,
                 "modfilter_differential: no data directory at %s; give the "
                 "directory of the *.dev.jsonl files\n",
                 options.data.c_str());
    return 2;
  }

  const auto comments = read_comments(options.data);
  std::printf("%zu comments from %s\n", comments.size(), options.data.c_str());

  auto defaults = Engine::load(fs::path(MODFILTER_SOURCE_DIR) / "rules");
  if (!defaults) {
    for (const auto& e : defaults.error()) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return 2;
  }
  const ReferenceMatcher default_reference(defaults->rule_set());
  Differential on_defaults(*defaults, default_reference);
  for (const auto& c : comments) on_defaults.compare(c.text, c.lang);
  print(on_defaults, "default rules");
  std::printf("default rules: %zu comments compared, %zu disagreements, "
              "%zu rules the reference cannot decide\n",
              on_defaults.compared(), on_defaults.disagreements().size(),
              default_reference.undecided().size());

  std::vector<std::string> words =
      modfilter::reference::rule_set_words(defaults->rule_set());
  for (auto& w : read_lines(options.data / "wordlists" / "ldnoobw_en.txt")) {
    words.push_back(std::move(w));
  }
  const modfilter::reference::Vocabulary vocabulary{
      modfilter::reference::plain_words(words),
      modfilter::reference::default_filler()};

  std::mt19937_64 rng(options.seed);
  std::size_t compared = 0;
  std::size_t disagreements = 0;
  std::size_t refused = 0;
  for (int set = 0; set < options.rule_sets; ++set) {
    const std::string yaml =
        modfilter::reference::random_rule_file(rng, vocabulary, 16);
    auto rules = modfilter::load_rule_text(yaml, "random.yaml");
    if (!rules) {
      std::printf("BUG: a random rule file does not load:\n%s\n", yaml.c_str());
      return 1;
    }
    auto engine = Engine::from_rule_set(std::move(*rules));
    if (!engine) {
      ++refused;  // vocabulary the compiler refuses by design
      continue;
    }
    const ReferenceMatcher reference(engine->rule_set());
    Differential diff(*engine, reference);
    const auto focus =
        modfilter::reference::focused(vocabulary, engine->rule_set(), rng, 20);
    for (int i = 0; i < options.comments_per_set; ++i) {
      const std::string languages = modfilter::reference::random_languages(rng);
      if (i % 2 == 0 && !comments.empty()) {
        diff.compare(comments[std::uniform_int_distribution<std::size_t>(
                                   0, comments.size() - 1)(rng)]
                         .text,
                     languages);
      } else {
        diff.compare(modfilter::reference::random_comment(rng, focus), languages);
      }
    }
    if (!diff.disagreements().empty()) {
      std::printf("random rule set %d (seed %llu):\n%s", set,
                  static_cast<unsigned long long>(options.seed), yaml.c_str());
      print(diff, "random set " + std::to_string(set));
    }
    compared += diff.compared();
    disagreements += diff.disagreements().size();
  }
  std::printf("random rule sets: %d generated, %zu refused by the compiler, "
              "%zu comments compared, %zu disagreements\n",
              options.rule_sets, refused, compared, disagreements);
  return on_defaults.disagreements().empty() && disagreements == 0 ? 0 : 1;
}
