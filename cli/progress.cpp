#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace modfilter::cli {
namespace {

using Clock = std::chrono::steady_clock;

// 1234567 -> "1,234,567".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

std::string bytes_text(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= (1u << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / 1e9);
  } else if (bytes >= (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(bytes) / 1e3);
  }
  return buf;
}

std::string duration_text(double seconds) {
  char buf[32];
  if (seconds < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  } else {
    const auto s = static_cast<long long>(seconds);
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60,
                  s % 60);
  }
  return buf;
}

}  // namespace

std::uint64_t size_of_inputs(const std::vector<std::string>& files) {
  std::uint64_t total = 0;
  for (const std::string& file : files) {
    std::error_code ec;
    if (file == "-" || !std::filesystem::is_regular_file(file, ec)) return 0;
    total += std::filesystem::file_size(file, ec);
  }
  return total;
}

void add_progress_options(CLI::App& app, ProgressOptions& options) {
  auto* progress = app.add_flag(
      "--progress", options.force,
      "show progress and a summary on stderr even when it is not a terminal "
      "(one line a second); on a terminal they show anyway");
  app.add_flag("-q,--quiet", options.quiet,
               "show neither progress nor the summary line")
      ->excludes(progress);
}

Progress::Progress(std::string what, const ProgressOptions& options,
                   std::string unit)
    : what_(std::move(what)), unit_(std::move(unit)), start_(Clock::now()) {
  terminal_ = ::isatty(STDERR_FILENO) == 1;
  shown_ = !options.quiet && (terminal_ || options.force);
  if (shown_) drawer_ = std::thread([this] { run(); });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (drawer_.joinable()) drawer_.join();
  // A run that stops early (an error) leaves no half-drawn line behind.
  if (shown_ && terminal_ && !finished_) std::fputs("\r\x1b[K", stderr);
}

void Progress::set_stage(std::string stage) {
  std::lock_guard lock(mutex_);
  stage_ = std::move(stage);
}

void Progress::update(std::uint64_t items, std::uint64_t bytes) noexcept {
  items_.store(items, std::memory_order_relaxed);
  bytes_.store(bytes, std::memory_order_relaxed);
}

void Progress::update_bytes(std::uint64_t bytes) noexcept {
  bytes_.store(bytes, std::memory_order_relaxed);
}

void Progress::add(std::uint64_t items) noexcept {
  items_.fetch_add(items, std::memory_order_relaxed);
}

void Progress::add_verdict(Decision decision) noexcept {
  verdicts_[static_cast<std::size_t>(decision)].fetch_add(
      1, std::memory_order_relaxed);
}

void Progress::add_error() noexcept {
  errors_.fetch_add(1, std::memory_order_relaxed);
}

ProgressFn Progress::callback() {
  return [this](std::uint64_t items, std::uint64_t bytes) { update(items, bytes); };
}

void Progress::run() {
  const auto interval = terminal_ ? std::chrono::milliseconds(100)
                                  : std::chrono::milliseconds(1000);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    draw(false);
  }
}

std::string Progress::line(bool final) const {
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start_).count();
  const std::uint64_t items = items_.load(std::memory_order_relaxed);
  const std::uint64_t bytes = bytes_.load(std::memory_order_relaxed);
  const double rate = seconds > 0 ? static_cast<double>(items) / seconds : 0;
  std::string out = what_ + ": ";
  if (items > 0 || !final) out += grouped(items) + ' ' + unit_;
  double share = -1;
  if (total_bytes_ > 0) {
    share = static_cast<double>(bytes) / static_cast<double>(total_bytes_);
    if (!final) {
      out += ", " + std::to_string(static_cast<int>(share * 100)) + "% of " +
             bytes_text(total_bytes_);
    }
  } else if (total_items_ > 0) {
    share = static_cast<double>(items) / static_cast<double>(total_items_);
    if (!final) out += ", " + std::to_string(static_cast<int>(share * 100)) + "%";
  }
  if (final) {
    out += (items > 0 ? " in " : "") + duration_text(seconds);
  } else {
    out += ", " + duration_text(seconds);
  }
  if (items > 0 && rate_shown_) out += ", " + grouped(static_cast<std::uint64_t>(rate)) + ' ' + unit_ + "/s";
  if (!final && share > 0.001 && share < 1) {
    out += ", " + duration_text(seconds * (1 - share) / share) + " left";
  }
  if (!final && !stage_.empty()) out += " (" + stage_ + ')';
  if (final) {
    std::uint64_t counted = 0;
    for (const auto& v : verdicts_) counted += v.load(std::memory_order_relaxed);
    if (counted > 0) {
      for (Decision d : {Decision::kApprove, Decision::kReview, Decision::kReject}) {
        out += ", " +
               grouped(verdicts_[static_cast<std::size_t>(d)].load(
                   std::memory_order_relaxed)) +
               ' ' + to_string(d);
      }
    }
    const std::uint64_t errors = errors_.load(std::memory_order_relaxed);
    if (counted > 0 || errors > 0) {
      out += ", " + grouped(errors) + (errors == 1 ? " error" : " errors");
    }
  }
  return out;
}

void Progress::draw(bool final) {
  const std::string text = line(final);
  if (terminal_) {
    std::fprintf(stderr, "\r%s\x1b[K%s", text.c_str(), final ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void Progress::finish(const std::string& detail) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (drawer_.joinable()) drawer_.join();
  if (!shown_ || finished_) return;
  finished_ = true;
  if (!terminal_) draw(false);
  std::string summary = line(true);
  if (!detail.empty()) summary += ", " + detail;
  if (terminal_) {
    std::fprintf(stderr, "\r%s\x1b[K\n", summary.c_str());
  } else {
    std::fprintf(stderr, "%s\n", summary.c_str());
  }
  std::fflush(stderr);
}

}  // namespace modfilter::cli
