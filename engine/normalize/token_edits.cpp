#include "engine/normalize/token_edits.h"

#include "engine/core/assert.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {

void apply_token_edits(std::string_view original, const NormalizedText& in,
                       std::span<const TokenEdit> edits, NormalizedText& out,
                       bool record_transforms) {
  MODFILTER_ASSERT(&in != &out);
  const std::string_view view = in.view();
  const std::span<const ByteSpan> flagged = in.flagged_tokens();
  ViewWriter writer(out, original, record_transforms);
  std::size_t next_edit = 0;
  std::size_t next_flag = 0;
  std::uint32_t flag_start = 0;
  const auto copy = [&](std::uint32_t pos, std::uint16_t extra) {
    const ByteSpan origin = in.to_original({pos, pos + 1});
    writer.append_copy(view[pos], origin.begin, origin.end,
                       static_cast<std::uint16_t>(in.transforms(pos) | extra));
  };
  for (std::uint32_t pos = 0; pos < view.size();) {
    if (next_flag < flagged.size() && flagged[next_flag].begin == pos) {
      flag_start = writer.size();
    }
    if (next_edit < edits.size() && edits[next_edit].token.begin == pos) {
      const TokenEdit& edit = edits[next_edit++];
      MODFILTER_ASSERT(edit.token.end <= view.size() && edit.token.size() > 0);
      if (edit.replacement.empty()) {
        MODFILTER_ASSERT(edit.split > 0 && edit.split < edit.token.size());
        for (std::uint32_t i = edit.token.begin; i < edit.token.end; ++i) {
          if (i == edit.token.begin + edit.split) {
            const ByteSpan next = in.to_original({i, i + 1});
            writer.append_copy(' ', next.begin, next.end, kTransformSlip);
          }
          copy(i, kTransformSlip);
        }
      } else {
        const ByteSpan origin = in.to_original(edit.token);
        for (const char c : edit.replacement) {
          writer.append_copy(c, origin.begin, origin.end, kTransformSlip);
        }
      }
      pos = edit.token.end;
    } else {
      copy(pos, 0);
      ++pos;
    }
    if (next_flag < flagged.size() && flagged[next_flag].end == pos) {
      writer.flag({flag_start, writer.size()});
      ++next_flag;
    }
  }
  writer.finish(false);
}

}  // namespace modfilter
