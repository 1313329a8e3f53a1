#include "engine/ruleset/rule.h"

namespace modfilter {

const char* to_string(Category category) noexcept {
  switch (category) {
    case Category::kProfanity: return "profanity";
    case Category::kThreat: return "threat";
    case Category::kAbuse: return "abuse";
    case Category::kPromotion: return "promotion";
  }
  return "unknown";
}

const char* to_string(Action action) noexcept {
  return action == Action::kReject ? "reject" : "review";
}

const char* to_string(MatcherKind kind) noexcept {
  switch (kind) {
    case MatcherKind::kWords: return "words";
    case MatcherKind::kPrefixes: return "prefixes";
    case MatcherKind::kRegex: return "regex";
    case MatcherKind::kSequence: return "sequence";
  }
  return "unknown";
}

const char* to_string(Scope scope) noexcept {
  switch (scope) {
    case Scope::kClause: return "clause";
    case Scope::kSentence: return "sentence";
    case Scope::kComment: return "comment";
  }
  return "unknown";
}

std::optional<Scope> parse_scope(std::string_view text) noexcept {
  if (text == "clause") return Scope::kClause;
  if (text == "sentence") return Scope::kSentence;
  if (text == "comment") return Scope::kComment;
  return std::nullopt;
}

Scope unless_scope(const Rule& rule, const Matcher& unless) noexcept {
  return unless.scope.value_or(rule.scope.value_or(Scope::kSentence));
}

Scope all_scope(const Rule& rule) noexcept {
  return rule.scope.value_or(Scope::kComment);
}

std::optional<Category> parse_category(std::string_view text) noexcept {
  if (text == "profanity") return Category::kProfanity;
  if (text == "threat") return Category::kThreat;
  if (text == "abuse") return Category::kAbuse;
  if (text == "promotion") return Category::kPromotion;
  return std::nullopt;
}

std::optional<Action> parse_action(std::string_view text) noexcept {
  if (text == "reject") return Action::kReject;
  if (text == "review") return Action::kReview;
  return std::nullopt;
}

std::string RuleSet::id() const {
  return name + "@" + content_hash.substr(0, 8);
}

}  // namespace modfilter
