// LiveRules: the rule set the service screens with, swapped atomically on
// reload. A request takes a reference to the current set when it starts
// and finishes on it, whatever reloads happen meanwhile; the old set is
// freed when its last request ends.
#pragma once

#include <atomic>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/engine.h"
#include "service/common/metrics.h"

namespace modfilter::service {

struct LoadedRules {
  Engine engine;
  RuleSetInfo info;
  RuleCounterIndex counters;  // views into engine's rule set
  // The languages its files and rules declare (`lang:`), sorted.
  std::vector<std::string> languages;
};

class LiveRules {
 public:
  explicit LiveRules(Metrics& metrics) : metrics_(metrics) {}
  LiveRules(const LiveRules&) = delete;
  LiveRules& operator=(const LiveRules&) = delete;

  // Null until a rule set has been installed.
  std::shared_ptr<const LoadedRules> current() const noexcept {
    return current_.load(std::memory_order_acquire);
  }

  // Loads and compiles `path`, then swaps it in: the first load on the
  // calling thread, a reload on a thread of lower priority (niceness +10)
  // that the caller waits for. A rule set with errors is refused whole and
  // the current one stays; the outcome of every load after the first is
  // counted as a reload. Loads are serialised: a second call waits for the
  // first to finish.
  std::expected<std::shared_ptr<const LoadedRules>, Errors> load(
      const std::filesystem::path& path);

  // Swaps in an engine built elsewhere (tests, fuzzers).
  void install(Engine engine, double load_seconds = 0);

 private:
  Metrics& metrics_;
  std::mutex load_mutex_;
  std::atomic<std::shared_ptr<const LoadedRules>> current_;
};

}  // namespace modfilter::service
