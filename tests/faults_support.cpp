#include "tests/faults_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "tests/support.h"

namespace modfilter::testing {

ShellResult run_shell(const std::string& script) {
  TempDir dir;
  const auto script_file = dir.write("script.sh", script);
  const auto err = dir.path() / "stderr";
  const std::string command = "MODFILTER='" + std::string(MODFILTER_BINARY) +
                              "' ERR='" + err.string() + "' /bin/sh '" +
                              script_file.string() + "'";
  const int status = std::system(command.c_str());
  ShellResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err);
  return result;
}

void write_comments(const std::filesystem::path& path, std::size_t comments) {
  static constexpr const char* kTexts[] = {
      "thanks for the article, very helpful",
      "you are an idiot and everyone knows it",
      "the council meets again on tuesday"};
  std::ofstream out(path, std::ios::binary);
  for (std::size_t i = 0; i < comments; ++i) {
    out << "{\"id\":\"c" << i << "\",\"text\":\"" << kTexts[i % 3] << " #" << i
        << "\"}\n";
  }
}

std::string as_unprivileged_user() {
  return ::geteuid() == 0
             ? "setpriv --reuid=65534 --regid=65534 --clear-groups "
             : "";
}

}  // namespace modfilter::testing
