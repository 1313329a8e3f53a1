// enqueue: the producer side of the worker, for tests, benchmarks and
// back-fills. Each JSON Lines object becomes one stream entry whose fields
// are the object's members: strings as they are (unescaped), any other
// value as its JSON text. Entries are sent pipelined, in chunks, so that
// a round trip is paid per chunk rather than per comment.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <istream>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.h"
#include "service/worker/redis_address.h"

namespace modfilter::worker {

// Defaults in parentheses.
//   stream        (none)   the input stream
//   chunk         (1000)   XADDs per round trip
//   rate          (0)      entries per second at most; 0: as fast as Redis takes them
//   maxlen        (0)      approximate cap on the stream (XADD MAXLEN ~); 0: none
struct EnqueueOptions {
  RedisAddress redis;
  std::string stream;
  std::size_t chunk = 1000;
  double rate = 0;
  std::size_t maxlen = 0;
};

struct EnqueueResult {
  std::uint64_t entries = 0;
  std::uint64_t bad_lines = 0;
};

using EntryFields = std::vector<std::pair<std::string, std::string>>;

// The fields of one JSON object (a line of JSON Lines); an error names the
// line (`source`:`line`) and says what is wrong.
std::expected<EntryFields, Error> entry_fields_from_json(
    std::string& line, const std::string& source, std::uint64_t line_number);

// Enqueues every line of `in`; a line that is not a JSON object is passed
// to `bad_line` and skipped. Errors: Redis unreachable or refusing XADD.
std::expected<EnqueueResult, Error> enqueue(
    const EnqueueOptions& options, std::istream& in, const std::string& source,
    const std::function<void(const Error&)>& bad_line);

}  // namespace modfilter::worker
