// Fuzz target: the normaliser on arbitrary bytes, checking the offset map's
// invariants on every input (normalize.h, normalized_text.h):
//  - every view byte maps back to a non-empty range inside the original;
//  - those ranges are monotonic (begins and ends never go backwards);
//  - a view the normaliser did not copy is the original, byte for byte, and
//    only plain ASCII is left uncopied;
//  - flagged tokens lie inside the view, in order, and are not empty;
//  - recording transforms (--explain) changes nothing in the view.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/normalize/normalize.h"
#include "fuzz/fuzz_check.h"

using modfilter::ByteSpan;
using modfilter::NormalizedText;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& normalizer = modfilter::default_normalizer();
  NormalizedText out;
  normalizer.normalize(text, out);
  const std::string_view view = out.view();
  FUZZ_CHECK(out.original_size() == text.size(), "original size recorded");

  if (out.is_identity()) {
    FUZZ_CHECK(view == text, "an uncopied view is the original");
    for (unsigned char c : text) FUZZ_CHECK(c < 0x80, "identity is ASCII only");
  }

  ByteSpan previous{0, 0};
  for (std::uint32_t i = 0; i < view.size(); ++i) {
    const ByteSpan original = out.to_original({i, i + 1});
    FUZZ_CHECK(original.begin < original.end, "a view byte maps to bytes");
    FUZZ_CHECK(original.end <= text.size(), "mapped inside the original");
    FUZZ_CHECK(original.begin >= previous.begin, "begins are monotonic");
    FUZZ_CHECK(original.end >= previous.end, "ends are monotonic");
    previous = original;
  }
  if (!view.empty()) {
    const ByteSpan whole =
        out.to_original({0, static_cast<std::uint32_t>(view.size())});
    FUZZ_CHECK(whole.begin <= whole.end && whole.end <= text.size(),
               "the whole view maps inside the original");
  }

  std::uint32_t last_end = 0;
  for (const ByteSpan& token : out.flagged_tokens()) {
    FUZZ_CHECK(token.begin < token.end, "flagged tokens are not empty");
    FUZZ_CHECK(token.end <= view.size(), "flagged tokens lie in the view");
    FUZZ_CHECK(token.begin >= last_end, "flagged tokens are in order");
    last_end = token.end;
  }

  NormalizedText explained;
  normalizer.normalize(text, explained, {.record_transforms = true});
  FUZZ_CHECK(explained.view() == view, "--explain gives the same view");
  return 0;
}
