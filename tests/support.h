// Helpers shared by the tests: running the modfilter binary end to end,
// temporary files, engines built from YAML text.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>
#include <string>
#include <string_view>

#include "engine/engine.h"

namespace modfilter::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `modfilter ARGS` through /bin/sh (ARGS are shell words, quote them),
// with `input` on stdin. The bundled rules are the default.
RunResult run_modfilter(const std::string& args, std::string_view input = {});

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::filesystem::path write(const std::string& name,
                              std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// Compiles rules from YAML text; fails the test (REQUIRE) on any error.
Engine engine_from_yaml(std::string_view yaml);

// A file of the source tree (tests/data/..., rules/, samples/).
std::filesystem::path source_path(std::string_view relative);

std::string read_file(const std::filesystem::path& path);

// The excerpt of the first reason of `rule` in the verdict, or "" when the
// rule did not fire.
std::string excerpt_of(const Verdict& verdict, std::string_view text,
                       std::string_view rule);

// Waits up to `timeout` for `done`, polling; returns its last answer.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace modfilter::testing
