#include "engine/policy/policy.h"

#include <algorithm>
#include <span>
#include <vector>

#include "engine/scanner/segments.h"

namespace modfilter {
namespace {

constexpr int kMaxCombinations = 20000;

// The comment's Segments, built on the first rule that asks: most comments
// fire no rule with a scope or `quoted:` and never pay for them.
class LazySegments {
 public:
  LazySegments(std::string_view text, const NormalizedText& normalized)
      : text_(text), normalized_(normalized) {}

  const Segments& get() {
    thread_local Segments segments;
    if (!built_) {
      segments.build(text_, normalized_);
      built_ = true;
    }
    return segments;
  }

 private:
  std::string_view text_;
  const NormalizedText& normalized_;
  bool built_ = false;
};

// A hit of one group: where, and the named list it came from.
struct Hit {
  ByteSpan span;
  std::uint32_t list = kNoList;
  std::uint32_t pattern = 0;  // ties between equal spans go to the entry
                              // written first
};

std::uint32_t gap(const ByteSpan& a, const ByteSpan& b) noexcept {
  const std::uint32_t left_end = std::min(a.end, b.end);
  const std::uint32_t right_begin = std::max(a.begin, b.begin);
  return right_begin > left_end ? right_begin - left_end : 0;
}

bool text_word_byte(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
         (u >= '0' && u <= '9') || u >= 0x80;
}

// The words wholly between two spans of the original text.
std::uint32_t words_between(std::string_view text, const ByteSpan& a,
                            const ByteSpan& b) noexcept {
  std::uint32_t from = std::min(a.end, b.end);
  const std::uint32_t to = std::max(a.begin, b.begin);
  std::uint32_t words = 0;
  bool in_word = false;
  for (; from < to && from < text.size(); ++from) {
    const bool word = text_word_byte(text[from]);
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

// Finds one hit per group that satisfies `near` and `ordered`, by depth-first
// search over the (few) hits; false when none exists.
class Combiner {
 public:
  Combiner(const Rule& rule, std::string_view text,
           std::span<const std::vector<Hit>> hits, LazySegments& segments)
      : rule_(rule),
        text_(text),
        hits_(hits),
        chosen_(hits.size()),
        scope_(all_scope(rule)),
        segments_(segments) {}

  // The span enclosing one chosen hit per group, and the first named list
  // among them.
  bool find(ByteSpan& enclosing, std::uint32_t& list) {
    if (!search(0)) return false;
    enclosing = chosen_.front().span;
    list = kNoList;
    for (const Hit& h : chosen_) {
      enclosing.begin = std::min(enclosing.begin, h.span.begin);
      enclosing.end = std::max(enclosing.end, h.span.end);
      if (list == kNoList) list = h.list;
    }
    return true;
  }

  // Whether find() gave up after kMaxCombinations steps rather than having
  // tried every choice.
  bool exhausted() const noexcept { return steps_ > kMaxCombinations; }

 private:
  bool fits(std::size_t g, const ByteSpan& candidate) const {
    for (std::size_t i = 0; i < g; ++i) {
      const ByteSpan& chosen = chosen_[i].span;
      if (rule_.near && gap(chosen, candidate) > *rule_.near) return false;
      if (rule_.near_words &&
          words_between(text_, chosen, candidate) > *rule_.near_words) {
        return false;
      }
      if (rule_.ordered && chosen.end > candidate.begin) return false;
      if (scope_ != Scope::kComment &&
          !segments_.get().together(chosen.begin, candidate.begin, scope_)) {
        return false;
      }
    }
    return true;
  }

  bool search(std::size_t g) {
    if (g == hits_.size()) return true;
    for (const Hit& candidate : hits_[g]) {
      if (++steps_ > kMaxCombinations) return false;
      if (!fits(g, candidate.span)) continue;
      chosen_[g] = candidate;
      if (search(g + 1)) return true;
    }
    return false;
  }

  const Rule& rule_;
  std::string_view text_;
  std::span<const std::vector<Hit>> hits_;
  std::vector<Hit> chosen_;
  Scope scope_;
  LazySegments& segments_;
  int steps_ = 0;
};

// A hit that starts inside an allowed word belongs to it, even when the
// hit runs further (a masked tail: "cockpit#" is the token "cockpit*").
bool starts_inside(const ByteSpan& hit, const ByteSpan& allowed) noexcept {
  return allowed.begin <= hit.begin && hit.begin < allowed.end;
}

// Sorted, overlapping spans merged; a merged hit keeps the first named
// list among those it absorbed.
void merge(std::vector<Hit>& hits) {
  // Equal spans (a masked token can be several words) are ordered as their
  // entries are written, so that the list reported does not depend on the
  // order the scanner found them in.
  std::ranges::sort(hits, [](const Hit& a, const Hit& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.pattern < b.pattern;
  });
  std::size_t out = 0;
  for (const Hit& h : hits) {
    if (out > 0 && h.span.begin < hits[out - 1].span.end) {
      Hit& last = hits[out - 1];
      last.span.end = std::max(last.span.end, h.span.end);
      if (last.list == kNoList) last.list = h.list;
    } else {
      hits[out++] = h;
    }
  }
  hits.resize(out);
}

// What evaluate() collects about one rule, kept per thread so that the
// rules of every comment reuse its vectors rather than allocate their own.
struct RuleHits {
  std::vector<ByteSpan> allowed;
  // The clauses and sentences (Segments::unit) an `unless` hit cancels.
  std::vector<std::pair<Scope, std::uint32_t>> cancelled_units;
  std::vector<std::pair<std::uint32_t, Scope>> cancelling;  // hit starts
  std::vector<std::vector<Hit>> groups;

  void reset(std::size_t group_count) {
    allowed.clear();
    cancelled_units.clear();
    cancelling.clear();
    if (groups.size() < group_count) groups.resize(group_count);
    for (std::size_t g = 0; g < group_count; ++g) groups[g].clear();
  }
};

// Whether a group hit starting at `begin` is cancelled by an `unless` hit
// of its clause or sentence, or is reported speech the rule skips.
bool out_of_scope(const Rule& rule, const RuleHits& scratch,
                  std::uint32_t begin, LazySegments& segments) {
  for (const Scope scope : {Scope::kClause, Scope::kSentence}) {
    if (std::ranges::binary_search(
            scratch.cancelled_units,
            std::pair{scope, segments.get().unit(begin, scope)})) {
      return true;
    }
  }
  return rule.quoted == Quoted::kSkip && segments.get().reported(begin);
}

// The rule's group hits, each group merged, without those an allowed word
// covers and (with `scoped`) those out of scope; false when a group has
// none left or min_count is not reached.
bool collect(const CompiledRules& rules, const Rule& rule,
             std::span<const Match> matches, RuleHits& scratch, bool scoped,
             LazySegments& segments, std::span<std::vector<Hit>> hits) {
  for (auto& group : hits) group.clear();
  for (const Match& m : matches) {
    const PatternInfo& info = rules.pattern(m.pattern);
    if (info.role != PatternRole::kGroup) continue;
    const bool cancelled =
        std::ranges::any_of(scratch.allowed,
                            [&](const ByteSpan& a) { return starts_inside(m.span, a); }) ||
        (scoped && out_of_scope(rule, scratch, m.span.begin, segments));
    if (!cancelled) hits[info.group].push_back({m.span, m.list, m.pattern});
  }
  std::size_t count = 0;
  for (auto& group : hits) {
    if (group.empty()) return false;
    merge(group);
    count += group.size();
  }
  return count >= rule.min_count;
}

// Evaluates one rule from its matches; appends a Reason when it fires.
void evaluate(const CompiledRules& rules, std::uint32_t rule_index,
              std::string_view text, std::span<const Match> matches,
              LazySegments& segments, Verdict& out) {
  const Rule& rule = rules.rule(rule_index);
  thread_local RuleHits scratch;
  scratch.reset(rule.groups.size());
  for (const Match& m : matches) {
    const PatternInfo& info = rules.pattern(m.pattern);
    if (info.role == PatternRole::kUnless) {
      const Scope scope = unless_scope(rule, rule.unless[info.matcher]);
      if (scope == Scope::kComment) return;
      scratch.cancelling.emplace_back(m.span.begin, scope);
    }
    if (info.role == PatternRole::kAllow) scratch.allowed.push_back(m.span);
  }
  const std::span<std::vector<Hit>> hits(scratch.groups.data(),
                                         rule.groups.size());
  ByteSpan enclosing;
  std::uint32_t list = kNoList;
  // Scope and quotation only take hits away: a rule that cannot fire
  // without them is done, and most comments never build their segments.
  const bool scoped =
      !scratch.cancelling.empty() || rule.quoted == Quoted::kSkip;
  if (!collect(rules, rule, matches, scratch, false, segments, hits)) return;
  if (hits.size() > 1) {
    Combiner combiner(rule, text, hits, segments);
    // A search cut short on every hit may still succeed on fewer.
    if (!combiner.find(enclosing, list) && (!scoped || !combiner.exhausted())) {
      return;
    }
  }
  if (scoped) {
    for (const auto& [at, scope] : scratch.cancelling) {
      scratch.cancelled_units.emplace_back(scope, segments.get().unit(at, scope));
    }
    std::ranges::sort(scratch.cancelled_units);
    if (!collect(rules, rule, matches, scratch, true, segments, hits)) return;
    if (hits.size() > 1 &&
        !Combiner(rule, text, hits, segments).find(enclosing, list)) {
      return;
    }
  }

  Reason reason;
  reason.rule = rule.id;
  reason.category = to_string(rule.category);
  reason.subcategory = rule.subcategory;
  reason.action =
      rule.action == Action::kReject ? Decision::kReject : Decision::kReview;
  reason.reason = rule.reason;
  reason.rule_index = rule_index;
  if (hits.size() == 1) {
    for (const Hit& h : hits.front()) {
      reason.spans.push_back(h.span);
      if (list == kNoList) list = h.list;
    }
    reason.excerpt = reason.spans.front();
  } else {
    reason.spans.push_back(enclosing);
    reason.excerpt = enclosing;
  }
  // A structure over several groups reports the group its hit named.
  if (const std::string_view sub = rules.list_subcategory(list); !sub.empty()) {
    reason.subcategory = sub;
  }
  out.decision = std::max(out.decision, reason.action);
  out.reasons.push_back(std::move(reason));
}

}  // namespace

const char* to_string(Decision decision) noexcept {
  switch (decision) {
    case Decision::kApprove: return "approve";
    case Decision::kReview: return "review";
    case Decision::kReject: return "reject";
  }
  return "unknown";
}

bool needs_languages(const CompiledRules& rules,
                     const Verdict& decided) noexcept {
  if (rules.languages().empty()) return false;
  return std::ranges::any_of(decided.reasons, [&](const Reason& reason) {
    return rules.rule_languages(reason.rule_index) !=
           CompiledRules::kEveryLanguage;
  });
}

void keep_languages(const CompiledRules& rules, Verdict& decided,
                    std::uint64_t languages) noexcept {
  std::erase_if(decided.reasons, [&](const Reason& reason) {
    return (rules.rule_languages(reason.rule_index) & languages) == 0;
  });
  decided.decision = Decision::kApprove;
  for (const Reason& reason : decided.reasons) {
    decided.decision = std::max(decided.decision, reason.action);
  }
}

void decide(const CompiledRules& rules, std::string_view text,
            const NormalizedText& normalized, std::vector<Match>& matches,
            Verdict& out) {
  out.clear();
  out.ruleset = rules.id();
  if (matches.empty()) return;
  std::ranges::sort(matches, [&](const Match& a, const Match& b) {
    const std::uint32_t ra = rules.pattern(a.pattern).rule;
    const std::uint32_t rb = rules.pattern(b.pattern).rule;
    if (ra != rb) return ra < rb;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.span.end < b.span.end;
  });
  LazySegments segments(text, normalized);
  std::size_t first = 0;
  while (first < matches.size()) {
    const std::uint32_t rule = rules.pattern(matches[first].pattern).rule;
    std::size_t last = first;
    while (last < matches.size() &&
           rules.pattern(matches[last].pattern).rule == rule) {
      ++last;
    }
    evaluate(rules, rule, text,
             std::span<const Match>(matches.data() + first, last - first),
             segments, out);
    first = last;
  }
}

}  // namespace modfilter
