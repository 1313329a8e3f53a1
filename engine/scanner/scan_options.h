// What a scan records beyond its matches; apart from scanner.h so that the
// front door (engine/engine.h) can take it without the scanner's internals.
#pragma once

namespace modfilter {

struct ScanOptions {
  bool record_transforms = false;  // (false) for --explain
  // (true) misspelt rule words read as meant (compiler/slip_index.h); the
  // front door screens again without when the comment is not English.
  bool read_slips = true;
};

}  // namespace modfilter
