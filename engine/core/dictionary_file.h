// English word lists as Debian installs them (one word a line): the
// collision check of `modfilter lint` reads one, and the compiler reads one
// to tell a misspelt rule word from an English word (compiler/slip_index.h).
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace modfilter {

// The dictionary `wamerican` installs.
inline constexpr const char* kDefaultDictionary = "/usr/share/dict/words";
// The larger one of `wamerican-large`: it has the plurals, the British
// spellings and the slang ("pics", "coloured") that the small one lacks.
inline constexpr const char* kLargeDictionary =
    "/usr/share/dict/american-english-large";

// One word a line, blank lines skipped. A possessive counts as its base
// ("cock's" -> "cock", also with a typographic apostrophe), and a word that
// appears again after that, in any ASCII case, is kept once (first
// spelling). A file that cannot be read is an Error naming it.
std::expected<std::vector<std::string>, Error> read_dictionary(
    const std::filesystem::path& path);

// kLargeDictionary, else kDefaultDictionary, whichever is installed; empty
// when neither is.
std::filesystem::path english_dictionary_path();

}  // namespace modfilter
