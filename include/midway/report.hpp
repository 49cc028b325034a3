// midway/report.hpp: a caseload report as one self-contained HTML page (`midway report`).
#pragma once

#include <midway/calendar.hpp>
#include <midway/json.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <cstdint>
#include <string>

namespace midway {

struct report_options {
  // Upcoming items are counted and marked when due at most this many days after the as-of date
  // (as worklist_options::horizon_days).
  std::int32_t horizon_days = 28;
  // How far back each case's timeline reaches from the as-of date (its first event if later).
  std::int32_t timeline_months = 12;
};

// The caseload report: one HTML page with everything inline (CSS and SVG; no script, no network,
// no external file), for team managers and practitioners to read or print.
//   - a summary: cases, items overdue / due soon / upcoming, cases with drift findings;
//   - by person (IRO, Chair, CPA, social worker, from the worklist) and by team manager and worker
//     (from the drift report): counts of overdue, due-soon and upcoming items and drift findings;
//   - each case: its due items with status, and an SVG timeline of conferences or reviews, midway
//     reviews, visits and core groups, with the gaps over policy highlighted and the next due items
//     marked. Each timeline is an <svg role="img"> with a <title> and a <desc> saying in words what
//     it shows (the gaps and the next items), so it has a text alternative.
// Colours meet WCAG AA contrast (4.5:1 for text); status is never shown by colour alone. Printing
// drops the navigation and keeps each case on one page where it fits. Cases that cannot be
// scheduled are listed with the error. Ids only: no child's name or date of birth appears.
// Throws what make_worklist and drift_report_for throw (out_of_range_error for dates beyond the
// calendar).
std::string html_report(const caseload& cl, date as_of, const policy& pol, const calendar& cal, const report_options& options = {});

// One case's schedule as an HTML fragment (a table of its due items and gaps over policy), for
// notebooks (Python's CaseSchedule._repr_html_).
std::string to_html(const case_schedule& s);
// A case as an HTML fragment (its ids, people by id and a table of its events), for notebooks
// (Python's Case._repr_html_). Ids only: nothing under the case's personal details.
std::string to_html(const child_case& c);

}  // namespace midway
