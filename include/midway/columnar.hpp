// midway/columnar.hpp: a caseload as columns (one array per field), for bulk evaluation
// (bulk.hpp) and for data teams whose case histories already sit in tables.
//
// Events are rows of `event_columns`, grouped by case (case index non-decreasing) and in date
// order within a case (dates non-decreasing; events of one date in the order they were
// recorded). Cases are rows of `case_columns`; an event's `case_index` is its case's row.
//
// What the columnar form carries: everything the rules read (src/kernel.hpp), so evaluate()
// on the columns answers as schedule() and drift() do on the case: the case id, child id,
// kind, partial-history and short-breaks flags; for each event its kind, date, the boolean
// fields listed in `event_flag` and one optional date (`other_date`: a review's midway_date, a
// transfer-in conference's notified date, a missing episode's returned date); midway review
// meetings (where arranged, the date set, status, reschedules) and the plan's
// recommendations (due, open, urgent). What it does not carry, so a round trip through columns
// drops it: event ids (from_columns numbers them "e1", "e2", ... in history order), free text
// and codes (agencies, legal status, reasons, direct-work tools and whom the work was with, plan-end reasons), who decided
// a midway review was not required (from_columns sets the IRO for LAC and the Chair for CP, as
// the rules require), extension members, people, the meeting records' and recommendations'
// other fields (from_columns restores neither), Signs of Safety records, CPA checklists,
// personal details and the opened date.
#pragma once

#include <midway/case.hpp>
#include <midway/detail/enum_traits.hpp>
#include <midway/caseload.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

// An event kind's code in the columns: its index in `event_data` (events.hpp), 0..25:
//   0 strategy_discussion   1 s47_enquiry          2 initial_conference   3 review_conference
//   4 transfer_in_conference 5 started_looked_after 6 placement_start      7 lac_review
//   8 visit                 9 core_group           10 midway_review       11 plan_updated
//   12 management_oversight 13 direct_work         14 child_views_recorded 15 parents_views_recorded
//   16 missing_episode      17 cse_concern         18 legal_planning_meeting 19 safe_person_identified
//   20 contingency_plan_recorded 21 escalation_to_tm 22 plan_ended      23 ceased_looked_after
//   24 birth                25 transfer_in_notified
inline constexpr std::uint8_t event_kind_count = static_cast<std::uint8_t>(std::variant_size_v<event_data>);
// The kind names in code order ("strategy_discussion", ...).
std::span<const std::string_view> event_kind_names() noexcept;
// The code of a kind name; throws unknown_code_error naming `field`.
std::uint8_t event_kind_code(std::string_view name, std::string_view field = "kind");

// The boolean event fields, one bit each in event_columns::flags. A bit that does not apply to
// the event's kind must be 0.
enum class event_flag : std::uint16_t {
  seen = 1u << 0,                // visit
  seen_alone = 1u << 1,          // visit
  s47_started = 1u << 2,         // strategy_discussion
  plan_continues = 1u << 3,      // review_conference
  long_term = 1u << 4,           // placement_start
  placed_with_parent = 1u << 5,  // placement_start
  temporary_approval = 1u << 6,  // placement_start
  pre_birth = 1u << 7,           // initial_conference
  plan_started = 1u << 8,        // initial_conference
  not_required = 1u << 9,        // midway_review: outcome not_required (otherwise held)
  mentor_referral = 1u << 10,    // safe_person_identified
  correction = 1u << 11,         // any event: event::correction
};
// The flags' one table, in bit order (not a Python enum: bits, not values 0..N-1).
template <>
struct detail::enum_traits<event_flag> {
  static constexpr std::array<detail::enum_name<event_flag>, 12> table{{
      {event_flag::seen, "seen"},
      {event_flag::seen_alone, "seen_alone"},
      {event_flag::s47_started, "s47_started"},
      {event_flag::plan_continues, "plan_continues"},
      {event_flag::long_term, "long_term"},
      {event_flag::placed_with_parent, "placed_with_parent"},
      {event_flag::temporary_approval, "temporary_approval"},
      {event_flag::pre_birth, "pre_birth"},
      {event_flag::plan_started, "plan_started"},
      {event_flag::not_required, "not_required"},
      {event_flag::mentor_referral, "mentor_referral"},
      {event_flag::correction, "correction"},
  }};
};
inline constexpr std::uint16_t all_event_flags = (1u << detail::enum_traits<event_flag>::table.size()) - 1;
// The flag names in bit order ("seen", "seen_alone", ...), from the table.
std::span<const std::string_view> event_flag_names() noexcept;
constexpr std::uint16_t operator|(event_flag a, event_flag b) noexcept {
  return static_cast<std::uint16_t>(static_cast<std::uint16_t>(a) | static_cast<std::uint16_t>(b));
}
constexpr bool has(std::uint16_t flags, event_flag f) noexcept { return (flags & static_cast<std::uint16_t>(f)) != 0; }

// "No date" in other_date (and in bulk results).
inline constexpr std::int32_t no_date = std::numeric_limits<std::int32_t>::min();

// One event as a row of the columns (without its case index).
struct event_row {
  std::uint8_t kind;
  std::int32_t date;
  std::uint16_t flags;
  std::int32_t other_date;
};
event_row row_of(const event& e);

// Every event of a caseload: 15 bytes per event.
struct event_columns {
  std::vector<std::int32_t> case_index;  // row in case_columns
  std::vector<std::uint8_t> kind;        // event_kind code
  std::vector<std::int32_t> date;        // days since 1970-01-01
  std::vector<std::uint16_t> flags;      // event_flag bits
  std::vector<std::int32_t> other_date;  // days since 1970-01-01, or no_date

  std::size_t size() const noexcept { return kind.size(); }
  void reserve(std::size_t n);
  friend bool operator==(const event_columns&, const event_columns&) = default;
};

struct case_columns {
  std::vector<std::string> case_id;
  std::vector<std::string> child_id;
  std::vector<case_kind> kind;
  std::vector<std::uint8_t> partial_history;  // 0 or 1
  std::vector<std::uint8_t> short_breaks;     // 0 or 1 (child_case::short_breaks); may be empty: all 0

  std::size_t size() const noexcept { return case_id.size(); }
  friend bool operator==(const case_columns&, const case_columns&) = default;
};

// Midway review meetings (meeting.hpp), as much as the rules read of them: where each was
// arranged, the date it is set for, its status and when it was rescheduled. Rows grouped by
// case (case index non-decreasing), in the case's order.
struct meeting_columns {
  std::vector<std::int32_t> case_index;     // row in case_columns
  std::vector<std::int32_t> review;         // row in event_columns of the review or conference that arranged it
  std::vector<std::int32_t> arranged_for;   // days since 1970-01-01
  std::vector<std::int32_t> scheduled_for;  // the last reschedule's date, else arranged_for
  std::vector<std::uint8_t> status;         // meeting_status code (its enum value)
  std::vector<std::int32_t> reschedules;    // how many times it was rescheduled
  // Every reschedule of every meeting, in meeting order (meeting i has `reschedules[i]` of
  // them): the day it was decided, else the date it moved from.
  std::vector<std::int32_t> reschedule_day;

  std::size_t size() const noexcept { return case_index.size(); }
  friend bool operator==(const meeting_columns&, const meeting_columns&) = default;
};

// The plan's recommendations (plan.hpp), as much as the rules read: due date, open or not, urgent.
struct recommendation_columns {
  std::vector<std::int32_t> case_index;  // row in case_columns, non-decreasing
  std::vector<std::int32_t> due;         // days since 1970-01-01, or no_date
  std::vector<std::uint8_t> open;        // 1: status open
  std::vector<std::uint8_t> urgent;      // 0 or 1

  std::size_t size() const noexcept { return case_index.size(); }
  friend bool operator==(const recommendation_columns&, const recommendation_columns&) = default;
};

struct caseload_columns {
  case_columns cases;
  event_columns events;
  meeting_columns meetings;
  recommendation_columns recommendations;
  friend bool operator==(const caseload_columns&, const caseload_columns&) = default;
};

// Read-only views of the columns: spans over arrays that someone else owns (the owning structs
// above, numpy arrays, Arrow buffers), with the same member names. validate() and evaluate()
// read views, so columns that already sit in memory in these types are read where they are,
// without a copy. Each owning struct converts to its view implicitly; the view is valid while
// the arrays it spans live and do not move.
struct event_columns_view {
  std::span<const std::int32_t> case_index;
  std::span<const std::uint8_t> kind;
  std::span<const std::int32_t> date;
  std::span<const std::uint16_t> flags;
  std::span<const std::int32_t> other_date;

  event_columns_view() = default;
  event_columns_view(const event_columns& c) noexcept  // NOLINT(google-explicit-constructor)
      : case_index(c.case_index), kind(c.kind), date(c.date), flags(c.flags), other_date(c.other_date) {}
  std::size_t size() const noexcept { return kind.size(); }
};

struct case_columns_view {
  std::span<const std::string> case_id;
  std::span<const std::string> child_id;
  std::span<const case_kind> kind;
  std::span<const std::uint8_t> partial_history;
  std::span<const std::uint8_t> short_breaks;  // may be empty: all 0

  case_columns_view() = default;
  case_columns_view(const case_columns& c) noexcept  // NOLINT(google-explicit-constructor)
      : case_id(c.case_id), child_id(c.child_id), kind(c.kind), partial_history(c.partial_history), short_breaks(c.short_breaks) {}
  std::size_t size() const noexcept { return case_id.size(); }
};

struct meeting_columns_view {
  std::span<const std::int32_t> case_index;
  std::span<const std::int32_t> review;
  std::span<const std::int32_t> arranged_for;
  std::span<const std::int32_t> scheduled_for;
  std::span<const std::uint8_t> status;
  std::span<const std::int32_t> reschedules;
  std::span<const std::int32_t> reschedule_day;

  meeting_columns_view() = default;
  meeting_columns_view(const meeting_columns& c) noexcept  // NOLINT(google-explicit-constructor)
      : case_index(c.case_index), review(c.review), arranged_for(c.arranged_for), scheduled_for(c.scheduled_for), status(c.status),
        reschedules(c.reschedules), reschedule_day(c.reschedule_day) {}
  std::size_t size() const noexcept { return case_index.size(); }
};

struct recommendation_columns_view {
  std::span<const std::int32_t> case_index;
  std::span<const std::int32_t> due;
  std::span<const std::uint8_t> open;
  std::span<const std::uint8_t> urgent;

  recommendation_columns_view() = default;
  recommendation_columns_view(const recommendation_columns& c) noexcept  // NOLINT(google-explicit-constructor)
      : case_index(c.case_index), due(c.due), open(c.open), urgent(c.urgent) {}
  std::size_t size() const noexcept { return case_index.size(); }
};

struct caseload_view {
  case_columns_view cases;
  event_columns_view events;
  meeting_columns_view meetings;
  recommendation_columns_view recommendations;

  caseload_view() = default;
  caseload_view(case_columns_view c, event_columns_view e, meeting_columns_view m = {}, recommendation_columns_view r = {}) noexcept
      : cases(c), events(e), meetings(m), recommendations(r) {}
  caseload_view(const caseload_columns& c) noexcept  // NOLINT(google-explicit-constructor)
      : cases(c.cases), events(c.events), meetings(c.meetings), recommendations(c.recommendations) {}
};

// Checks that the columns describe a caseload evaluate() can read, in one pass:
//   - every event column has the same length, and every case column the same length
//     (invalid_argument_error naming the shorter or longer array: "events.date");
//   - kind codes are known (unknown_code_error, "events.kind[i]"), flags use known bits
//     (invalid_argument_error, "events.flags[i]");
//   - case indexes are in range and non-decreasing (invalid_argument_error, "events.case_index[i]");
//   - dates are non-decreasing within a case (invalid_argument_error, "events.date[i]") and
//     within the calendar's range (out_of_range_error, "events.date[i]", "events.other_date[i]");
//   - each event belongs to its case's kind (rule_violation_error, "events.kind[i]").
// Errors carry the case id as record_id where there is one. The other child_case::record
// rules (a review after the start, nothing after the end) are not checked here: from_columns
// checks them all.
void validate(case_columns_view cases, event_columns_view events);
// As above, and the meetings and recommendations: equal lengths ("meetings.review"), case
// indexes in range and non-decreasing, each meeting's review an initial, transfer-in or review
// conference (CP) or LAC review (LAC) of its own case ("meetings.review[i]"), dates in the
// calendar's range, known status codes, reschedule counts adding up to reschedule_day's length.
void validate(const caseload_view& c);

// The caseload as columns, cases in order, each case's history, meetings and recommendations
// in order. Drops what the columnar form does not carry (above).
caseload_columns to_columns(const caseload& cl);
// A caseload from columns: validate(), then every event recorded with child_case::record, so
// every rule is checked (rule_violation_error naming "events[i]..." with the case id).
caseload from_columns(const case_columns& cases, const event_columns& events);

namespace detail {
// The parts of validate(cases, events) that evaluate() runs its own way: the lengths and case
// kinds (throws as validate() does).
void check_shape(const case_columns_view& cases, const event_columns_view& events);
// The rows [b, e) of the cases [first_case, end_case), as evaluate() checks them, a chunk of
// cases at a time, in two parts:
// - case_rows: the rows from b that belong to the cases [first_case, end_case): they stop at
//   the first row of a later case, or at e. The case indexes must be at least first_case and
//   in order. Fills `offsets` (end_case - first_case + 1 entries: the rows of case
//   first_case + i are [offsets[i], offsets[i + 1])).
//   Example: case_index {4, 4, 6, 7} at rows 10-13, cases [4, 7): offsets {10, 12, 12, 13}.
// - row_values: each case's dates in order and in the calendar, other dates in the calendar
//   or none, known flag bits (run just before the kernel reads the rows, while they are in cache).
// Each is false when validate() would throw on one of the rows. The kinds are the rule
// kernel's to check (kernel::result::refused_rows), in the pass it makes over them anyway.
bool case_rows(const event_columns_view& events, std::uint32_t b, std::uint32_t e, std::int32_t first_case,
               std::int32_t end_case, std::span<std::uint32_t> offsets) noexcept;
bool row_values(const event_columns_view& events, std::uint32_t b, std::uint32_t e) noexcept;
// The meetings and recommendations part of validate(caseload_view).
void check_tables(const caseload_view& c);
}  // namespace detail

// The offsets of each case's events: events of case i are [offsets[i], offsets[i + 1]).
// Assumes validate() passed.
std::vector<std::uint32_t> case_offsets(std::size_t n_cases, std::span<const std::int32_t> case_index);

}  // namespace midway
