#include "engine/scanner/sequence_matcher.h"

#include <algorithm>

namespace modfilter {
namespace {

// Steps tried per sequence and start token: a bound on backtracking
// through long runs of optional steps and gaps, far above what real rules
// need. Per start token, not per comment, so that a long comment's last
// sentence is searched like its first.
constexpr std::uint32_t kStepBudget = 4096;

}  // namespace

void SequenceMatcher::place(const std::vector<LexemeHit>& hits) {
  // Bucketed by first token rather than sorted: a count per token, its
  // running sum (first_start_) and one stable scatter. Within a token the
  // starts are put in order of last token by insertion, since a token
  // starts a handful of hits at most.
  placed_.clear();
  first_start_.assign(tokens_.size() + 1, 0);
  for (const LexemeHit& hit : hits) {
    // The first token ending after the hit's start, the last starting
    // before its end: a masked token ("f*ck") is two runs of letters.
    const auto first = std::ranges::partition_point(
        tokens_, [&](const Token& t) { return t.end <= hit.span.begin; });
    const auto last = std::ranges::partition_point(
        tokens_, [&](const Token& t) { return t.begin < hit.span.end; });
    if (first >= last) continue;
    const Start start{static_cast<std::uint32_t>(first - tokens_.begin()),
                      static_cast<std::uint32_t>(last - tokens_.begin()),
                      hit.lexeme};
    placed_.push_back(start);
    ++first_start_[start.first + 1];
  }
  for (std::size_t t = 1; t < first_start_.size(); ++t) {
    first_start_[t] += first_start_[t - 1];
  }
  starts_.resize(placed_.size());
  fill_.assign(first_start_.begin(), first_start_.end() - 1);
  for (const Start& start : placed_) {
    std::uint32_t at = fill_[start.first]++;
    while (at > first_start_[start.first] && starts_[at - 1].last > start.last) {
      starts_[at] = starts_[at - 1];
      --at;
    }
    starts_[at] = start;
  }
}

void SequenceMatcher::mark(const CompiledRules& rules,
                           const std::vector<LexemeHit>& hits) {
  for (const std::uint32_t step : touched_steps_) marked_[step] = 0;
  for (const std::uint32_t s : candidates_) seen_[s] = 0;
  touched_steps_.clear();
  candidates_.clear();
  marked_.resize(rules.step_sequences_size());
  seen_.resize(rules.sequences().size());
  // Each sequence once, however many of its steps the hits fill: common
  // words ("you", "are") fill steps of hundreds of sequences, and sorting
  // every fill was most of this function's time.
  for (const LexemeHit& hit : hits) {
    for (const std::uint32_t step : rules.steps_of(hit.lexeme)) {
      if (marked_[step] != 0) continue;
      marked_[step] = 1;
      touched_steps_.push_back(step);
      const std::uint32_t sequence = rules.sequence_of_step(step);
      if (seen_[sequence] != 0) continue;
      seen_[sequence] = 1;
      candidates_.push_back(sequence);
    }
  }
  // Cleared by the next call through candidates_, so the dropped ones are
  // cleared here.
  std::erase_if(candidates_, [&](std::uint32_t s) {
    if (required_steps_marked(rules, rules.sequences()[s])) return false;
    seen_[s] = 0;
    return true;
  });
  // In sequence order, so that the hits come out in the same order
  // whatever the order of the lexeme hits.
  std::ranges::sort(candidates_);
}

bool SequenceMatcher::required_steps_marked(const CompiledRules& rules,
                                            const SequenceInfo& sequence) const {
  for (std::uint32_t i = 0; i < sequence.step_count; ++i) {
    const std::uint32_t index = sequence.first_step + i;
    const SequenceStepInfo& step = rules.sequence_step(index);
    if (!step.any && step.min > 0 && marked_[index] == 0) return false;
  }
  return true;
}

bool SequenceMatcher::extend(const CompiledRules& rules,
                             const SequenceInfo& sequence, std::uint32_t step,
                             std::uint32_t count, std::uint32_t at,
                             std::uint32_t sentence, std::uint32_t& end,
                             std::uint32_t& list) {
  if (step == sequence.step_count) {
    end = at;
    return true;
  }
  if (budget_ == 0) return false;
  --budget_;
  const SequenceStepInfo& info = rules.sequence_step(sequence.first_step + step);
  // Fewest repeats first: the shortest match is found, and its span is the
  // tightest evidence.
  if (count >= info.min &&
      extend(rules, sequence, step + 1, 0, at, sentence, end, list)) {
    return true;
  }
  if (count >= info.max || at >= tokens_.size() ||
      tokens_[at].sentence != sentence) {
    return false;
  }
  if (info.any) {
    return extend(rules, sequence, step, count + 1, at + 1, sentence, end, list);
  }
  const auto members = rules.step_members(info);
  for (std::uint32_t s = first_start_[at]; s < starts_.size() && starts_[s].first == at; ++s) {
    const Start& start = starts_[s];
    if (tokens_[start.last - 1].sentence != sentence) continue;
    const auto member = std::ranges::lower_bound(members, start.lexeme, {},
                                                 &StepMember::lexeme);
    if (member == members.end() || member->lexeme != start.lexeme) continue;
    if (extend(rules, sequence, step, count + 1, start.last, sentence, end, list)) {
      // Unwinding from the last step to the first: the earliest step's
      // list is set last.
      if (!rules.list_subcategory(member->list).empty()) list = member->list;
      return true;
    }
  }
  return false;
}

bool SequenceMatcher::try_at(const CompiledRules& rules,
                             const SequenceInfo& sequence, std::uint32_t at,
                             std::vector<SequenceHit>& out) {
  budget_ = kStepBudget;
  std::uint32_t end = 0;
  std::uint32_t list = kNoList;
  if (!extend(rules, sequence, 0, 0, at, tokens_[at].sentence, end, list) ||
      end == at) {
    return false;
  }
  out.push_back({sequence.pattern, {tokens_[at].begin, tokens_[end - 1].end}, list});
  return true;
}

void SequenceMatcher::run(const CompiledRules& rules, std::string_view view,
                          const std::vector<LexemeHit>& hits,
                          std::vector<SequenceHit>& out) {
  if (rules.sequences().empty() || hits.empty()) return;
  // Marked from the hits alone, before any token is looked at: most
  // comments that hit a sequence's words fill none of its required steps.
  mark(rules, hits);
  if (candidates_.empty()) return;
  split_view_tokens(view, tokens_);
  place(hits);
  for (const std::uint32_t s : candidates_) {
    const SequenceInfo& sequence = rules.sequences()[s];
    const SequenceStepInfo& head = rules.sequence_step(sequence.first_step);
    if (head.any || head.min == 0) {
      for (std::uint32_t at = 0; at < tokens_.size(); ++at) {
        try_at(rules, sequence, at, out);
      }
      continue;
    }
    // A required word step first: the sequence can start only where one of
    // its members' hits does, so only those tokens are tried, in order.
    const auto members = rules.step_members(head);
    std::uint32_t tried = ~std::uint32_t{0};
    for (const Start& start : starts_) {
      if (start.first == tried) continue;
      const auto member = std::ranges::lower_bound(members, start.lexeme, {},
                                                   &StepMember::lexeme);
      if (member == members.end() || member->lexeme != start.lexeme) continue;
      tried = start.first;
      try_at(rules, sequence, start.first, out);
    }
  }
}

}  // namespace modfilter
