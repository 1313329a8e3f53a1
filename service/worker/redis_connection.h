// RedisConnection: one synchronous connection to Redis through hiredis,
// with the two C handles it hands out owned here (RedisReply frees a
// redisReply, RedisConnection frees its redisContext).
//
// A connection that fails (Redis restarted, network gone, read timeout)
// is broken for good: every call afterwards returns an error, and the
// caller connects again. An error *reply* from Redis (WRONGTYPE,
// BUSYGROUP) is not a failure of the connection: it comes back as a reply
// whose is_error() is true.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "engine/core/error.h"
#include "service/worker/redis_address.h"

struct redisContext;
struct redisReply;

namespace modfilter::worker {

// A read-only view of one node of a reply tree (owned by a RedisReply).
class ReplyView {
 public:
  explicit ReplyView(const redisReply* node) noexcept : node_(node) {}

  bool is_nil() const noexcept;
  bool is_error() const noexcept;
  bool is_array() const noexcept;
  bool is_string() const noexcept;  // bulk strings and status replies
  bool is_integer() const noexcept;
  std::size_t size() const noexcept;  // elements of an array, else 0
  ReplyView operator[](std::size_t i) const noexcept;
  // The text of a string, status or error reply; empty otherwise.
  std::string_view str() const noexcept;
  long long integer() const noexcept;

 private:
  const redisReply* node_;
};

class RedisReply {
 public:
  explicit RedisReply(redisReply* reply) noexcept : reply_(reply) {}
  ~RedisReply();
  RedisReply(RedisReply&& other) noexcept : reply_(other.reply_) {
    other.reply_ = nullptr;
  }
  RedisReply& operator=(RedisReply&& other) noexcept;
  RedisReply(const RedisReply&) = delete;
  RedisReply& operator=(const RedisReply&) = delete;

  ReplyView view() const noexcept { return ReplyView(reply_); }

 private:
  redisReply* reply_;
};

class RedisConnection {
 public:
  // Connects (within `timeout`), then selects the address's database.
  // Replies are awaited up to `timeout` too, unless set_read_timeout()
  // changes it (a blocking XREADGROUP needs longer).
  static std::expected<RedisConnection, Error> connect(
      const RedisAddress& address, std::chrono::milliseconds timeout);

  ~RedisConnection();
  RedisConnection(RedisConnection&& other) noexcept;
  RedisConnection& operator=(RedisConnection&& other) noexcept;
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and waits for its reply.
  std::expected<RedisReply, Error> command(
      std::span<const std::string_view> args);
  std::expected<RedisReply, Error> command(
      std::initializer_list<std::string_view> args) {
    return command(std::span(args.begin(), args.size()));
  }

  // Pipelining: append() queues a command in the output buffer; the first
  // read_reply() sends everything queued and each call returns the reply
  // of the next queued command, in order.
  void append(std::span<const std::string_view> args);
  void append(std::initializer_list<std::string_view> args) {
    append(std::span(args.begin(), args.size()));
  }
  std::expected<RedisReply, Error> read_reply();
  // Sends what append() queued now, without waiting for a reply, so that
  // Redis works on it while the caller does something else.
  std::expected<void, Error> flush();

  void set_read_timeout(std::chrono::milliseconds timeout);
  const RedisAddress& address() const noexcept { return address_; }

 private:
  RedisConnection(redisContext* context, RedisAddress address) noexcept
      : context_(context), address_(std::move(address)) {}
  Error failure(std::string_view doing) const;

  redisContext* context_;
  RedisAddress address_;
};

}  // namespace modfilter::worker
