// What a scan records beyond its matches; apart from scanner.h so that the
// front door (engine/engine.h) can take it without the scanner's internals.
#pragma once

namespace modfilter {

struct ScanOptions {
  bool record_transforms = false;  // (false) for --explain
};

}  // namespace modfilter
