// Review timeliness per child against policy: LAC reviews, ICPCs, RCPCs.
#include "common.hpp"
#include "../drivers.hpp"

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>
#include <iomanip>
#include <map>
#include <sstream>

namespace midway {

namespace {

constexpr auto& icpc_anchor_names = detail::enum_traits<icpc_anchor>::table;

constexpr auto& timeliness_status_names = detail::enum_traits<timeliness_status>::table;

std::string title(item_kind k, std::int32_t number) {
  switch (k) {
    case item_kind::icpc: return "ICPC";
    case item_kind::rcpc: return "RCPC " + std::to_string(number);
    case item_kind::lac_review: return "LAC review " + std::to_string(number);
    case item_kind::transfer_in_conference: return "transfer-in conference";
    case item_kind::midway_review: return "midway review";
    case item_kind::visit: return "visit";
    case item_kind::core_group: return "core group";
  }
  return "?";
}

std::string anchor_title(std::string_view anchor) {
  if (anchor == "s47_start") return "the s.47 start";
  if (anchor == "strategy_discussion") return "the s.47 strategy discussion";
  if (anchor == "started_looked_after") return "the start of care";
  if (anchor == "icpc") return "the ICPC";
  if (anchor == "transfer_in_conference") return "the transfer-in conference";
  if (anchor == "rcpc") return "the RCPC";
  if (anchor == "lac_review") return "the LAC review";
  if (anchor == "birth") return "the birth";  // a pre-birth plan's first RCPC (issue 16)
  return std::string(anchor);
}

// The review chain of one kernel run (drivers.hpp) as timeliness rows.
class measurer {
 public:
  measurer(const child_case& c, const kernel::rules& x, const detail::case_run& run, std::vector<timeliness_row>& out)
      : c_(c), x_(x), run_(run), out_(out) {}

  void run() {
    std::int32_t number = 0;
    bool anchored = false;
    for (const kernel::interval& i : run_.intervals) {
      if (i.kind == item_kind::icpc) {
        measured(i, item_kind::icpc, 0);
        continue;
      }
      if (i.kind != item_kind::rcpc && i.kind != item_kind::lac_review) continue;
      if (!anchored) {
        anchored = true;
        const std::uint8_t k = kind(i.from_row);
        if (k == kernel::code<review_conference> || k == kernel::code<lac_review>) {
          // A partial history: its first review has nothing to count from; it anchors the next.
          ++number;
          timeliness_row r = row(i.kind, number, "", std::nullopt);
          r.held = event_at(i.from_row).date();
          r.status = timeliness_status::not_assessed;
          r.explanation = title(i.kind, number) + " held " + r.held->to_iso() +
                          ": the return starts mid-period, so nothing anchors it; it anchors the next";
          out_.push_back(std::move(r));
        }
      }
      ++number;
      measured(i, i.kind, number);
    }
  }

 private:
  const event& event_at(std::int32_t row) const { return c_.history()[static_cast<std::size_t>(row)]; }
  std::uint8_t kind(std::int32_t row) const { return static_cast<std::uint8_t>(event_at(row).data.index()); }

  std::string anchor_name(std::int32_t row) const {
    const std::uint8_t k = kind(row);
    if (k == kernel::code<s47_enquiry>) return "s47_start";
    if (k == kernel::code<strategy_discussion>) return "strategy_discussion";
    if (k == kernel::code<initial_conference>) return "icpc";
    if (k == kernel::code<review_conference>) return "rcpc";
    return std::string(event_at(row).kind());
  }

  timeliness_row row(item_kind item, std::int32_t number, std::string anchor, std::optional<date> anchor_date) const {
    return timeliness_row{.case_id = c_.id(),
                          .child_id = c_.child(),
                          .kind = c_.kind(),
                          .item = item,
                          .number = number,
                          .anchor = std::move(anchor),
                          .anchor_date = anchor_date,
                          .due = std::nullopt,
                          .held = std::nullopt,
                          .status = timeliness_status::pending,
                          .days_late = 0,
                          .explanation = {}};
  }

  // An interval of the chain: held on its closing event, or not held (then measured against the
  // end of the plan or care, or the as-of date).
  void measured(const kernel::interval& i, item_kind item, std::int32_t number) {
    timeliness_row r = row(item, number, anchor_name(i.from_row), kernel::rules::to_date(i.from));
    const date due = kernel::rules::to_date(i.limit), as_of = kernel::rules::to_date(x_.as_of);
    r.due = due;
    std::string text = title(item, number) + " due " + due.to_iso() + " (" + to_string(i.used) + " after " + anchor_title(r.anchor) +
                       " of " + r.anchor_date->to_iso() + "): ";
    if (!i.open) {
      const date held = kernel::rules::to_date(i.to);
      r.held = held;
      r.status = held <= due ? timeliness_status::on_time : timeliness_status::late;
      r.days_late = std::max(0, (held - due).count());
      text += "held " + held.to_iso() + (r.days_late ? ", " + std::to_string(r.days_late) + " days late" : ", on time");
    } else if (i.ended) {
      const date end = kernel::rules::to_date(i.to);
      if (due >= end) return;  // the plan or care ended before it fell due
      r.status = timeliness_status::missed;
      r.days_late = (end - due).count();
      text += std::string("never held; ") + (c_.kind() == case_kind::cp ? "the plan ended " : "care ended ") + end.to_iso();
    } else if (due < as_of) {
      r.status = timeliness_status::overdue;
      r.days_late = (as_of - due).count();
      text += "not held by " + as_of.to_iso() + ", " + std::to_string(r.days_late) + " days overdue";
    } else {
      r.status = timeliness_status::pending;
      text += "not yet due on " + as_of.to_iso();
    }
    r.explanation = std::move(text);
    out_.push_back(std::move(r));
  }

  const child_case& c_;
  const kernel::rules& x_;
  const detail::case_run& run_;
  std::vector<timeliness_row>& out_;
};

std::string opt_iso(const std::optional<date>& d) { return d ? d->to_iso() : ""; }

}  // namespace

std::string_view to_string(icpc_anchor a) noexcept { return detail::name_of(icpc_anchor_names, a); }
icpc_anchor icpc_anchor_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<icpc_anchor>(text, field);
}
std::string_view to_string(timeliness_status s) noexcept { return detail::name_of(timeliness_status_names, s); }
timeliness_status timeliness_status_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<timeliness_status>(text, field);
}

std::size_t timeliness_report::count(timeliness_status status, std::optional<item_kind> item) const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const timeliness_row& r) {
    return r.status == status && (!item || r.item == *item);
  }));
}

timeliness_report review_timeliness(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                                    const timeliness_options& options) {
  timeliness_report report{.as_of = as_of, .rows = {}, .problems = {}};
  const kernel::rules x(pol, cal, as_of, options.anchor);
  for (const child_case& c : cl.cases) {
    const std::size_t before = report.rows.size();
    try {
      detail::case_run run;
      detail::run_case(c, x, run);
      measurer(c, x, run, report.rows).run();
    } catch (const midway::error& e) {
      report.rows.erase(report.rows.begin() + static_cast<std::ptrdiff_t>(before), report.rows.end());
      report.problems.push_back(worklist_problem{.case_id = c.id(), .code = e.code(), .field = e.field(), .message = e.message()});
    }
  }
  return report;
}

std::string to_csv(const timeliness_report& r) {
  std::string out = "case_id,child_id,case_kind,item,number,anchor,anchor_date,due,held,status,days_late,explanation\r\n";
  for (const timeliness_row& x : r.rows) {
    for (const std::string& f : {x.case_id.str(), x.child_id.str(), std::string(to_string(x.kind)), std::string(to_string(x.item)),
                                 std::to_string(x.number), x.anchor, opt_iso(x.anchor_date), opt_iso(x.due), opt_iso(x.held),
                                 std::string(to_string(x.status)), std::to_string(x.days_late)}) {
      interop::append_csv_field(out, f);
      out += ',';
    }
    interop::append_csv_field(out, x.explanation);
    out += "\r\n";
  }
  return out;
}

std::string to_table(const timeliness_report& r) {
  std::ostringstream out;
  out << "Review timeliness as of " << r.as_of << "\n\n";
  out << std::left << std::setw(22) << "case" << std::setw(14) << "child" << std::setw(12) << "item" << std::setw(12) << "due"
      << std::setw(12) << "held" << std::setw(13) << "status" << "days late\n";
  for (const timeliness_row& x : r.rows) {
    const std::string item = x.number ? std::string(to_string(x.item)) + " " + std::to_string(x.number) : std::string(to_string(x.item));
    out << std::setw(22) << x.case_id.str() << std::setw(14) << x.child_id.str() << std::setw(12) << item << std::setw(12)
        << opt_iso(x.due) << std::setw(12) << opt_iso(x.held) << std::setw(13) << to_string(x.status);
    if (x.days_late) out << x.days_late;
    out << "\n";
  }
  out << "\nSummary\n";
  std::map<std::string, std::map<timeliness_status, std::size_t>> by_item;
  for (const timeliness_row& x : r.rows) ++by_item[std::string(to_string(x.item))][x.status];
  for (const auto& [item, counts] : by_item) {
    std::size_t total = 0, measured = 0, on_time = 0;
    for (const auto& [s, n] : counts) {
      total += n;
      if (s == timeliness_status::on_time || s == timeliness_status::late || s == timeliness_status::missed ||
          s == timeliness_status::overdue) {
        measured += n;
      }
      if (s == timeliness_status::on_time) on_time += n;
    }
    out << "  " << std::setw(12) << item << total << " rows:";
    for (const auto& [s, n] : counts) out << " " << to_string(s) << " " << n << ";";
    if (measured) out << " on time " << static_cast<double>(on_time * 1000 / measured) / 10.0 << "% of those due";
    out << "\n";
  }
  for (const auto& p : r.problems) out << "problem: case " << p.case_id << ": " << p.message << " (field '" << p.field << "')\n";
  return out.str();
}

}  // namespace midway
