// Fixtures of the [worker] tests: a real redis-server on a free loopback
// port in a temporary directory, and `modfilter` run as a child process
// that the test can signal (SIGTERM, SIGSTOP, kill -9).
#pragma once

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/worker/redis_connection.h"
#include "tests/support.h"

extern char** environ;

namespace modfilter::testing {

// A child process with stdout and stderr in files; killed (SIGKILL) and
// reaped by the destructor if still running.
class ChildProcess {
 public:
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::filesystem::path& log) : log_(log) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    // The test runner may block signals; the child starts with none blocked.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    const int failed = posix_spawnp(&pid_, program.c_str(), &actions, &attr,
                                    argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) pid_ = -1;
  }
  ~ChildProcess() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  bool running() const { return pid_ > 0 && !status_; }
  void signal(int number) const { ::kill(pid_, number); }
  // The exit code, or 128 + the signal that ended it.
  int wait() {
    if (!status_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return *status_;
  }
  // wait(), giving up after `timeout` (then -1).
  int wait_for(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!status_) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() > until) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return *status_;
  }
  std::string log() const { return read_file(log_); }

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// A free TCP port on the loopback interface (the kernel's pick).
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline bool redis_server_installed() {
  return std::system("command -v redis-server >/dev/null 2>&1") == 0;
}

// redis-server on 127.0.0.1:PORT with its files in a temporary directory;
// stopped by the destructor. Without `persistent`, nothing is saved.
class RedisServer {
 public:
  explicit RedisServer(bool persistent = false)
      : persistent_(persistent), port_(free_loopback_port()) {
    if (!redis_server_installed()) {
      FAIL("redis-server is not installed: run scripts/install-deps.sh");
    }
    start();
  }
  ~RedisServer() { stop(); }

  void start() {
    server_.emplace("redis-server",
                    std::vector<std::string>{
                        "--port", std::to_string(port_), "--bind", "127.0.0.1",
                        "--dir", dir_.path().string(), "--save", "",
                        "--appendonly", persistent_ ? "yes" : "no",
                        "--appendfsync", "always", "--daemonize", "no"},
                    dir_.path() / "redis.log");
    REQUIRE(server_->started());
    const bool up = eventually([&] {
      auto c = worker::RedisConnection::connect(address(), std::chrono::milliseconds(200));
      if (!c) return false;
      auto pong = c->command({"PING"});
      return pong && pong->view().str() == "PONG";
    }, std::chrono::seconds(10));
    if (!up) FAIL("redis-server did not start:\n" << server_->log());
  }
  // SIGTERM (redis-server saves the AOF and exits), then waits for it.
  void stop() {
    if (!server_) return;
    server_->signal(SIGTERM);
    server_->wait();
    server_.reset();
  }

  worker::RedisAddress address() const { return {"127.0.0.1", port_, 0}; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  worker::RedisConnection connect() const {
    auto c = worker::RedisConnection::connect(address(), std::chrono::seconds(5));
    REQUIRE(c);
    return std::move(*c);
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  bool persistent_;
  int port_;
  std::optional<ChildProcess> server_;
};

}  // namespace modfilter::testing
