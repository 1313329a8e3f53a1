#include "engine/normalize/fold_table.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <array>
#include <cstddef>
#include <vector>

#include "engine/core/assert.h"
#include "engine/normalize/arabic_script.h"
#include "engine/normalize/homoglyph_table.h"
#include "engine/normalize/normalized_text.h"

namespace modfilter {
namespace {

// Code points folded once into a table, so that most comments need no ICU
// call per char: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Cherokee,
// general punctuation and symbols up to U+3000, and the fullwidth forms.
struct Range {
  char32_t begin;
  char32_t end;
};
constexpr Range kLowTable{0x80, 0x3000};
constexpr Range kFullwidthTable{0xFF00, 0xFFF0};
// NFKC expands a code point to at most 18 others, full case folding triples.
constexpr std::size_t kMaxUnits = 54;
constexpr int32_t kMaxUtf16 = 2 * kMaxUnits;

constexpr char32_t kTatweel = 0x0640;  // Arabic letter stretching

struct Normalizers {
  const UNormalizer2* nfkd;
  const UNormalizer2* nfkc_casefold;
};

const Normalizers& normalizers() {
  static const Normalizers instances = [] {
    UErrorCode status = U_ZERO_ERROR;
    const Normalizers result{unorm2_getNFKDInstance(&status),
                             unorm2_getNFKCCasefoldInstance(&status)};
    MODFILTER_ASSERT(U_SUCCESS(status));
    return result;
  }();
  return instances;
}

bool is_mark(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Removes combining marks from a UTF-16 string in place; its new length.
int32_t strip_marks(UChar* text, int32_t length, std::uint16_t& transforms) {
  int32_t read = 0;
  int32_t write = 0;
  while (read < length) {
    int32_t start = read;
    UChar32 c = 0;
    U16_NEXT(text, read, length, c);
    if (is_mark(c)) {
      transforms |= kTransformMarks;
      continue;
    }
    while (start < read) text[write++] = text[start++];
  }
  return write;
}

bool is_letter_type(int8_t type) {
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_COMBINING_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

bool is_punctuation_type(int8_t type) {
  switch (type) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

// Apostrophes keep a word together (I’m), dashes may space letters out; other
// punctuation only separates words, as a space does.
char ascii_twin(char32_t cp, int8_t type) {
  switch (cp) {
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′
      return '\'';
    default:
      return type == U_DASH_PUNCTUATION ? '-' : 0;
  }
}

// One code point of the folded form. `source` is the code point it came
// from when that is its only result: Greek Υ looks like Y although its
// lower case υ looks like u.
FoldedUnit classify(char32_t cp, char32_t source, std::uint16_t& transforms) {
  if (cp < 0x80) return {cp, ascii_class(cp), 0};
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  if (is_letter_type(type)) {
    const char32_t letter = fold_arabic_letter(cp);
    if (letter != cp) transforms |= kTransformScript;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(static_cast<UChar32>(letter), &status) ==
        USCRIPT_LATIN) {
      return {letter, UnitClass::kLatinLetter, 0};
    }
    const char from_source = source != 0 ? homoglyph_letter(source) : 0;
    return {letter, UnitClass::kLetter,
            from_source != 0 ? from_source : homoglyph_letter(letter)};
  }
  switch (type) {
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return {cp, UnitClass::kNumber, 0};
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      transforms |= kTransformSpace;
      return {' ', UnitClass::kSpace, 0};
    default:
      break;
  }
  if (is_punctuation_type(type)) {
    if (const char twin = ascii_twin(cp, type)) {
      transforms |= kTransformCompat;
      return {static_cast<char32_t>(twin), ascii_class(twin), 0};
    }
    transforms |= kTransformSymbol;
    return {' ', UnitClass::kSpace, 0};
  }
  return {cp, UnitClass::kSymbol, 0};
}

bool changes_when_casefolded(const UChar* text, int32_t length) {
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U16_NEXT(text, i, length, c);
    if (u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED)) return true;
  }
  return false;
}

// Stage A proper: NFKD, marks removed, then NFKC with case folding (which
// recomposes what NFKD split without marks, such as Hangul syllables).
FoldKind compute(char32_t cp, FoldedUnit* out, std::size_t& count,
                 std::uint16_t& transforms) {
  count = 0;
  transforms = 0;
  const auto c = static_cast<UChar32>(cp);
  const int8_t type = u_charType(c);
  if (type == U_FORMAT_CHAR ||
      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    transforms = kTransformInvisible;
    return FoldKind::kInvisible;
  }
  if (is_mark(c)) {
    transforms = kTransformMarks;
    return FoldKind::kMark;
  }
  if (cp == kTatweel) {
    transforms = kTransformScript;
    return FoldKind::kInvisible;
  }
  // Arabic-Indic and Persian digits are digits of a number, never leetspeak.
  if (const int digit = arabic_digit_value(cp); digit >= 0) {
    transforms = kTransformScript;
    out[count++] = {static_cast<char32_t>('0' + digit), UnitClass::kNumber, 0};
    return FoldKind::kUnits;
  }
  // Before NFKD: some variants decompose into a letter that is not the one
  // they stand for (heh with yeh above -> ae + hamza).
  if (const char32_t letter = fold_arabic_letter(cp); letter != cp) {
    const FoldKind kind = compute(letter, out, count, transforms);
    transforms |= kTransformScript;
    return kind;
  }
  if (type == U_CONTROL_CHAR || u_isUWhiteSpace(c)) {
    transforms = kTransformSpace;
    out[count++] = {' ', UnitClass::kSpace, 0};
    return FoldKind::kUnits;
  }

  const Normalizers& n = normalizers();
  UChar folded[kMaxUtf16];
  int32_t folded_length = 0;
  if (unorm2_isInert(n.nfkd, c) && unorm2_isInert(n.nfkc_casefold, c)) {
    U16_APPEND_UNSAFE(folded, folded_length, c);
  } else {
    UChar source[2];
    int32_t source_length = 0;
    U16_APPEND_UNSAFE(source, source_length, c);
    UChar decomposed[kMaxUtf16];
    UErrorCode status = U_ZERO_ERROR;
    int32_t decomposed_length = unorm2_normalize(
        n.nfkd, source, source_length, decomposed, kMaxUtf16, &status);
    MODFILTER_ASSERT(U_SUCCESS(status));
    decomposed_length = strip_marks(decomposed, decomposed_length, transforms);
    if (u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE) > U_DT_CANONICAL) {
      transforms |= kTransformCompat;
    }
    if (changes_when_casefolded(decomposed, decomposed_length)) {
      transforms |= kTransformCase;
    }
    folded_length =
        unorm2_normalize(n.nfkc_casefold, decomposed, decomposed_length, folded,
                         kMaxUtf16, &status);
    MODFILTER_ASSERT(U_SUCCESS(status));
    folded_length = strip_marks(folded, folded_length, transforms);
  }

  std::array<char32_t, kMaxUnits> code_points;
  std::size_t size = 0;
  for (int32_t i = 0; i < folded_length;) {
    UChar32 f = 0;
    U16_NEXT(folded, i, folded_length, f);
    MODFILTER_ASSERT(size < kMaxUnits);
    code_points[size++] = static_cast<char32_t>(f);
  }
  for (std::size_t i = 0; i < size; ++i) {
    out[count++] = classify(code_points[i], size == 1 ? cp : 0, transforms);
  }
  if (count == 0) {
    transforms |= kTransformInvisible;
    return FoldKind::kInvisible;
  }
  return FoldKind::kUnits;
}

struct Entry {
  FoldKind kind = FoldKind::kUnits;
  std::uint8_t size = 0;
  std::uint16_t transforms = 0;
  std::uint32_t first = 0;  // index of the first unit in Table::units
};

struct Table {
  std::vector<Entry> entries;  // per code point of kLowTable, kFullwidthTable
  std::vector<FoldedUnit> units;
};

// The index of `cp` in Table::entries, or -1.
std::ptrdiff_t table_index(char32_t cp) {
  if (cp >= kLowTable.begin && cp < kLowTable.end) return cp - kLowTable.begin;
  if (cp >= kFullwidthTable.begin && cp < kFullwidthTable.end) {
    return (kLowTable.end - kLowTable.begin) + (cp - kFullwidthTable.begin);
  }
  return -1;
}

Table build_table() {
  Table table;
  std::array<FoldedUnit, kMaxUnits> scratch;
  for (const Range& range : {kLowTable, kFullwidthTable}) {
    for (char32_t cp = range.begin; cp < range.end; ++cp) {
      std::size_t count = 0;
      std::uint16_t transforms = 0;
      const FoldKind kind = compute(cp, scratch.data(), count, transforms);
      table.entries.push_back({kind, static_cast<std::uint8_t>(count),
                               transforms,
                               static_cast<std::uint32_t>(table.units.size())});
      table.units.insert(table.units.end(), scratch.begin(),
                         scratch.begin() + static_cast<std::ptrdiff_t>(count));
    }
  }
  return table;
}

}  // namespace

Folding fold_code_point(char32_t cp) {
  if (const std::ptrdiff_t index = table_index(cp); index >= 0) {
    static const Table table = build_table();
    const Entry& e = table.entries[static_cast<std::size_t>(index)];
    return {e.kind, e.transforms, {table.units.data() + e.first, e.size}};
  }
  thread_local std::array<FoldedUnit, kMaxUnits> scratch;
  std::size_t count = 0;
  std::uint16_t transforms = 0;
  const FoldKind kind = compute(cp, scratch.data(), count, transforms);
  return {kind, transforms, {scratch.data(), count}};
}

}  // namespace modfilter
