#include "engine/compiler/span_finder.h"

#include <re2/re2.h>

#include <string>

namespace modfilter {

SpanFinder::SpanFinder(std::string_view regex) : regex_(regex) {}
SpanFinder::~SpanFinder() = default;

std::unique_ptr<SpanFinder> SpanFinder::create(std::string_view regex) {
  std::unique_ptr<SpanFinder> finder(new SpanFinder(regex));
  bool ok = false;
  std::call_once(finder->compiled_, [&] { ok = finder->compile(); });
  return ok ? std::move(finder) : nullptr;
}

std::unique_ptr<SpanFinder> SpanFinder::deferred(std::string_view regex) {
  return std::unique_ptr<SpanFinder>(new SpanFinder(regex));
}

bool SpanFinder::compile() const {
  re2::RE2::Options options;
  // Hyperscan scans bytes (we do not set HS_FLAG_UTF8), so does this.
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  options.set_max_mem(std::int64_t{64} << 20);
  auto re = std::make_unique<re2::RE2>("(?:" + regex_ + ")$", options);
  auto before_byte =
      std::make_unique<re2::RE2>("(?:" + regex_ + ")(?s:.)$", options);
  if (!re->ok() || !before_byte->ok()) return false;
  re_ = std::move(re);
  before_byte_ = std::move(before_byte);
  return true;
}

std::optional<std::size_t> SpanFinder::start(std::string_view text,
                                             std::size_t end) const {
  std::call_once(compiled_, [this] { compile(); });
  if (!re_) return std::nullopt;  // RE2 refused a deferred regex
  // The input ends at `end`: RE2 reads `$` against the whole input it is
  // given, not against an end position inside it.
  if (end > text.size()) return std::nullopt;
  re2::StringPiece match;
  // First with the byte after the end, for the boundaries; then without,
  // for a `$` that Hyperscan also reads before a final newline.
  if (end < text.size()) {
    const re2::StringPiece with_next(text.data(), end + 1);
    if (before_byte_->Match(with_next, 0, end + 1, re2::RE2::UNANCHORED,
                            &match, 1)) {
      return static_cast<std::size_t>(match.data() - text.data());
    }
  }
  const re2::StringPiece input(text.data(), end);
  if (!re_->Match(input, 0, end, re2::RE2::UNANCHORED, &match, 1)) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(match.data() - text.data());
}

}  // namespace modfilter
