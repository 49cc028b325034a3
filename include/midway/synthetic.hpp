// midway/synthetic.hpp: deterministic synthetic caseloads, for tests, demonstrations and
// benchmarks at any size up to national scale.
//
// FULLY SYNTHETIC. Nothing here comes from, or describes, a real child, family, practitioner
// or authority: ids are made up ("SYN-CP-000042", child "SYN-C-000042"), and the event
// histories are drawn from a pseudo-random generator with the shape of statutory practice
// (docs/bulk.md): CP plans with a strategy discussion, an ICPC, review conferences 3 then
// 6-monthly, visits about every 10 working days, core groups about 6-weekly, midway reviews;
// LAC episodes with a start of care, placements, reviews at 20 working days, 3 and 6 months,
// reg 28 visits; plan updates, management oversight, direct work, views, missing episodes;
// some of it late, some plans ended. About 38 events per case on average, so 130,000 cases
// (England's looked after children and CP plans together) give about 5 million events.
//
// The same options give the same caseload on every run, machine and standard library: the
// generator is std::mt19937_64 with midway's own distributions. Every case satisfies the
// child_case::record rules; midway dates set at reviews fall before the next review under
// the England policy.
#pragma once

#include <midway/columnar.hpp>
#include <midway/date.hpp>
#include <midway/caseload.hpp>

#include <cstdint>

namespace midway {

struct synthetic_options {
  std::size_t n_cases = 1000;
  std::uint64_t seed = 1;
  midway::date as_of = midway::date(2026, 11, 22);
  double lac_share = 84.0 / 134.0;  // England: about 84,000 looked after, 50,000 on CP plans
  double min_history_years = 1.0;   // each case's history starts this long before as_of ...
  double max_history_years = 3.0;   // ... up to this (uniform)
  double late_visit_rate = 0.06;    // a visit later than policy allows
  double late_core_group_rate = 0.08;
  double late_review_rate = 0.05;
  double unseen_visit_rate = 0.05;   // a visit where the child was not seen
  double ended_rate = 0.25;          // the plan or care episode has ended by as_of
  double missed_recent_rate = 0.08;  // recent visits stopped: the next visit is overdue
};

// Throws invalid_argument_error naming the option for a share or rate outside 0..1, or
// min_history_years > max_history_years or outside 0.1..10.
caseload_columns synthetic_columns(const synthetic_options& options);
// from_columns(synthetic_columns(options)): every event recorded (and checked) on its case.
caseload synthetic_caseload(const synthetic_options& options);

}  // namespace midway
