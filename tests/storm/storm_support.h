// What the storm drivers share (serve_storm, hostile_storm): a `modfilter
// serve` child process on a loopback port, a live copy of the rule set to
// reload, its resident memory and metrics.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace modfilter::storm {

void write_file(const std::filesystem::path& path, std::string_view text);

// Copies the rule set into DIR/live, so that every copy has the same
// name (a rule set's id is its directory name and content hash).
std::filesystem::path copy_rules(const std::filesystem::path& from,
                                 const std::filesystem::path& dir);

// Resident memory of a process in kB, or -1.
long rss_kb(pid_t pid);

// The value of sample `name` in a /metrics text, or "?".
std::string metric(const std::string& metrics, const std::string& name);

// The end of a storm run: its work directory removed when it passed, kept
// and the service log's path printed when it did not; the exit status.
int finish_run(bool passed, const std::filesystem::path& work,
               const std::filesystem::path& log);

// `modfilter serve --listen 127.0.0.1:0 --log-json ARGS...`, its stderr in
// `log`. Killed (SIGKILL) by the destructor if still running.
class ServeProcess {
 public:
  ServeProcess(const std::string& modfilter, std::vector<std::string> args,
               std::filesystem::path log);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Waits for the port in the log and for /readyz; false if it never came.
  bool wait_ready(std::chrono::steady_clock::time_point deadline);
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool alive();
  // SIGHUP, then waits until /metrics counts one more reload of `result`
  // ("success", "failure") than `before`.
  bool reload(const std::string& result, std::size_t before);
  // SIGTERM; true when it exited 0 within 30 s.
  bool stop();

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::filesystem::path log_;
};

}  // namespace modfilter::storm
