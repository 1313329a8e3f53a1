// FUZZ_CHECK: an invariant a fuzz target asserts on every input. It aborts
// (which libFuzzer reports as a crash and saves the input, and which fails
// the replay test), printing the condition and the target's own message.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond, what)                                              \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "%s:%d: invariant broken: %s (%s)\n", __FILE__,  \
                   __LINE__, #cond, std::string_view(what).data());         \
      std::abort();                                                         \
    }                                                                       \
  } while (false)
