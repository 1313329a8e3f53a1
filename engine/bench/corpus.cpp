#include "engine/bench/corpus.h"

#include <algorithm>
#include <fstream>

namespace modfilter {
namespace {

bool is_ascii(std::string_view text) {
  return std::ranges::all_of(
      text, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::expected<Corpus, Errors> load_corpus(
    std::span<const std::filesystem::path> files, std::size_t& skipped) {
  Corpus corpus;
  Errors errors;
  bool all_labelled = true;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      errors.push_back(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                             "cannot open the data file",
                             "check the path (the shared data set lives in "
                             "../shared/data beside the checkout)"});
      continue;
    }
    CorpusFile file{path.filename().string(), corpus.texts.size(), 0, true};
    if (path.extension() == ".txt") {
      std::string line;
      while (std::getline(in, line)) corpus.texts.push_back(line);
      file.labelled = false;
    } else {
      LabelledReader reader(in, path.string());
      Labelled row;
      std::optional<Error> error;
      while (reader.next(row, error)) {
        if (error) {
          ++skipped;
          continue;
        }
        corpus.texts.push_back(row.text);
        corpus.labels.push_back(row);
      }
    }
    file.count = corpus.texts.size() - file.first;
    all_labelled = all_labelled && file.labelled;
    corpus.files.push_back(std::move(file));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  if (!all_labelled) corpus.labels.clear();
  for (const auto& t : corpus.texts) {
    corpus.bytes += t.size();
    corpus.ascii += is_ascii(t) ? 1 : 0;
  }
  return corpus;
}

}  // namespace modfilter
