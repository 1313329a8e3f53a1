// Turkish casing without breaking English. Turkish pairs I with ı and İ
// with i; English pairs I with i. The view reads İ as i everywhere (its dot
// is a mark), and reads an ASCII I as ı only inside a word that has a
// letter only Turkish writes (ı İ ğ Ğ ş Ş): "SIKINTIĞI" keeps its dotless
// letters, while "I", "KILL" and a Turkish word typed on an English
// keyboard ("SIKERIM", which its writer spells sikerim) read I as i. The
// other Turkish and Kurmanji letters with cedilla, breve, umlaut or
// circumflex (ç ş ğ ö ü ê î û) lose their marks like every accented
// letter, so that "piç" and "pic", "kêr" and "ker" meet.
#pragma once

namespace modfilter {

inline constexpr char32_t kDotlessI = 0x0131;

inline bool is_turkish_letter(char32_t cp) noexcept {
  switch (cp) {
    case 0x0130:  // İ
    case 0x0131:  // ı
    case 0x011E:  // Ğ
    case 0x011F:  // ğ
    case 0x015E:  // Ş
    case 0x015F:  // ş
      return true;
    default:
      return false;
  }
}

}  // namespace modfilter
