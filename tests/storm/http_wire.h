// HTTP/1.1 over a raw loopback socket, for the serve storm: the driver
// needs to send what no well-behaved client sends (a body one byte at a
// time, a body cut short, a Content-Length it never honours), so it speaks
// the protocol by hand. One request per connection (Connection: close).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace modfilter::storm {

// An open TCP connection to 127.0.0.1. Not copyable; movable.
class Socket {
 public:
  // Connects with send/receive timeouts of `timeout`, from the loopback
  // address `source` ("127.0.0.10"; empty: the kernel's choice); !ok() on
  // failure.
  Socket(int port, std::chrono::milliseconds timeout, std::string_view source = {});
  Socket(Socket&& other) noexcept;
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();

  bool ok() const noexcept { return fd_ >= 0; }
  // Sends every byte; false when the peer is gone or a timeout passed.
  bool send(std::string_view bytes);
  // Sends what the socket takes now without waiting; false when the peer
  // is gone.
  bool send_now(std::string_view bytes);
  // Whether the peer has closed the connection (without waiting; bytes
  // that came meanwhile are dropped).
  bool peer_closed();
  // Closes at once with a reset (SO_LINGER 0): a client that vanished.
  void reset();

  struct Response {
    int status = 0;  // 0: no (parsable) response
    std::string head;  // status line and headers
    std::string body;
  };
  // Reads to the end of the connection and parses the response.
  Response receive();
  // Reads one response (by its Content-Length), leaving the connection
  // open: keep-alive.
  Response receive_one();
  // Whether the peer closed the connection within `wait` (bytes that come
  // meanwhile are dropped).
  bool closed_within(std::chrono::milliseconds wait);

 private:
  int fd_ = -1;
  std::string pending_;  // read past the last response
};

// "POST PATH HTTP/1.1" with Host, Content-Type, Content-Length (of
// `content_length`, which a lying client makes differ from the body) and
// Connection: close, up to the blank line.
std::string request_head(std::string_view path, std::string_view content_type,
                         std::size_t content_length);

// One request, start to end: status 0 if it could not be made.
Socket::Response exchange(int port, std::string_view method,
                          std::string_view path, std::string_view body = {},
                          std::string_view content_type = "application/json");

}  // namespace modfilter::storm
