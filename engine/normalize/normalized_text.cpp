#include "engine/normalize/normalized_text.h"

#include "engine/core/assert.h"

namespace modfilter {

ByteSpan NormalizedText::to_original(ByteSpan view_span) const noexcept {
  MODFILTER_ASSERT(view_span.begin < view_span.end &&
                   view_span.end <= view().size());
  if (identity_) return view_span;
  return {begin_[view_span.begin], end_[view_span.end - 1]};
}

}  // namespace modfilter
