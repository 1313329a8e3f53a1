#include "engine/normalize/arabic_script.h"

namespace modfilter {
namespace {

constexpr char32_t kAlef = 0x0627;
constexpr char32_t kHeh = 0x0647;
constexpr char32_t kYeh = 0x064A;
constexpr char32_t kKaf = 0x0643;

}  // namespace

char32_t fold_arabic_letter(char32_t cp) noexcept {
  switch (cp) {
    case 0x0622:  // alef with madda
    case 0x0623:  // alef with hamza above
    case 0x0625:  // alef with hamza below
    case 0x0671:  // alef wasla
    case 0x0672:  // alef with wavy hamza above
    case 0x0673:  // alef with wavy hamza below
    case 0x0675:  // high hamza alef
      return kAlef;
    case 0x0629:  // teh marbuta
    case 0x06C0:  // heh with yeh above (Persian ezafe)
    case 0x06C1:  // heh goal
    case 0x06BE:  // heh doachashmee (Sorani h)
      return kHeh;
    case 0x0649:  // alef maksura
    case 0x06CC:  // Farsi yeh
    case 0x06D2:  // yeh barree
      return kYeh;
    case 0x06A9:  // keheh (Persian kaf)
    case 0x06AA:  // swash kaf
      return kKaf;
    default:
      return cp;
  }
}

int arabic_digit_value(char32_t cp) noexcept {
  if (cp >= 0x0660 && cp <= 0x0669) return static_cast<int>(cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return static_cast<int>(cp - 0x06F0);
  return -1;
}

}  // namespace modfilter
