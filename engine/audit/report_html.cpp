#include "engine/audit/report_html.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "engine/audit/highlight.h"
#include "engine/audit/time_ms.h"

namespace modfilter {
namespace {

void append_count(std::string& out, std::int64_t n) { out += std::to_string(n); }

std::string percent(std::int64_t part, std::int64_t total) {
  if (total == 0) return "0%";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(total));
  return buf;
}

// The smallest of 1, 2, 5 x 10^k that is at least `value`.
std::int64_t nice_step(std::int64_t value) {
  std::int64_t scale = 1;
  for (;;) {
    for (std::int64_t m : {1, 2, 5}) {
      if (m * scale >= value) return m * scale;
    }
    scale *= 10;
  }
}

// Stacked bars per time bucket: approve at the bottom, reject on top.
void append_time_chart(std::string& out, const std::vector<TimeBucket>& buckets) {
  constexpr double kWidth = 1100, kHeight = 300, kLeft = 56, kRight = 16,
                   kTop = 30, kBottom = 80;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::int64_t max_total = 1;
  for (const TimeBucket& b : buckets) max_total = std::max(max_total, b.verdicts.total());
  // At most four gridlines, at round numbers, the top one just above the
  // tallest bar.
  const std::int64_t step = nice_step((max_total + 3) / 4);
  const std::int64_t ticks = (max_total + step - 1) / step;
  const double top = static_cast<double>(step * ticks);

  out += "<svg viewBox=\"0 0 " + svg_number(kWidth) + " " + svg_number(kHeight) +
         "\" width=\"100%\" role=\"img\" aria-label=\"Verdicts over time\">";
  for (std::int64_t i = 0; i <= ticks; ++i) {
    const double y = kTop + plot_h - plot_h * static_cast<double>(i) /
                                         static_cast<double>(ticks);
    out += "<line x1=\"" + svg_number(kLeft) + "\" x2=\"" + svg_number(kWidth - kRight) +
           "\" y1=\"" + svg_number(y) + "\" y2=\"" + svg_number(y) +
           "\" stroke=\"#e6e9ed\"/>";
    append_svg_text(out, kLeft - 6, y + 4, "end", std::to_string(step * i));
  }
  const double slot = plot_w / static_cast<double>(std::max<std::size_t>(buckets.size(), 1));
  const double bar_w = std::max(1.0, slot * 0.7);
  const std::size_t label_every = (buckets.size() + 15) / 16;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const TimeBucket& b = buckets[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar_w) / 2;
    double y = kTop + plot_h;
    const std::pair<std::int64_t, const char*> parts[] = {
        {b.verdicts.approve, kApproveColor},
        {b.verdicts.review, kReviewColor},
        {b.verdicts.reject, kRejectColor}};
    const char* names[] = {"approve", "review", "reject"};
    for (std::size_t p = 0; p < 3; ++p) {
      if (parts[p].first == 0) continue;
      const double h = plot_h * static_cast<double>(parts[p].first) / top;
      y -= h;
      append_svg_rect(out, x, y, bar_w, h, parts[p].second,
                  b.start + ": " + std::to_string(parts[p].first) + " " + names[p]);
    }
    if (i % label_every == 0) {
      const double lx = x + bar_w / 2, ly = kTop + plot_h + 14;
      append_svg_text(out, lx, ly, "end", b.start,
                      "transform=\"rotate(-35 " + svg_number(lx) + " " + svg_number(ly) + ")\"");
    }
  }
  // Legend.
  double lx = kWidth - kRight - 270;
  const char* names[] = {"approve", "review", "reject"};
  const char* colors[] = {kApproveColor, kReviewColor, kRejectColor};
  for (int i = 0; i < 3; ++i) {
    append_svg_rect(out, lx, 8, 12, 12, colors[i], names[i]);
    append_svg_text(out, lx + 17, 18, "start", names[i]);
    lx += 90;
  }
  out += "</svg>";
}

// Horizontal bars, one row per item: rejected in red, the rest of the
// comments the item fired on (sent to review) in amber.
void append_hit_chart(std::string& out, const std::vector<HitCount>& rows,
                      std::string_view label) {
  constexpr double kWidth = 560, kRow = 24, kLabel = 210, kBar = 270;
  std::int64_t max = 1;
  for (const HitCount& r : rows) max = std::max(max, r.comments);
  const double height = kRow * static_cast<double>(rows.size()) + 8;
  out += "<svg viewBox=\"0 0 " + svg_number(kWidth) + " " + svg_number(height) +
         "\" width=\"100%\" role=\"img\" aria-label=\"";
  append_html_text(out, label);
  out += "\">";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HitCount& r = rows[i];
    const double y = 4 + kRow * static_cast<double>(i);
    std::string name = r.name.size() > 30 ? r.name.substr(0, 29) + "\xe2\x80\xa6" : r.name;
    append_svg_text(out, kLabel - 8, y + 15, "end", name);
    const double rejected_w = kBar * static_cast<double>(r.rejected) / static_cast<double>(max);
    const double other_w =
        kBar * static_cast<double>(r.comments - r.rejected) / static_cast<double>(max);
    if (r.rejected > 0) {
      append_svg_rect(out, kLabel, y + 3, rejected_w, kRow - 8, kRejectColor,
                  r.name + ": " + std::to_string(r.rejected) + " rejected");
    }
    if (r.comments > r.rejected) {
      append_svg_rect(out, kLabel + rejected_w, y + 3, other_w, kRow - 8, kReviewColor,
                  r.name + ": " + std::to_string(r.comments - r.rejected) +
                      " not rejected (review)");
    }
    append_svg_text(out, kLabel + rejected_w + other_w + 6, y + 15, "start",
                    std::to_string(r.rejected) + " / " + std::to_string(r.comments));
  }
  out += "</svg>";
}

void append_verdict(std::string& out, Decision d) {
  out += "<span class=\"v-";
  out += to_string(d);
  out += "\">";
  out += to_string(d);
  out += "</span>";
}

void append_cards(std::string& out, const VerdictCounts& v) {
  const std::int64_t total = v.total();
  out += "<section class=\"cards\"><div class=\"card\"><b>";
  append_count(out, total);
  out += "</b><span>comments screened</span></div>";
  const std::pair<const char*, std::int64_t> items[] = {
      {"approve", v.approve}, {"review", v.review}, {"reject", v.reject}};
  for (const auto& [name, n] : items) {
    out += "<div class=\"card\"><b class=\"v-";
    out += name;
    out += "\">";
    append_count(out, n);
    out += "</b><span>";
    out += name;
    out += " &middot; " + percent(n, total) + "</span></div>";
  }
  out += "</section>";
}

void append_precision(std::string& out, std::vector<RulePrecision> rules) {
  if (rules.empty()) {
    out += "<p class=\"empty\">No labels yet: moderators judge verdicts with "
           "<code>modfilter audit label STORE ID correct|wrong</code>.</p>";
    return;
  }
  // Worst first: the rules to look at.
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    return a.precision() < b.precision();
  });
  out += "<table><tr><th>rule</th><th class=\"n\">labelled</th><th class=\"n\">"
         "correct</th><th class=\"n\">wrong</th><th>precision</th></tr>";
  for (const RulePrecision& r : rules) {
    out += "<tr><td><code>";
    append_html_text(out, r.rule);
    out += "</code></td><td class=\"n\">" + std::to_string(r.correct + r.wrong) +
           "</td><td class=\"n\">" + std::to_string(r.correct) +
           "</td><td class=\"n\">" + std::to_string(r.wrong) + "</td><td>";
    out += "<span class=\"bar\"><i style=\"width:" + svg_number(100 * r.precision()) +
           "%\"></i></span> " + percent(r.correct, r.correct + r.wrong) + "</td></tr>";
  }
  out += "</table>";
}

void append_false_positives(std::string& out, const std::vector<StoredComment>& comments) {
  if (comments.empty()) {
    out += "<p class=\"empty\">No comment labelled wrong among those sent to "
           "review or rejected.</p>";
    return;
  }
  out += "<table><tr><th class=\"n\">#</th><th>id</th><th>time (UTC)</th><th>verdict</th>"
         "<th>rules</th><th>comment</th><th>note</th></tr>";
  for (const StoredComment& c : comments) {
    out += "<tr><td class=\"n\">" + std::to_string(c.id) + "</td><td>";
    append_html_text(out, c.input_id);
    out += "</td><td>" + format_utc(c.time_ms) + "</td><td>";
    append_verdict(out, c.verdict);
    out += "</td><td>";
    for (std::size_t i = 0; i < c.reasons.size(); ++i) {
      if (i > 0) out += "<br>";
      out += "<code>";
      append_html_text(out, c.reasons[i].rule);
      out += "</code>";
    }
    out += "</td><td>";
    if (c.text) {
      append_highlighted(out, *c.text, c.all_spans(), "<mark>", "</mark>",
                         append_html_text);
    } else {
      out += "<span class=\"empty\">hash " + c.text_hash + "</span>";
    }
    out += "</td><td>";
    if (c.label) append_html_text(out, c.label->note);
    out += "</td></tr>";
  }
  out += "</table>";
}

void append_runs(std::string& out, const std::vector<RunInfo>& runs) {
  out += "<table><tr><th class=\"n\">run</th><th>rule set</th><th>text</th>"
         "<th>started (UTC)</th><th>finished</th><th class=\"n\">comments</th>"
         "<th class=\"n\">last line</th></tr>";
  for (const RunInfo& r : runs) {
    out += "<tr><td class=\"n\">" + std::to_string(r.id) + "</td><td><code>";
    append_html_text(out, r.ruleset);
    out += "</code></td><td>";
    append_html_text(out, r.text_mode);
    out += "</td><td>" + format_utc(r.started_ms) + "</td><td>";
    out += r.finished_ms ? format_utc(*r.finished_ms)
                         : "<b class=\"v-reject\">unfinished</b> (running, or killed)";
    out += "</td><td class=\"n\">" + std::to_string(r.comments) +
           "</td><td class=\"n\">" + std::to_string(r.last_line) + "</td></tr>";
  }
  out += "</table>";
}

std::vector<HitCount> rejecting(std::vector<HitCount> rows, std::size_t limit) {
  std::erase_if(rows, [](const HitCount& r) { return r.comments == 0; });
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.rejected != b.rejected ? a.rejected > b.rejected : a.comments > b.comments;
  });
  if (limit > 0 && rows.size() > limit) rows.resize(limit);
  return rows;
}

}  // namespace

std::expected<std::string, Errors> render_html_report(AuditStore& store,
                                                      const ReportOptions& options) {
  auto summary = store.summary();
  if (!summary) return std::unexpected(std::move(summary.error()));
  // Hours when everything happened within two days, so a single run still
  // shows a shape over time.
  const bool daily = summary->days.size() > 2;
  auto buckets = daily ? std::expected<std::vector<TimeBucket>, Errors>(summary->days)
                       : store.verdicts_over_time(TimeUnit::kHour);
  if (!buckets) return std::unexpected(std::move(buckets.error()));
  CommentFilter wrong;
  wrong.label = LabelFilter::kWrong;
  wrong.flagged = true;
  wrong.newest_first = true;
  wrong.limit = options.false_positives;
  auto false_positives = store.find(wrong);
  if (!false_positives) return std::unexpected(std::move(false_positives.error()));

  const std::int64_t generated =
      options.generated_ms != 0 ? options.generated_ms
                                : to_unix_ms(std::chrono::system_clock::now());
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<title>modfilter audit report</title><style>";
  out += kHtmlStyle;
  out += "</style></head><body>\n<h1>modfilter audit report</h1><p class=\"meta\">";
  append_html_text(out, store.path().string());
  out += " &middot; generated " + format_utc(generated) + " UTC &middot; " +
         std::to_string(summary->runs.size()) + " run(s) &middot; " +
         std::to_string(summary->labelled) + " labelled, " +
         std::to_string(summary->wrong) + " wrong</p>\n";
  append_cards(out, summary->verdicts);

  out += daily ? "\n<h2>Verdicts per day (UTC)</h2>"
               : "\n<h2>Verdicts per hour (UTC)</h2>";
  if (buckets->empty()) {
    out += "<p class=\"empty\">No comments in the store.</p>";
  } else {
    append_time_chart(out, *buckets);
  }

  out += "\n<div class=\"row\"><div><h2>Rejections by category</h2>";
  const auto categories = rejecting(summary->categories, 0);
  if (categories.empty()) {
    out += "<p class=\"empty\">No rule fired.</p>";
  } else {
    append_hit_chart(out, categories, "Rejections by category");
  }
  out += "</div><div><h2>Rejections by rule (top " +
         std::to_string(options.top_rules) + ")</h2>";
  const auto rules = rejecting(summary->rules, options.top_rules);
  if (rules.empty()) {
    out += "<p class=\"empty\">No rule fired.</p>";
  } else {
    append_hit_chart(out, rules, "Rejections by rule");
  }
  out += "</div></div><p class=\"meta\">Bars: rejected (red) and sent to review "
         "(amber) among the comments each fired on.</p>";

  out += "\n<h2>Precision per rule (moderators' labels)</h2>";
  append_precision(out, summary->precision);
  out += "\n<h2>Latest false positives</h2>";
  append_false_positives(out, *false_positives);
  out += "\n<h2>Runs</h2>";
  append_runs(out, summary->runs);
  out += "\n<h2>Rules that never fired</h2>";
  if (summary->never_fired.empty()) {
    out += "<p class=\"empty\">Every rule fired at least once.</p>";
  } else {
    out += "<p>";
    for (std::size_t i = 0; i < summary->never_fired.size(); ++i) {
      if (i > 0) out += ", ";
      out += "<code>";
      append_html_text(out, summary->never_fired[i]);
      out += "</code>";
    }
    out += "</p>";
  }
  out += "\n</body></html>\n";
  return out;
}

}  // namespace modfilter
