// Shared invariants of the data-return fuzz targets.
#pragma once

#include <midway/interop.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond)                                                                        \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);         \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)

// The cheap invariants every parser target checks on every input: every table adds up, every
// finding says why.
inline void check_counts(const midway::import_result& r) {
  for (const auto& t : r.tables) FUZZ_CHECK(t.read == t.loaded + t.rejected);
  for (const auto& f : r.findings) {
    FUZZ_CHECK(!f.reason.empty());
    FUZZ_CHECK(f.kind != midway::finding_kind::rule || !f.rule.empty());
  }
}

// The whole-result checks (fuzz_import_checks only: they cost 50-100 times the parse): every
// case serialises and reads back; timeliness never throws past its problems list; the Annex A
// lists and the findings report render.
inline void check_whole(const midway::import_result& r) {
  check_counts(r);
  // JSON writes invalid UTF-8 from a return's text as U+FFFD, so the test is that the JSON
  // text is stable: written, read and written again, it is the same.
  const std::string text = midway::to_json(r.cases);
  FUZZ_CHECK(midway::to_json(midway::caseload_from_json(text)) == text);
  static const midway::calendar cal;  // built once: a calendar's tables cost more than a parse
  const midway::date as_of = r.reference_date ? *r.reference_date : midway::date(2020, 3, 31);
  const auto t = midway::review_timeliness(r.cases, as_of, midway::policy::england(), cal);
  for (const auto& row : t.rows) FUZZ_CHECK(row.days_late >= 0);
  (void)midway::to_table(t);
  (void)midway::annex_a_list7(r.cases, as_of);
  (void)midway::annex_a_list8(r.cases, as_of);
  (void)midway::findings_report(r);
}

// The same return read on several threads gives the same result (import_options::threads).
inline void check_same_on_threads(const midway::import_result& one, const midway::import_result& many) {
  FUZZ_CHECK(one.cases == many.cases);
  FUZZ_CHECK(one.findings == many.findings);
  FUZZ_CHECK(one.tables == many.tables);
}
