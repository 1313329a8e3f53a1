#include "engine/normalize/token_pass.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/normalize/normalize.h"
#include "engine/normalize/normalized_text.h"
#include "engine/normalize/token_rules.h"
#include "engine/normalize/turkish_casing.h"

namespace modfilter {
namespace {

void erase_dropped(std::vector<Unit>& units) {
  std::erase_if(units,
                [](const Unit& u) { return u.cls == UnitClass::kDropped; });
}

// A symbol between two letters (or a letter and a digit) decorates one word
// (f🖕ck); anywhere else it separates words like a space.
void resolve_symbols(std::vector<Unit>& units) {
  const std::size_t n = units.size();
  bool dropped = false;
  for (std::size_t i = 0; i < n;) {
    if (units[i].cls != UnitClass::kSymbol) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && units[j].cls == UnitClass::kSymbol) ++j;
    const bool inside_word =
        i > 0 && j < n && is_alnum(units[i - 1].cls) &&
        is_alnum(units[j].cls) &&
        (is_letter(units[i - 1].cls) || is_letter(units[j].cls));
    for (std::size_t k = i; k < j; ++k) {
      units[k].transforms |= kTransformSymbol;
      if (inside_word) {
        units[j].transforms |= units[k].transforms;
        units[k].cls = UnitClass::kDropped;
      } else {
        units[k].cp = ' ';
        units[k].cls = UnitClass::kSpace;
      }
    }
    dropped = dropped || inside_word;
    i = j;
  }
  if (dropped) erase_dropped(units);
}

// A character that can stand alone as one of spaced-out letters (s h 1 t).
bool can_be_spaced(const Unit& u) {
  return is_alnum(u.cls) || u.cp == '$' || u.cp == '@' || u.cp == '!';
}

// A neighbour that holds a character in a word: "I'm a" is no spaced word.
bool binds(const Unit& u) {
  return can_be_spaced(u) || u.cls == UnitClass::kApostrophe;
}

bool separates(const Unit& u) {
  return u.cls == UnitClass::kSpace || u.cls == UnitClass::kSeparator ||
         u.cp == '.' || u.cp == '*' || u.cp == '|';
}

// f u c k, f.u.c.k, s-h-1-t -> one word. Two single letters (U.S.) and runs
// without a letter (1 2 3) stay as they are. The gaps of one chain are all
// spaced or all tight: in "f**k s***t" the tight gaps are masking, and the
// space between the words does not join k and s.
void join_spaced_letters(std::vector<Unit>& units) {
  const std::size_t n = units.size();
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t count = 0;
  bool letter = false;
  bool spaced = false;  // whether the chain's gaps hold whitespace
  bool joined = false;
  const auto finish_chain = [&] {
    if (count < kMinSpacedLetters || !letter) return;
    for (std::size_t k = first; k <= last; ++k) {
      if (separates(units[k])) {
        units[k].cls = UnitClass::kDropped;
      } else {
        units[k].transforms |= kTransformSpacing;
      }
    }
    joined = true;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const Unit& u = units[i];
    if (!can_be_spaced(u) || (i > 0 && binds(units[i - 1])) ||
        (i + 1 < n && binds(units[i + 1]))) {
      continue;
    }
    const auto gap_begin =
        units.begin() + static_cast<std::ptrdiff_t>(last + 1);
    const auto gap_end = units.begin() + static_cast<std::ptrdiff_t>(i);
    const bool gap = count > 0 && i - last - 1 <= kMaxSpacingGap &&
                     std::all_of(gap_begin, gap_end, separates);
    const bool gap_spaced =
        gap && std::any_of(gap_begin, gap_end, [](const Unit& g) {
          return g.cls == UnitClass::kSpace;
        });
    if (!gap || (count > 1 && gap_spaced != spaced)) {
      finish_chain();
      // A gap of the other kind may still start a chain at the last letter.
      first = gap ? last : i;
      count = gap ? 1 : 0;
      letter = gap && is_letter(units[last].cls);
    }
    if (count == 1) spaced = gap_spaced;
    ++count;
    letter = letter || is_letter(u.cls);
    last = i;
  }
  finish_chain();
  if (joined) erase_dropped(units);
}

// A run of whitespace becomes one ' ' standing for all of it; returns the
// index after the run.
std::size_t write_space(const std::vector<Unit>& units, std::size_t begin,
                        ViewWriter& writer) {
  Unit space = units[begin];
  bool changed = space.cp != ' ';
  std::size_t end = begin + 1;
  for (; end < units.size() && units[end].cls == UnitClass::kSpace; ++end) {
    space.end = units[end].end;
    space.transforms |= units[end].transforms;
    changed = true;
  }
  if (changed) space.transforms |= kTransformSpace;
  space.cp = ' ';
  writer.append(space);
  return end;
}

// Whether a masking run that ends the word [begin, end) masks its tail
// (fuc*, asshol#): the run follows kMinMaskedHead letters. A word that a
// mask opens ("*emphasis*", "**bold**") is emphasis, not masking.
bool masks_tail(const std::vector<Unit>& units, std::size_t begin,
                std::size_t end) {
  if (end - begin < kMinMaskedHead) return false;
  if (begin > 0 && units[begin - 1].cls == UnitClass::kMask) return false;
  const auto head = units.begin() + static_cast<std::ptrdiff_t>(end);
  return std::all_of(head - kMinMaskedHead, head,
                     [](const Unit& u) { return is_letter(u.cls); });
}

// One past the word starting at `begin`: letters, digits, leet symbols,
// masking runs that lie between them, and a masking run that masks its tail.
std::size_t word_end(const std::vector<Unit>& units, std::size_t begin) {
  std::size_t end = begin + 1;
  while (end < units.size()) {
    if (is_word_unit(units[end].cls)) {
      ++end;
      continue;
    }
    if (units[end].cls != UnitClass::kMask) break;
    std::size_t after = end;
    while (after < units.size() && units[after].cls == UnitClass::kMask) {
      ++after;
    }
    if (after == units.size() || !is_word_unit(units[after].cls)) {
      if (masks_tail(units, begin, end)) end = after;
      break;
    }
    end = after;
  }
  return end;
}

// Lookalike letters are read as Latin only where that makes the word one
// script: it mixes them with Latin letters (аss), or has no letter that
// stays foreign (ѕех). A Russian word with letters like п or л stays Russian.
void read_homoglyphs(std::span<Unit> word) {
  bool latin = false;
  bool mappable = false;
  bool foreign = false;
  for (const Unit& u : word) {
    if (u.cls == UnitClass::kLatinLetter) {
      latin = true;
    } else if (u.cls == UnitClass::kLetter) {
      (u.homoglyph != 0 ? mappable : foreign) = true;
    }
  }
  if (!mappable || (foreign && !latin)) return;
  for (Unit& u : word) {
    if (u.cls == UnitClass::kLetter && u.homoglyph != 0) {
      u.cp = static_cast<char32_t>(u.homoglyph);
      u.cls = UnitClass::kLatinLetter;
      u.transforms |= kTransformHomoglyph;
    }
  }
}

char leet_letter_of_symbol(char32_t symbol) {
  switch (symbol) {
    case '$':
      return 's';
    case '@':
      return 'a';
    default:  // ! |
      return 'i';
  }
}

// ! | @ are letters only before another letter, digit or $ of the word, so
// that "shit!" and "hey!!" keep theirs; $ reads as s at the end too (a$$).
void read_leet(std::span<Unit> word) {
  std::size_t anchors_end = 0;  // one past the last letter, digit or $
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (is_alnum(word[k].cls) || word[k].cp == '$') anchors_end = k + 1;
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    Unit& u = word[k];
    char letter = 0;
    if (u.cls == UnitClass::kDigit) {
      letter = leet_letter_of_digit(u.cp);
    } else if (u.cls == UnitClass::kLeet && (u.cp == '$' || k < anchors_end)) {
      letter = leet_letter_of_symbol(u.cp);
    }
    if (letter != 0) {
      u.cp = static_cast<char32_t>(letter);
      u.cls = UnitClass::kLatinLetter;
      u.transforms |= kTransformLeet;
    }
  }
}

void lower_case(std::span<Unit> word, bool turkish) {
  for (Unit& u : word) {
    if (turkish && u.cp == 'I') {
      u.cp = kDotlessI;
      u.transforms |= kTransformCase | kTransformScript;
    } else if (u.cp >= 'A' && u.cp <= 'Z') {
      u.cp += 'a' - 'A';
      u.transforms |= kTransformCase;
    }
  }
}

// Masking runs become one '*', runs of 3+ equal letters one letter; each
// merged unit stands for all the original bytes of its run. Returns the new
// size of the word.
std::size_t merge_runs(std::span<Unit> word) {
  std::size_t write = 0;
  for (std::size_t read = 0; read < word.size();) {
    Unit unit = word[read];
    std::size_t run = read + 1;
    if (unit.cls == UnitClass::kMask) {
      while (run < word.size() && word[run].cls == UnitClass::kMask) ++run;
      unit.cp = '*';
      unit.transforms |= kTransformMask;
    } else if (is_letter(unit.cls)) {
      while (run < word.size() && is_letter(word[run].cls) &&
             word[run].cp == unit.cp) {
        ++run;
      }
      if (run - read < kMinStretch) {
        run = read + 1;
      } else {
        unit.transforms |= kTransformStretch;
      }
    }
    for (std::size_t k = read + 1; k < run; ++k) {
      unit.end = word[k].end;
      unit.transforms |= word[k].transforms;
    }
    word[write++] = unit;
    read = run;
  }
  return write;
}

// What a word may need, from one look at it: most words need nothing.
struct WordTraits {
  bool letter = false;   // has a letter: leet and masking apply
  bool foreign = false;  // has a letter of another script
  bool leet = false;     // has a digit or leet symbol
  bool upper = false;    // has an ASCII capital
  bool runs = false;     // has a masking run or 3 equal letters in a row
  bool turkish = false;  // has a letter only Turkish writes
};

WordTraits survey(std::span<const Unit> word) {
  WordTraits traits;
  std::size_t same = 0;  // equal letters in a row so far
  for (std::size_t k = 0; k < word.size(); ++k) {
    const Unit& u = word[k];
    traits.letter = traits.letter || is_letter(u.cls);
    traits.foreign = traits.foreign || u.cls == UnitClass::kLetter;
    traits.leet =
        traits.leet || u.cls == UnitClass::kDigit || u.cls == UnitClass::kLeet;
    traits.upper = traits.upper || (u.cp >= 'A' && u.cp <= 'Z');
    traits.turkish = traits.turkish || u.turkish;
    same = k > 0 && u.cp == word[k - 1].cp ? same + 1 : 1;
    traits.runs = traits.runs || u.cls == UnitClass::kMask ||
                  (same >= kMinStretch && is_letter(u.cls));
  }
  return traits;
}

void write_word(std::span<Unit> word, ViewWriter& writer) {
  const WordTraits traits = survey(word);
  if (traits.letter) {
    if (traits.foreign) read_homoglyphs(word);
    if (traits.leet) read_leet(word);
    if (traits.upper) lower_case(word, traits.turkish);
    // Leet and case can make new runs (PpPPu55y).
    if (traits.runs || traits.leet || traits.upper || traits.foreign) {
      word = word.first(merge_runs(word));
    }
  }
  const std::uint32_t start = writer.size();
  std::uint16_t transforms = 0;
  for (const Unit& u : word) {
    writer.append(u);
    transforms |= u.transforms;
  }
  if ((transforms & kTokenChanges) != 0) writer.flag_word_from(start);
}

}  // namespace

void write_view(std::vector<Unit>& units, bool symbols, ViewWriter& writer) {
  if (symbols) resolve_symbols(units);
  join_spaced_letters(units);
  for (std::size_t i = 0; i < units.size();) {
    if (units[i].cls == UnitClass::kSpace) {
      i = write_space(units, i, writer);
    } else if (is_word_unit(units[i].cls)) {
      const std::size_t end = word_end(units, i);
      write_word(std::span(units).subspan(i, end - i), writer);
      i = end;
    } else {
      writer.append(units[i]);
      ++i;
    }
  }
}

}  // namespace modfilter
