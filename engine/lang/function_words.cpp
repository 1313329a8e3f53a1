#include "engine/lang/function_words.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/core/utf8.h"

namespace modfilter {
namespace {

enum class Language : unsigned char { kEnglish, kTurkish, kKurmanji };

struct FunctionWord {
  std::string_view word;
  Language language;
};

constexpr Language kEn = Language::kEnglish;
constexpr Language kTr = Language::kTurkish;
constexpr Language kKmr = Language::kKurmanji;

// Sorted by bytes. Turkish words are listed as people type them on an
// English keyboard (cok, icin) as well as with ç ö ü; forms with ı ğ ş are
// left out, since those letters alone send a comment to CLD2. Left out as
// well: words of two languages (it, am, her, be, o, we, me, on, in), and
// English words that are common Turkish words typed in ASCII (at, can,
// his, as) or Kurmanji ones (u, ew, em, min).
constexpr std::array kWords = std::to_array<FunctionWord>({
    {"abi", kTr}, {"about", kEn}, {"after", kEn}, {"ain't", kEn}, {"aint", kEn},
    {"all", kEn}, {"also", kEn}, {"always", kEn}, {"ama", kTr}, {"amk", kTr},
    {"and", kEn}, {"any", kEn}, {"aq", kTr}, {"are", kEn}, {"aren't", kEn},
    {"arent", kEn}, {"artik", kTr}, {"bana", kTr}, {"because", kEn},
    {"been", kEn}, {"before", kEn}, {"being", kEn}, {"beni", kTr},
    {"benim", kTr}, {"bi", kTr}, {"bile", kTr}, {"bir", kTr}, {"biz", kTr},
    {"bizim", kTr}, {"boyle", kTr}, {"bu", kTr}, {"buna", kTr}, {"bunlar", kTr},
    {"bunu", kTr}, {"but", kEn}, {"by", kEn}, {"b\xC3\xB6yle", kTr},
    {"cok", kTr}, {"could", kEn}, {"da", kTr}, {"daha", kTr}, {"de", kTr},
    {"degil", kTr}, {"dibe", kKmr}, {"did", kEn}, {"didn't", kEn},
    {"didnt", kEn}, {"dike", kKmr}, {"dikim", kKmr}, {"diye", kTr}, {"do", kEn},
    {"does", kEn}, {"doesn't", kEn}, {"doesnt", kEn}, {"don't", kEn},
    {"dont", kEn}, {"en", kTr}, {"even", kEn}, {"ever", kEn}, {"every", kEn},
    {"ez", kKmr}, {"for", kEn}, {"from", kEn}, {"get", kEn}, {"gibi", kTr},
    {"gonna", kEn}, {"had", kEn}, {"has", kEn}, {"have", kEn}, {"having", kEn},
    {"he", kEn}, {"he's", kEn}, {"hem", kTr}, {"hep", kTr}, {"here", kEn},
    {"heye", kKmr}, {"hic", kTr}, {"him", kEn}, {"hi\xC3\xA7", kTr},
    {"how", kEn}, {"i'd", kEn}, {"i'll", kEn}, {"i'm", kEn}, {"i've", kEn},
    {"icin", kTr}, {"if", kEn}, {"ile", kTr}, {"im", kEn}, {"into", kEn},
    {"is", kEn}, {"isn't", kEn}, {"it's", kEn}, {"its", kEn}, {"iyi", kTr},
    {"i\xC3\xA7in", kTr}, {"ji", kKmr}, {"jibo", kKmr}, {"just", kEn},
    {"kadar", kTr}, {"ki", kTr}, {"know", kEn}, {"ku", kKmr}, {"lan", kTr},
    {"let", kEn}, {"like", kEn}, {"lol", kEn}, {"many", kEn}, {"mi", kTr},
    {"misin", kTr}, {"more", kEn}, {"most", kEn}, {"mu", kTr}, {"much", kEn},
    {"must", kEn}, {"musun", kTr}, {"my", kEn}, {"nabe", kKmr}, {"nasil", kTr},
    {"ne", kTr}, {"neden", kTr}, {"never", kEn}, {"niye", kTr}, {"not", kEn},
    {"now", kEn}, {"of", kEn}, {"olan", kTr}, {"olarak", kTr}, {"oldu", kTr},
    {"olsun", kTr}, {"only", kEn}, {"onu", kTr}, {"onun", kTr}, {"or", kEn},
    {"other", kEn}, {"our", kEn}, {"out", kEn}, {"over", kEn}, {"oyle", kTr},
    {"people", kEn}, {"really", kEn}, {"same", kEn}, {"sana", kTr},
    {"sen", kTr}, {"seni", kTr}, {"senin", kTr}, {"sey", kTr}, {"she", kEn},
    {"should", kEn}, {"simdi", kTr}, {"since", kEn}, {"siz", kTr},
    {"sizin", kTr}, {"so", kEn}, {"some", kEn}, {"still", kEn}, {"such", kEn},
    {"tamam", kTr}, {"than", kEn}, {"that", kEn}, {"that's", kEn},
    {"thats", kEn}, {"the", kEn}, {"their", kEn}, {"them", kEn}, {"then", kEn},
    {"there", kEn}, {"there's", kEn}, {"these", kEn}, {"they", kEn},
    {"they're", kEn}, {"think", kEn}, {"this", kEn}, {"those", kEn},
    {"through", kEn}, {"too", kEn}, {"tu", kKmr}, {"tum", kTr},
    {"t\xC3\xBCm", kTr}, {"ulan", kTr}, {"under", kEn}, {"until", kEn},
    {"up", kEn}, {"ur", kEn}, {"us", kEn}, {"var", kTr}, {"ve", kTr},
    {"very", kEn}, {"wan", kKmr}, {"wanna", kEn}, {"want", kEn}, {"was", kEn},
    {"wasn't", kEn}, {"were", kEn}, {"what", kEn}, {"what's", kEn},
    {"when", kEn}, {"where", kEn}, {"which", kEn}, {"while", kEn}, {"who", kEn},
    {"why", kEn}, {"will", kEn}, {"with", kEn}, {"won't", kEn}, {"would", kEn},
    {"y'all", kEn}, {"ya", kTr}, {"yall", kEn}, {"yani", kTr}, {"yok", kTr},
    {"you", kEn}, {"you're", kEn}, {"you've", kEn}, {"your", kEn},
    {"youre", kEn}, {"yours", kEn}, {"yourself", kEn}, {"zaten", kTr},
    {"\xC3\xA7ok", kTr}, {"\xC3\xB6yle", kTr},
});

constexpr bool less(const FunctionWord& a, const FunctionWord& b) {
  return a.word < b.word;
}
static_assert(std::ranges::is_sorted(kWords, less) &&
                  std::ranges::adjacent_find(kWords, {}, &FunctionWord::word) ==
                      kWords.end(),
              "kWords: keep it sorted, and each word in one language only");

// No function word is longer; longer tokens are not looked up. A word of
// at most 8 bytes is packed into one integer (its first byte lowest, zero
// bytes after it), and words are compared as integers.
constexpr std::size_t kMaxWordBytes = 8;
static_assert(std::ranges::all_of(kWords, [](const FunctionWord& w) {
  return !w.word.empty() && w.word.size() <= kMaxWordBytes;
}));

constexpr std::uint64_t pack(std::string_view word) {
  std::uint64_t packed = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    packed |= std::uint64_t{static_cast<unsigned char>(word[i])} << (8 * i);
  }
  return packed;
}

// An open-addressing table of the packed words, built at compile time: a
// comment's words are looked up at a multiply and a compare each, since
// most of them are not function words.
constexpr std::size_t kSlotBits = 10;
constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
static_assert(kWords.size() * 3 < kSlots, "keep the table sparse");

constexpr std::size_t slot_of(std::uint64_t packed) {
  return static_cast<std::size_t>((packed * 0x9E3779B97F4A7C15ull) >>
                                  (64 - kSlotBits));
}

struct Slot {
  std::uint64_t packed = 0;  // 0: empty
  Language language = Language::kEnglish;
};

constexpr std::array<Slot, kSlots> build_table() {
  std::array<Slot, kSlots> table{};
  for (const FunctionWord& w : kWords) {
    std::size_t slot = slot_of(pack(w.word));
    while (table[slot].packed != 0) slot = (slot + 1) % kSlots;
    table[slot] = {pack(w.word), w.language};
  }
  return table;
}
constexpr std::array<Slot, kSlots> kTable = build_table();

const Slot* lookup(std::uint64_t packed) noexcept {
  for (std::size_t slot = slot_of(packed); kTable[slot].packed != 0;
       slot = (slot + 1) % kSlots) {
    if (kTable[slot].packed == packed) return &kTable[slot];
  }
  return nullptr;
}

bool is_ascii_letter(unsigned char c) noexcept {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// A word of a comment, lower-cased and packed as it is read; a word too
// long to be a function word is marked and never looked up.
class WordBuffer {
 public:
  void push(char c) noexcept {
    if (size_ < kMaxWordBytes) {
      packed_ |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * size_);
    }
    ++size_;
  }
  bool empty() const noexcept { return size_ == 0; }
  bool too_long() const noexcept { return size_ > kMaxWordBytes; }
  std::uint64_t packed() const noexcept { return packed_; }
  void clear() noexcept {
    size_ = 0;
    packed_ = 0;
  }

 private:
  std::uint64_t packed_ = 0;
  std::size_t size_ = 0;
};

void count(const WordBuffer& word, FunctionWordCounts& counts) noexcept {
  if (word.too_long()) return;
  const Slot* found = lookup(word.packed());
  if (found == nullptr) return;
  switch (found->language) {
    case Language::kEnglish: ++counts.english; break;
    case Language::kTurkish: ++counts.turkish; break;
    case Language::kKurmanji: ++counts.kurmanji; break;
  }
}

bool may_start_name(unsigned char byte) noexcept {
  return byte == '@' || byte == '#' || byte == 'h' || byte == 'w';
}

// Mentions, hashtags and links are names, not language.
bool starts_name(std::string_view rest) noexcept {
  return rest.starts_with('@') || rest.starts_with('#') ||
         rest.starts_with("http") || rest.starts_with("www.");
}

}  // namespace

FunctionWordCounts count_function_words(std::string_view text) noexcept {
  FunctionWordCounts counts;
  WordBuffer word;
  auto end_word = [&] {
    if (!word.empty()) count(word, counts);
    word.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (word.empty() && may_start_name(byte) &&
        (pos == 0 || text[pos - 1] == ' ' || text[pos - 1] == '\n') &&
        starts_name(text.substr(pos))) {
      while (pos < text.size() && text[pos] != ' ' && text[pos] != '\n') ++pos;
    } else if (is_ascii_letter(byte)) {
      word.push(static_cast<char>(byte | 0x20));
      ++pos;
    } else if (byte == '\'' && !word.empty()) {
      word.push('\'');
      ++pos;
    } else if (byte == 0xE2 && !word.empty() &&
               text.substr(pos).starts_with("\xE2\x80\x99")) {
      word.push('\'');  // ’, the apostrophe of phones
      pos += 3;
    } else if (const DecodedChar c = byte == 0xC3 ? decode_utf8(text, pos)
                                                  : DecodedChar{};
               c.length != 0) {
      // Latin-1 letters (U+00C0-U+00FF): À-Þ lower-case 0x20 further on.
      const char32_t lower = c.cp <= 0xDE && c.cp != 0xD7 ? c.cp + 0x20 : c.cp;
      char bytes[4];
      const std::size_t n = encode_utf8(lower, bytes);
      for (std::size_t i = 0; i < n; ++i) word.push(bytes[i]);
      pos += c.length;
    } else {
      end_word();
      ++pos;
    }
  }
  end_word();
  return counts;
}

}  // namespace modfilter
