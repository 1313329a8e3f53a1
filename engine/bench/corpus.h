// Corpus: the comments a benchmark screens, read once into memory so that
// timing measures screening, not reading. Labelled JSON Lines rows (with
// `verdict`) also keep their labels so the same run can score accuracy.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/eval/labelled.h"

namespace modfilter {

struct CorpusFile {
  std::string name;
  std::size_t first = 0;  // index of its first comment in Corpus::texts
  std::size_t count = 0;
  bool labelled = false;  // every row has a verdict
};

struct Corpus {
  std::vector<std::string> texts;
  std::vector<Labelled> labels;  // parallel to texts when all are labelled
  std::vector<CorpusFile> files;
  std::size_t bytes = 0;
  std::size_t ascii = 0;  // comments that are plain ASCII
  bool labelled() const noexcept {
    return !texts.empty() && labels.size() == texts.size();
  }
};

// Reads JSON Lines (`text`, and `verdict` when labelled) or plain text files
// (.txt, one comment per line). Unreadable rows are skipped and counted in
// `skipped`; a file that cannot be opened is an error.
std::expected<Corpus, Errors> load_corpus(
    std::span<const std::filesystem::path> files, std::size_t& skipped);

}  // namespace modfilter
