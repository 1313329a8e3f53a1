#include "tests/support.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "engine/ruleset/loader.h"

namespace modfilter::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("modfilter-test-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name,
                                     std::string_view content) const {
  const auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return file;
}

RunResult run_modfilter(const std::string& args, std::string_view input) {
  TempDir dir;
  const auto in = dir.write("stdin", input);
  const auto out = dir.path() / "stdout";
  const auto err = dir.path() / "stderr";
  const std::string command = std::string("'") + MODFILTER_BINARY + "' " +
                              args + " <'" + in.string() + "' >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

Engine engine_from_yaml(std::string_view yaml) {
  auto rules = load_rule_text(yaml, "test.yaml");
  if (!rules) {
    for (const auto& e : rules.error()) UNSCOPED_INFO(e.to_string());
  }
  REQUIRE(rules.has_value());
  auto engine = Engine::from_rule_set(std::move(*rules));
  if (!engine) {
    for (const auto& e : engine.error()) UNSCOPED_INFO(e.to_string());
  }
  REQUIRE(engine.has_value());
  return std::move(*engine);
}

std::filesystem::path source_path(std::string_view relative) {
  return std::filesystem::path(MODFILTER_SOURCE_DIR) / relative;
}

std::string excerpt_of(const Verdict& verdict, std::string_view text,
                       std::string_view rule) {
  for (const Reason& r : verdict.reasons) {
    if (r.rule == rule) {
      return std::string(text.substr(r.excerpt.begin, r.excerpt.size()));
    }
  }
  return {};
}

}  // namespace modfilter::testing
