// modfilter: screen comments with a Hyperscan-compiled rule set.
// Argument parsing and dispatch only; each command lives in its own file.
#include <cstdio>
#include <vector>

#include "cli/common.h"

int main(int argc, char** argv) {
  using namespace modfilter::cli;
  CLI::App app{
      "modfilter: screens comments (profanity, threats, abuse, promotion)\n"
      "with a YAML rule set compiled into Hyperscan.\n\n"
      "Exit codes: 0 ok, 1 findings (a comment rejected or reviewed by\n"
      "check, a failing rule test), 2 usage or input errors.",
      "modfilter"};
  app.set_version_flag("--version", MODFILTER_VERSION);
  app.require_subcommand(1);
  const std::vector<Command> commands = {add_check(app), add_scan(app),
                                         add_compile(app), add_test(app),
                                         add_bench(app),
                                         add_eval(app), add_lint(app),
                                         add_audit(app), add_serve(app),
                                         add_worker(app), add_enqueue(app),
                                         add_collect(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kExitUsage;
}
