// startup_bench: where start-up from a compiled database (.mfdb) goes.
// Times, in this process and repeated (min and median of N runs):
//   read         the file's bytes into memory (what load_database reads)
//   checksum     database_checksum over them
//   deserialize  bytes -> CompiledRules (checksum, tables, hs_deserialize)
//   load         load_database: the two above, from the path
//   first screen a fresh thread's first screen() (its Hyperscan scratch)
// and once, since each is built once per process: the normaliser's tables
// and the language detector's first call. "ready" is load + first screen,
// what a service pays before its first answer.
//
//   build/benchmarks/startup_bench FILE.mfdb [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/compiler/database_file.h"
#include "engine/engine.h"
#include "engine/lang/language_detector.h"
#include "engine/normalize/normalize.h"

using namespace modfilter;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Phase {
  const char* name;
  std::vector<double> ms;
};

void print(const Phase& p) {
  std::vector<double> sorted = p.ms;
  std::ranges::sort(sorted);
  std::printf("%-13s min %8.2f ms  median %8.2f ms\n", p.name, sorted.front(),
              sorted[sorted.size() / 2]);
}

// As load_database reads it: one sized read.
std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string bytes(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: startup_bench FILE.mfdb [RUNS]\n");
    return 2;
  }
  const char* path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;

  // Once per process: the first call builds what later calls reuse.
  auto start = Clock::now();
  (void)default_normalizer();
  const double normalizer_ms = ms_since(start);
  start = Clock::now();
  (void)detect_languages("a first sentence for the language detector");
  const double detector_ms = ms_since(start);

  Phase read{"read", {}}, checksum{"checksum", {}},
      deserialize_phase{"deserialize", {}}, load{"load", {}},
      first{"first screen", {}}, ready{"ready", {}};
  std::size_t file_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    start = Clock::now();
    const std::string bytes = read_file(path);
    read.ms.push_back(ms_since(start));
    file_bytes = bytes.size();

    start = Clock::now();
    volatile std::uint64_t sum = database_checksum(bytes);
    (void)sum;
    checksum.ms.push_back(ms_since(start));

    start = Clock::now();
    auto decoded = deserialize(bytes, path);
    deserialize_phase.ms.push_back(ms_since(start));
    if (!decoded) {
      std::fprintf(stderr, "%s\n", decoded.error().to_string().c_str());
      return 2;
    }

    start = Clock::now();
    auto engine = Engine::load_database(path);
    const double load_ms = ms_since(start);
    load.ms.push_back(load_ms);
    if (!engine) return 2;

    // A new thread: its thread_local workspace has no scratch yet.
    double first_ms = 0;
    std::thread([&] {
      const auto t = Clock::now();
      (void)engine->screen("is this comment fine?");
      first_ms = ms_since(t);
    }).join();
    first.ms.push_back(first_ms);
    ready.ms.push_back(load_ms + first_ms);
  }
  std::printf("%s: %zu bytes, %d runs\n", path, file_bytes, runs);
  std::printf("normaliser tables (once) %.2f ms, language detector first "
              "call (once) %.2f ms\n",
              normalizer_ms, detector_ms);
  for (const Phase* p :
       {&read, &checksum, &deserialize_phase, &load, &first, &ready}) {
    print(*p);
  }
  return 0;
}
