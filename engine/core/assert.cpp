#include "engine/core/assert.h"

#include <cstdio>
#include <cstdlib>

namespace modfilter::detail {

void assert_fail(const char* expr, const char* file, int line,
                 const char* func) noexcept {
  std::fprintf(stderr,
               "modfilter: internal error (a bug, please report it): %s:%d: "
               "%s: assertion '%s' failed\n",
               file, line, func, expr);
  std::abort();
}

}  // namespace modfilter::detail
