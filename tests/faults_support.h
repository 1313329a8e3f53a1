// Helpers of the faults_*_test.cpp tests: running modfilter under a shell
// that sets up the fault (a closed pipe, a file size limit, another user),
// and inputs big enough to meet it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace modfilter::testing {

struct ShellResult {
  int exit_code = -1;  // of the shell's last command
  std::string err;     // what the command wrote to the file named $ERR
};

// Runs `script` with /bin/sh, with $MODFILTER set to the modfilter binary
// (quoted use: "$MODFILTER") and $ERR to a file for the stderr to check.
ShellResult run_shell(const std::string& script);

// `comments` JSON Lines ({"id":"cN","text":...}), a third of them rejected
// by the default rules, written to `path`.
void write_comments(const std::filesystem::path& path, std::size_t comments);

// The argument prefix that runs a command as an unprivileged user when the
// tests run as root (permission bits do not stop root), else "".
std::string as_unprivileged_user();

}  // namespace modfilter::testing
