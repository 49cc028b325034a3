// midway/schedule.hpp: when is every review, midway review, visit and core group due?
//
// schedule() reads a case's history up to an as-of date and returns, for each kind of
// item, the next due date with its status, the events it was computed from and one line of
// plain English; and, for the history, every interval between visits, core groups and
// reviews with whether it kept to policy. Events dated after the as-of date are ignored.
//
// Rules (docs/schedule.md gives each with its source and setting):
//   CP:  ICPC by policy.icpc_after_strategy after the latest strategy discussion that started a
//        s.47 enquiry; first RCPC first_rcpc_after_icpc after the ICPC (pre-birth: the sooner of
//        that and pre_birth_first_rcpc), later ones rcpc_interval after the previous one;
//        visits cp_visit_interval after the last visit where the child was seen (or the ICPC);
//        first core group first_core_group_after_icpc after the ICPC, then core_group_interval.
//   LAC: first review first_lac_review after the start of care, the second second_lac_review
//        after the first, later ones lac_review_interval; visits per reg 28 from the current
//        placement.
//   Midway: CP cp_midway_after_review after each RCPC; LAC halfway to the next review's due
//        date; only in 6-monthly intervals unless midway_in_short_intervals. A midway date set
//        at the review overrides the computed one and must fall between the two reviews.
//   A review held late re-anchors the next on the date it was actually held. An ended CP plan,
//   or a child no longer looked after, has nothing due.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/calendar.hpp>
#include <midway/case.hpp>
#include <midway/policy.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

enum class item_kind { icpc, transfer_in_conference, rcpc, lac_review, midway_review, visit, core_group };
MIDWAY_ENUM_TRAITS_DESCRIBED(item_kind, 7, "ItemKind", "item kind", "What is due.",
                   {item_kind::icpc, "icpc"},
                   {item_kind::transfer_in_conference, "transfer_in_conference"},
                   {item_kind::rcpc, "rcpc"},
                   {item_kind::lac_review, "lac_review"},
                   {item_kind::midway_review, "midway_review"},
                   {item_kind::visit, "visit"},
                   {item_kind::core_group, "core_group"});
std::string_view to_string(item_kind k) noexcept;  // "icpc", "rcpc", ...
item_kind item_kind_from_string(std::string_view text, std::string_view field = "kind");

enum class item_status { upcoming, due_soon, overdue, done, not_required, not_applicable };
MIDWAY_ENUM_TRAITS_DESCRIBED(item_status, 6, "ItemStatus", "item status", "Where a due item stands on the as-of date.",
                   {item_status::upcoming, "upcoming"},
                   {item_status::due_soon, "due_soon"},
                   {item_status::overdue, "overdue"},
                   {item_status::done, "done"},
                   {item_status::not_required, "not_required"},
                   {item_status::not_applicable, "not_applicable"});
std::string_view to_string(item_status s) noexcept;  // "upcoming", "due_soon", ...
item_status item_status_from_string(std::string_view text, std::string_view field = "status");

struct due_item {
  item_kind kind;
  std::optional<midway::date> due;  // empty when not_applicable
  item_status status;
  std::vector<event_id> from;       // the events the due date was computed from
  std::string explanation;          // "RCPC due 2026-10-20: 6 months after the RCPC of 2026-04-20"
  friend bool operator==(const due_item&, const due_item&) = default;
};

// One interval of the history measured against policy: from an anchor (a conference, a
// visit, a placement) to the event that closed it, or to the as-of date while still open.
struct interval_check {
  item_kind kind;          // visit, core_group, or the conference or review that closed it
  midway::date from;
  midway::date to;
  midway::date limit;      // the latest date policy allowed
  std::int32_t length;     // from..to in `unit`
  period_unit unit;
  bool kept;               // to <= limit
  bool open;               // not closed yet: `to` is the as-of date
  std::vector<event_id> events;
  // "visit gap 2026-03-02 to 2026-03-20: 14 working days, over the 10 working days allowed (limit 2026-03-16)"
  std::string explanation;
  friend bool operator==(const interval_check&, const interval_check&) = default;
};

struct case_schedule {
  midway::case_id case_id;
  case_kind kind;
  midway::date as_of;
  due_item next_review;      // icpc, transfer-in, rcpc or lac_review
  due_item midway_review;
  due_item next_visit;
  due_item next_core_group;  // not_applicable for LAC
  std::vector<interval_check> history;

  std::vector<due_item> items() const { return {next_review, midway_review, next_visit, next_core_group}; }
  friend bool operator==(const case_schedule&, const case_schedule&) = default;
};

// Throws out_of_range_error if a date leaves the calendar's range, or rule_violation_error
// (record_id the case id, field "events['<id>'].midway_date") when a midway date set at a
// review does not fall between that review and the next one's due date.
// Example:
//   child_case c(case_id("CP-1"), child_id("C-1"), case_kind::cp);
//   c.record(strategy_discussion{.date = date(2026, 1, 5), .s47_started = true});
//   auto s = schedule(c, date(2026, 1, 12), policy::england(), calendar());
//   // s.next_review: icpc due 2026-01-26, upcoming
case_schedule schedule(const child_case& c, date as_of, const policy& pol, const calendar& cal);

}  // namespace midway
