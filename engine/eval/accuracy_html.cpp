#include "engine/eval/accuracy_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/io/html.h"

namespace modfilter {
namespace {

constexpr const char* kPrecisionColor = "#1565c0";
constexpr const char* kRecallColor = "#2e7d32";
constexpr const char* kF1Color = "#6a1b9a";
// The second rule set's bars: the same hues, lighter.
constexpr const char* kAgainstColors[] = {"#90caf9", "#a5d6a7", "#ce93d8"};

std::string ratio_text(double value) {
  if (std::isnan(value)) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

std::string rate_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", value);
  return buf;
}

double or_zero(double value) { return std::isnan(value) ? 0 : value; }

void open_svg(std::string& out, double width, double height, std::string_view label) {
  out += "<svg viewBox=\"0 0 " + svg_number(width) + " " + svg_number(height) +
         "\" width=\"100%\" role=\"img\" aria-label=\"";
  append_html_text(out, label);
  out += "\">";
}

void append_legend(std::string& out, double x, double y,
                   const std::vector<std::pair<std::string, const char*>>& items) {
  for (const auto& [name, color] : items) {
    append_svg_rect(out, x, y, 12, 12, color, name);
    append_svg_text(out, x + 17, y + 10, "start", name);
    x += 40 + 7.0 * static_cast<double>(name.size());
  }
}

// Per file, horizontal bars for precision, recall and F1 on a 0..1 scale;
// with a second rule set, its three bars under the first's.
void append_file_bars(std::string& out, const RuleSetFigures& a,
                      const RuleSetFigures* b) {
  constexpr double kWidth = 1100, kLabel = 230, kBar = 12, kGap = 14,
                   kPlot = 760, kTop = 30;
  const std::size_t sets = b ? 2 : 1;
  const double group = kBar * 3.0 * static_cast<double>(sets) + kGap;
  const double height = kTop + group * static_cast<double>(a.files.size()) + 10;
  open_svg(out, kWidth, height, "Precision, recall and F1 per file");
  std::vector<std::pair<std::string, const char*>> legend = {
      {"precision", kPrecisionColor}, {"recall", kRecallColor}, {"F1", kF1Color}};
  if (b) {
    legend.push_back({"against: precision", kAgainstColors[0]});
    legend.push_back({"recall", kAgainstColors[1]});
    legend.push_back({"F1", kAgainstColors[2]});
  }
  append_legend(out, kLabel, 6, legend);
  for (double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    const double x = kLabel + kPlot * t;
    out += "<line x1=\"" + svg_number(x) + "\" x2=\"" + svg_number(x) + "\" y1=\"" +
           svg_number(kTop - 4) + "\" y2=\"" + svg_number(height - 8) +
           "\" stroke=\"#e6e9ed\"/>";
  }
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    double y = kTop + group * static_cast<double>(i);
    append_svg_text(out, kLabel - 8, y + kBar * 1.5 * static_cast<double>(sets) + 4,
                    "end", a.files[i].name);
    for (std::size_t s = 0; s < sets; ++s) {
      const RuleSetFigures& set = s == 0 ? a : *b;
      if (i >= set.files.size()) continue;
      const Confusion& c = set.files[i].confusion;
      const std::pair<const char*, double> bars[] = {
          {"precision", c.precision()}, {"recall", c.recall()}, {"F1", c.f1()}};
      for (std::size_t k = 0; k < 3; ++k) {
        const char* color = s == 0 ? (k == 0 ? kPrecisionColor : k == 1 ? kRecallColor : kF1Color)
                                   : kAgainstColors[k];
        const double w = kPlot * or_zero(bars[k].second);
        append_svg_rect(out, kLabel, y + 1, w, kBar - 2, color,
                        set.ruleset + " " + set.files[i].name + ": " + bars[k].first +
                            " " + ratio_text(bars[k].second));
        append_svg_text(out, kLabel + w + 4, y + kBar - 2, "start",
                        ratio_text(bars[k].second), "font-size=\"10\"");
        y += kBar;
      }
    }
  }
  out += "</svg>";
}

// Recall per category of the overall figures: caught by any rule, and the
// part caught by a rule of that category.
void append_category_recall(std::string& out, const EvalReport& overall) {
  constexpr double kWidth = 560, kRow = 24, kLabel = 150, kBar = 300;
  std::vector<const CategoryRecall*> rows;
  for (const CategoryRecall& c : overall.categories) {
    if (c.rows > 0) rows.push_back(&c);
  }
  if (rows.empty()) {
    out += "<p class=\"empty\">No row labelled reject names a category.</p>";
    return;
  }
  const double height = kRow * static_cast<double>(rows.size()) + 8;
  open_svg(out, kWidth, height, "Recall per category");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CategoryRecall& c = *rows[i];
    const double y = 4 + kRow * static_cast<double>(i);
    append_svg_text(out, kLabel - 8, y + 15, "end", c.name);
    append_svg_rect(out, kLabel, y + 3, kBar, kRow - 8, "#e6e9ed", c.name);
    const double rows_n = static_cast<double>(c.rows);
    const double own = kBar * static_cast<double>(c.caught_by_category) / rows_n;
    const double any = kBar * static_cast<double>(c.caught) / rows_n;
    append_svg_rect(out, kLabel, y + 3, any, kRow - 8, "#a5d6a7",
                    c.name + ": " + std::to_string(c.caught) + " of " +
                        std::to_string(c.rows) + " held by any rule");
    append_svg_rect(out, kLabel, y + 3, own, kRow - 8, kRecallColor,
                    c.name + ": " + std::to_string(c.caught_by_category) + " of " +
                        std::to_string(c.rows) + " held by a " + c.name + " rule");
    append_svg_text(out, kLabel + kBar + 6, y + 15, "start",
                    ratio_text(c.recall()) + "  (" + std::to_string(c.caught) + "/" +
                        std::to_string(c.rows) + ")");
  }
  out += "</svg><p class=\"meta\">Dark: held by a rule of the category; light: "
         "held by any rule.</p>";
}

// The 2x2 confusion matrix, each cell shaded by its share of the rows.
void append_confusion(std::string& out, const Confusion& c, std::string_view label) {
  constexpr double kCell = 120, kLeft = 130, kTop = 44;
  open_svg(out, kLeft + 2 * kCell + 20, kTop + 2 * kCell + 10, label);
  append_svg_text(out, kLeft + kCell, 14, "middle", "predicted");
  append_svg_text(out, kLeft + kCell / 2, 34, "middle", "held (reject/review)");
  append_svg_text(out, kLeft + kCell * 1.5, 34, "middle", "approved");
  append_svg_text(out, kLeft - 8, kTop + kCell / 2 + 4, "end", "labelled reject");
  append_svg_text(out, kLeft - 8, kTop + kCell * 1.5 + 4, "end", "labelled approve");
  const double rows = static_cast<double>(std::max<std::uint64_t>(c.rows(), 1));
  const struct {
    const char* name;
    std::uint64_t n;
    int col, row;
    bool right;
  } cells[] = {{"true positives", c.tp, 0, 0, true},
               {"false negatives", c.fn, 1, 0, false},
               {"false positives", c.fp, 0, 1, false},
               {"true negatives", c.tn, 1, 1, true}};
  for (const auto& cell : cells) {
    const double x = kLeft + kCell * cell.col, y = kTop + kCell * cell.row;
    const double share = static_cast<double>(cell.n) / rows;
    char color[16];
    // Right answers in green, wrong in red, darker with a bigger share.
    const int shade = 235 - static_cast<int>(share * 150);
    std::snprintf(color, sizeof color, "#%02x%02x%02x", cell.right ? shade : 255,
                  cell.right ? 240 : shade, shade);
    append_svg_rect(out, x + 1, y + 1, kCell - 2, kCell - 2, color,
                    std::string(cell.name) + ": " + std::to_string(cell.n));
    append_svg_text(out, x + kCell / 2, y + kCell / 2, "middle", std::to_string(cell.n),
                    "font-size=\"20\"");
    append_svg_text(out, x + kCell / 2, y + kCell / 2 + 20, "middle", cell.name);
  }
  out += "</svg>";
}

void append_summary_table(std::string& out, const RuleSetFigures& set) {
  out += "<table><tr><th>file</th><th class=\"n\">rows</th><th class=\"n\">precision"
         "</th><th class=\"n\">recall</th><th class=\"n\">F1</th><th class=\"n\">FPR"
         "</th></tr>";
  auto row = [&](const EvalReport& r, bool bold) {
    const Confusion& c = r.confusion;
    out += bold ? "<tr><td><b>" : "<tr><td>";
    append_html_text(out, r.name);
    out += bold ? "</b></td>" : "</td>";
    out += "<td class=\"n\">" + std::to_string(c.rows()) + "</td><td class=\"n\">" +
           ratio_text(c.precision()) + "</td><td class=\"n\">" +
           ratio_text(c.recall()) + "</td><td class=\"n\">" + ratio_text(c.f1()) +
           "</td><td class=\"n\">" + ratio_text(c.fpr()) + "</td></tr>";
  };
  for (const EvalReport& r : set.files) row(r, false);
  if (set.overall) row(*set.overall, true);
  out += "</table>";
}

// Flipped comments per rule: gained (now fires) in red, lost in green.
void append_flips(std::string& out, const AccuracyPage& page) {
  if (page.flips.empty()) {
    out += "<p class=\"empty\">No verdict flips between the two rule sets.</p>";
    return;
  }
  constexpr double kWidth = 1100, kRow = 22, kLabel = 330, kBar = 600;
  std::uint64_t max = 1;
  for (const RuleFlips& f : page.flips) max = std::max(max, f.gained + f.lost);
  const double height = kRow * static_cast<double>(page.flips.size()) + 30;
  open_svg(out, kWidth, height, "Verdicts that flip, per rule");
  append_legend(out, kLabel, 4, {{"fires only with the second rule set", kRejectColor},
                                 {"fired only with the first", kApproveColor}});
  for (std::size_t i = 0; i < page.flips.size(); ++i) {
    const RuleFlips& f = page.flips[i];
    const double y = 24 + kRow * static_cast<double>(i);
    append_svg_text(out, kLabel - 8, y + 14, "end", f.rule);
    const double gained = kBar * static_cast<double>(f.gained) / static_cast<double>(max);
    const double lost = kBar * static_cast<double>(f.lost) / static_cast<double>(max);
    if (f.gained > 0) {
      append_svg_rect(out, kLabel, y + 3, gained, kRow - 7, kRejectColor,
                      f.rule + ": fires on " + std::to_string(f.gained) + " flipped comments");
    }
    if (f.lost > 0) {
      append_svg_rect(out, kLabel + gained, y + 3, lost, kRow - 7, kApproveColor,
                      f.rule + ": no longer fires on " + std::to_string(f.lost) +
                          " flipped comments");
    }
    append_svg_text(out, kLabel + gained + lost + 6, y + 14, "start",
                    "+" + std::to_string(f.gained) + " / -" + std::to_string(f.lost));
  }
  out += "</svg>";
}

// Comments per second of every measured engine, one bar each, the rule
// sets' side by side.
void append_speeds(std::string& out, const AccuracyPage& page) {
  std::vector<std::pair<std::string, SpeedFigure>> bars;
  for (const SpeedFigure& s : page.rules.speeds) bars.push_back({page.rules.ruleset, s});
  if (page.against) {
    for (const SpeedFigure& s : page.against->speeds) {
      bars.push_back({page.against->ruleset, s});
    }
  }
  for (const SpeedFigure& s : page.baselines) bars.push_back({"baseline", s});
  if (bars.empty()) return;
  constexpr double kWidth = 1100, kRow = 24, kLabel = 380, kBar = 560;
  double max = 1;
  for (const auto& [set, s] : bars) max = std::max(max, s.comments_per_second);
  const double height = kRow * static_cast<double>(bars.size()) + 8;
  open_svg(out, kWidth, height, "Comments per second");
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& [set, s] = bars[i];
    const double y = 4 + kRow * static_cast<double>(i);
    const std::string name = set + " " + s.name + ", " + std::to_string(s.threads) +
                             (s.threads == 1 ? " thread" : " threads");
    append_svg_text(out, kLabel - 8, y + 15, "end", name);
    const char* color = set == "baseline" ? "#78909c"
                        : set == page.rules.ruleset ? kPrecisionColor
                                                    : kAgainstColors[0];
    const double w = kBar * s.comments_per_second / max;
    append_svg_rect(out, kLabel, y + 3, w, kRow - 8, color,
                    name + ": " + rate_text(s.comments_per_second) + " comments/s");
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.1f MB/s", s.mb_per_second);
    append_svg_text(out, kLabel + w + 6, y + 15, "start",
                    rate_text(s.comments_per_second) + " comments/s, " + mb);
  }
  out += "</svg>";
}

}  // namespace

std::string render_accuracy_html(const AccuracyPage& page) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\"><title>";
  append_html_text(out, page.title);
  out += "</title><style>";
  out += kHtmlStyle;
  out += "</style></head><body>\n<h1>";
  append_html_text(out, page.title);
  out += "</h1><p class=\"meta\"><code>";
  append_html_text(out, page.rules.ruleset);
  out += "</code>";
  if (page.against) {
    out += " against <code>";
    append_html_text(out, page.against->ruleset);
    out += "</code>";
  }
  if (!page.meta.empty()) {
    out += " &middot; ";
    append_html_text(out, page.meta);
  }
  out += "</p>\n";

  if (page.rules.files.empty()) {
    out += "<p class=\"empty\">The data is not labelled: no accuracy figures.</p>";
  } else {
    out += "<h2>Precision, recall and F1 per file</h2>";
    append_file_bars(out, page.rules, page.against ? &*page.against : nullptr);
    append_summary_table(out, page.rules);
    if (page.against) {
      out += "<h2>The second rule set</h2>";
      append_summary_table(out, *page.against);
    }
    if (page.rules.overall) {
      out += "\n<div class=\"row\"><div><h2>Recall per category</h2>";
      append_category_recall(out, *page.rules.overall);
      out += "</div><div><h2>Confusion matrix (all files)</h2>";
      append_confusion(out, page.rules.overall->confusion, "Confusion matrix");
      out += "</div></div>";
    }
  }
  if (page.against) {
    out += "\n<h2>Verdicts that flip, per rule (" + std::to_string(page.flipped) +
           " of " + std::to_string(page.comments) + " comments)</h2>";
    append_flips(out, page);
  }
  if (!page.rules.speeds.empty()) {
    out += "\n<h2>Speed</h2>";
    append_speeds(out, page);
  }
  out += "\n</body></html>\n";
  return out;
}

}  // namespace modfilter
