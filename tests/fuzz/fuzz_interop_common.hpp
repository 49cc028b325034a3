// Shared invariants of the data-return fuzz targets.
#pragma once

#include "fuzz_check.hpp"
#include <midway/interop.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>


// The SSDA903 CSV tables of a fuzz input: episodes, reviews and missing, split at the first two
// NUL bytes (an absent part is an absent table).
inline midway::ssda903_csv ssda903_tables(std::string_view text) {
  std::string parts[3];
  for (int i = 0; i < 3; ++i) {
    const auto nul = text.find('\0');
    parts[i] = std::string(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  midway::ssda903_csv in;
  in.episodes = midway::csv_source{.name = "episodes.csv", .text = parts[0]};
  if (!parts[1].empty()) in.reviews = midway::csv_source{.name = "reviews.csv", .text = parts[1]};
  if (!parts[2].empty()) in.missing = midway::csv_source{.name = "missing.csv", .text = parts[2]};
  return in;
}

// Whether `s` is valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    const auto b1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0x80;
    if ((c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F) || (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F)) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// The cheap invariants every parser target checks on every input: every table adds up, every
// finding says why.
inline void check_counts(const midway::import_result& r) {
  for (const auto& t : r.tables) FUZZ_CHECK(t.read == t.loaded + t.rejected);
  for (const auto& f : r.findings) {
    const std::string reason = f.reason();  // made from the check's template: once
    FUZZ_CHECK(!f.check().empty() && !reason.empty());
    FUZZ_CHECK(f.kind() != midway::finding_kind::rule || !f.rule().empty());
    FUZZ_CHECK(valid_utf8(f.child_id()) && valid_utf8(reason) && valid_utf8(f.path()) && valid_utf8(f.field()));
  }
  for (std::size_t i = 0; i < r.case_count(); ++i) {
    FUZZ_CHECK(valid_utf8(r.columns.cases.case_id[i]) && valid_utf8(r.columns.cases.child_id[i]));
  }
}

// The whole-result checks (fuzz_import_checks only: they cost 50-100 times the parse): every
// case serialises and reads back; timeliness never throws past its problems list; the Annex A
// lists and the findings report render.
inline void check_whole(const midway::import_result& r) {
  check_counts(r);
  // JSON writes invalid UTF-8 from a return's text as U+FFFD, so the test is that the JSON
  // text is stable: written, read and written again, it is the same.
  // The cases built on demand are the columns' cases (each event recorded by child_case::record).
  const midway::caseload cl = r.to_caseload();
  FUZZ_CHECK(midway::to_columns(cl) == r.columns);
  const std::string text = midway::to_json(cl);
  FUZZ_CHECK(midway::to_json(midway::caseload_from_json(text)) == text);
  static const midway::calendar cal;  // built once: a calendar's tables cost more than a parse
  const midway::date as_of = r.reference_date ? *r.reference_date : midway::date(2020, 3, 31);
  const auto t = midway::review_timeliness(cl, as_of, midway::policy::england(), cal);
  for (const auto& row : t.rows) FUZZ_CHECK(row.days_late >= 0);
  (void)midway::to_table(t);
  (void)midway::annex_a_list7(cl, as_of);
  (void)midway::annex_a_list8(cl, as_of);
  (void)midway::findings_report(r);
}

// The same return read on several threads gives the same result (import_options::threads).
inline void check_same_on_threads(const midway::import_result& one, const midway::import_result& many) {
  FUZZ_CHECK(one.columns == many.columns);
  FUZZ_CHECK(one.findings == many.findings);
  FUZZ_CHECK(one.tables == many.tables);
}
