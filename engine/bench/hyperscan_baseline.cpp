#include "engine/bench/baseline.h"
#include "engine/scanner/scanner.h"

namespace modfilter {
namespace {

class HyperscanBaseline final : public Baseline {
 public:
  explicit HyperscanBaseline(const CompiledRules& rules) : rules_(rules) {}
  std::string name() const override { return "hyperscan-only"; }
  std::string note() const override {
    return "every pattern in one database per view, on the raw text: no "
           "normalisation, boundaries or policy";
  }
  struct HsState final : State {
    ScanWorkspace workspace;
  };
  std::unique_ptr<State> make_state() const override {
    return std::make_unique<HsState>();
  }
  std::size_t scan(std::string_view text, State& state) const override {
    return Scanner::scan_hyperscan_only(
        rules_, text, static_cast<HsState&>(state).workspace);
  }

 private:
  const CompiledRules& rules_;
};

}  // namespace

std::unique_ptr<Baseline> make_hyperscan_baseline(const CompiledRules& rules) {
  return std::make_unique<HyperscanBaseline>(rules);
}

}  // namespace modfilter
