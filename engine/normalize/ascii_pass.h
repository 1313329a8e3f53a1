// The fast path: does plain ASCII text need no change at all (upper case
// aside)? One pass over the bytes, no allocation; most comments stop here
// and their view is the text itself.
#pragma once

#include <string_view>

namespace modfilter {

// True only when `text` is ASCII and stage B would leave it as it is, case
// aside. May say false for text stage B leaves alone (a word with a '|' or a
// masking run, "3.14"): the full path then finds out and still gives the
// identity view. Never says true for text stage B would change.
bool ascii_view_is_identity(std::string_view text) noexcept;

}  // namespace modfilter
