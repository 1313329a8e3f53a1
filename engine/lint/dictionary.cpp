#include "engine/lint/dictionary.h"

#include <fstream>
#include <unordered_set>
#include <utility>

namespace modfilter {

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
