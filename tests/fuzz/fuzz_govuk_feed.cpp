// libFuzzer target: arbitrary bytes into govuk_feed::parse, then a calendar per division.
//
// Only midway::error may escape the parser (as parse_error, the one type it documents); any
// other exception, a sanitizer report or a failed invariant crashes the fuzzer.
#include "fuzz_check.hpp"
#include <midway/calendar.hpp>
#include <midway/holidays.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>
#include <vector>


namespace {

using midway::calendar;
using midway::date;
using midway::holiday;

bool supported(int year) { return year >= midway::first_supported_year && year <= midway::last_supported_year; }

void check_feed(const midway::govuk_feed& feed) {
  for (const auto& [div, hs] : feed.divisions) {
    for (std::size_t i = 0; i < hs.size(); ++i) {
      FUZZ_CHECK(supported(hs[i].date.year()));
      FUZZ_CHECK(!hs[i].name.empty());
      FUZZ_CHECK(hs[i].origin == midway::holiday_origin::govuk_feed);
      if (i > 0) FUZZ_CHECK(hs[i - 1].date < hs[i].date);  // sorted, one per date
    }
    const auto years = feed.years(div);
    FUZZ_CHECK(years.has_value() == !hs.empty());
    if (years) FUZZ_CHECK(years->first == hs.front().date.year() && years->second == hs.back().date.year());
  }
}

void check_calendar(const midway::govuk_feed& feed, midway::division div, const std::vector<holiday>& hs) {
  const calendar cal(feed, div);
  FUZZ_CHECK(cal.division() == div);

  // Every feed event is a non-working day, and each covered year lists exactly the feed's events.
  std::map<int, std::vector<holiday>> by_year;
  for (const holiday& h : hs) {
    FUZZ_CHECK(!cal.is_working_day(h.date));
    by_year[h.date.year()].push_back(h);
  }
  for (const auto& [year, events] : by_year) FUZZ_CHECK(cal.holidays(year) == events);

  // Years just outside the feed come from the rules.
  const int first = hs.front().date.year(), last = hs.back().date.year();
  for (int year : {first - 1, last + 1}) {
    if (supported(year)) FUZZ_CHECK(cal.holidays(year) == midway::holiday_rules::builtin().holidays(div, year));
  }

  // Working-day arithmetic around a few of the feed's dates.
  for (std::size_t i = 0; i < hs.size() && i < 8; ++i) {
    const date d = hs[i].date;
    for (int n : {1, 3, -1, -3}) {
      try {
        const date r = cal.add_working_days(d, midway::working_days(n));
        FUZZ_CHECK(cal.is_working_day(r));
        FUZZ_CHECK(cal.working_days_between(d, r).count() == n);
        FUZZ_CHECK(n > 0 ? r > d : r < d);
        if (n == 1) FUZZ_CHECK(r == cal.next_working_day(d));
        if (n == -1) FUZZ_CHECK(r == cal.previous_working_day(d));
      } catch (const midway::out_of_range_error&) {
        // Only at the ends of the supported range.
        FUZZ_CHECK(d.year() <= midway::first_supported_year + 1 || d.year() >= midway::last_supported_year - 1);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  midway::govuk_feed feed;
  try {
    feed = midway::govuk_feed::parse(text);
  } catch (const midway::error& e) {
    FUZZ_CHECK(e.code() == midway::error_code::parse_error);
    FUZZ_CHECK(!e.field().empty() && e.field().front() == '$');  // a JSON path
    FUZZ_CHECK(e.what()[0] != '\0');
    return 0;
  }
  check_feed(feed);
  for (const auto& [div, hs] : feed.divisions) {
    if (hs.empty()) {
      // A division without events cannot supply a calendar.
      try {
        static_cast<void>(calendar(feed, div));
        FUZZ_CHECK(false);
      } catch (const midway::not_found_error& e) {
        FUZZ_CHECK(e.field() == "division");
      }
      continue;
    }
    check_calendar(feed, div, hs);
  }
  return 0;
}
