#include "service/worker/redis_connection.h"

#include <hiredis/hiredis.h>

#include <vector>

#include "engine/core/assert.h"

namespace modfilter::worker {
namespace {

timeval to_timeval(std::chrono::milliseconds timeout) {
  return timeval{static_cast<time_t>(timeout.count() / 1000),
                 static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
}

}  // namespace

bool ReplyView::is_nil() const noexcept {
  return node_ == nullptr || node_->type == REDIS_REPLY_NIL;
}
bool ReplyView::is_error() const noexcept {
  return node_ != nullptr && node_->type == REDIS_REPLY_ERROR;
}
bool ReplyView::is_array() const noexcept {
  return node_ != nullptr && node_->type == REDIS_REPLY_ARRAY;
}
bool ReplyView::is_string() const noexcept {
  return node_ != nullptr && (node_->type == REDIS_REPLY_STRING ||
                              node_->type == REDIS_REPLY_STATUS);
}
bool ReplyView::is_integer() const noexcept {
  return node_ != nullptr && node_->type == REDIS_REPLY_INTEGER;
}
std::size_t ReplyView::size() const noexcept {
  return is_array() ? node_->elements : 0;
}
ReplyView ReplyView::operator[](std::size_t i) const noexcept {
  return ReplyView(i < size() ? node_->element[i] : nullptr);
}
std::string_view ReplyView::str() const noexcept {
  if (node_ == nullptr || node_->str == nullptr) return {};
  return std::string_view(node_->str, node_->len);
}
long long ReplyView::integer() const noexcept {
  return is_integer() ? node_->integer : 0;
}

RedisReply::~RedisReply() {
  if (reply_ != nullptr) freeReplyObject(reply_);
}

RedisReply& RedisReply::operator=(RedisReply&& other) noexcept {
  if (this != &other) {
    if (reply_ != nullptr) freeReplyObject(reply_);
    reply_ = other.reply_;
    other.reply_ = nullptr;
  }
  return *this;
}

std::expected<RedisConnection, Error> RedisConnection::connect(
    const RedisAddress& address, std::chrono::milliseconds timeout) {
  const timeval tv = to_timeval(timeout);
  redisContext* context =
      redisConnectWithTimeout(address.host.c_str(), address.port, tv);
  if (context == nullptr) {
    return std::unexpected(Error{ErrorKind::kIo, "", 0, 0, "",
                                 "cannot connect to Redis at " +
                                     address.to_string() + ": out of memory",
                                 ""});
  }
  RedisConnection connection(context, address);
  if (context->err != 0) return std::unexpected(connection.failure("connect"));
  redisSetTimeout(context, tv);
  if (address.db != 0) {
    const std::string db = std::to_string(address.db);
    auto selected = connection.command({"SELECT", db});
    if (!selected) return std::unexpected(std::move(selected.error()));
    if (selected->view().is_error()) {
      return std::unexpected(Error{
          ErrorKind::kInput, "", 0, 0, "",
          "Redis at " + address.to_string() + " refused SELECT " + db + ": " +
              std::string(selected->view().str()),
          "use a database number the server has (databases in redis.conf)"});
    }
  }
  return connection;
}

RedisConnection::~RedisConnection() {
  if (context_ != nullptr) redisFree(context_);
}

RedisConnection::RedisConnection(RedisConnection&& other) noexcept
    : context_(other.context_), address_(std::move(other.address_)) {
  other.context_ = nullptr;
}

RedisConnection& RedisConnection::operator=(RedisConnection&& other) noexcept {
  if (this != &other) {
    if (context_ != nullptr) redisFree(context_);
    context_ = other.context_;
    address_ = std::move(other.address_);
    other.context_ = nullptr;
  }
  return *this;
}

Error RedisConnection::failure(std::string_view doing) const {
  std::string reason = context_->errstr[0] != '\0' ? context_->errstr
                                                   : "connection lost";
  return Error{ErrorKind::kIo, "", 0, 0, "",
               "Redis at " + address_.to_string() + ": " + std::string(doing) +
                   ": " + reason,
               "check that redis-server is running and reachable"};
}

std::expected<RedisReply, Error> RedisConnection::command(
    std::span<const std::string_view> args) {
  append(args);
  return read_reply();
}

void RedisConnection::append(std::span<const std::string_view> args) {
  MODFILTER_ASSERT(context_ != nullptr);
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (std::string_view arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  // Fails only when out of memory, which leaves err set for read_reply().
  (void)redisAppendCommandArgv(context_, static_cast<int>(argv.size()),
                               argv.data(), lengths.data());
}

std::expected<RedisReply, Error> RedisConnection::read_reply() {
  MODFILTER_ASSERT(context_ != nullptr);
  if (context_->err != 0) return std::unexpected(failure("send"));
  void* reply = nullptr;
  if (redisGetReply(context_, &reply) != REDIS_OK || reply == nullptr) {
    return std::unexpected(failure("read"));
  }
  return RedisReply(static_cast<redisReply*>(reply));
}

std::expected<void, Error> RedisConnection::flush() {
  MODFILTER_ASSERT(context_ != nullptr);
  if (context_->err != 0) return std::unexpected(failure("send"));
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(context_, &done) != REDIS_OK) {
      return std::unexpected(failure("send"));
    }
  }
  return {};
}

void RedisConnection::set_read_timeout(std::chrono::milliseconds timeout) {
  MODFILTER_ASSERT(context_ != nullptr);
  redisSetTimeout(context_, to_timeval(timeout));
}

}  // namespace modfilter::worker
