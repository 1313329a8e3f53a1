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
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace modfilter {

class SpanFinder {
 public:
  // Compiles now; null when RE2 cannot compile `regex` with Hyperscan's
  // meaning (the compiler then asks Hyperscan for SOM instead).
  static std::unique_ptr<SpanFinder> create(std::string_view regex);
  // Compiles on the first start(), for a regex the compiler already saw RE2
  // take: loading a database then costs no RE2 compilation (the default
  // rules' regexes took 60 ms of a 90 ms start-up), and only the patterns
  // that ever hit pay for it, once. Should RE2 refuse it after all (a
  // database file that passed its checksum but disagrees with this build),
  // start() finds nothing and the scanner drops the hit.
  static std::unique_ptr<SpanFinder> deferred(std::string_view regex);
  ~SpanFinder();
  SpanFinder(const SpanFinder&) = delete;
  SpanFinder& operator=(const SpanFinder&) = delete;

  // The leftmost start of a match of the regex that ends exactly at `end`
  // in `text`; nullopt when there is none (a disagreement between the two
  // engines, which the scanner then ignores). Thread-safe, also on the
  // first call of a deferred finder.
  std::optional<std::size_t> start(std::string_view text,
                                   std::size_t end) const;

 private:
  explicit SpanFinder(std::string_view regex);
  // Builds re_ and before_byte_; false when RE2 refuses either.
  bool compile() const;

  std::string regex_;
  mutable std::once_flag compiled_;
  mutable std::unique_ptr<re2::RE2> re_;           // (?:regex)$
  mutable std::unique_ptr<re2::RE2> before_byte_;  // (?:regex)(?s:.)$
};

}  // namespace modfilter
