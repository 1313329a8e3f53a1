// ScanOutput: where `scan` writes its records (standard output), in large
// blocks, keeping track of which input record each byte belongs to. When a
// write fails (disk full, file size limit, a closed pipe) it knows exactly
// which records reached the output, so the error can say where to resume.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace modfilter::cli {

// An input record: its source (file name, "<stdin>"), 1-based line and id
// (empty when it had none).
struct InputPosition {
  std::string source;
  std::uint64_t line = 0;
  std::string id;
};

class ScanOutput {
 public:
  enum class State : std::uint8_t {
    kOpen,
    kClosed,  // the reader went away (EPIPE): nothing more is wanted
    kFailed,  // a write failed: error() says which records made it
  };

  ScanOutput();  // standard output
  ~ScanOutput();
  ScanOutput(const ScanOutput&) = delete;
  ScanOutput& operator=(const ScanOutput&) = delete;

  // Appends bytes that belong to no record (a CSV header).
  void append(std::string_view bytes) { buffer_ += bytes; }
  // Appends one record's bytes, written for the input record at `position`.
  void append_record(std::string_view bytes, const InputPosition& position);
  // Writes the buffer once it holds a block; flush() writes it all. After
  // the output is closed or failed, both drop what they are given.
  void maybe_flush();
  void flush();

  State state() const noexcept { return state_; }
  // The failure, naming the output and the last record written and the
  // first one lost. Only when state() is kFailed.
  std::string error() const;
  // "NAME holds every record up to SOURCE line N (id X)", or no record.
  std::string written() const;

 private:
  struct Mark {
    std::size_t end = 0;  // offset in buffer_ after the record's bytes
    InputPosition position;
  };

  void fail(int error_number, std::size_t written);

  std::string name_;  // what standard output is ("/tmp/out.jsonl")
  std::string buffer_;
  std::vector<Mark> marks_;  // records in buffer_, in order
  std::size_t marks_used_ = 0;  // marks_ entries in use (reused storage)
  State state_ = State::kOpen;
  int errno_ = 0;
  bool any_written_ = false;
  InputPosition last_written_;
  bool any_lost_ = false;
  InputPosition first_lost_;
};

}  // namespace modfilter::cli
