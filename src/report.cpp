#include <midway/report.hpp>

#include <midway/drift.hpp>
#include <midway/note.hpp>
#include <midway/version.hpp>
#include <midway/worklist.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace midway {

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

// Status shown in words and colour (never colour alone). Colours: WCAG AA contrast with their text.
std::string badge(item_status s) {
  const std::string name(to_string(s));
  std::string words = name;
  std::replace(words.begin(), words.end(), '_', ' ');
  return "<span class=\"status " + name + "\">" + words + "</span>";
}

struct tally {
  std::size_t overdue = 0, due_soon = 0, upcoming = 0, cases = 0, findings = 0;
  void add(const due_item& item, date as_of, std::int32_t horizon) {
    if (item.status == item_status::overdue) ++overdue;
    else if (item.status == item_status::due_soon) ++due_soon;
    else if (item.status == item_status::upcoming && item.due && *item.due <= as_of + calendar_days(horizon)) ++upcoming;
  }
};

std::string count_cell(std::size_t n, const char* cls = nullptr) {
  return "<td class=\"num" + std::string(n > 0 && cls ? std::string(" ") + cls : "") + "\">" + std::to_string(n) + "</td>";
}

// One case as the report needs it.
struct case_view {
  const child_case* c = nullptr;
  std::optional<case_schedule> sched;
  std::string problem;  // why it could not be scheduled
  std::vector<finding> findings;
};

enum class lane { review, midway, visit, core_group };
constexpr std::array lanes{lane::review, lane::midway, lane::visit, lane::core_group};
const char* lane_name(lane l) {
  switch (l) {
    case lane::review: return "Conferences and reviews";
    case lane::midway: return "Midway reviews";
    case lane::visit: return "Visits";
    case lane::core_group: return "Core groups";
  }
  return "";
}
const char* lane_short(lane l) {
  switch (l) {
    case lane::review: return "Reviews";
    case lane::midway: return "Midway";
    case lane::visit: return "Visits";
    case lane::core_group: return "Core groups";
  }
  return "";
}
std::optional<lane> lane_of_event(const event& e) {
  if (std::holds_alternative<initial_conference>(e.data) || std::holds_alternative<review_conference>(e.data) ||
      std::holds_alternative<transfer_in_conference>(e.data) || std::holds_alternative<lac_review>(e.data)) {
    return lane::review;
  }
  if (std::holds_alternative<midway_review>(e.data)) return lane::midway;
  if (std::holds_alternative<visit>(e.data)) return lane::visit;
  if (std::holds_alternative<core_group>(e.data)) return lane::core_group;
  return std::nullopt;
}
lane lane_of_item(item_kind k) {
  switch (k) {
    case item_kind::midway_review: return lane::midway;
    case item_kind::visit: return lane::visit;
    case item_kind::core_group: return lane::core_group;
    case item_kind::icpc:
    case item_kind::transfer_in_conference:
    case item_kind::rcpc:
    case item_kind::lac_review: return lane::review;
  }
  return lane::review;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string timeline(const case_view& v, date as_of, const report_options& options) {
  const child_case& c = *v.c;
  const case_schedule& s = *v.sched;
  date start = as_of - months(options.timeline_months);
  if (!c.history().empty() && c.history().front().date() > start) start = c.history().front().date();
  if (start >= as_of) start = as_of - calendar_days(28);
  date end = as_of + calendar_days(options.horizon_days);
  for (const due_item& item : s.items()) {
    if (item.due && *item.due > end && *item.due <= as_of + calendar_days(400)) end = *item.due;
  }
  end = end + calendar_days(7);
  const double left = 130, width = 610, lane_height = 30, top = 26;
  const double span_days = static_cast<double>((end - start).count());
  auto x = [&](date d) {
    const double t = static_cast<double>((std::clamp(d, start, end) - start).count()) / span_days;
    return left + t * width;
  };
  auto y = [&](lane l) { return top + lane_height * static_cast<double>(static_cast<int>(l)) + lane_height / 2; };
  const double height = top + lane_height * 4 + 40;
  const std::string id = "tl-" + c.id().str();

  // The text alternative: what the picture shows, in words.
  std::array<std::size_t, 4> counts{};
  for (const event& e : c.history()) {
    if (e.date() < start || e.date() > as_of) continue;
    if (auto l = lane_of_event(e)) ++counts[static_cast<std::size_t>(*l)];
  }
  std::string desc = "Timeline from " + start.to_iso() + " to " + end.to_iso() + ", as of " + as_of.to_iso() + ". ";
  for (lane l : lanes) desc += std::string(lane_name(l)) + ": " + std::to_string(counts[static_cast<std::size_t>(l)]) + ". ";
  std::size_t gaps = 0;
  std::string gap_words;
  for (const interval_check& h : s.history) {
    if (h.kept || h.to < start) continue;
    ++gaps;
    gap_words += " " + h.explanation + ".";
  }
  desc += gaps == 0 ? "No gaps over policy in this period." : std::to_string(gaps) + " gap" + (gaps == 1 ? "" : "s") + " over policy:" + gap_words;
  desc += " Next:";
  for (const due_item& item : s.items()) {
    if (item.due) desc += " " + item.explanation + " (" + std::string(to_string(item.status)) + ").";
  }

  std::string out = "<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 760 " + fixed(height) + "\" aria-labelledby=\"" + id +
                    "-t " + id + "-d\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  out += "<title id=\"" + id + "-t\">Timeline of case " + esc(c.id().str()) + "</title>\n";
  out += "<desc id=\"" + id + "-d\">" + esc(desc) + "</desc>\n";
  for (lane l : lanes) {
    const double ly = y(l);
    out += "<text class=\"lane\" x=\"4\" y=\"" + fixed(ly + 4) + "\">" + lane_short(l) + "</text>";
    out += "<line class=\"axis\" x1=\"" + fixed(left) + "\" x2=\"" + fixed(left + width) + "\" y1=\"" + fixed(ly) + "\" y2=\"" +
           fixed(ly) + "\"/>\n";
  }
  // Gaps over policy: a band from the anchor to the event that closed it (or the as-of date).
  for (const interval_check& h : s.history) {
    if (h.kept || h.to < start) continue;
    const double ly = y(lane_of_item(h.kind));
    const double x0 = x(h.from), x1 = std::max(x(h.to), x0 + 2);
    out += "<rect class=\"gap\" x=\"" + fixed(x0) + "\" y=\"" + fixed(ly - 9) + "\" width=\"" + fixed(x1 - x0) +
           "\" height=\"18\"><title>" + esc(h.explanation) + "</title></rect>\n";
  }
  // What happened.
  for (const event& e : c.history()) {
    if (e.date() < start || e.date() > as_of) continue;
    const auto l = lane_of_event(e);
    if (!l) continue;
    const double ex = x(e.date()), ey = y(*l);
    const std::string tip = "<title>" + esc(std::string(e.kind())) + " " + e.date().to_iso() + "</title>";
    switch (*l) {
      case lane::review: out += "<circle class=\"ev review\" cx=\"" + fixed(ex) + "\" cy=\"" + fixed(ey) + "\" r=\"6\">" + tip + "</circle>"; break;
      case lane::midway:
        out += "<rect class=\"ev midway\" x=\"" + fixed(ex - 5) + "\" y=\"" + fixed(ey - 5) + "\" width=\"10\" height=\"10\" transform=\"rotate(45 " +
               fixed(ex) + " " + fixed(ey) + ")\">" + tip + "</rect>";
        break;
      case lane::visit: out += "<rect class=\"ev visit\" x=\"" + fixed(ex - 1.5) + "\" y=\"" + fixed(ey - 7) + "\" width=\"3\" height=\"14\">" + tip + "</rect>"; break;
      case lane::core_group: out += "<rect class=\"ev core\" x=\"" + fixed(ex - 5) + "\" y=\"" + fixed(ey - 5) + "\" width=\"10\" height=\"10\">" + tip + "</rect>"; break;
    }
  }
  out += "\n";
  // The as-of date.
  const double ax = x(as_of);
  out += "<line class=\"asof\" x1=\"" + fixed(ax) + "\" x2=\"" + fixed(ax) + "\" y1=\"" + fixed(top - 4) + "\" y2=\"" + fixed(top + lane_height * 4) + "\"/>";
  out += "<text class=\"tick\" x=\"" + fixed(ax) + "\" y=\"" + fixed(height - 20) + "\" text-anchor=\"middle\">as of " + as_of.to_iso() + "</text>\n";
  out += "<text class=\"tick\" x=\"" + fixed(left) + "\" y=\"" + fixed(height - 6) + "\">" + start.to_iso() + "</text>";
  out += "<text class=\"tick\" x=\"" + fixed(left + width) + "\" y=\"" + fixed(height - 6) + "\" text-anchor=\"end\">" + end.to_iso() + "</text>\n";
  // The next due items: a marker at the due date, shaped by status.
  for (const due_item& item : s.items()) {
    if (!item.due || *item.due > end) continue;
    const double ix = x(*item.due), iy = y(lane_of_item(item.kind));
    const std::string status(to_string(item.status));
    out += "<path class=\"due " + status + "\" d=\"M" + fixed(ix) + " " + fixed(iy - 14) + " l-7 -9 h14 z\"><title>" + esc(item.explanation) +
           " (" + status + ")</title></path>";
  }
  out += "\n</svg>\n";
  return out;
}

constexpr const char* style = R"(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 0 1.5rem 3rem; }
header { background: #14365d; color: #ffffff; padding: 1.2rem 1.5rem; }
header h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
header p { margin: 0; }
a { color: #0b4f8a; }
a:focus, summary:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #ffffff; color: #0b4f8a; padding: .5rem; }
.skip:focus { left: .5rem; }
nav ul { columns: 5 9rem; padding-left: 1.2rem; }
h2 { border-bottom: 2px solid #14365d; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num.bad { background: #fbe3e6; font-weight: bold; }
.status { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-weight: 600; white-space: nowrap; }
.status.overdue { background: #b00020; color: #ffffff; }
.status.due_soon { background: #ffd166; color: #1a1a1a; }
.status.upcoming { background: #1f5f99; color: #ffffff; }
.status.done, .status.not_required, .status.not_applicable { background: #e0e0e0; color: #1a1a1a; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.summary li { border: 1px solid #8c8c8c; border-radius: .4rem; padding: .5rem .9rem; min-width: 8rem; }
.summary strong { display: block; font-size: 1.5rem; }
section.case { border-top: 1px solid #8c8c8c; padding-top: .5rem; margin-top: 1.5rem; }
section.case h3 { margin: .3rem 0; }
.meta { color: #404040; margin: 0 0 .4rem; }
svg.timeline { width: 100%; max-width: 760px; height: auto; display: block; }
svg .lane, svg .tick { font: 11px system-ui, Arial, sans-serif; fill: #1a1a1a; }
svg .axis { stroke: #8c8c8c; stroke-width: 1; }
svg .asof { stroke: #1a1a1a; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .gap { fill: #b00020; fill-opacity: .22; stroke: #b00020; stroke-width: 1.5; }
svg .ev.review { fill: #14365d; }
svg .ev.midway { fill: #6a3d9a; }
svg .ev.visit { fill: #2e7d32; }
svg .ev.core { fill: #8a4b08; }
svg .due { stroke: #1a1a1a; stroke-width: 1; }
svg .due.overdue { fill: #b00020; }
svg .due.due_soon { fill: #ffd166; }
svg .due.upcoming { fill: #1f5f99; }
svg .due.done, svg .due.not_required, svg .due.not_applicable { fill: #e0e0e0; }
.legend { font-size: .9rem; color: #404040; }
.findings li { margin: .2rem 0; }
@media print {
  nav, .skip { display: none; }
  header { background: none; color: #000000; border-bottom: 2px solid #000000; }
  section.case { break-inside: avoid; }
  a { color: #000000; text-decoration: none; }
}
)";

}  // namespace

std::string to_html(const case_schedule& s) {
  std::string out = "<table class=\"midway-schedule\">\n<caption>Schedule of case " + esc(s.case_id.str()) + " (" +
                    std::string(to_string(s.kind)) + ") as of " + s.as_of.to_iso() +
                    "</caption>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th>"
                    "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n";
  for (const due_item& item : s.items()) {
    if (item.status == item_status::not_applicable) continue;
    out += "<tr><td>" + esc(std::string(to_string(item.kind))) + "</td><td>" + (item.due ? item.due->to_iso() : std::string()) +
           "</td><td>" + badge(item.status) + "</td><td>" + esc(item.explanation) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  std::string gaps;
  for (const interval_check& h : s.history) {
    if (!h.kept) gaps += "<li>" + esc(h.explanation) + "</li>\n";
  }
  if (!gaps.empty()) out += "<p>Gaps over policy:</p>\n<ul class=\"midway-gaps\">\n" + gaps + "</ul>\n";
  return out;
}

std::string to_html(const child_case& c) {
  std::string out = "<table class=\"midway-case\">\n<caption>Case " + esc(c.id().str()) + " (" + std::string(to_string(c.kind())) +
                    "), child " + esc(c.child().str());
  for (role r : all_roles()) {
    if (const person* p = c.person_in(r)) out += "; " + esc(std::string(display_name(r))) + " " + esc(p->id.str());
  }
  out += "</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Event</th><th scope=\"col\">Id</th></tr></thead>\n<tbody>\n";
  for (const event& e : c.history()) {
    out += "<tr><td>" + e.date().to_iso() + "</td><td>" + esc(std::string(e.kind())) + "</td><td>" + esc(e.id.str()) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

std::string html_report(const caseload& cl, date as_of, const policy& pol, const calendar& cal, const report_options& options) {
  const worklist w = make_worklist(cl, as_of, pol, cal, worklist_options{.horizon_days = options.horizon_days});
  const drift_report dr = drift_report_for(cl, as_of, pol, cal);
  std::map<std::string, std::vector<finding>> findings_of;
  for (const escalation_list& l : dr.escalations) {
    for (const escalation_case& ec : l.cases) findings_of[ec.case_id.str()] = ec.findings;
  }

  std::vector<case_view> views;
  std::map<std::string, tally> by_manager, by_worker;
  tally total;
  for (const child_case& c : cl.cases) {
    case_view v;
    v.c = &c;
    try {
      v.sched = schedule(c, as_of, pol, cal);
    } catch (const error& e) {
      v.problem = std::string(to_string(e.code())) + ": " + e.what();
    }
    if (auto it = findings_of.find(c.id().str()); it != findings_of.end()) v.findings = it->second;
    const person* tm = c.person_in(role::team_manager);
    const person* sw = c.person_in(role::social_worker);
    for (tally* t : {&by_manager[tm ? tm->id.str() : ""], &by_worker[sw ? sw->id.str() : ""], &total}) {
      ++t->cases;
      t->findings += v.findings.size();
      if (v.sched) {
        for (const due_item& item : v.sched->items()) t->add(item, as_of, options.horizon_days);
      }
    }
    views.push_back(std::move(v));
  }
  std::size_t with_findings = 0;
  for (const case_view& v : views) with_findings += v.findings.empty() ? 0u : 1u;

  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>midway caseload report as of " + as_of.to_iso() + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
  out += "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n";
  out += "<header>\n<h1>Caseload report as of " + as_of.to_iso() + "</h1>\n<p>Policy " + esc(pol.name) + ", bank holidays of " +
         std::string(to_string(cal.division())) + "; items due within " + std::to_string(options.horizon_days) +
         " days are counted as upcoming. Written by midway " + std::string(version) + ".</p>\n</header>\n";
  out += "<main id=\"main\">\n";
  out += "<h2 id=\"summary\">Summary</h2>\n<ul class=\"summary\">\n";
  out += "<li><strong>" + std::to_string(views.size()) + "</strong> cases</li>\n";
  out += "<li><strong>" + std::to_string(total.overdue) + "</strong> items overdue</li>\n";
  out += "<li><strong>" + std::to_string(total.due_soon) + "</strong> items due soon</li>\n";
  out += "<li><strong>" + std::to_string(total.upcoming) + "</strong> items upcoming</li>\n";
  out += "<li><strong>" + std::to_string(with_findings) + "</strong> cases with drift findings (" + std::to_string(total.findings) +
         " findings)</li>\n</ul>\n";

  out += "<nav aria-label=\"Cases\">\n<h2 id=\"contents\">Cases</h2>\n<ul>\n";
  for (const case_view& v : views) {
    out += "<li><a href=\"#case-" + esc(v.c->id().str()) + "\">" + esc(v.c->id().str()) + "</a></li>\n";
  }
  out += "</ul>\n</nav>\n";

  auto people_table = [&](const std::string& heading, const std::string& id, const std::string& who,
                          const std::map<std::string, tally>& rows) {
    out += "<h2 id=\"" + id + "\">" + heading + "</h2>\n<table>\n<thead><tr><th scope=\"col\">" + who +
           "</th><th scope=\"col\">Cases</th><th scope=\"col\">Overdue</th><th scope=\"col\">Due soon</th>"
           "<th scope=\"col\">Upcoming</th><th scope=\"col\">Drift findings</th></tr></thead>\n<tbody>\n";
    for (const auto& [key, t] : rows) {
      out += "<tr><th scope=\"row\">" + (key.empty() ? std::string("(none recorded)") : esc(key)) + "</th>" + count_cell(t.cases) +
             count_cell(t.overdue, "bad") + count_cell(t.due_soon) + count_cell(t.upcoming) + count_cell(t.findings, "bad") + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  };
  people_table("By team manager", "team-managers", "Team manager", by_manager);
  people_table("By social worker", "workers", "Social worker", by_worker);

  out += "<h2 id=\"people\">By IRO, Chair and CPA</h2>\n<table>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Person</th>"
         "<th scope=\"col\">Overdue</th><th scope=\"col\">Due soon</th><th scope=\"col\">Upcoming</th></tr></thead>\n<tbody>\n";
  for (const worklist_group& g : w.groups) {
    if (g.role == role::social_worker) continue;
    tally t;
    for (const worklist_entry& e : g.entries) t.add(e.item, as_of, options.horizon_days);
    out += "<tr><td>" + esc(std::string(display_name(g.role))) + "</td><th scope=\"row\">" +
           (g.person ? esc(g.person->str()) : std::string("(unassigned)")) + "</th>" + count_cell(t.overdue, "bad") +
           count_cell(t.due_soon) + count_cell(t.upcoming) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";

  out += "<h2 id=\"cases\">Each case</h2>\n<p class=\"legend\">Timelines: circles are conferences and reviews, diamonds midway "
         "reviews, bars visits, squares core groups; shaded red bands are gaps over policy; triangles mark the next due items "
         "(red overdue, yellow due soon, blue upcoming); the dashed line is the as-of date. Each timeline is described in "
         "words for screen readers, and the table above it lists the same items.</p>\n";
  for (const case_view& v : views) {
    const child_case& c = *v.c;
    const std::string cid = esc(c.id().str());
    out += "<section class=\"case\" id=\"case-" + cid + "\" aria-labelledby=\"h-" + cid + "\">\n<h3 id=\"h-" + cid + "\">" + cid + " (" +
           std::string(to_string(c.kind())) + ")</h3>\n<p class=\"meta\">child id " + esc(c.child().str());
    for (role r : {role::social_worker, role::team_manager, role::iro, role::chair, role::cpa}) {
      if (const person* p = c.person_in(r)) out += "; " + esc(std::string(display_name(r))) + " " + esc(p->id.str());
    }
    out += "</p>\n";
    if (!v.sched) {
      out += "<p><strong>Could not be scheduled:</strong> " + esc(v.problem) + "</p>\n</section>\n";
      continue;
    }
    out += to_html(*v.sched);
    if (!v.findings.empty()) {
      out += "<p>Drift findings:</p>\n<ul class=\"findings\">\n";
      for (const finding& f : v.findings) {
        out += "<li><strong>" + esc(std::string(to_string(f.severity))) + "</strong> " + esc(f.rule) + ": " + esc(f.explanation) + "</li>\n";
      }
      out += "</ul>\n";
    }
    out += timeline(v, as_of, options);
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace midway
