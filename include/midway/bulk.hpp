// midway/bulk.hpp: evaluate every case of a caseload at once, from its columns
// (columnar.hpp): an LA's nightly run, or every LAC and CP case in England.
//
// For each case, evaluate() gives what schedule() and drift() give for it, reduced to columns:
// the next review, midway review, visit and core group (due date and status), how many past
// visit gaps and core-group gaps went over policy (the interval_checks of schedule() that are
// closed and not kept), and the drift findings (how many, and which rules). It reads the
// columns directly, without building child_case objects, so memory is the input columns
// (15 bytes per event) plus the results (43 bytes per case) plus one offset per case.
//
// Results are identical whatever the thread count: cases are split into fixed chunks and
// each result is written at its case's row.
//
// Every rule is the rule kernel's (src/kernel.hpp), the same code that schedule() and drift()
// run, so every figure equals what they give case by case (tests/cpp/test_kernel_parity.cpp
// checks this on random caseloads). The form taking only events and cases has no midway review
// meetings and no recommendations; the caseload_columns form has both.
#pragma once

#include <midway/calendar.hpp>
#include <midway/columnar.hpp>
#include <midway/drift.hpp>
#include <midway/caseload.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace midway {

struct evaluate_options {
  // Worker threads, the calling thread included; 0: std::thread::hardware_concurrency().
  unsigned threads = 1;
  // Called on the calling thread with (cases done, cases in all), now and again and once at
  // the end with done == total. It may throw to cancel the run (the exception propagates).
  std::function<void(std::size_t done, std::size_t total)> progress{};
};

// One row per case, in case order. Dates are days since 1970-01-01, or no_date when the item
// has no due date (status not_applicable).
struct bulk_result {
  std::vector<std::uint8_t> review_kind;  // item_kind: icpc, rcpc or lac_review
  std::vector<std::int32_t> review_due;
  std::vector<std::uint8_t> review_status;  // item_status
  std::vector<std::int32_t> midway_due;
  std::vector<std::uint8_t> midway_status;
  std::vector<std::int32_t> visit_due;
  std::vector<std::uint8_t> visit_status;
  std::vector<std::int32_t> core_group_due;
  std::vector<std::uint8_t> core_group_status;
  std::vector<std::int32_t> visit_gaps;       // closed visit gaps over policy
  std::vector<std::int32_t> core_group_gaps;  // closed core-group gaps over policy
  std::vector<std::int32_t> findings;         // drift findings
  std::vector<std::uint16_t> finding_rules;   // bit i set: a finding of drift_rules()[i]
  std::size_t events = 0;                     // events read (all of them, after as_of too)

  std::size_t size() const noexcept { return review_kind.size(); }
  friend bool operator==(const bulk_result&, const bulk_result&) = default;
};

// Validates the columns (validate(), columnar.hpp) and evaluates every case as of `as_of`.
// Throws as validate() does, out_of_range_error if a due date leaves the calendar's range, and
// rule_violation_error (field "events.other_date[i]", record_id the case id) when a midway date
// set at the last review does not fall before the next review (as schedule() does).
// Example:
//   const auto cols = synthetic_columns({.n_cases = 1000, .seed = 7});
//   const bulk_result r = evaluate(cols.events, cols.cases, date(2026, 11, 22), policy::england(), calendar(),
//                                  {.threads = 2});
//   // r.visit_status[i] == static_cast<std::uint8_t>(item_status::overdue) ...
bulk_result evaluate(const event_columns& events, const case_columns& cases, date as_of, const policy& pol,
                     const calendar& cal, const evaluate_options& options = {});
// As above, with the meetings and recommendations of the columns (validate(caseload_view)):
// every figure equals what schedule() and drift() give case by case. Reads the columns where
// they are (a caseload_columns converts to its view; so can arrays owned by numpy or Arrow).
bulk_result evaluate(const caseload_view& columns, date as_of, const policy& pol, const calendar& cal,
                     const evaluate_options& options = {});
// to_columns(cl), then the above.
bulk_result evaluate(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                     const evaluate_options& options = {});

// One line of a text progress bar, for a terminal (the CLI and Python's progress=True):
// "[##########----------]  50%  65,000 of 130,000 cases".
std::string progress_line(std::size_t done, std::size_t total);

}  // namespace midway
