#include "cli/scan_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace modfilter::cli {
namespace {

constexpr std::size_t kBlock = 1 << 16;

// Standard output by the name a user knows it by: the file it was
// redirected to, or what it is.
std::string name_of_stdout() {
  std::error_code ec;
  const auto target = std::filesystem::read_symlink("/proc/self/fd/1", ec);
  if (!ec && target.is_absolute()) return target.string();
  if (!ec && target.string().starts_with("pipe:")) return "standard output (a pipe)";
  return "standard output";
}

std::string describe(const InputPosition& p) {
  std::string out = p.source + " line " + std::to_string(p.line);
  if (!p.id.empty()) out += " (id " + p.id + ")";
  return out;
}

}  // namespace

ScanOutput::ScanOutput() : name_(name_of_stdout()) {}

ScanOutput::~ScanOutput() { flush(); }

void ScanOutput::append_record(std::string_view bytes,
                               const InputPosition& position) {
  buffer_ += bytes;
  if (marks_used_ == marks_.size()) marks_.emplace_back();
  Mark& mark = marks_[marks_used_++];
  mark.end = buffer_.size();
  mark.position.source = position.source;
  mark.position.line = position.line;
  mark.position.id = position.id;
}

void ScanOutput::maybe_flush() {
  if (buffer_.size() >= kBlock) flush();
}

void ScanOutput::flush() {
  std::size_t written = 0;
  while (state_ == State::kOpen && written < buffer_.size()) {
    const ssize_t n =
        ::write(STDOUT_FILENO, buffer_.data() + written, buffer_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno, written);
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  if (state_ == State::kOpen && marks_used_ > 0) {
    last_written_ = marks_[marks_used_ - 1].position;
    any_written_ = true;
  }
  buffer_.clear();
  marks_used_ = 0;
}

void ScanOutput::fail(int error_number, std::size_t written) {
  state_ = error_number == EPIPE ? State::kClosed : State::kFailed;
  errno_ = error_number;
  for (std::size_t i = 0; i < marks_used_; ++i) {
    if (marks_[i].end <= written) {
      last_written_ = marks_[i].position;
      any_written_ = true;
    } else {
      first_lost_ = marks_[i].position;
      any_lost_ = true;
      break;
    }
  }
}

std::string ScanOutput::error() const {
  std::string out = name_ + ": cannot write the output (" +
                    std::strerror(errno_) + "); " + written();
  if (any_lost_) {
    out += "; the first record not written is " + describe(first_lost_) +
           ": free some space and resume from there (the bytes after the "
           "last whole record are a partial one)";
  }
  return out;
}

std::string ScanOutput::written() const {
  return any_written_ ? name_ + " holds every record up to " +
                            describe(last_written_)
                      : name_ + " holds no record";
}

}  // namespace modfilter::cli
