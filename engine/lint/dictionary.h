// Reading an English word list (Debian's /usr/share/dict/words from
// `wamerican`, or any file with one word a line) for the collision check.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace modfilter {

// The dictionary `wamerican` installs.
inline constexpr const char* kDefaultDictionary = "/usr/share/dict/words";

// One word a line, blank lines skipped. A possessive counts as its base
// ("cock's" -> "cock", also with a typographic apostrophe), and a word that
// appears again after that, in any ASCII case, is kept once (first
// spelling). A file that cannot be read is an Error naming it.
std::expected<std::vector<std::string>, Error> read_dictionary(
    const std::filesystem::path& path);

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
