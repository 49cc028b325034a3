#include <midway/schedule.hpp>

#include "drivers.hpp"

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>

namespace midway {

namespace {

constexpr auto& item_kind_names = detail::enum_traits<item_kind>::table;
constexpr auto& item_status_names = detail::enum_traits<item_status>::table;

// Plain-English names for explanations.
std::string title(item_kind k) {
  switch (k) {
    case item_kind::icpc: return "ICPC";
    case item_kind::transfer_in_conference: return "Transfer-in conference";
    case item_kind::rcpc: return "RCPC";
    case item_kind::lac_review: return "LAC review";
    case item_kind::midway_review: return "Midway review";
    case item_kind::visit: return "Visit";
    case item_kind::core_group: return "Core group";
  }
  return "?";
}

std::string of(const child_case& c, std::int32_t row) {
  const event& e = c.history()[static_cast<std::size_t>(row)];
  return "the " + std::string(kernel::title_of_code(static_cast<std::uint8_t>(e.data.index()))) + " of " + e.date().to_iso();
}

std::string iso(std::int32_t day) { return kernel::rules::to_date(day).to_iso(); }

std::string not_applicable_why(const child_case& c, const kernel::result& r, const kernel::due& d) {
  switch (d.why) {
    case kernel::no_due::none: return "";
    case kernel::no_due::lac_core_group: return "core groups are for CP plans only";
    case kernel::no_due::no_plan_yet: return "no CP plan yet";
    case kernel::no_due::no_strategy: return "no strategy discussion has started a s.47 enquiry";
    case kernel::no_due::ended:
      return std::string(c.kind() == case_kind::cp ? "the CP plan ended" : "the child ceased to be looked after") + " on " +
             c.history()[static_cast<std::size_t>(r.end_row)].date().to_iso() + ": nothing is due";
    case kernel::no_due::no_start_of_care: return "no start of care recorded";
    case kernel::no_due::cp_short_interval:
      return "no midway review between the " +
             std::string(kernel::title_of_code(static_cast<std::uint8_t>(c.history()[static_cast<std::size_t>(d.anchor)].data.index()))) +
             " that started the plan and the first RCPC";
    case kernel::no_due::lac_short_interval: return "midway reviews fall between 6-monthly reviews only";
  }
  return "";
}

due_item render_due(const child_case& c, const kernel::result& r, const kernel::due& d, const std::vector<std::int32_t>& midway_events) {
  const auto id_of = [&](std::int32_t row) { return c.history()[static_cast<std::size_t>(row)].id; };
  if (d.status == item_status::not_applicable) {
    return {.kind = d.kind, .due = std::nullopt, .status = item_status::not_applicable, .from = {},
            .explanation = not_applicable_why(c, r, d)};
  }
  due_item item{.kind = d.kind, .due = kernel::rules::to_date(d.day), .status = d.status, .from = {id_of(d.anchor)}, .explanation = {}};
  std::string how;
  switch (d.how) {
    case kernel::basis::period_after:
    case kernel::basis::pre_birth:
    case kernel::basis::midway_fixed: how = to_string(d.used) + " after " + of(c, d.anchor); break;
    case kernel::basis::midway_set:
    case kernel::basis::midway_arranged: how = "set at " + of(c, d.anchor) + " (Chair's Report)"; break;
    case kernel::basis::midway_rescheduled: {
      const auto& last = c.midway_reviews[static_cast<std::size_t>(d.meeting)].reschedules.back();
      how = "rescheduled from " + last.from_date.to_iso() + " (" + last.reason + ")";
      break;
    }
    case kernel::basis::midway_halfway:
      how = "halfway between " + of(c, d.anchor) + " and the next review, due " + iso(d.next_due);
      break;
  }
  item.explanation = title(d.kind) + " due " + iso(d.day) + ": " + how;
  if (d.how == kernel::basis::pre_birth) item.explanation += " (pre-birth plan)";
  if (d.kind != item_kind::midway_review) return item;
  for (const std::int32_t row : midway_events) {
    const event& e = c.history()[static_cast<std::size_t>(row)];
    const auto& m = std::get<midway_review>(e.data);
    item.from.push_back(e.id);
    if (m.outcome == midway_outcome::held) {
      item.explanation = "Midway review held on " + e.date().to_iso() + " (due " + iso(d.day) + ")";
    } else {
      item.explanation = "Midway review not required: decided by the " +
                         (m.decided_by ? std::string(display_name(*m.decided_by)) : std::string("?")) + " on " + e.date().to_iso() +
                         (m.reason.empty() ? "" : " (" + m.reason + ")");
    }
  }
  return item;
}

std::string_view interval_what(item_kind k) {
  switch (k) {
    case item_kind::icpc: return "ICPC timeliness";
    case item_kind::transfer_in_conference: return "transfer-in conference timeliness";
    case item_kind::rcpc:
    case item_kind::lac_review: return "review interval";
    case item_kind::visit: return "visit gap";
    case item_kind::core_group: return "core group gap";
    case item_kind::midway_review: return "midway review";
  }
  return "?";
}

}  // namespace

std::string_view to_string(item_kind k) noexcept { return detail::name_of(item_kind_names, k); }
item_kind item_kind_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<item_kind>(text, field);
}
std::string_view to_string(item_status s) noexcept { return detail::name_of(item_status_names, s); }
item_status item_status_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<item_status>(text, field);
}

namespace detail {

void run_case(const child_case& c, const kernel::rules& x, case_run& out) {
  const kernel::case_view v = kernel::view_of(c, out.storage);
  out.result = kernel::run(v, x, out);
}

interval_check render_interval(const child_case& c, const kernel::rules& x, const kernel::interval& i) {
  const date from = kernel::rules::to_date(i.from), to = kernel::rules::to_date(i.to), limit = kernel::rules::to_date(i.limit);
  interval_check g{.kind = i.kind,
                   .from = from,
                   .to = to,
                   .limit = limit,
                   .length = length_in(from, to, i.used.unit, x.pol, x.cal),
                   .unit = i.used.unit,
                   .kept = i.kept,
                   .open = i.open,
                   .events = {},
                   .explanation = {}};
  if (i.from_row >= 0) g.events.push_back(c.history()[static_cast<std::size_t>(i.from_row)].id);
  if (i.to_row >= 0) g.events.push_back(c.history()[static_cast<std::size_t>(i.to_row)].id);
  std::string length = to_string(period{g.length, i.used.unit});
  if (i.used.unit == period_unit::week || i.used.unit == period_unit::month) {
    length = to_string(period{(to - from).count(), period_unit::calendar_day});
  }
  g.explanation = std::string(interval_what(i.kind)) + " " + from.to_iso() + " to " + (i.open ? to.to_iso() + " (open)" : to.to_iso()) +
                  ": " + length + (g.kept ? ", within " : ", over the ") + to_string(i.used) + (g.kept ? "" : " allowed") +
                  " (limit " + limit.to_iso() + ")";
  return g;
}

case_schedule render_schedule(const child_case& c, const kernel::rules& x, const case_run& run) {
  const kernel::result& r = run.result;
  case_schedule s{.case_id = c.id(),
                  .kind = c.kind(),
                  .as_of = kernel::rules::to_date(x.as_of),
                  .next_review = render_due(c, r, r.review, run.midway_events),
                  .midway_review = render_due(c, r, r.midway, run.midway_events),
                  .next_visit = render_due(c, r, r.visit, run.midway_events),
                  .next_core_group = render_due(c, r, r.core_group, run.midway_events),
                  .history = {}};
  for (const kernel::interval& i : run.intervals) {
    // Open intervals are reported once past their limit; the open review interval of a plan or
    // care that ended is not reported (it never closes: review_timeliness() calls it missed).
    if (i.open && i.kept) continue;
    if (i.open && i.ended && (i.kind == item_kind::rcpc || i.kind == item_kind::lac_review)) continue;
    s.history.push_back(render_interval(c, x, i));
  }
  return s;
}

}  // namespace detail

case_schedule schedule(const child_case& c, date as_of, const policy& pol, const calendar& cal) {
  const kernel::rules x(pol, cal, as_of);
  detail::case_run run;
  detail::run_case(c, x, run);
  return detail::render_schedule(c, x, run);
}

}  // namespace midway
