// SpanFinder: where a regex match that Hyperscan reported by its end
// offset starts. Hyperscan's HS_FLAG_SOM_LEFTMOST made our rule set's
// bytecode 9x larger and its compilation 2.5x slower (measured on the
// default rules: 22.5 MB / 6.8 s with it, 2.6 MB / 2.6 s without), and it
// costs on every byte scanned. Matches are rare, so the start is found
// after the scan, on the matched comments only: RE2 runs the same regex
// anchored at the reported end and returns the leftmost start, which is
// what SOM_LEFTMOST would have reported. A regex RE2 cannot take keeps
// SOM_LEFTMOST in Hyperscan instead.
//
// RE2 sees the byte after the end too, when there is one: `\b` and `\B`
// at the end of a match depend on it ("16+" in "16+only" ends on a word
// boundary only because an 'o' follows; issue 11's differential check found
// such hits dropped).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

namespace re2 {
class RE2;
}

namespace modfilter {

class SpanFinder {
 public:
  // Null when RE2 cannot compile `regex` with Hyperscan's meaning.
  static std::unique_ptr<SpanFinder> create(std::string_view regex);
  ~SpanFinder();
  SpanFinder(const SpanFinder&) = delete;
  SpanFinder& operator=(const SpanFinder&) = delete;

  // The leftmost start of a match of the regex that ends exactly at `end`
  // in `text`; nullopt when there is none (a disagreement between the two
  // engines, which the scanner then ignores).
  std::optional<std::size_t> start(std::string_view text,
                                   std::size_t end) const;

 private:
  SpanFinder(std::unique_ptr<re2::RE2> re,
             std::unique_ptr<re2::RE2> before_byte);
  std::unique_ptr<re2::RE2> re_;           // (?:regex)$
  std::unique_ptr<re2::RE2> before_byte_;  // (?:regex)(?s:.)$
};

}  // namespace modfilter
