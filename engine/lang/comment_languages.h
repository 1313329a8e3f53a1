// comment_languages(): the languages whose rules screen a comment that came
// without one, decided from the detector and the scripts present.
//
// How a comment's languages are decided (docs/rules.md, "Languages"):
//  0. a comment written in Latin letters only, with no Turkish or Kurmanji
//     letter, no Turkish or Kurmanji function word and at least one English
//     one (the, you, is, don't: engine/lang/function_words.h) is English,
//     without running CLD2, unless the rule set scopes rules to a
//     Latin-script language other than en, tr and kmr; otherwise:
//  1. every language CLD2 finds in it with at least kMinDetectedPercent of
//     its text, among the languages modfilter has tables for (en ar fa tr
//     ckb kmr) and those the rule set scopes rules to: CLD2's other answers
//     on comments (Scots or Tagalog for English slang) are too often wrong
//     to take a script's rules away; Kurmanji without a Kurmanji letter
//     is kept but does not account for the Latin script (CLD2 calls short
//     English slang Kurdish);
//  2. then, for each script present (any Arabic letter; Latin letters
//     making at least 25% of the letters, not counting @mentions, #hashtags
//     and links) that no language of
//     step 1 accounts for, or for every script when CLD2 calls its answer
//     unreliable (short text, slang, mixed languages), the languages that
//     script implies: Arabic script -> ar, fa, ckb (Sorani letters ڕ ڵ ۆ ێ ە
//     -> ckb only; Persian letters پ چ ژ گ -> fa, ckb); Latin script -> en,
//     plus tr with a Turkish letter (ı İ ğ ş), plus kmr with a Kurmanji
//     letter (ê î û ş);
//  3. a Turkish letter (ı İ ğ ş) adds tr and a Kurmanji letter (ê î û ş)
//     adds kmr in any case: CLD2 hears only the longer English part of
//     "You are an idiot. Sen tam bir aptalsın.";
//  4. a comment with no letters of these scripts (emoji, numbers, another
//     script) and no detected language is screened by every rule.
// A comment mixing languages is thus screened by the rules of each language
// found in it, and a short comment by the rules of every language its
// script implies.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace modfilter {

inline constexpr int kMinDetectedPercent = 20;

struct LanguageList {
  std::array<std::string_view, 8> codes;  // static storage or `known`
  std::size_t count = 0;
  bool every = false;  // no language found: every rule applies

  void add(std::string_view code) noexcept;
  bool contains(std::string_view code) const noexcept;
};

// `known`: the language codes some rule of the rule set is scoped to.
LanguageList comment_languages(std::string_view text,
                               std::span<const std::string> known) noexcept;

// The languages of a caller's field: ISO codes separated by commas or
// spaces ("ar", "ar,en"); an empty field gives an empty list.
LanguageList parse_languages(std::string_view field) noexcept;

}  // namespace modfilter
