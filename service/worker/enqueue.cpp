#include "service/worker/enqueue.h"

#include <simdjson.h>

#include <chrono>
#include <thread>

#include "service/worker/redis_connection.h"

namespace modfilter::worker {
namespace {

constexpr std::chrono::milliseconds kTimeout{10000};

Error bad_json(const std::string& source, std::uint64_t line,
               std::string message) {
  return Error{ErrorKind::kInput, source, static_cast<int>(line), 0, "",
               std::move(message), "write one JSON object per line"};
}

// Sends the queued XADDs and reads their replies.
std::expected<void, Error> flush(RedisConnection& redis, std::size_t queued) {
  for (std::size_t i = 0; i < queued; ++i) {
    auto reply = redis.read_reply();
    if (!reply) return std::unexpected(std::move(reply.error()));
    if (reply->view().is_error()) {
      return std::unexpected(Error{
          ErrorKind::kInput, "", 0, 0, "",
          "Redis refused XADD: " + std::string(reply->view().str()),
          "--stream must name a stream or a free key"});
    }
  }
  return {};
}

}  // namespace

std::expected<EntryFields, Error> entry_fields_from_json(
    std::string& line, const std::string& source, std::uint64_t line_number) {
  static thread_local simdjson::dom::parser parser;
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element doc;
  if (auto error = parser.parse(line).get(doc); error) {
    return std::unexpected(bad_json(source, line_number,
                                    std::string("not valid JSON: ") +
                                        simdjson::error_message(error)));
  }
  simdjson::dom::object object;
  if (doc.get(object) != simdjson::SUCCESS) {
    return std::unexpected(
        bad_json(source, line_number, "the line is not a JSON object"));
  }
  EntryFields fields;
  for (auto [key, value] : object) {
    std::string_view text;
    if (value.get(text) == simdjson::SUCCESS) {
      fields.emplace_back(std::string(key), std::string(text));
    } else {
      fields.emplace_back(std::string(key), simdjson::minify(value));
    }
  }
  return fields;
}

std::expected<EnqueueResult, Error> enqueue(
    const EnqueueOptions& options, std::istream& in, const std::string& source,
    const std::function<void(const Error&)>& bad_line) {
  auto redis = RedisConnection::connect(options.redis, kTimeout);
  if (!redis) return std::unexpected(std::move(redis.error()));
  const std::string maxlen = std::to_string(options.maxlen);
  // With a rate, small chunks keep the pace even (about 200 per second).
  const std::size_t chunk =
      options.rate > 0
          ? std::max<std::size_t>(
                1, std::min(options.chunk,
                            static_cast<std::size_t>(options.rate / 200)))
          : std::max<std::size_t>(options.chunk, 1);
  const auto start = std::chrono::steady_clock::now();
  EnqueueResult result;
  std::size_t queued = 0;
  std::vector<std::string_view> args;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto fields = entry_fields_from_json(line, source, number);
    if (!fields) {
      ++result.bad_lines;
      bad_line(fields.error());
      continue;
    }
    if (options.rate > 0 && queued == 0) {
      std::this_thread::sleep_until(
          start + std::chrono::duration<double>(
                      static_cast<double>(result.entries) / options.rate));
    }
    args = {"XADD", options.stream};
    if (options.maxlen > 0) args.insert(args.end(), {"MAXLEN", "~", maxlen});
    args.push_back("*");
    for (const auto& [key, value] : *fields) {
      args.push_back(key);
      args.push_back(value);
    }
    redis->append(args);
    ++result.entries;
    if (++queued == chunk) {
      if (auto sent = flush(*redis, queued); !sent) {
        return std::unexpected(std::move(sent.error()));
      }
      queued = 0;
    }
  }
  if (auto sent = flush(*redis, queued); !sent) {
    return std::unexpected(std::move(sent.error()));
  }
  return result;
}

}  // namespace modfilter::worker
