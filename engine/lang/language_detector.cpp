#include "engine/lang/language_detector.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include <climits>

namespace modfilter {
namespace {

bool has_arabic_script(std::string_view text) noexcept {
  // U+0600..U+06FF and U+0750..U+077F are lead bytes 0xD8..0xDB, 0xDD.
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 0xD8 && byte <= 0xDB) || byte == 0xDD) return true;
  }
  return false;
}

std::string_view code_of(CLD2::Language language, std::string_view text) {
  const std::string_view code = CLD2::LanguageCode(language);
  if (code == "ku") return has_arabic_script(text) ? "ckb" : "kmr";
  return code;
}

}  // namespace

Detection detect_languages(std::string_view text) noexcept {
  Detection out;
  const int length =
      static_cast<int>(std::min<std::size_t>(text.size(), INT_MAX));
  CLD2::Language languages[3];
  int percents[3];
  double scores[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), length, true, nullptr, 0, languages, percents, scores,
      nullptr, &text_bytes, &reliable, &valid_prefix);
  if (valid_prefix < length) {
    CLD2::ExtDetectLanguageSummaryCheckUTF8(
        text.data(), valid_prefix, true, nullptr, 0, languages, percents,
        scores, nullptr, &text_bytes, &reliable, &valid_prefix);
  }
  out.reliable = reliable;
  for (int i = 0; i < 3; ++i) {
    if (languages[i] == CLD2::UNKNOWN_LANGUAGE || percents[i] <= 0) continue;
    out.languages[out.count++] = {code_of(languages[i], text), percents[i]};
  }
  return out;
}

}  // namespace modfilter
