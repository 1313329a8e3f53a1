#include "engine/normalize/homoglyph_table.h"

#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "engine/core/assert.h"

namespace modfilter {
namespace {

// Scripts whose Latin lookalikes are a disguise rather than real words. Not
// Arabic, Hebrew, CJK or the Indic scripts: there the skeleton reads common
// letters as l or o (Arabic alef is "l"), and whole words would turn Latin.
// Not Latin either: the skeleton maps Latin m to "rn" and l to "I", and
// Latin letters outside ASCII (Turkish ı) are letters of their own.
constexpr char16_t kScripts[] =
    u"[[\\p{sc=Cyrl}\\p{sc=Grek}\\p{sc=Armn}\\p{sc=Cher}\\p{sc=Copt}"
    u"\\p{sc=Lisu}\\p{sc=Cans}\\p{sc=Ital}\\p{sc=Runr}\\p{sc=Tfng}"
    u"\\p{sc=Dsrt}\\p{sc=Cari}\\p{sc=Lyci}\\p{sc=Elba}\\p{sc=Wara}"
    u"\\p{sc=Osge}\\p{sc=Plrd}]&\\p{L}]";

using Table = std::vector<std::pair<char32_t, char>>;

// The skeleton of `cp` when it is one ASCII letter, else 0.
char ascii_skeleton(const USpoofChecker* checker, char32_t cp) {
  UChar source[2];
  int32_t length = 0;
  U16_APPEND_UNSAFE(source, length, static_cast<UChar32>(cp));
  UChar skeleton[8];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t size =
      uspoof_getSkeleton(checker, 0, source, length, skeleton, 8, &status);
  if (U_FAILURE(status) || size != 1) return 0;
  const char16_t c = skeleton[0];
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return letter ? static_cast<char>(c) : 0;
}

Table build_table() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeSet letters(icu::UnicodeString(kScripts), status);
  USpoofChecker* checker = uspoof_open(&status);
  MODFILTER_ASSERT(U_SUCCESS(status));

  std::map<char32_t, char> own;      // from the letter's own skeleton
  std::map<char32_t, char> derived;  // from the other case's skeleton
  for (int32_t r = 0; r < letters.getRangeCount(); ++r) {
    for (UChar32 cp = letters.getRangeStart(r); cp <= letters.getRangeEnd(r);
         ++cp) {
      const char skeleton = ascii_skeleton(checker, static_cast<char32_t>(cp));
      if (skeleton == 0) continue;
      // Skeletons spell capital I as "l" (and L as "L"): a capital that looks
      // like I (Greek Ι, Cyrillic І) stands for i.
      const char letter = u_isupper(cp) && skeleton == 'l'
                              ? 'i'
                              : static_cast<char>(skeleton | 0x20);
      own[static_cast<char32_t>(cp)] = letter;
      const UChar32 other = u_isupper(cp) ? u_tolower(cp) : u_toupper(cp);
      if (other != cp) derived.emplace(static_cast<char32_t>(other), letter);
    }
  }
  uspoof_close(checker);

  own.merge(derived);  // keeps a letter's own skeleton where both exist
  return Table(own.begin(), own.end());
}

}  // namespace

char homoglyph_letter(char32_t cp) {
  static const Table table = build_table();
  const auto it = std::ranges::lower_bound(table, cp, {},
                                           &std::pair<char32_t, char>::first);
  return it != table.end() && it->first == cp ? it->second : 0;
}

}  // namespace modfilter
