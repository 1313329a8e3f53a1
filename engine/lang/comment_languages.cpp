#include "engine/lang/comment_languages.h"

#include <algorithm>

#include "engine/core/utf8.h"
#include "engine/lang/function_words.h"
#include "engine/lang/language_detector.h"

namespace modfilter {
namespace {

// The Latin script speaks for a comment when it writes at least this share
// of its letters: the Latin of "@USER", "URL" or one borrowed word in an
// Arabic tweet does not make it English. Arabic letters always speak: no
// one writes them by accident, and a short Arabic insult after a long
// English sentence must meet the Arabic rules.
constexpr std::size_t kMinScriptPercent = 25;

// What the letters of a comment say about its languages.
struct ScriptCensus {
  bool arabic = false;
  bool sorani = false;   // ڕ ڵ ۆ ێ ە
  bool persian = false;  // پ چ ژ گ
  bool latin = false;
  bool turkish = false;   // ı İ ğ Ğ ş Ş
  bool kurmanji = false;  // ê Ê î Î û Û ş Ş
};

// Mentions, hashtags and links are names, not language.
bool is_name_token(std::string_view text, std::size_t pos) noexcept {
  const std::string_view rest = text.substr(pos);
  return rest.starts_with('@') || rest.starts_with('#') ||
         rest.starts_with("http") || rest.starts_with("www.");
}

ScriptCensus census(std::string_view text) noexcept {
  ScriptCensus c;
  std::size_t latin = 0;
  std::size_t arabic = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if ((pos == 0 || text[pos - 1] == ' ' || text[pos - 1] == '\n') &&
        is_name_token(text, pos)) {
      while (pos + 1 < text.size() && text[pos + 1] != ' ' &&
             text[pos + 1] != '\n') {
        ++pos;
      }
      continue;
    }
    if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') {
      ++latin;
      continue;
    }
    if (byte < 0xC0) continue;
    // Latin-1 Supplement to Latin Extended-A, Arabic (two-byte sequences);
    // anything else, or no UTF-8 at all, counts for no script.
    const char32_t cp = decode_utf8(text, pos).cp;
    if (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) ++latin;
    if (cp >= 0x0620 && cp < 0x0700 && cp != 0x0640) ++arabic;
    switch (cp) {
      case 0x0131: case 0x0130: case 0x011F: case 0x011E:
        c.turkish = true;
        break;
      case 0x015F: case 0x015E:
        c.turkish = c.kurmanji = true;
        break;
      case 0x00EA: case 0x00CA: case 0x00EE: case 0x00CE: case 0x00FB:
      case 0x00DB:
        c.kurmanji = true;
        break;
      case 0x0695: case 0x06B5: case 0x06C6: case 0x06CE: case 0x06D5:
        c.sorani = true;
        break;
      case 0x067E: case 0x0686: case 0x0698: case 0x06AF:
        c.persian = true;
        break;
      default:
        break;
    }
  }
  const std::size_t letters = latin + arabic;
  c.latin = latin > 0 && latin * 100 >= letters * kMinScriptPercent;
  c.arabic = arabic > 0;
  return c;
}

// The languages this engine has rules and tables for: CLD2 is trusted on
// these. Its other answers on comments (Scots or Tagalog for an English
// tweet in slang) are too often wrong to take a script's rules away.
bool supported(std::string_view code) noexcept {
  for (std::string_view language : {"en", "ar", "fa", "tr", "ckb", "kmr"}) {
    if (code == language) return true;
  }
  return false;
}

bool written_in_arabic_script(std::string_view code) noexcept {
  for (std::string_view arabic : {"ar", "fa", "ckb", "ur", "ps", "sd", "ug"}) {
    if (code == arabic) return true;
  }
  return false;
}

void add_arabic_script(const ScriptCensus& c, LanguageList& out) noexcept {
  if (c.sorani) {
    out.add("ckb");
  } else if (c.persian) {
    out.add("fa");
    out.add("ckb");
  } else {
    out.add("ar");
    out.add("fa");
    out.add("ckb");
  }
}

void add_latin_script(const ScriptCensus& c, LanguageList& out) noexcept {
  out.add("en");
  if (c.turkish) out.add("tr");
  if (c.kurmanji) out.add("kmr");
}

// The languages CLD2 could find in a comment of Latin letters alone whose
// answer the first pass can foresee: Arabic-script languages are never
// found in such text, and of the Latin-script languages the engine has
// tables for, English, Turkish and Kurmanji are those whose function words
// it counts. A rule set scoped to another Latin-script language (de, fr)
// leaves every comment to CLD2.
bool foreseeable(std::span<const std::string> known) noexcept {
  return std::ranges::all_of(known, [](const std::string& code) {
    return code == "en" || code == "tr" || code == "kmr" ||
           written_in_arabic_script(code);
  });
}

// The first pass, for the comments that need no CLD2 (7-10 us a tweet): one
// written in Latin letters only, without a Turkish or Kurmanji letter,
// without a Turkish or Kurmanji function word and with at least one English
// one. Of such a comment CLD2 and the scripts say "English" too (on every
// row of the dev files: benchmarks/language_bench), since Turkish typed in
// ASCII is full of its own function words and Latin-script languages the
// engine has no tables for come out English all the same.
bool clearly_english(std::string_view text, const ScriptCensus& scripts,
                     std::span<const std::string> known) noexcept {
  if (scripts.arabic || !scripts.latin || scripts.turkish ||
      scripts.kurmanji || !foreseeable(known)) {
    return false;
  }
  const FunctionWordCounts words = count_function_words(text);
  return words.english > 0 && words.turkish == 0 && words.kurmanji == 0;
}

}  // namespace

void LanguageList::add(std::string_view code) noexcept {
  if (code.empty() || contains(code) || count == codes.size()) return;
  codes[count++] = code;
}

bool LanguageList::contains(std::string_view code) const noexcept {
  return std::find(codes.begin(), codes.begin() + count, code) !=
         codes.begin() + count;
}

LanguageList comment_languages(std::string_view text,
                               std::span<const std::string> known) noexcept {
  LanguageList out;
  const ScriptCensus scripts = census(text);
  if (clearly_english(text, scripts, known)) {
    out.add("en");
    return out;
  }
  const Detection detection = detect_languages(text);
  bool arabic_found = false;
  bool latin_found = false;
  for (std::size_t i = 0; i < detection.count; ++i) {
    const DetectedLanguage& d = detection.languages[i];
    if (d.percent < kMinDetectedPercent ||
        (!supported(d.code) &&
         std::ranges::find(known, d.code) == known.end())) {
      continue;
    }
    out.add(d.code);
    // CLD2 calls short English slang Kurdish ("r u a f*g?" -> ku, 96%,
    // reliable): without a Kurmanji letter, Kurmanji does not stand for the
    // Latin script alone.
    if (d.code == "kmr" && !scripts.kurmanji) continue;
    (written_in_arabic_script(d.code) ? arabic_found : latin_found) = true;
  }
  if (scripts.arabic && (!detection.reliable || !arabic_found)) {
    add_arabic_script(scripts, out);
  }
  if (scripts.latin && (!detection.reliable || !latin_found)) {
    add_latin_script(scripts, out);
  }
  // Letters no English word has speak for their languages even where CLD2
  // heard only the longer English part of a mixed comment.
  if (scripts.turkish) out.add("tr");
  if (scripts.kurmanji) out.add("kmr");
  out.every = out.count == 0;
  return out;
}

LanguageList parse_languages(std::string_view field) noexcept {
  LanguageList out;
  std::size_t pos = 0;
  while (pos < field.size()) {
    const std::size_t end = std::min(field.find_first_of(", ", pos), field.size());
    out.add(field.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace modfilter
