#include "engine/normalize/reference_path.h"

#include <vector>

#include "engine/normalize/code_point_pass.h"
#include "engine/normalize/token_pass.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {

void normalize_general(std::string_view text, NormalizedText& out,
                       const NormalizeOptions& options) {
  // Per thread, so that a warm thread allocates nothing.
  thread_local std::vector<Unit> units;
  const DecodeResult decoded = decode_units(text, units);
  ViewWriter writer(out, text, options.record_transforms);
  write_view(units, decoded.symbols, writer);
  writer.finish(decoded.ascii);
}

}  // namespace modfilter
