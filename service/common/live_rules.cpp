#include "service/common/live_rules.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace modfilter::service {
namespace {

// How much lower than the service's own threads a reload runs.
constexpr int kReloadNiceness = 10;

// A reload compiles a whole rule set (seconds of CPU) while the service
// goes on answering on the same cores: on a thread of its own at a lower
// priority, so that the threads that screen get the cores first and the
// answers' latency does not jump at every reload. Threads the compiler
// starts inherit the priority.
std::expected<Engine, Errors> load_at_low_priority(const std::filesystem::path& path) {
  std::optional<std::expected<Engine, Errors>> loaded;
  std::thread([&] {
    // Best effort: where it cannot be lowered, the reload runs as before.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kReloadNiceness);
    loaded.emplace(Engine::load(path));
  }).join();
  return std::move(*loaded);
}

}  // namespace

std::expected<std::shared_ptr<const LoadedRules>, Errors> LiveRules::load(
    const std::filesystem::path& path) {
  std::lock_guard lock(load_mutex_);
  const bool reload = current() != nullptr;
  const auto start = std::chrono::steady_clock::now();
  auto engine = reload ? load_at_low_priority(path) : Engine::load(path);
  if (!engine) {
    if (reload) metrics_.record_reload(false);
    return std::unexpected(std::move(engine.error()));
  }
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  install(std::move(*engine), seconds);
  if (reload) metrics_.record_reload(true);
  return current();
}

void LiveRules::install(Engine engine, double load_seconds) {
  auto loaded = std::make_shared<LoadedRules>(LoadedRules{
      .engine = std::move(engine), .info = {}, .counters = {}});
  loaded->info.id = loaded->engine.id();
  loaded->info.hash = loaded->engine.rule_set().content_hash;
  loaded->info.loaded_at = std::chrono::duration<double>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  loaded->info.load_seconds = load_seconds;
  loaded->counters = metrics_.register_rules(loaded->engine.rule_set());
  const RuleSet& rules = loaded->engine.rule_set();
  auto& languages = loaded->languages;
  for (const RuleFile& file : rules.files) {
    languages.insert(languages.end(), file.langs.begin(), file.langs.end());
  }
  for (const Rule& rule : rules.rules) {
    languages.insert(languages.end(), rule.langs.begin(), rule.langs.end());
  }
  std::sort(languages.begin(), languages.end());
  languages.erase(std::unique(languages.begin(), languages.end()),
                  languages.end());
  current_.store(std::move(loaded), std::memory_order_release);
}

}  // namespace modfilter::service
