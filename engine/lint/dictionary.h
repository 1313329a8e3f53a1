// The dictionaries of the collision check: English (core/dictionary_file.h)
// and the hunspell lists of the other languages the rules are scoped to.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/dictionary_file.h"
#include "engine/core/error.h"

namespace modfilter {

// A hunspell/myspell .dic file: a count line, then "stem/FLAGS" lines; the
// stems (affix expansion is not done), each once.
std::expected<std::vector<std::string>, Error> read_hunspell_dictionary(
    const std::filesystem::path& path);

// Where Debian installs the dictionary of a language (hunspell-ar,
// myspell-fa, hunspell-tr, hunspell-kmr), or empty with `why` set: Debian
// has none for Sorani (its ckb_IQ.dic is the Kurmanji list, byte for byte).
std::filesystem::path language_dictionary(std::string_view language,
                                          std::string& why);

}  // namespace modfilter
