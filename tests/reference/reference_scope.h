// Clauses, sentences and reported speech the slow way, from docs/rules.md
// ("Scope and reported speech"), for the reference matcher: every token's
// place is worked out on its own from the view and the original bytes,
// with none of engine/scanner/segments.h's code.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/normalize/normalized_text.h"
#include "engine/ruleset/rule.h"

namespace modfilter::reference {

class Places {
 public:
  Places(std::string_view text, const NormalizedText& normalized);

  // Whether hits starting at original bytes `a` and `b` share the unit.
  bool together(std::size_t a, std::size_t b, Scope scope) const;
  // Whether a hit starting at original byte `offset` is reported speech.
  bool reported(std::size_t offset) const;

 private:
  struct Place {
    std::size_t begin = 0, end = 0;      // original bytes
    std::size_t sentence = 0, clause = 0;
    bool quoted = false, reported = false;
  };
  const Place* at(std::size_t offset) const;

  std::vector<Place> places_;
};

}  // namespace modfilter::reference
