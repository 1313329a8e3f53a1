// normalize_bench: what normalisation costs. On plain ASCII comments and on
// comments with other characters, separately, measures on one thread:
//   screen          the whole path (normalise, scan, token look-ups, policy)
//   normalize       the normaliser alone
//   hyperscan-only  the same databases on the raw text (no normalisation)
// and prints screen / hyperscan-only, the price of seeing through disguises.
//
//   build/benchmarks/normalize_bench [--rules R] DATA.jsonl...
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "engine/bench/baseline.h"
#include "engine/bench/corpus.h"
#include "engine/bench/speed.h"
#include "engine/engine.h"
#include "engine/normalize/normalize.h"

using namespace modfilter;

namespace {

Corpus subset(const Corpus& all, bool ascii) {
  Corpus out;
  for (const auto& text : all.texts) {
    const bool is_ascii = std::all_of(text.begin(), text.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x80;
    });
    if (is_ascii != ascii) continue;
    out.texts.push_back(text);
    out.bytes += text.size();
  }
  return out;
}

void report(const char* label, const Corpus& corpus, const Engine& engine) {
  if (corpus.texts.empty()) {
    std::printf("%s: no comments\n", label);
    return;
  }
  Verdict verdict;
  NormalizedText normalized;
  auto baseline = make_hyperscan_baseline(engine.compiled());
  auto state = baseline->make_state();
  const Throughput screen = measure_throughput(
      "screen", corpus, 1, 1.5, [&](std::size_t i, unsigned) {
        engine.screen(corpus.texts[i], verdict);
        return verdict.reasons.size();
      });
  const Throughput normalize = measure_throughput(
      "normalize", corpus, 1, 1.5, [&](std::size_t i, unsigned) {
        default_normalizer().normalize(corpus.texts[i], normalized);
        return normalized.view().size();
      });
  const Throughput raw = measure_throughput(
      "hyperscan-only", corpus, 1, 1.5, [&](std::size_t i, unsigned) {
        return baseline->scan(corpus.texts[i], *state);
      });
  std::printf("\n%s: %zu comments, %.2f MB\n", label, corpus.texts.size(),
              static_cast<double>(corpus.bytes) / 1e6);
  std::printf("| path | comments/s | MB/s |\n|---|---|---|\n");
  for (const Throughput* t : {&screen, &normalize, &raw}) {
    std::printf("| %s | %.0f | %.1f |\n", t->name.c_str(),
                t->comments_per_second(), t->mb_per_second());
  }
  std::printf("screen / hyperscan-only: %.2fx\n",
              screen.comments_per_second() / raw.comments_per_second());
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules = MODFILTER_DEFAULT_RULES;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      rules = argv[++i];
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: normalize_bench [--rules R] DATA.jsonl...\n");
    return 2;
  }
  auto engine = Engine::load(rules);
  if (!engine) {
    for (const auto& e : engine.error()) {
      std::fprintf(stderr, "%s\n", e.to_string().c_str());
    }
    return 2;
  }
  std::size_t skipped = 0;
  auto corpus = load_corpus(files, skipped);
  if (!corpus) {
    for (const auto& e : corpus.error()) {
      std::fprintf(stderr, "%s\n", e.to_string().c_str());
    }
    return 2;
  }
  std::printf("rules: %s\n", engine->id().c_str());
  report("plain ASCII", subset(*corpus, true), *engine);
  report("non-ASCII", subset(*corpus, false), *engine);
  return 0;
}
