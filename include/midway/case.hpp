// midway/case.hpp: a child's case (looked after, or child protection), its people, its plan
// and its history of events.
//
// A case belongs to one child and is either LAC or CP; a child with both has two cases.
// Personal details are optional and never used by the engine; errors name the case id and
// event ids only.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/date.hpp>
#include <midway/events.hpp>
#include <midway/ids.hpp>
#include <midway/plan.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

// The case file's records are declared in their own layers above the case (meeting.hpp,
// signs_of_safety.hpp, checklist.hpp), which include this header; the core model names them only.
// Code that reads or changes them includes their header.
struct midway_review_record;
struct signs_of_safety;
struct cpa_checklist;

enum class case_kind { lac, cp };
MIDWAY_ENUM_TRAITS_DESCRIBED(case_kind, 2, "CaseKind", "case kind", "LAC: looked after child; CP: child protection.",
                   {case_kind::lac, "LAC"},
                   {case_kind::cp, "CP"});
std::string_view to_string(case_kind k) noexcept;  // "LAC", "CP"
case_kind case_kind_from_string(std::string_view text, std::string_view field = "kind");

struct person {
  person_id id;
  midway::role role;
  std::string name;  // a practitioner's name, optional
  extensions extra;
  friend bool operator==(const person&, const person&) = default;
};

struct event {
  event_id id;
  event_data data;
  // A correction may be recorded after the plan ended or the child ceased to be looked after.
  bool correction = false;
  extensions extra;

  midway::date date() const { return date_of(data); }
  std::string_view kind() const noexcept { return kind_of(data); }
  friend bool operator==(const event&, const event&) = default;
};

// Optional personal details. The engine never reads them; errors and logs never print them.
struct personal_details {
  std::string name;
  std::optional<midway::date> date_of_birth;
  friend bool operator==(const personal_details&, const personal_details&) = default;
};

class child_case {
 public:
  // `opened`: events before it are refused. `partial_history`: the history was imported and
  // may start mid-plan (at a review conference or a later LAC review), so the rules that
  // need an earlier ICPC or start of care are met by its first review.
  child_case(midway::case_id id, midway::child_id child, case_kind kind, std::optional<midway::date> opened = {},
             bool partial_history = false);
  // Copy, move and destruction are the member-wise ones, defined where the records are complete.
  child_case(const child_case&);
  child_case(child_case&&) noexcept;
  child_case& operator=(const child_case&);
  child_case& operator=(child_case&&) noexcept;
  ~child_case();

  const midway::case_id& id() const noexcept { return id_; }
  const midway::child_id& child() const noexcept { return child_; }
  case_kind kind() const noexcept { return kind_; }
  const std::optional<midway::date>& opened() const noexcept { return opened_; }
  bool partial_history() const noexcept { return partial_history_; }

  // Records `e` in date order (after any events already on that date). Checks, against the
  // whole history with `e` added:
  //   - the event belongs to this kind of case (no core group on a LAC case);
  //   - it is not before `opened`;
  //   - its id is new;
  //   - a review conference follows an initial or transfer-in conference, a LAC review
  //     follows the start of care (in a partial history the first review stands in for it);
  //   - nothing but a correction is after the CP plan ended or the child ceased to be
  //     looked after;
  //   - a midway date set at a review is after the review;
  //   - a midway review "not required" is decided by the IRO (LAC) or Chair (CP), with a reason.
  // Throws rule_violation_error (or invalid_argument_error for a duplicate id) whose
  // record_id is the case id and whose field is "events['<event id>'].<field>"; the case is
  // then unchanged (strong guarantee).
  void record(event e);
  // As above with the id next_event_id().
  const event& record(event_data data);
  // "e<n+1>" for a history of n events, or the next such number not yet used.
  event_id next_event_id() const;

  // In date order; events of one date in the order they were recorded.
  const std::vector<event>& history() const noexcept { return history_; }
  // Room for `events` events in all, so that recording that many does not reallocate (as
  // std::vector::reserve: changes nothing else; a smaller number than the history does nothing).
  void reserve_history(std::size_t events) { history_.reserve(events); }

  std::vector<person> people;
  std::vector<recommendation> plan;
  // Midway review meetings (meeting.hpp): change them through its functions.
  std::vector<midway_review_record> midway_reviews;
  // Signs of Safety records made at conferences and core groups (add_signs_of_safety).
  std::vector<signs_of_safety> signs_of_safety_records;
  // CPA midway monitoring checklists (checklist.hpp: record_cpa_checklist, amend_cpa_checklist).
  std::vector<cpa_checklist> cpa_checklists;
  std::optional<personal_details> personal;
  // Typed facts the rules read (never strings in `extra`).
  // A series of short breaks (SSDA903 legal status V3/V4): reviews and visits as modified by
  // reg 48 (policy short_breaks_*). JSON "short_breaks".
  bool short_breaks = false;
  extensions extra;

  // The first person with `r`, or nullptr.
  const person* person_in(role r) const noexcept;

  // Member-wise (every field, the records included).
  friend bool operator==(const child_case&, const child_case&);

 private:
  void check(const std::vector<event>& history, std::size_t added) const;

  midway::case_id id_;
  midway::child_id child_;
  case_kind kind_;
  std::optional<midway::date> opened_;
  bool partial_history_;
  std::vector<event> history_;
};

// The child's date of birth against the case (docs/errors.md): the one plausibility rule of
// every way a case is made. The JSON readers (hence the C API) call it on each case read;
// child_case::record checks the event it adds by the same rule; the Python bindings call it
// when Case(personal=...) or Case.personal is set. With personal details and a date of birth:
//   - the date of birth is in first_supported_year..last_supported_year (1978..2199):
//     out_of_range_error, field "personal.date_of_birth";
//   - no event is dated before it, unless the case has a pre-birth initial conference (a CP
//     plan made before the birth): rule_violation_error, field "events['<event id>'].date";
//   - no event is more than 25 years after it: rule_violation_error, field
//     "personal.date_of_birth".
// record_id is the case id. No message shows the date of birth. Without personal details or a
// date of birth there is nothing to check.
void check_date_of_birth(const child_case& c);

// Whether an event of this kind may be recorded on a case of kind `k`.
bool belongs_to(const event_data& e, case_kind k) noexcept;

// The date `e` ends the case's plan or care, if it does: a plan_ended, a review conference with
// plan_continues false, an initial conference with plan_started false, a ceased_looked_after.
// A correction ends nothing.
std::optional<date> ends_on(const event& e);

}  // namespace midway
