// Fuzz target: compiled database files (.mfdb). The first input byte picks
// how the rest is used:
//   0: as a whole file — refused with a message (it cannot carry the right
//      checksum by chance);
//   1: as bit flips of a good file (4-byte offset, 1-byte XOR mask, ...) —
//      a file that differs from the good one in any bit is refused;
//   2: as a file body that the target seals with a correct checksum, to
//      reach the parser behind it — it is refused with a message or, when
//      loaded, screens comments without reading out of bounds.
// The good file is the fixture rule set (fixture_rules.h) compiled here.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/compiler/compiler.h"
#include "engine/compiler/database_file.h"
#include "engine/policy/policy.h"
#include "engine/ruleset/loader.h"
#include "fuzz/fixture_rules.h"
#include "fuzz/fuzz_check.h"

namespace {

std::string sealed(std::string_view body) {
  std::string file(body);
  const std::uint64_t sum = modfilter::database_checksum(body);
  char bytes[8];
  std::memcpy(bytes, &sum, 8);
  file.append(bytes, 8);
  return file;
}

const std::string& good_file() {
  static const std::string file = [] {
    auto rules = modfilter::load_rule_text(modfilter::fuzz::kFixtureRules,
                                           "fixture.yaml");
    FUZZ_CHECK(rules.has_value(), "the fixture rules load");
    auto compiled = modfilter::compile(std::move(*rules));
    FUZZ_CHECK(compiled.has_value(), "the fixture rules compile");
    auto bytes = modfilter::serialize(**compiled);
    FUZZ_CHECK(bytes.has_value(), "the fixture rules serialise");
    FUZZ_CHECK(sealed(std::string_view(*bytes).substr(0, bytes->size() - 8)) ==
                   *bytes,
               "the fuzz target seals files as database_file.cpp does");
    return std::move(*bytes);
  }();
  return file;
}

void screen_with(const modfilter::CompiledRules& rules) {
  static constexpr std::string_view kComments[] = {
      "what the f*ck", "I will kill you", "see https://a.example and www.b.com",
      "you are an idiot", "the cockpit of a peacock", ""};
  modfilter::ScanWorkspace workspace;
  modfilter::Verdict verdict;
  for (std::string_view text : kComments) {
    modfilter::Scanner::scan(rules, text, workspace);
    modfilter::decide(rules, text, workspace.normalized(),
                      workspace.mutable_matches(), verdict);
    for (const auto& reason : verdict.reasons) {
      for (const auto& span : reason.spans) {
        FUZZ_CHECK(span.begin < span.end && span.end <= text.size(),
                   "spans inside the comment");
      }
    }
  }
}

void check_refused(
    const std::expected<std::shared_ptr<const modfilter::CompiledRules>,
                        modfilter::Error>& loaded) {
  FUZZ_CHECK(!loaded.has_value(), "a damaged file is refused");
  FUZZ_CHECK(!loaded.error().message.empty(), "a refusal says why");
  FUZZ_CHECK(loaded.error().file == "fuzz.mfdb", "a refusal names the file");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  good_file();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  const std::string& good = good_file();
  switch (data[0] % 3) {
    case 0: {
      const auto loaded = modfilter::deserialize(rest, "fuzz.mfdb");
      if (loaded) {
        screen_with(**loaded);
      } else {
        FUZZ_CHECK(!loaded.error().message.empty(), "a refusal says why");
      }
      break;
    }
    case 1: {
      std::string file = good;
      for (std::size_t i = 0; i + 5 <= rest.size(); i += 5) {
        std::uint32_t offset;
        std::memcpy(&offset, rest.data() + i, 4);
        file[offset % file.size()] ^= rest[i + 4];
      }
      const auto loaded = modfilter::deserialize(file, "fuzz.mfdb");
      if (file == good) {
        FUZZ_CHECK(loaded.has_value(), "the good file loads");
        screen_with(**loaded);
      } else {
        check_refused(loaded);
      }
      break;
    }
    default: {
      const auto loaded = modfilter::deserialize(sealed(rest), "fuzz.mfdb");
      if (loaded) {
        screen_with(**loaded);
      } else {
        FUZZ_CHECK(!loaded.error().message.empty(), "a refusal says why");
      }
      break;
    }
  }
  return 0;
}
