// midway/policy.hpp: every timescale and counting convention, as data.
//
// A policy is a plain struct: take a preset and override fields with designated initialisers
// in C++, keyword arguments in Python, or members of a JSON object. Each field says where its
// default comes from (shared/domain.md §3-4; docs/schedule.md has the full list). Points that
// no regulation fixes ("[local]") differ between authorities: set them to your procedures.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/calendar.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace midway {

enum class period_unit { working_day, calendar_day, week, month };
MIDWAY_ENUM_TRAITS_DESCRIBED(period_unit, 4, "PeriodUnit", "period unit", "The unit of a timescale.",
                   {period_unit::working_day, "working_days"},
                   {period_unit::calendar_day, "calendar_days"},
                   {period_unit::week, "weeks"},
                   {period_unit::month, "months"});
std::string_view to_string(period_unit u) noexcept;  // "working_days", ...
period_unit period_unit_from_string(std::string_view text, std::string_view field = "unit");

// A timescale: "15 working days", "6 weeks", "3 months".
struct period {
  std::int32_t count;
  period_unit unit;
  friend bool operator==(const period&, const period&) = default;
};
std::string to_string(const period& p);  // "15 working days", "1 week", "3 months"
// A period from outside input (JSON, Python): every timescale is a length, so a negative count
// throws out_of_range_error naming `field` ("... .count"). 0 is allowed: "no special rule" or
// "at once", as the policy field says.
period checked_period(std::int32_t count, period_unit unit, std::string_view field = "count");

// How months are counted (shared/domain.md §4).
enum class month_basis {
  calendar_months,  // the corresponding date, clamped to the month's end (default)
  fixed_days,       // 3 months = 91 days, 6 months = 183 days (n months = round(n * 365 / 12) days),
                    // as the Standard Safeguarding Dataset's Mosaic extracts count
};
MIDWAY_ENUM_TRAITS_DESCRIBED(month_basis, 2, "MonthBasis", "month basis", "Calendar months, or 91/183-day months.",
                   {month_basis::calendar_months, "calendar_months"},
                   {month_basis::fixed_days, "fixed_days"});
std::string_view to_string(month_basis b) noexcept;
month_basis month_basis_from_string(std::string_view text, std::string_view field = "months");

// What happens to a calendar-period due date (days, weeks, months) that falls on a
// non-working day. Working-day due dates are working days already.
enum class non_working_due {
  previous_working_day,  // brought forward: the safe reading of "within" (default)
  stands,                // left where it falls
  next_working_day,      // moved on
};
MIDWAY_ENUM_TRAITS_DESCRIBED(non_working_due, 3, "NonWorkingDue", "non-working-day rule", "Where a due date on a non-working day goes.",
                   {non_working_due::previous_working_day, "previous_working_day"},
                   {non_working_due::stands, "stands"},
                   {non_working_due::next_working_day, "next_working_day"});
std::string_view to_string(non_working_due r) noexcept;
non_working_due non_working_due_from_string(std::string_view text, std::string_view field = "non_working_due");

// Where a midway review falls in the interval between two reviews.
enum class midway_rule {
  fixed_span,  // a fixed period after the review (CP: 12 weeks, seed 002)
  halfway,     // halfway between the review and the next review's due date (LAC, seed 000)
};
MIDWAY_ENUM_TRAITS_DESCRIBED(midway_rule, 2, "MidwayRule", "midway rule", "Where a midway review falls.",
                   {midway_rule::fixed_span, "fixed_span"},
                   {midway_rule::halfway, "halfway"});
std::string_view to_string(midway_rule r) noexcept;
midway_rule midway_rule_from_string(std::string_view text, std::string_view field = "rule");

// What the ICPC is measured from (shared/domain.md §3). Working Together measures from the
// strategy discussion that started the s.47 enquiry; DfE statistics (and the CIN census, which
// has no strategy discussion) from the s.47 start. review_timeliness() records the anchor
// each row used.
enum class icpc_anchor {
  strategy_discussion,  // the latest s.47 strategy discussion; the s.47 start when there is none (default)
  s47_start,            // the s.47 start; the strategy discussion when there is none
};
MIDWAY_ENUM_TRAITS_DESCRIBED(icpc_anchor, 2, "IcpcAnchor", "ICPC anchor", "What the ICPC is measured from.",
                   {icpc_anchor::strategy_discussion, "strategy_discussion"},
                   {icpc_anchor::s47_start, "s47_start"});
std::string_view to_string(icpc_anchor a) noexcept;  // "strategy_discussion", "s47_start"
icpc_anchor icpc_anchor_from_string(std::string_view text, std::string_view field = "anchor");

struct policy {
  std::string name = "england";

  // ---- child protection ----
  // ICPC within 15 working days of the (latest) strategy discussion that started the s.47
  // enquiry. Working Together to Safeguard Children 2018 (2023 unchanged).
  period icpc_after_strategy{15, period_unit::working_day};
  // Transfer-in conference within 15 working days of the new LA being notified. [local]
  period transfer_in_after_notification{15, period_unit::working_day};
  // First core group within 10 working days of the ICPC. [local; WT flow chart]
  period first_core_group_after_icpc{10, period_unit::working_day};
  // Core groups at least 6-weekly after that. [local: 4-weekly, 28 days, monthly or 6-weekly]
  period core_group_interval{6, period_unit::week};
  // First review conference within 3 months of the ICPC. Working Together 2018.
  period first_rcpc_after_icpc{3, period_unit::month};
  // Later review conferences not more than 6 months after the previous one. Working Together 2018.
  period rcpc_interval{6, period_unit::month};
  // Pre-birth plans: the first review this long after the birth (a `birth` event), if sooner than
  // first_rcpc_after_icpc after the ICPC; {0, ...} means no special rule. [local: Tees, London,
  // Liverpool: "10 or 20 working days after the birth"]
  period pre_birth_first_rcpc{0, period_unit::month};
  // Whether pre_birth_first_rcpc counts from the birth (true: England's local procedures; until a
  // birth is recorded only first_rcpc_after_icpc applies) or from the ICPC (false: Scotland, "3
  // months for pre-birth").
  bool pre_birth_from_birth = true;
  // CP visits: the child seen every 10 working days. [local: 10 days, 10 working days, 2 weeks,
  // 15 working days or 4 weeks; seed 002 says "every 10 days"]
  period cp_visit_interval{10, period_unit::working_day};

  // ---- looked after children ----
  // First LAC review within 20 working days of becoming looked after. CPPCR (England) Regs 2010 reg 33(1).
  period first_lac_review{20, period_unit::working_day};
  // Second review not more than 3 months after the first. Reg 33(2).
  period second_lac_review{3, period_unit::month};
  // Later reviews not more than 6 months after the previous one. Reg 33(2).
  period lac_review_interval{6, period_unit::month};
  // Visits (reg 28): within 1 week of a placement starting;
  period lac_visit_after_placement{1, period_unit::week};
  // then at intervals of not more than 6 weeks in the placement's first year;
  period lac_visit_first_year{6, period_unit::week};
  // then not more than 3 months where the placement is to last until the child is 18 (long-term);
  period lac_visit_long_term{3, period_unit::month};
  // otherwise not more than 6 weeks;
  period lac_visit_other{6, period_unit::week};
  // and weekly until the first review when placed with a parent before assessment or with a
  // temporarily approved connected person. Reg 28(3).
  period lac_visit_parent_or_temporary{1, period_unit::week};

  // ---- short breaks: a case with short_breaks set (SSDA903 legal status V3/V4) ----
  // A child placed in a series of short breaks is looked after on those days and the
  // Regulations apply as modified by reg 48 (CPPCR (England) Regs 2010; Wales 2015 reg 62):
  // reviews (reg 33 as modified) the first within 3 months of the start of the first placement,
  // then at intervals of not more than 6 months;
  period short_breaks_first_review{3, period_unit::month};
  period short_breaks_review_interval{6, period_unit::month};
  // visits (reg 28(2) as modified) the first within 3 months of the start of the first
  // placement, then at intervals of not more than 6 months.
  period short_breaks_first_visit{3, period_unit::month};
  period short_breaks_visit_interval{6, period_unit::month};

  // ---- midway reviews (local practice; no statute requires one) ----
  // CP: 12 weeks (84 days) after each review conference (seed 002).
  midway_rule cp_midway_rule = midway_rule::fixed_span;
  period cp_midway_after_review{84, period_unit::calendar_day};
  // LAC: halfway between a review and the next review's due date (seed 000).
  midway_rule lac_midway_rule = midway_rule::halfway;
  period lac_midway_after_review{91, period_unit::calendar_day};  // used when lac_midway_rule is fixed_span
  // Whether the short first intervals (ICPC to first RCPC; first and second LAC reviews) get a
  // midway review too. Seed 000 sets one "between each 6 monthly" review only.
  bool midway_in_short_intervals = false;

  // ---- drift and delay, and the CPA checklist (docs/drift.md; local practice) ----
  // The plan is updated within this of each conference and core group (seed 002 item 3). [local]
  period plan_update_after_meeting{10, period_unit::working_day};
  // Management oversight recorded at least this often (seed 002 item 9). [local: monthly to 3-monthly]
  period management_oversight_interval{3, period_unit::month};
  // A missing episode or CSE concern is followed by a strategy discussion or s.47 enquiry within
  // this (seed 002 item 2: "an appropriate response to further risk"). [local]
  period risk_response_within{3, period_unit::working_day};
  // CP plans open this long are reported: 18 months (a warning) and 2 years (the DfE's
  // "plans lasting 2 years or more" indicator, CIN census). [DfE Characteristics of children in need]
  period plan_open_warning{18, period_unit::month};
  period plan_open_alert{2 * 12, period_unit::month};
  // A meeting rescheduled this many times or more is drift. [local]
  std::int32_t reschedule_limit = 2;
  // An open recommendation this far past its due date is drift (0: the day after it was due). [local]
  period recommendation_grace{0, period_unit::working_day};

  // ---- conventions (shared/domain.md §4) ----
  day_count counting = day_count::day_zero;
  month_basis month_counting = month_basis::calendar_months;
  non_working_due due_on_non_working_day = non_working_due::previous_working_day;
  // An item is "due soon" when its due date is at most this far after the as-of date.
  period due_soon_window{5, period_unit::working_day};

  // The presets. england() is the default.
  static policy england();
  // Wales: as England (Social Services and Well-being (Wales) Act 2014 guidance, Part 7;
  // LAC: Care Planning, Placement and Case Review (Wales) Regs 2015). [verify LAC review timing]
  static policy wales();
  // Scotland: National Guidance for Child Protection in Scotland 2021 (updated 2023) and the
  // Looked After Children (Scotland) Regs 2009: CP planning meeting within 28 calendar days,
  // core group within 15 working days, review within 6 months (3 for pre-birth); LAC review
  // within 6 weeks, then 3 months, then 6 months; visits within 1 week, then 3-monthly.
  static policy scotland();
  // By name: "england", "wales", "scotland"; throws unknown_code_error naming `field`.
  static policy preset(std::string_view name, std::string_view field = "policy");

  static constexpr auto fields() {
    using detail::field;
    return std::tuple{
        field("name", &policy::name),
        field("icpc_after_strategy", &policy::icpc_after_strategy),
        field("transfer_in_after_notification", &policy::transfer_in_after_notification),
        field("first_core_group_after_icpc", &policy::first_core_group_after_icpc),
        field("core_group_interval", &policy::core_group_interval),
        field("first_rcpc_after_icpc", &policy::first_rcpc_after_icpc),
        field("rcpc_interval", &policy::rcpc_interval),
        field("pre_birth_first_rcpc", &policy::pre_birth_first_rcpc),
        field("pre_birth_from_birth", &policy::pre_birth_from_birth),
        field("cp_visit_interval", &policy::cp_visit_interval),
        field("first_lac_review", &policy::first_lac_review),
        field("second_lac_review", &policy::second_lac_review),
        field("lac_review_interval", &policy::lac_review_interval),
        field("lac_visit_after_placement", &policy::lac_visit_after_placement),
        field("lac_visit_first_year", &policy::lac_visit_first_year),
        field("lac_visit_long_term", &policy::lac_visit_long_term),
        field("lac_visit_other", &policy::lac_visit_other),
        field("lac_visit_parent_or_temporary", &policy::lac_visit_parent_or_temporary),
        field("short_breaks_first_review", &policy::short_breaks_first_review),
        field("short_breaks_review_interval", &policy::short_breaks_review_interval),
        field("short_breaks_first_visit", &policy::short_breaks_first_visit),
        field("short_breaks_visit_interval", &policy::short_breaks_visit_interval),
        field("cp_midway_rule", &policy::cp_midway_rule),
        field("cp_midway_after_review", &policy::cp_midway_after_review),
        field("lac_midway_rule", &policy::lac_midway_rule),
        field("lac_midway_after_review", &policy::lac_midway_after_review),
        field("midway_in_short_intervals", &policy::midway_in_short_intervals),
        field("plan_update_after_meeting", &policy::plan_update_after_meeting),
        field("management_oversight_interval", &policy::management_oversight_interval),
        field("risk_response_within", &policy::risk_response_within),
        field("plan_open_warning", &policy::plan_open_warning),
        field("plan_open_alert", &policy::plan_open_alert),
        field("reschedule_limit", &policy::reschedule_limit),
        field("recommendation_grace", &policy::recommendation_grace),
        field("counting", &policy::counting),
        field("month_counting", &policy::month_counting),
        field("due_on_non_working_day", &policy::due_on_non_working_day),
        field("due_soon_window", &policy::due_soon_window),
    };
  }

  friend bool operator==(const policy&, const policy&) = default;
};

// `from` plus `p` on `cal`, by the policy's conventions: working days by `pol.counting`,
// months by `pol.months`; a calendar-period result on a non-working day is moved by
// `pol.due_on_non_working_day`.
date add_period(date from, const period& p, const policy& pol, const calendar& cal);

// Whether `to` is within `p` of `from` (to <= add_period(from, p, ...)).
bool within(date from, date to, const period& p, const policy& pol, const calendar& cal);

// The length of [from, to] in `p`'s unit: working days by working_days_between, calendar
// days, whole weeks (days / 7), or whole months (the largest n with from + n months <= to).
std::int32_t length_in(date from, date to, period_unit unit, const policy& pol, const calendar& cal);

}  // namespace midway
