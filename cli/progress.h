// Progress: what a long command (scan, eval, bench, lint, compile, audit
// replay) shows on stderr while it runs, and the one-line summary it ends
// with. One reporter for every command:
//
//   Progress progress("scan", options.progress, "comments");
//   progress.set_total_bytes(size_of_inputs);     // when known
//   ... progress.update(done, bytes_read); progress.add_verdict(d); ...
//   progress.finish();                            // the summary line
//
// It shows when stderr is a terminal (redrawn in place, ten times a
// second), or when asked with --progress (then one line a second, for a
// log); --quiet silences both. A thread of its own draws, so update() is
// two atomic stores: cheap enough for every comment, and safe from any
// thread.
#pragma once

#include <CLI/CLI.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/progress.h"
#include "engine/policy/verdict.h"

namespace modfilter::cli {

struct ProgressOptions {
  bool force = false;  // --progress: also when stderr is not a terminal
  bool quiet = false;  // --quiet: never
};

// Adds --progress and -q/--quiet to a command.
void add_progress_options(CLI::App& app, ProgressOptions& options);

// The inputs' total size when every one is a named regular file; 0 (not
// known) when one is stdin ("-") or not a regular file.
std::uint64_t size_of_inputs(const std::vector<std::string>& files);

class Progress {
 public:
  // `what` starts every line ("scan"); `unit` names the items ("comments").
  Progress(std::string what, const ProgressOptions& options,
           std::string unit = "comments");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool shown() const noexcept { return shown_; }

  // What 100% is: the input's size in bytes, or else its item count.
  void set_total_bytes(std::uint64_t bytes) noexcept { total_bytes_ = bytes; }
  void set_total_items(std::uint64_t items) noexcept { total_items_ = items; }
  // Whether to show items per second (not for a count of steps).
  void set_rate_shown(bool shown) noexcept { rate_shown_ = shown; }
  // What is being done now, shown after the counts ("one thread").
  void set_stage(std::string stage);

  // Items done so far and bytes of the input read so far (absolute).
  void update(std::uint64_t items, std::uint64_t bytes = 0) noexcept;
  void update_bytes(std::uint64_t bytes) noexcept;
  void add(std::uint64_t items = 1) noexcept;
  void add_verdict(Decision decision) noexcept;
  void add_error() noexcept;
  // The engine's callback (engine/core/progress.h), feeding update().
  ProgressFn callback();

  // Stops drawing and prints the summary: items, verdicts and errors when
  // any were counted, time, rate, then `detail` when not empty.
  void finish(const std::string& detail = {});

 private:
  void run();
  std::string line(bool final) const;
  void draw(bool final);

  std::string what_;
  std::string unit_;
  bool shown_ = false;
  bool terminal_ = false;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t total_items_ = 0;
  bool rate_shown_ = true;
  std::atomic<std::uint64_t> items_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::array<std::atomic<std::uint64_t>, 3> verdicts_{};
  std::atomic<std::uint64_t> errors_{0};
  std::mutex mutex_;  // guards stage_, stopping_ and stderr
  std::condition_variable wake_;
  std::string stage_;
  bool stopping_ = false;
  bool finished_ = false;
  std::thread drawer_;
};

}  // namespace modfilter::cli
