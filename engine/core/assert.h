// MODFILTER_ASSERT: a broken invariant is a bug of ours, never bad input.
// It stays on in release builds: a moderation engine that carries on with
// corrupt state could publish what it should have held back.
#pragma once

namespace modfilter::detail {
[[noreturn]] void assert_fail(const char* expr, const char* file, int line,
                              const char* func) noexcept;
}

#define MODFILTER_ASSERT(expr)                                              \
  ((expr) ? static_cast<void>(0)                                            \
          : ::modfilter::detail::assert_fail(#expr, __FILE__, __LINE__,     \
                                             __func__))
