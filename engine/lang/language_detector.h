// detect_languages(): the languages CLD2 (Debian's libcld2) finds in a
// comment. Only this file's .cpp knows CLD2; callers get ISO codes.
//
// CLD2 names Kurdish "ku" in either script; this layer reports "kmr"
// (Kurmanji) for Latin-script text and "ckb" (Sorani) for Arabic script,
// the codes rules carry.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace modfilter {

struct DetectedLanguage {
  std::string_view code;  // ISO 639 code, static storage
  int percent = 0;        // share of the text's letters, 0-100
};

struct Detection {
  std::array<DetectedLanguage, 3> languages;  // best first
  std::size_t count = 0;
  bool reliable = false;  // CLD2's own verdict; short texts rarely are
};

// Never fails: invalid UTF-8 is detected on its valid prefix, and text CLD2
// cannot place gives count == 0. Thread-safe (CLD2 keeps no state).
Detection detect_languages(std::string_view text) noexcept;

}  // namespace modfilter
