#include "tests/storm/storm_support.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "tests/storm/http_wire.h"

extern char** environ;

namespace fs = std::filesystem;

namespace modfilter::storm {

void write_file(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

fs::path copy_rules(const fs::path& from, const fs::path& dir) {
  const fs::path live = dir / "live";
  fs::create_directories(live);
  if (fs::is_directory(from)) {
    fs::copy(from, live, fs::copy_options::recursive);
  } else {
    fs::copy_file(from, live / from.filename());
  }
  return live;
}

int finish_run(bool passed, const fs::path& work, const fs::path& log) {
  if (passed) {
    fs::remove_all(work);
  } else {
    std::printf("service log kept in %s\n", log.c_str());
  }
  return passed ? 0 : 1;
}

long rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

std::string metric(const std::string& metrics, const std::string& name) {
  const auto at = metrics.find("\n" + name + " ");
  if (at == std::string::npos) return "?";
  const auto begin = at + name.size() + 2;
  return metrics.substr(begin, metrics.find('\n', begin) - begin);
}

ServeProcess::ServeProcess(const std::string& modfilter,
                           std::vector<std::string> args, fs::path log)
    : log_(std::move(log)) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  args.insert(args.begin(), {modfilter, "serve", "--listen", "127.0.0.1:0",
                             "--log-json"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, modfilter.c_str(), &actions, nullptr, argv.data(),
                  environ) != 0) {
    pid_ = 0;
  }
  posix_spawn_file_actions_destroy(&actions);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && alive()) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool ServeProcess::alive() {
  return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0;
}

bool ServeProcess::wait_ready(std::chrono::steady_clock::time_point deadline) {
  if (pid_ <= 0) return false;
  while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) {
      const auto at = line.find("\"msg\":\"listening\"");
      const auto port = line.find("\"port\":");
      if (at != std::string::npos && port != std::string::npos) {
        port_ = std::stoi(line.substr(port + 7));
      }
    }
    if (!alive()) return false;
    if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  while (port_ > 0 && std::chrono::steady_clock::now() < deadline) {
    if (exchange(port_, "GET", "/readyz").status == 200) return true;
    if (!alive()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool ServeProcess::reload(const std::string& result, std::size_t before) {
  ::kill(pid_, SIGHUP);
  const std::string name = "modfilter_reloads_total{result=\"" + result + "\"}";
  for (int tries = 0; tries < 1200; ++tries) {
    const auto r = exchange(port_, "GET", "/metrics");
    const std::string value = metric(r.body, name);
    if (value != "?" && std::stoul(value) > before) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool ServeProcess::stop() {
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int tries = 0; tries < 300; ++tries) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = 0;
  return false;
}

}  // namespace modfilter::storm
