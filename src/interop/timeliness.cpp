// Review timeliness per child against policy: LAC reviews, ICPCs, RCPCs.
#include "common.hpp"

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>
#include <iomanip>
#include <map>
#include <sstream>

namespace midway {

namespace {

constexpr std::array<detail::enum_name<icpc_anchor>, 2> icpc_anchor_names{{
    {icpc_anchor::strategy_discussion, "strategy_discussion"},
    {icpc_anchor::s47_start, "s47_start"},
}};

constexpr std::array<detail::enum_name<timeliness_status>, 7> timeliness_status_names{{
    {timeliness_status::on_time, "on_time"},
    {timeliness_status::late, "late"},
    {timeliness_status::missed, "missed"},
    {timeliness_status::overdue, "overdue"},
    {timeliness_status::pending, "pending"},
    {timeliness_status::not_assessed, "not_assessed"},
    {timeliness_status::not_required, "not_required"},
}};

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
  return std::string(anchor);
}

class measurer {
 public:
  measurer(const child_case& c, date as_of, const policy& pol, const calendar& cal, const timeliness_options& options,
           std::vector<timeliness_row>& out)
      : c_(c), as_of_(as_of), pol_(pol), cal_(cal), options_(options), out_(out) {
    for (const event& e : c.history()) {
      if (e.date() <= as_of) events_.push_back(&e);
    }
  }

  void run() {
    if (c_.kind() == case_kind::lac) {
      lac();
    } else {
      cp();
    }
  }

 private:
  date add(date from, const period& p) const { return add_period(from, p, pol_, cal_); }

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

  // A due item held on `held`, or not held (then measured against `end` or the as-of date).
  void measured(timeliness_row r, const period& p, std::optional<date> held, std::optional<date> end) {
    const date due = add(*r.anchor_date, p);
    r.due = due;
    r.held = held;
    std::string text = title(r.item, r.number) + " due " + due.to_iso() + " (" + to_string(p) + " after " + anchor_title(r.anchor) +
                       " of " + r.anchor_date->to_iso() + "): ";
    if (held) {
      r.status = *held <= due ? timeliness_status::on_time : timeliness_status::late;
      r.days_late = std::max(0, (*held - due).count());
      text += "held " + held->to_iso() + (r.days_late ? ", " + std::to_string(r.days_late) + " days late" : ", on time");
    } else if (end) {
      if (due >= *end) return;  // the plan or care ended before it fell due
      r.status = timeliness_status::missed;
      r.days_late = (*end - due).count();
      text += std::string("never held; ") + (c_.kind() == case_kind::cp ? "the plan ended " : "care ended ") + end->to_iso();
    } else if (due < as_of_) {
      r.status = timeliness_status::overdue;
      r.days_late = (as_of_ - due).count();
      text += "not held by " + as_of_.to_iso() + ", " + std::to_string(r.days_late) + " days overdue";
    } else {
      r.status = timeliness_status::pending;
      text += "not yet due on " + as_of_.to_iso();
    }
    r.explanation = std::move(text);
    out_.push_back(std::move(r));
  }

  void lac() {
    if (auto it = c_.extra.find("short_breaks_only"); it != c_.extra.end() && it->second == "true") {
      timeliness_row r = row(item_kind::lac_review, 0, "", std::nullopt);
      r.status = timeliness_status::not_required;
      r.explanation = "short breaks only (legal status V3/V4): no LAC reviews are due (SSDA903 rule 399)";
      out_.push_back(std::move(r));
      return;
    }
    const event* start = nullptr;
    std::optional<date> end;
    std::vector<const event*> reviews;
    for (const event* e : events_) {
      if (std::holds_alternative<started_looked_after>(e->data) && !start) start = e;
      if (std::holds_alternative<lac_review>(e->data)) reviews.push_back(e);
      if (std::holds_alternative<ceased_looked_after>(e->data) && !e->correction && !end) end = e->date();
    }
    std::string anchor;
    std::optional<date> anchor_date;
    std::size_t first = 0;
    std::int32_t number = 0;
    if (start) {
      anchor = "started_looked_after";
      anchor_date = start->date();
    } else if (!reviews.empty()) {
      timeliness_row r = row(item_kind::lac_review, 1, "", std::nullopt);
      r.held = reviews.front()->date();
      r.status = timeliness_status::not_assessed;
      r.explanation = "LAC review 1 held " + r.held->to_iso() + ": the return starts mid-period, so nothing anchors it; it anchors the next";
      out_.push_back(std::move(r));
      anchor = "lac_review";
      anchor_date = reviews.front()->date();
      first = 1;
      number = 1;
    } else {
      return;
    }
    auto period_for = [&](std::int32_t n) {  // n: the 1-based number of the review due
      if (!start) return pol_.lac_review_interval;
      if (n == 1) return pol_.first_lac_review;
      if (n == 2) return pol_.second_lac_review;
      return pol_.lac_review_interval;
    };
    for (std::size_t i = first; i < reviews.size(); ++i) {
      ++number;
      measured(row(item_kind::lac_review, number, anchor, anchor_date), period_for(number), reviews[i]->date(), std::nullopt);
      anchor = "lac_review";
      anchor_date = reviews[i]->date();
    }
    ++number;
    measured(row(item_kind::lac_review, number, anchor, anchor_date), period_for(number), std::nullopt, end);
  }

  void cp() {
    const event* first_conference = nullptr;
    for (const event* e : events_) {
      if (std::holds_alternative<initial_conference>(e->data) || std::holds_alternative<transfer_in_conference>(e->data)) {
        first_conference = e;
        break;
      }
    }
    std::optional<date> plan_end;
    for (const event* e : events_) {
      if (std::holds_alternative<plan_ended>(e->data) && !e->correction) {
        plan_end = e->date();
        break;
      }
    }
    // The ICPC and what it is measured from.
    const date limit = first_conference ? first_conference->date() : as_of_;
    const event *s47 = nullptr, *strategy = nullptr;
    for (const event* e : events_) {
      if (e->date() > limit) break;
      if (std::holds_alternative<s47_enquiry>(e->data)) s47 = e;
      if (const auto* sd = std::get_if<strategy_discussion>(&e->data); sd && sd->s47_started) strategy = e;
    }
    const event* anchor = options_.anchor == icpc_anchor::strategy_discussion ? (strategy ? strategy : s47) : (s47 ? s47 : strategy);
    const bool is_transfer = first_conference && std::holds_alternative<transfer_in_conference>(first_conference->data);
    if (anchor && !is_transfer) {
      measured(row(item_kind::icpc, 0, anchor == s47 ? "s47_start" : "strategy_discussion", anchor->date()), pol_.icpc_after_strategy,
               first_conference ? std::optional(first_conference->date()) : std::nullopt, plan_end);
    }
    if (!first_conference) return;
    const auto* ic = std::get_if<initial_conference>(&first_conference->data);
    if (ic && !ic->plan_started) return;  // no plan: no reviews

    period first = pol_.first_rcpc_after_icpc;
    if (ic && ic->pre_birth && pol_.pre_birth_first_rcpc.count > 0 &&
        add(first_conference->date(), pol_.pre_birth_first_rcpc) < add(first_conference->date(), first)) {
      first = pol_.pre_birth_first_rcpc;
    }
    std::string anchor_kind = is_transfer ? "transfer_in_conference" : "icpc";
    date anchor_date = first_conference->date();
    std::int32_t number = 0;
    for (const event* e : events_) {
      const auto* rc = std::get_if<review_conference>(&e->data);
      if (!rc || e->date() < first_conference->date()) continue;
      ++number;
      measured(row(item_kind::rcpc, number, anchor_kind, anchor_date), number == 1 ? first : pol_.rcpc_interval, e->date(), std::nullopt);
      anchor_kind = "rcpc";
      anchor_date = e->date();
      if (!rc->plan_continues && !e->correction) return;
    }
    ++number;
    measured(row(item_kind::rcpc, number, anchor_kind, anchor_date), number == 1 ? first : pol_.rcpc_interval, std::nullopt, plan_end);
  }

  const child_case& c_;
  date as_of_;
  const policy& pol_;
  const calendar& cal_;
  const timeliness_options& options_;
  std::vector<timeliness_row>& out_;
  std::vector<const event*> events_;
};

std::string opt_iso(const std::optional<date>& d) { return d ? d->to_iso() : ""; }

}  // namespace

std::string_view to_string(icpc_anchor a) noexcept { return detail::name_of(icpc_anchor_names, a); }
icpc_anchor icpc_anchor_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(icpc_anchor_names, text, field, "ICPC anchor");
}
std::string_view to_string(timeliness_status s) noexcept { return detail::name_of(timeliness_status_names, s); }
timeliness_status timeliness_status_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(timeliness_status_names, text, field, "timeliness status");
}

std::size_t timeliness_report::count(timeliness_status status, std::optional<item_kind> item) const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const timeliness_row& r) {
    return r.status == status && (!item || r.item == *item);
  }));
}

timeliness_report review_timeliness(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                                    const timeliness_options& options) {
  timeliness_report report{.as_of = as_of, .rows = {}, .problems = {}};
  for (const child_case& c : cl.cases) {
    const std::size_t before = report.rows.size();
    try {
      measurer(c, as_of, pol, cal, options, report.rows).run();
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
