#include "tests/storm/http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <utility>

namespace modfilter::storm {

Socket::Socket(int port, std::chrono::seconds timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  const timeval tv{static_cast<time_t>(timeout.count()), 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

Socket::Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

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
  const auto head_end = raw.find("\r\n\r\n");
  if (!raw.starts_with("HTTP/1.1 ") || head_end == std::string::npos) return response;
  int status = 0;
  const char* digits = raw.data() + 9;
  if (std::from_chars(digits, digits + 3, status).ec != std::errc()) return response;
  response.status = status;
  response.body = raw.substr(head_end + 4);
  return response;
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
