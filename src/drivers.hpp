// The per-case drivers of the rule kernel (kernel.hpp): one run of the kernel over a child_case,
// kept whole, and the renderings that the per-case API builds from it. schedule(), drift(),
// review_timeliness() and the CPA checklist all start from run_case().
#pragma once

#include "kernel.hpp"

#include <vector>

namespace midway::detail {

struct risk_response {
  std::int32_t row;       // the missing episode or CSE concern
  std::int32_t response;  // the strategy discussion or s.47 that answered it, or -1
  std::int32_t limit;
};

// Everything the kernel said about one case.
struct case_run : kernel::ignore {
  kernel::case_storage storage;
  kernel::result result;
  std::vector<kernel::interval> intervals;
  std::vector<kernel::finding_row> findings;
  std::vector<risk_response> risks;
  std::vector<std::int32_t> midway_events;

  void interval(const kernel::interval& i) { intervals.push_back(i); }
  void finding(const kernel::finding_row& f) { findings.push_back(f); }
  void risk(std::int32_t row, std::int32_t response, std::int32_t limit) { risks.push_back({row, response, limit}); }
  void midway_event(std::int32_t row) { midway_events.push_back(row); }
};

// Runs the kernel on `c` as of `x.as_of`.
void run_case(const child_case& c, const kernel::rules& x, case_run& out);

// schedule() from a run: due items with their explanations, and the intervals schedule()
// reports (closed ones, and open ones already past their limit).
case_schedule render_schedule(const child_case& c, const kernel::rules& x, const case_run& run);

// The interval as schedule() reports it.
interval_check render_interval(const child_case& c, const kernel::rules& x, const kernel::interval& i);

}  // namespace midway::detail
