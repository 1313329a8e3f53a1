#include "engine/lint/dictionary.h"

#include <fstream>
#include <unordered_set>
#include <utility>

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

std::expected<std::vector<std::string>, Error> read_hunspell_dictionary(
    const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                 "cannot open the dictionary",
                                 "install the language's hunspell package"});
  }
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (std::exchange(first, false)) continue;  // the word count
    std::string_view word = line;
    word = word.substr(0, word.find_first_of("/\t\r"));
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    if (word.empty()) continue;
    if (seen.insert(std::string(word)).second) words.emplace_back(word);
  }
  return words;
}

std::filesystem::path language_dictionary(std::string_view language,
                                          std::string& why) {
  static constexpr std::pair<std::string_view, const char*> kDictionaries[] = {
      {"ar", "/usr/share/hunspell/ar.dic"},
      {"fa", "/usr/share/hunspell/fa.dic"},
      {"tr", "/usr/share/hunspell/tr_TR.dic"},
      {"kmr", "/usr/share/hunspell/kmr_Latn.dic"},
  };
  for (const auto& [code, path] : kDictionaries) {
    if (code == language) return path;
  }
  why = language == "ckb"
            ? "Debian has no Sorani dictionary (hunspell-kmr's ckb_IQ.dic is "
              "its Kurmanji list)"
            : "no Debian dictionary known for this language";
  return {};
}

}  // namespace modfilter
