// What compiling a rule set is asked to do (CompileOptions) and what it
// made (CompileStats): the parts of the compiler that the front door,
// engine/engine.h, shows, kept apart from CompiledRules and its Hyperscan
// handles.
#pragma once

#include <cstddef>

namespace modfilter {

struct CompileOptions {
  // false: the confirm stage's regexes join the first-stage databases (the
  // single-stage layout, which bench measures Hyperscan alone on).
  bool confirm_stage = true;
  // false: no slips are read (compiler/slip_index.h); also when no English
  // dictionary is installed (core/dictionary_file.h).
  bool slips = true;
};

struct CompileStats {
  std::size_t rules = 0;
  std::size_t patterns = 0;          // Hyperscan expressions, every database
  std::size_t literals = 0;          // vocabulary entries, as written
  std::size_t lexemes = 0;           // distinct vocabulary, as compiled
  std::size_t regexes = 0;
  std::size_t sequences = 0;
  std::size_t lists = 0;
  std::size_t token_keys = 0;        // entries of the token index
  std::size_t slip_forms = 0;        // words read through slips
  std::size_t known_words = 0;       // never read as slips (dictionary...)
  std::size_t database_bytes = 0;    // every database
  std::size_t confirm_databases = 0;
  double compile_seconds = 0;
};

}  // namespace modfilter
