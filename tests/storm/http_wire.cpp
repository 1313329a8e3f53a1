#include "tests/storm/http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <charconv>
#include <utility>

namespace modfilter::storm {

namespace {

// The response at the start of `raw`, and where it ends (npos: not whole).
std::size_t parse_response(std::string_view raw, Socket::Response& response,
                           bool to_end) {
  const auto head_end = raw.find("\r\n\r\n");
  if (!raw.starts_with("HTTP/1.1 ") || head_end == std::string_view::npos) {
    return std::string_view::npos;
  }
  int status = 0;
  const char* digits = raw.data() + 9;
  if (std::from_chars(digits, digits + 3, status).ec != std::errc()) {
    return std::string_view::npos;
  }
  std::size_t length = raw.size() - head_end - 4;
  if (!to_end) {
    std::string head(raw.substr(0, head_end));
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = head.find("\r\ncontent-length:");
    if (at == std::string::npos) return std::string_view::npos;
    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
    if (raw.size() < head_end + 4 + length) return std::string_view::npos;
  }
  response.status = status;
  response.head = std::string(raw.substr(0, head_end));
  response.body = std::string(raw.substr(head_end + 4, length));
  return head_end + 4 + length;
}

}  // namespace

Socket::Socket(int port, std::chrono::milliseconds timeout, std::string_view source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  const timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (!source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    const std::string text(source);
    if (::inet_pton(AF_INET, text.c_str(), &from.sin_addr) != 1 ||
        ::bind(fd_, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

Socket::Socket(Socket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), pending_(std::move(other.pending_)) {}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    pending_ = std::move(other.pending_);
  }
  return *this;
}

Socket::~Socket() {
  if (fd_ >= 0) ::close(fd_);
}

bool Socket::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool Socket::send_now(std::string_view bytes) {
  const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  return n >= 0 || errno == EAGAIN || errno == EINTR;
}

bool Socket::peer_closed() {
  char chunk[1024];
  for (;;) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n > 0) continue;
    return n == 0 || (errno != EAGAIN && errno != EINTR);
  }
}

void Socket::reset() {
  const linger abort{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  ::close(fd_);
  fd_ = -1;
}

Socket::Response Socket::receive() {
  std::string raw;
  char chunk[1 << 14];
  for (;;) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end, reset or timeout: parse what came
    raw.append(chunk, static_cast<std::size_t>(n));
  }
  Response response;
  parse_response(pending_ + raw, response, true);
  pending_.clear();
  return response;
}

Socket::Response Socket::receive_one() {
  Response response;
  char chunk[1 << 14];
  for (;;) {
    const std::size_t end = parse_response(pending_, response, false);
    if (end != std::string::npos) {
      pending_.erase(0, end);
      return response;
    }
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    pending_.append(chunk, static_cast<std::size_t>(n));
  }
}

bool Socket::closed_within(std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  char chunk[1024];
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{fd_, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1))) <= 0) {
      continue;
    }
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
  }
  return false;
}

std::string request_head(std::string_view path, std::string_view content_type,
                         std::size_t content_length) {
  std::string head = "POST ";
  head += path;
  head += " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ";
  head += content_type;
  head += "\r\nContent-Length: " + std::to_string(content_length) +
          "\r\nConnection: close\r\n\r\n";
  return head;
}

Socket::Response exchange(int port, std::string_view method,
                          std::string_view path, std::string_view body,
                          std::string_view content_type) {
  Socket socket(port, std::chrono::seconds(30));
  if (!socket.ok()) return {};
  std::string request;
  if (method == "POST") {
    request = request_head(path, content_type, body.size());
    request += body;
  } else {
    request = std::string(method) + " " + std::string(path) +
              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }
  if (!socket.send(request)) return {};
  return socket.receive();
}

}  // namespace modfilter::storm
