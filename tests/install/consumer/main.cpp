// Screens its argument with the installed default rules (or the rule set
// given second) and prints the verdict as scan writes it.
#include <cstdio>
#include <string>

#include "engine/engine.h"
#include "engine/io/verdict_writer.h"

#ifndef INSTALLED_RULES
#define INSTALLED_RULES "rules"
#endif

int main(int argc, char** argv) {
  const std::string text = argc > 1 ? argv[1] : "I will kill you";
  const char* rules = argc > 2 ? argv[2] : INSTALLED_RULES;
  auto engine = modfilter::Engine::load(rules);
  if (!engine) {
    for (const auto& e : engine.error()) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return 2;
  }
  std::string out;
  modfilter::append_verdict_json(out, {.text = text}, engine->screen(text));
  std::puts(out.c_str());
  return 0;
}
