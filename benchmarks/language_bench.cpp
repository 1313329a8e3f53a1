// language_bench: what finding a comment's languages costs, and what the
// first pass (engine/lang/comment_languages.h, step 0) saves. For each file,
// on one thread:
//   decided    comments the first pass settles without CLD2
//   differ     comments whose languages differ from CLD2's path (the same
//              rule set plus a language the first pass cannot foresee, which
//              sends every comment to CLD2), with the first few listed
//   us/comment comment_languages() with the first pass, and through CLD2
//   first pass count_function_words() alone on the decided comments
// (microseconds of the thread's CPU time).
//
//   build/benchmarks/language_bench [--rules R] DATA.jsonl...
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "engine/bench/corpus.h"
#include "engine/engine.h"
#include "engine/lang/comment_languages.h"
#include "engine/lang/function_words.h"

using namespace modfilter;

namespace {

std::string to_string(const LanguageList& list) {
  if (list.every) return "*";
  std::string out;
  for (std::size_t i = 0; i < list.count; ++i) {
    if (i > 0) out += ',';
    out += list.codes[i];
  }
  return out;
}

bool same(const LanguageList& a, const LanguageList& b) {
  if (a.every != b.every || a.count != b.count) return false;
  for (std::size_t i = 0; i < a.count; ++i) {
    if (!b.contains(a.codes[i])) return false;
  }
  return true;
}

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 +
         static_cast<double>(t.tv_nsec) * 1e-3;
}

// CPU microseconds per text of fn over `texts` (the thread's CPU time, which
// other processes on a shared machine do not inflate as they do wall
// time), repeated for at least 0.5 CPU seconds.
template <typename Fn>
double us_per_text(const std::vector<const std::string*>& texts, Fn fn) {
  if (texts.empty()) return 0;
  std::size_t sink = 0;
  std::size_t done = 0;
  const double start = thread_cpu_us();
  double elapsed = 0;
  do {
    for (const std::string* text : texts) sink += fn(*text);
    done += texts.size();
    elapsed = thread_cpu_us() - start;
  } while (elapsed < 500'000);
  if (sink == 1) std::printf(" ");  // keeps the calls from being optimised out
  return elapsed / static_cast<double>(done);
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules_path = MODFILTER_DEFAULT_RULES;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      rules_path = argv[++i];
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: language_bench [--rules R] DATA.jsonl...\n");
    return 2;
  }
  auto engine = Engine::load(rules_path);
  if (!engine) {
    for (const Error& e : engine.error()) {
      std::fprintf(stderr, "%s\n", e.to_string().c_str());
    }
    return 2;
  }
  const std::vector<std::string>& known = engine->languages();
  std::vector<std::string> unforeseeable = known;
  unforeseeable.push_back("xx");

  std::printf("| file | comments | decided | differ | us/comment | via CLD2 "
              "| first pass |\n|---|--:|--:|--:|--:|--:|--:|\n");
  std::vector<std::string> differences;
  for (const auto& file : files) {
    std::size_t skipped = 0;
    const std::vector<std::filesystem::path> one{file};
    auto corpus = load_corpus(one, skipped);
    if (!corpus) {
      for (const Error& e : corpus.error()) {
        std::fprintf(stderr, "%s\n", e.to_string().c_str());
      }
      return 2;
    }
    std::vector<const std::string*> all;
    std::vector<const std::string*> decided;
    std::size_t differ = 0;
    for (const std::string& text : corpus->texts) {
      all.push_back(&text);
      const LanguageList fast = comment_languages(text, known);
      const LanguageList slow = comment_languages(text, unforeseeable);
      if (!same(fast, slow)) {
        ++differ;
        if (differences.size() < 20) {
          differences.push_back(to_string(fast) + " (CLD2: " +
                                to_string(slow) + ") " + text.substr(0, 100));
        }
      }
      const FunctionWordCounts words = count_function_words(text);
      if (fast.count == 1 && fast.codes[0] == "en" && words.english > 0 &&
          words.turkish == 0 && words.kurmanji == 0) {
        decided.push_back(&text);
      }
    }
    const double fast_us = us_per_text(all, [&](const std::string& t) {
      return comment_languages(t, known).count;
    });
    const double slow_us = us_per_text(all, [&](const std::string& t) {
      return comment_languages(t, unforeseeable).count;
    });
    const double pass_us = us_per_text(decided, [](const std::string& t) {
      return count_function_words(t).english;
    });
    std::printf("| %s | %zu | %zu | %zu | %.2f | %.2f | %.2f |\n",
                file.filename().c_str(), corpus->texts.size(), decided.size(),
                differ, fast_us, slow_us, pass_us);
  }
  for (const std::string& d : differences) std::printf("  %s\n", d.c_str());
}
