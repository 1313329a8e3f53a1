// Baselines that give a screening speed its meaning, run in the same
// process on the same comments (tools/hsbench's engine.h, one file per
// competitor): Hyperscan alone on the same compiled database (the ceiling)
// and RE2::Set over the same patterns (what a user would otherwise build).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "engine/compiler/compiled_rules.h"

namespace modfilter {

class Baseline {
 public:
  virtual ~Baseline() = default;
  virtual std::string name() const = 0;
  // A note for the report (e.g. patterns a baseline could not take).
  virtual std::string note() const { return {}; }
  // Per-thread state; scan() is called with the state of its thread.
  struct State {
    virtual ~State() = default;
  };
  virtual std::unique_ptr<State> make_state() const = 0;
  // Scans one comment; returns how many patterns matched.
  virtual std::size_t scan(std::string_view text, State& state) const = 0;
};

std::unique_ptr<Baseline> make_hyperscan_baseline(const CompiledRules& rules);
std::unique_ptr<Baseline> make_re2_set_baseline(const CompiledRules& rules);

}  // namespace modfilter
