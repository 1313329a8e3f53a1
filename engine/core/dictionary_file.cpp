#include "engine/core/dictionary_file.h"

#include <fstream>
#include <unordered_set>

namespace modfilter {
namespace {

std::string_view base_form(std::string_view word) {
  for (std::string_view possessive : {"'s", "\xE2\x80\x99s"}) {
    if (word.size() > possessive.size() && word.ends_with(possessive)) {
      return word.substr(0, word.size() - possessive.size());
    }
  }
  return word;
}

std::string ascii_lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::expected<std::vector<std::string>, Error> read_dictionary(
    const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{
        ErrorKind::kIo, path.string(), 0, 0, "", "cannot open the dictionary",
        "install Debian's wamerican or give --dictionary FILE"});
  }
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view word = line;
    while (!word.empty() && (word.back() == '\r' || word.back() == ' ')) {
      word.remove_suffix(1);
    }
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    word = base_form(word);
    if (word.empty()) continue;
    if (seen.insert(ascii_lower(word)).second) words.emplace_back(word);
  }
  if (in.bad()) {
    return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                 "cannot read the dictionary", ""});
  }
  return words;
}

std::filesystem::path english_dictionary_path() {
  for (const char* path : {kLargeDictionary, kDefaultDictionary}) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return path;
  }
  return {};
}

}  // namespace modfilter
