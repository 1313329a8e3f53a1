// ProgressFn: how a long run in the engine (eval, lint, audit replay) tells
// its caller how far it has got, for a front end to show (cli/progress.h).
// Called on the thread doing the work every few hundred items and at the
// end of each input, with the items done so far and, where the input is a
// file, the bytes of it read so far (0 otherwise). Empty: nobody asked.
#pragma once

#include <cstdint>
#include <functional>

namespace modfilter {

using ProgressFn =
    std::function<void(std::uint64_t items_done, std::uint64_t bytes_done)>;

// How many items a run does between two calls.
inline constexpr std::uint64_t kProgressEvery = 256;

}  // namespace modfilter
