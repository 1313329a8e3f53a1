#include "service/worker/collect.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "engine/io/json_writer.h"
#include "service/worker/redis_connection.h"
#include "service/worker/stream_entry.h"

namespace modfilter::worker {
namespace {

constexpr std::size_t kReadCount = 1000;

long long percentile(std::vector<long long>& sorted, double p) {
  if (sorted.empty()) return -1;
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

}  // namespace

std::expected<CollectStats, Error> collect(
    const CollectOptions& options,
    const std::function<void(std::string_view)>& emit) {
  auto redis = RedisConnection::connect(options.redis, options.idle +
                                                           std::chrono::seconds(10));
  if (!redis) return std::unexpected(std::move(redis.error()));
  CollectStats stats;
  std::unordered_set<std::string> seen;
  std::vector<long long> latencies;
  std::vector<StreamEntry> entries;
  std::string last = options.from;
  std::string object;
  const std::string block = std::to_string(std::max<long long>(options.idle.count(), 1));
  while (options.count == 0 || stats.entries < options.count) {
    const std::uint64_t wanted =
        options.count == 0 ? kReadCount
                           : std::min<std::uint64_t>(kReadCount,
                                                     options.count - stats.entries);
    const std::string count = std::to_string(wanted);
    auto reply = redis->command({"XREAD", "COUNT", count, "BLOCK", block,
                                 "STREAMS", options.stream, last});
    if (!reply) return std::unexpected(std::move(reply.error()));
    if (reply->view().is_error()) {
      return std::unexpected(Error{
          ErrorKind::kInput, "", 0, 0, "",
          "Redis refused XREAD: " + std::string(reply->view().str()),
          "--stream must name a stream"});
    }
    entries.clear();
    append_read_entries(reply->view(), entries);
    if (entries.empty()) break;  // idle for options.idle
    for (const StreamEntry& entry : entries) {
      ++stats.entries;
      const long long at = entry_id_ms(entry.id);
      if (stats.first_ms < 0) stats.first_ms = at;
      stats.last_ms = at;
      const std::string* input = entry.field("entry");
      const std::string* stream = entry.field("stream");
      if (input != nullptr && stream != nullptr) {
        if (!seen.insert(*stream + '\n' + *input).second) ++stats.duplicates;
        if (const long long in = entry_id_ms(*input); in >= 0 && at >= in) {
          latencies.push_back(at - in);
        }
      }
      if (const std::string* json = entry.field("json")) {
        emit(*json);
        continue;
      }
      object = "{";
      for (const auto& [key, value] : entry.fields) {
        if (object.size() > 1) object += ',';
        append_json_string(object, key);
        object += ':';
        append_json_string(object, value);
      }
      object += '}';
      emit(object);
    }
    last = entries.back().id;
  }
  std::sort(latencies.begin(), latencies.end());
  stats.latency_p50 = percentile(latencies, 0.50);
  stats.latency_p99 = percentile(latencies, 0.99);
  if (!latencies.empty()) stats.latency_max = latencies.back();
  return stats;
}

}  // namespace modfilter::worker
