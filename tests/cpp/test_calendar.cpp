// Working-day arithmetic (include/midway/calendar.hpp): exhaustive checks against a naive
// day-by-day reference, hand-worked edges, closures, range errors and the bulk forms.
#include "test_support.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using midway::calendar;
using midway::closure;
using midway::date;
using midway::day_count;
using midway::division;
using midway::holiday;
using midway::holiday_origin;
using midway::out_of_range_error;
using midway::working_days;
using midway_test::capture;
using midway_test::iso;

namespace bg = boost::gregorian;

// ---- the naive reference ----

// Working days by brute force: a std::set of the division's holiday dates, boost's weekday,
// and a walk over every day. Shares nothing with calendar's tables but the holiday list
// (which test_holidays.cpp checks against GOV.UK and the Act's schedule).
class reference_calendar {
 public:
  reference_calendar(division div, bg::date first, bg::date last) : first_(first), last_(last) {
    std::set<bg::date> holidays;
    for (int y = first.year(); y <= last.year(); ++y) {
      for (const holiday& h : midway::holiday_rules::builtin().holidays(div, y)) holidays.insert(h.date.boost());
    }
    for (bg::date d = first; d <= last; d += bg::days(1)) {
      const auto wd = d.day_of_week();
      working_.push_back(wd != bg::Saturday && wd != bg::Sunday && !holidays.contains(d));
    }
  }

  bool working(bg::date d) const {
    if (d < first_ || d > last_) throw std::out_of_range("outside the reference calendar");
    return working_[static_cast<std::size_t>((d - first_).days())];
  }
  // Working days in [a, b] by walking, a <= b.
  int count(bg::date a, bg::date b) const {
    int n = 0;
    for (bg::date d = a; d <= b; d += bg::days(1)) n += working(d) ? 1 : 0;
    return n;
  }

 private:
  bg::date first_, last_;
  std::vector<bool> working_;
};

// Collects the first few mismatches instead of drowning the output (and the run time) in
// millions of assertions.
class mismatches {
 public:
  template <class Describe>
  void check(bool ok, Describe&& describe) {
    if (ok) return;
    if (++count_ <= 20) text_ << describe() << "\n";
  }
  int count() const { return count_; }
  std::string text() const { return text_.str(); }

 private:
  int count_ = 0;
  std::ostringstream text_;
};

std::string show(date d) { return d.to_iso(); }
std::string show(bg::date d) { return bg::to_iso_extended_string(d); }

constexpr int max_offset = 130;

class CalendarDivisionTest : public testing::TestWithParam<division> {};

INSTANTIATE_TEST_SUITE_P(AllDivisions, CalendarDivisionTest,
                         testing::ValuesIn(midway::all_divisions().begin(), midway::all_divisions().end()),
                         midway_test::division_param_name);

// Every date 1990-01-01..2060-12-31 and every n in -130..130:
//   add_working_days(d, n) equals the reference's n-th working day after/before d;
//   working_days_between(d, add_working_days(d, n)) == n; the result is a working day (n != 0);
//   the result is strictly increasing in n; next/previous_working_day are the reference's;
//   inclusive counting equals day-0 counting with n shortened by one when d is a working day.
// The reference keeps two windows, the next 130 and the previous 130 working days, slid
// forward one day at a time, so the whole walk is linear in the number of days.
TEST_P(CalendarDivisionTest, AddWorkingDaysMatchesNaiveReference) {
  const division div = GetParam();
  const calendar cal(div);
  const bg::date start(1990, 1, 1), end(2060, 12, 31);
  const reference_calendar ref(div, bg::date(1989, 1, 1), bg::date(2061, 12, 31));

  std::deque<bg::date> ahead;   // the next max_offset working days strictly after d, ascending
  std::deque<bg::date> behind;  // the last max_offset working days strictly before d, ascending
  for (bg::date x = start + bg::days(1); ahead.size() < max_offset; x += bg::days(1)) {
    if (ref.working(x)) ahead.push_back(x);
  }
  for (bg::date x = start - bg::days(1); behind.size() < max_offset; x -= bg::days(1)) {
    if (ref.working(x)) behind.push_front(x);
  }

  mismatches bad;
  long checks = 0;
  for (bg::date bd = start; bd <= end; bd += bg::days(1)) {
    const date d = date::from_boost(bd);
    const bool w = ref.working(bd);
    bad.check(cal.is_working_day(d) == w, [&] { return show(d) + ": is_working_day"; });
    bad.check(cal.next_working_day(d).boost() == ahead.front(), [&] { return show(d) + ": next_working_day"; });
    bad.check(cal.previous_working_day(d).boost() == behind.back(), [&] { return show(d) + ": previous_working_day"; });
    bad.check(cal.add_working_days(d, working_days(0)) == d, [&] { return show(d) + ": n = 0"; });
    bad.check(cal.working_days_between(d, d).count() == 0, [&] { return show(d) + ": between(d, d)"; });

    date prev_up = d, prev_down = d;
    for (int n = 1; n <= max_offset; ++n) {
      const auto k = static_cast<std::size_t>(n);
      // Forwards.
      const date up = cal.add_working_days(d, working_days(n));
      bad.check(up.boost() == ahead[k - 1], [&] { return show(d) + " + " + std::to_string(n) + " = " + show(up) + ", reference " + show(ahead[k - 1]); });
      bad.check(cal.working_days_between(d, up).count() == n, [&] { return show(d) + ": between(d, d + " + std::to_string(n) + ")"; });
      bad.check(cal.is_working_day(up), [&] { return show(d) + " + " + std::to_string(n) + " is not a working day"; });
      bad.check(prev_up < up, [&] { return show(d) + " + " + std::to_string(n) + " is not after n - 1"; });
      prev_up = up;
      // Backwards.
      const date down = cal.add_working_days(d, working_days(-n));
      bad.check(down.boost() == behind[behind.size() - k], [&] { return show(d) + " - " + std::to_string(n) + " = " + show(down); });
      bad.check(cal.working_days_between(d, down).count() == -n, [&] { return show(d) + ": between(d, d - " + std::to_string(n) + ")"; });
      bad.check(cal.is_working_day(down), [&] { return show(d) + " - " + std::to_string(n) + " is not a working day"; });
      bad.check(down < prev_down, [&] { return show(d) + " - " + std::to_string(n) + " is not before n - 1"; });
      prev_down = down;
      // Inclusive: d is day 1 (or day -1) when it is a working day.
      const int fwd = n - (w ? 1 : 0);
      const date incl_up = cal.add_working_days(d, working_days(n), day_count::inclusive);
      const bg::date want_up = fwd == 0 ? bd : ahead[static_cast<std::size_t>(fwd) - 1];
      bad.check(incl_up.boost() == want_up, [&] { return show(d) + " + " + std::to_string(n) + " inclusive = " + show(incl_up); });
      const date incl_down = cal.add_working_days(d, working_days(-n), day_count::inclusive);
      const bg::date want_down = fwd == 0 ? bd : behind[behind.size() - static_cast<std::size_t>(fwd)];
      bad.check(incl_down.boost() == want_down, [&] { return show(d) + " - " + std::to_string(n) + " inclusive = " + show(incl_down); });
      checks += 4;
    }

    // Slide the windows to bd + 1.
    const bg::date next = bd + bg::days(1);
    if (ahead.front() == next) ahead.pop_front();
    for (bg::date x = ahead.back() + bg::days(1); ahead.size() < max_offset; x += bg::days(1)) {
      if (ref.working(x)) ahead.push_back(x);
    }
    if (w) {
      behind.push_back(bd);
      behind.pop_front();
    }
  }
  EXPECT_EQ(bad.count(), 0) << bad.text();
  EXPECT_EQ(checks, 4L * max_offset * ((end - start).days() + 1));
}

// working_days_between against the reference's counts, both conventions, for a grid of
// start dates and every end date within 300 days; and add(a, between(a, b)) == b for every
// working day b (both conventions).
TEST_P(CalendarDivisionTest, WorkingDaysBetweenMatchesNaiveCount) {
  const division div = GetParam();
  const calendar cal(div);
  const reference_calendar ref(div, bg::date(1989, 1, 1), bg::date(2061, 12, 31));
  mismatches bad;
  for (bg::date ba = bg::date(1990, 1, 1); ba <= bg::date(2060, 12, 31); ba += bg::days(11)) {
    const date a = date::from_boost(ba);
    const int wa = ref.working(ba) ? 1 : 0;
    // Forwards: inclusive counts [a, b], day 0 counts (a, b].
    int in_closed = 0;
    for (int k = 0; k <= 300; ++k) {
      const bg::date bb = ba + bg::days(k);
      in_closed += ref.working(bb) ? 1 : 0;
      const date b = date::from_boost(bb);
      const int zero = cal.working_days_between(a, b).count();
      const int incl = cal.working_days_between(a, b, day_count::inclusive).count();
      bad.check(zero == in_closed - wa, [&] { return "between(" + show(a) + ", " + show(b) + ") = " + std::to_string(zero); });
      bad.check(incl == in_closed, [&] { return "inclusive between(" + show(a) + ", " + show(b) + ") = " + std::to_string(incl); });
      if (ref.working(bb)) {
        bad.check(cal.add_working_days(a, working_days(zero)) == b, [&] { return "add(" + show(a) + ", between) != " + show(b); });
        bad.check(cal.add_working_days(a, working_days(incl), day_count::inclusive) == b,
                  [&] { return "inclusive add(" + show(a) + ", between) != " + show(b); });
      }
    }
    // Backwards: day 0 gives minus the count of [b, a), inclusive minus the count of [b, a].
    in_closed = wa;
    for (int k = 1; k <= 300; ++k) {
      const bg::date bb = ba - bg::days(k);
      in_closed += ref.working(bb) ? 1 : 0;
      const date b = date::from_boost(bb);
      const int zero = cal.working_days_between(a, b).count();
      const int incl = cal.working_days_between(a, b, day_count::inclusive).count();
      bad.check(zero == -(in_closed - wa), [&] { return "between(" + show(a) + ", " + show(b) + ") = " + std::to_string(zero); });
      bad.check(incl == -in_closed, [&] { return "inclusive between(" + show(a) + ", " + show(b) + ") = " + std::to_string(incl); });
      if (ref.working(bb)) {
        bad.check(cal.add_working_days(a, working_days(zero)) == b, [&] { return "add(" + show(a) + ", between) != " + show(b); });
        bad.check(cal.add_working_days(a, working_days(incl), day_count::inclusive) == b,
                  [&] { return "inclusive add(" + show(a) + ", between) != " + show(b); });
      }
    }
  }
  EXPECT_EQ(bad.count(), 0) << bad.text();
  // The walk-based count itself, on one hand-checked week: Mon 2026-11-23..Sun 11-29 has 5.
  EXPECT_EQ(ref.count(bg::date(2026, 11, 23), bg::date(2026, 11, 29)), 5);
}

// Outside the exhaustive window the tables must still agree with the reference: every day
// of the range, is_working_day, and a step forward and back.
TEST_P(CalendarDivisionTest, WholeRangeAgreesWithReference) {
  const division div = GetParam();
  const calendar cal(div);
  const reference_calendar ref(div, bg::date(1978, 1, 1), bg::date(2199, 12, 31));
  mismatches bad;
  bg::date last_working(bg::not_a_date_time);
  for (bg::date bd(1978, 1, 1); bd <= bg::date(2199, 12, 31); bd += bg::days(1)) {
    const date d = date::from_boost(bd);
    bad.check(cal.is_working_day(d) == ref.working(bd), [&] { return show(d) + ": is_working_day"; });
    if (!last_working.is_special()) {
      bad.check(cal.previous_working_day(d).boost() == last_working, [&] { return show(d) + ": previous_working_day"; });
      bad.check(cal.add_working_days(d, working_days(-1)).boost() == last_working, [&] { return show(d) + ": - 1"; });
    }
    if (ref.working(bd)) last_working = bd;
  }
  EXPECT_EQ(bad.count(), 0) << bad.text();
  // holidays(year) is the rules' list for every year when there are no closures.
  for (int y = midway::first_supported_year; y <= midway::last_supported_year; ++y) {
    ASSERT_EQ(cal.holidays(y), midway::holiday_rules::builtin().holidays(div, y)) << y;
  }
}

// ---- hand-worked examples (england-and-wales unless stated) ----

// calendar.hpp / docs/calendar.md: Fri 2026-12-18. Mon 21 .. Thu 24 are days 1-4; Fri 25
// Christmas Day; Sat 26, Sun 27 weekend; Mon 28 Boxing Day (substitute for Sat 26); Tue 29
// is day 5. Inclusive: Fri 18 is day 1, so Thu 24 is day 5.
TEST(Calendar, WorkedExampleFromTheHeader) {
  const calendar cal(division::england_and_wales);
  EXPECT_EQ(cal.add_working_days(date(2026, 12, 18), working_days(5)), date(2026, 12, 29));
  EXPECT_EQ(cal.add_working_days(date(2026, 12, 18), working_days(5), day_count::inclusive), date(2026, 12, 24));
  EXPECT_EQ(cal.working_days_between(date(2026, 12, 18), date(2026, 12, 29)).count(), 5);
  EXPECT_EQ(cal.working_days_between(date(2026, 12, 18), date(2026, 12, 29), day_count::inclusive).count(), 6);
  EXPECT_EQ(cal.working_days_between(date(2026, 12, 29), date(2026, 12, 18)).count(), -5);
  // tests/consumer: 15 working days after Fri 2026-01-02 is Fri 2026-01-23 (no holidays in
  // between: 5 + 5 + 5 weekdays).
  EXPECT_EQ(cal.add_working_days(date(2026, 1, 2), working_days(15)), date(2026, 1, 23));
}

// Sat 2026-01-03: day 1 is Mon 5 January, day -1 is Fri 2 January. A non-working start is day
// 0 in both conventions. n = 0 returns the start itself, working day or not.
TEST(Calendar, StartOnAWeekend) {
  const calendar cal(division::england_and_wales);
  const date sat(2026, 1, 3);
  EXPECT_EQ(cal.add_working_days(sat, working_days(1)), date(2026, 1, 5));
  EXPECT_EQ(cal.add_working_days(sat, working_days(-1)), date(2026, 1, 2));
  EXPECT_EQ(cal.add_working_days(sat, working_days(1), day_count::inclusive), date(2026, 1, 5));
  EXPECT_EQ(cal.add_working_days(sat, working_days(-1), day_count::inclusive), date(2026, 1, 2));
  EXPECT_EQ(cal.add_working_days(sat, working_days(0)), sat);
  EXPECT_EQ(cal.add_working_days(sat, working_days(0), day_count::inclusive), sat);
  EXPECT_EQ(cal.working_days_between(sat, date(2026, 1, 4)).count(), 0);  // to Sunday
  EXPECT_EQ(cal.working_days_between(sat, date(2026, 1, 5)).count(), 1);
  EXPECT_EQ(cal.working_days_between(sat, date(2026, 1, 5), day_count::inclusive).count(), 1);
  EXPECT_EQ(cal.next_working_day(sat), date(2026, 1, 5));
  EXPECT_EQ(cal.previous_working_day(sat), date(2026, 1, 2));
  // Scotland: Fri 2 January and Thu 1 January are holidays, so day -1 is Wed 31 December.
  const calendar scot(division::scotland);
  EXPECT_EQ(scot.add_working_days(sat, working_days(-1)), date(2025, 12, 31));
  EXPECT_EQ(scot.previous_working_day(date(2026, 1, 5)), date(2025, 12, 31));
}

// Christmas Day 2026 (Friday): day 1 is Tue 29 (Sat, Sun, Boxing Day substitute Mon 28);
// day -1 is Thu 24.
TEST(Calendar, StartOnAHoliday) {
  const calendar cal(division::england_and_wales);
  const date xmas(2026, 12, 25);
  EXPECT_FALSE(cal.is_working_day(xmas));
  EXPECT_FALSE(cal.is_working_day(date(2026, 12, 28)));
  EXPECT_EQ(cal.add_working_days(xmas, working_days(1)), date(2026, 12, 29));
  EXPECT_EQ(cal.add_working_days(xmas, working_days(1), day_count::inclusive), date(2026, 12, 29));
  EXPECT_EQ(cal.add_working_days(xmas, working_days(-1)), date(2026, 12, 24));
  EXPECT_EQ(cal.working_days_between(xmas, date(2026, 12, 29)).count(), 1);
  EXPECT_EQ(cal.next_working_day(date(2026, 12, 24)), date(2026, 12, 29));
  EXPECT_EQ(cal.previous_working_day(date(2026, 12, 29)), date(2026, 12, 24));
  EXPECT_EQ(cal.next_working_day(date(2026, 12, 23)), date(2026, 12, 24));  // strictly after
  // Inclusive backwards from a working day: Fri 18 is day -1, Thu 17 day -2.
  EXPECT_EQ(cal.add_working_days(date(2026, 12, 18), working_days(-1), day_count::inclusive), date(2026, 12, 18));
  EXPECT_EQ(cal.add_working_days(date(2026, 12, 18), working_days(-2), day_count::inclusive), date(2026, 12, 17));
}

// Easter 2026 is 5 April: Good Friday 3 April everywhere, Easter Monday 6 April except in
// Scotland. One working day after Thu 2 April: Tue 7 April (E&W), Mon 6 April (Scotland).
TEST(Calendar, EasterDiffersByDivision) {
  EXPECT_EQ(calendar(division::england_and_wales).add_working_days(date(2026, 4, 2), working_days(1)), date(2026, 4, 7));
  EXPECT_EQ(calendar(division::northern_ireland).add_working_days(date(2026, 4, 2), working_days(1)), date(2026, 4, 7));
  EXPECT_EQ(calendar(division::scotland).add_working_days(date(2026, 4, 2), working_days(1)), date(2026, 4, 6));
}

// Pre-feed years (domain.md section 5): 8 May 1995 (VE day move, a Monday) and 31 December
// 1999 (millennium, a Friday). From Fri 5 May 1995, day 1 is Tue 9 May. From Thu 30 Dec 1999:
// Fri 31 (millennium), Sat 1 and Sun 2 Jan, Mon 3 Jan 2000 (New Year's Day substitute), so
// day 1 is Tue 4 January 2000.
TEST(Calendar, PreFeedProclamations) {
  const calendar cal(division::england_and_wales);
  EXPECT_EQ(cal.add_working_days(date(1995, 5, 5), working_days(1)), date(1995, 5, 9));
  EXPECT_EQ(cal.add_working_days(date(1999, 12, 30), working_days(1)), date(2000, 1, 4));
  EXPECT_FALSE(cal.is_working_day(date(1999, 12, 27)));  // Christmas substitute (25th a Saturday)
  EXPECT_FALSE(cal.is_working_day(date(1999, 12, 28)));  // Boxing Day substitute
}

// ---- closures ----

TEST(Calendar, ClosureMakesADayNonWorking) {
  const calendar plain(division::england_and_wales);
  const calendar cal(division::england_and_wales, {date(2026, 12, 24)});
  EXPECT_TRUE(plain.is_working_day(date(2026, 12, 24)));
  EXPECT_FALSE(cal.is_working_day(date(2026, 12, 24)));
  // From Wed 23: Thu 24 closed, Fri 25, Sat, Sun, Mon 28 (Boxing Day substitute): Tue 29.
  EXPECT_EQ(cal.add_working_days(date(2026, 12, 23), working_days(1)), date(2026, 12, 29));
  EXPECT_EQ(plain.add_working_days(date(2026, 12, 23), working_days(1)), date(2026, 12, 24));
  const auto hs = cal.holidays(2026);
  const auto it = std::find_if(hs.begin(), hs.end(), [](const holiday& h) { return h.date == date(2026, 12, 24); });
  ASSERT_NE(it, hs.end());
  EXPECT_EQ(*it, (holiday{date(2026, 12, 24), "Local closure", false, holiday_origin::closure}));
  EXPECT_EQ(hs.size(), plain.holidays(2026).size() + 1);
  EXPECT_TRUE(std::is_sorted(hs.begin(), hs.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; }));
  EXPECT_EQ(cal.holidays(2025), plain.holidays(2025));
}

TEST(Calendar, ClosureOnABankHolidayIsListedOnce) {
  const calendar cal(division::england_and_wales,
                     {closure(date(2026, 12, 25), "Christmas closure"), date(2026, 12, 31), date(2026, 12, 31)});
  const auto hs = cal.holidays(2026);
  EXPECT_EQ(std::count_if(hs.begin(), hs.end(), [](const holiday& h) { return h.date == date(2026, 12, 25); }), 1);
  EXPECT_EQ(std::count_if(hs.begin(), hs.end(), [](const holiday& h) { return h.date == date(2026, 12, 31); }), 1);
  const auto xmas = std::find_if(hs.begin(), hs.end(), [](const holiday& h) { return h.date == date(2026, 12, 25); });
  EXPECT_EQ(*xmas, (holiday{date(2026, 12, 25), "Christmas Day", false, holiday_origin::rule}));  // as the bank holiday
  EXPECT_EQ(hs.size(), calendar(division::england_and_wales).holidays(2026).size() + 1);
}

TEST(Calendar, ClosureOutsideTheRangeThrows) {
  auto e = capture<out_of_range_error>([] { calendar(division::england_and_wales, {date(1977, 12, 31)}); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "closures[0]");
  e = capture<out_of_range_error>([] { calendar(division::scotland, {date(2026, 1, 5), date(2200, 1, 1)}); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "closures[1]");
}

// ---- the feed as the holiday source ----

TEST(Calendar, FeedOverridesItsYearsAndRulesExtendThem) {
  // A feed that knows only 2030, with one made-up day: in 2030 the feed replaces the rules
  // (so Christmas 2030 is a working day here), and every other year comes from the rules.
  const auto feed = midway::govuk_feed::parse(
      R"({"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Only day", "date": "2030-06-12"}]}})");
  const calendar cal(feed, division::england_and_wales);
  EXPECT_EQ(cal.holidays(2030), (std::vector<holiday>{{date(2030, 6, 12), "Only day", false, holiday_origin::govuk_feed}}));
  EXPECT_FALSE(cal.is_working_day(date(2030, 6, 12)));
  EXPECT_TRUE(cal.is_working_day(date(2030, 12, 25)));
  EXPECT_FALSE(cal.is_working_day(date(2029, 12, 25)));
  EXPECT_FALSE(cal.is_working_day(date(2031, 12, 25)));
  EXPECT_EQ(cal.holidays(2031), midway::holiday_rules::builtin().holidays(division::england_and_wales, 2031));
  EXPECT_EQ(cal.source(), "rules 2023-05-08 + GOV.UK feed 2030-2030");

  auto e = capture<midway::not_found_error>([&] { calendar(feed, division::scotland); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "division");
}

// ---- accessors ----

TEST(Calendar, AccessorsAndRange) {
  const calendar cal;  // england-and-wales, builtin rules
  EXPECT_EQ(cal.division(), division::england_and_wales);
  EXPECT_EQ(cal.rules_version(), "2023-05-08");
  EXPECT_EQ(cal.source(), "rules 2023-05-08");
  EXPECT_EQ(calendar::first_date(), date(1978, 1, 1));
  EXPECT_EQ(calendar::last_date(), date(2199, 12, 31));
  EXPECT_EQ(calendar::first_day_number(), date(1978, 1, 1).day_number());
  EXPECT_EQ(calendar::day_span(), static_cast<std::uint32_t>((date(2199, 12, 31) - date(1978, 1, 1)).count() + 1));
  EXPECT_EQ(calendar(division::northern_ireland).division(), division::northern_ireland);
  // Copies share the tables.
  const calendar copy = cal;
  EXPECT_EQ(&copy.raw(), &cal.raw());
  EXPECT_EQ(cal.raw().rank.size(), calendar::day_span());
  EXPECT_EQ(midway::to_string(day_count::day_zero), "day_zero");
  EXPECT_EQ(midway::to_string(day_count::inclusive), "inclusive");
  EXPECT_EQ(midway::day_count_from_string("inclusive"), day_count::inclusive);
  EXPECT_EQ(midway::day_count_from_string("day_zero"), day_count::day_zero);
}

// ---- range errors ----

TEST(Calendar, InputsOutsideTheRangeThrowNamingTheArgument) {
  const calendar cal(division::england_and_wales);
  const date before(1977, 12, 31), after(2200, 1, 1), ok(2026, 6, 1);
  auto field_of = [](auto f) {
    auto e = capture<out_of_range_error>(f);
    return e ? e->field() : std::string("(no error)");
  };
  EXPECT_EQ(field_of([&] { (void)cal.is_working_day(before); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.is_working_day(after); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.add_working_days(before, working_days(1)); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.add_working_days(after, working_days(-1)); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.next_working_day(before); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.previous_working_day(after); }), "date");
  EXPECT_EQ(field_of([&] { (void)cal.working_days_between(before, ok); }), "a");
  EXPECT_EQ(field_of([&] { (void)cal.working_days_between(ok, after); }), "b");
  EXPECT_EQ(field_of([&] { (void)cal.working_days_between(ok, before, day_count::inclusive); }), "b");
  EXPECT_EQ(field_of([&] { (void)cal.holidays(1977); }), "year");
  EXPECT_EQ(field_of([&] { (void)cal.holidays(2200); }), "year");
  EXPECT_EQ(field_of([&] { (void)midway::holiday_rules::builtin().holidays(division::england_and_wales, 1977); }), "year");
  // The edges themselves are fine.
  EXPECT_FALSE(cal.is_working_day(date(1978, 1, 1)));  // a Sunday
  EXPECT_TRUE(cal.is_working_day(date(2199, 12, 31)));  // a Tuesday
}

// The first working day of the range is Tue 1978-01-03 (Sun 1 January, Mon 2 January the New
// Year's Day substitute); the last is Tue 2199-12-31. Results beyond either end throw.
TEST(Calendar, ResultsOutsideTheRangeThrow) {
  const calendar cal(division::england_and_wales);
  EXPECT_EQ(cal.next_working_day(date(1978, 1, 1)), date(1978, 1, 3));
  EXPECT_EQ(cal.add_working_days(date(2199, 12, 30), working_days(1)), date(2199, 12, 31));
  EXPECT_EQ(cal.previous_working_day(date(1978, 1, 4)), date(1978, 1, 3));
  auto e = capture<out_of_range_error>([&] { (void)cal.add_working_days(date(2199, 12, 31), working_days(1)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n");
  e = capture<out_of_range_error>([&] { (void)cal.add_working_days(date(1978, 1, 3), working_days(-1)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n");
  e = capture<out_of_range_error>([&] { (void)cal.add_working_days(date(1978, 1, 2), working_days(-1)); });
  ASSERT_TRUE(e);
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)cal.next_working_day(date(2199, 12, 31)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)cal.previous_working_day(date(1978, 1, 3)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)cal.previous_working_day(date(1978, 1, 1)); }));
  for (std::int32_t n : {std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min(), 60000, -60000}) {
    EXPECT_TRUE(capture<out_of_range_error>([&] { (void)cal.add_working_days(date(2026, 1, 1), working_days(n)); })) << n;
    EXPECT_TRUE(capture<out_of_range_error>(
        [&] { (void)cal.add_working_days(date(2026, 1, 1), working_days(n), day_count::inclusive); }))
        << n;
  }
  // The whole range: from the first working day to the last.
  const auto all = cal.working_days_between(date(1978, 1, 3), date(2199, 12, 31));
  EXPECT_EQ(cal.add_working_days(date(1978, 1, 3), all), date(2199, 12, 31));
  EXPECT_EQ(cal.add_working_days(date(2199, 12, 31), -all), date(1978, 1, 3));
  EXPECT_EQ(static_cast<std::size_t>(all.count()) + 1, cal.raw().working.size());
}

// ---- bulk forms ----

std::int64_t epoch(date d) { return d.days_since_epoch(); }

class BulkTest : public testing::Test {
 protected:
  const calendar cal{division::england_and_wales};
  std::vector<std::int64_t> days;
  void SetUp() override {
    for (date d(2026, 12, 14); d <= date(2027, 1, 10); d = d + midway::calendar_days(1)) days.push_back(epoch(d));
  }
};

TEST_F(BulkTest, AddWorkingDaysMatchesScalar) {
  std::vector<std::int64_t> offsets;
  for (std::size_t i = 0; i < days.size(); ++i) offsets.push_back(static_cast<std::int64_t>(i % 11) - 5);
  for (day_count c : {day_count::day_zero, day_count::inclusive}) {
    std::vector<std::int64_t> out(days.size(), -1);
    cal.add_working_days(days, offsets, out, c);
    for (std::size_t i = 0; i < days.size(); ++i) {
      const date d = date::from_days_since_epoch(days[i]);
      const auto n = working_days(static_cast<std::int32_t>(offsets[i]));
      EXPECT_EQ(out[i], epoch(cal.add_working_days(d, n, c))) << d << " " << offsets[i];
    }
  }
  // The worked example through the bulk form.
  std::vector<std::int64_t> one(1);
  cal.add_working_days(std::vector<std::int64_t>{epoch(date(2026, 12, 18))}, std::vector<std::int64_t>{5}, one);
  EXPECT_EQ(one[0], epoch(date(2026, 12, 29)));
}

TEST_F(BulkTest, AddWorkingDaysBroadcastsSizeOne) {
  // One date, many offsets.
  const std::vector<std::int64_t> start{epoch(date(2026, 12, 18))};
  const std::vector<std::int64_t> offsets{0, 1, 4, 5, 6, -1};
  std::vector<std::int64_t> out(offsets.size());
  cal.add_working_days(start, offsets, out);
  EXPECT_EQ(out, (std::vector<std::int64_t>{epoch(date(2026, 12, 18)), epoch(date(2026, 12, 21)), epoch(date(2026, 12, 24)),
                                            epoch(date(2026, 12, 29)), epoch(date(2026, 12, 30)), epoch(date(2026, 12, 17))}));
  // Many dates, one offset.
  std::vector<std::int64_t> out2(days.size());
  cal.add_working_days(days, std::vector<std::int64_t>{10}, out2);
  for (std::size_t i = 0; i < days.size(); ++i) {
    EXPECT_EQ(out2[i], epoch(cal.add_working_days(date::from_days_since_epoch(days[i]), working_days(10))));
  }
}

TEST_F(BulkTest, WorkingDaysBetweenAndIsWorkingDayMatchScalar) {
  std::vector<std::int64_t> b(days.rbegin(), days.rend());
  for (day_count c : {day_count::day_zero, day_count::inclusive}) {
    std::vector<std::int64_t> out(days.size());
    cal.working_days_between(days, b, out, c);
    for (std::size_t i = 0; i < days.size(); ++i) {
      EXPECT_EQ(out[i], cal.working_days_between(date::from_days_since_epoch(days[i]), date::from_days_since_epoch(b[i]), c).count());
    }
    // Broadcast a.
    cal.working_days_between(std::vector<std::int64_t>{days[0]}, b, out, c);
    for (std::size_t i = 0; i < days.size(); ++i) {
      EXPECT_EQ(out[i], cal.working_days_between(date::from_days_since_epoch(days[0]), date::from_days_since_epoch(b[i]), c).count());
    }
  }
  auto flags = std::make_unique<bool[]>(days.size());
  cal.is_working_day(days, std::span<bool>(flags.get(), days.size()));
  for (std::size_t i = 0; i < days.size(); ++i) {
    EXPECT_EQ(flags[i], cal.is_working_day(date::from_days_since_epoch(days[i]))) << days[i];
  }
  // Broadcast one date.
  cal.is_working_day(std::vector<std::int64_t>{epoch(date(2026, 12, 25))}, std::span<bool>(flags.get(), 3));
  EXPECT_FALSE(flags[0] || flags[1] || flags[2]);
}

TEST_F(BulkTest, MismatchedSizesThrow) {
  std::vector<std::int64_t> out(3);
  const std::vector<std::int64_t> two{days[0], days[1]}, three{1, 2, 3};
  auto e = capture<midway::invalid_argument_error>([&] { cal.add_working_days(two, three, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), midway::error_code::invalid_argument);
  EXPECT_EQ(e->field(), "date");
  e = capture<midway::invalid_argument_error>([&] { cal.add_working_days(std::vector<std::int64_t>{days[0]}, two, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n");
  e = capture<midway::invalid_argument_error>(
      [&] { cal.add_working_days(two, three, out, day_count::day_zero, "start", "offset"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "start");
  e = capture<midway::invalid_argument_error>([&] { cal.working_days_between(three, two, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "b");
  e = capture<midway::invalid_argument_error>([&] { cal.working_days_between(std::vector<std::int64_t>{}, three, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "a");
  auto flags = std::make_unique<bool[]>(3);
  e = capture<midway::invalid_argument_error>([&] { cal.is_working_day(two, std::span<bool>(flags.get(), 3)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "date");
  // Empty output with size-1 inputs is fine and writes nothing.
  EXPECT_NO_THROW(cal.add_working_days(std::vector<std::int64_t>{days[0]}, std::vector<std::int64_t>{1}, std::span<std::int64_t>{}));
}

TEST_F(BulkTest, BadElementsThrowNamingTheElement) {
  constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
  const std::int64_t too_early = epoch(date(1977, 12, 31)), too_late = epoch(date(2200, 1, 1));
  std::vector<std::int64_t> in{days[0], days[1], days[2], nat, days[4]};
  std::vector<std::int64_t> out(in.size(), -7);
  auto e = capture<out_of_range_error>([&] { cal.add_working_days(in, std::vector<std::int64_t>{1}, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "date[3]");
  // Elements before the bad one are written; nothing past it.
  EXPECT_EQ(out[2], epoch(cal.add_working_days(date::from_days_since_epoch(days[2]), working_days(1))));
  EXPECT_EQ(out[3], -7);
  EXPECT_EQ(out[4], -7);

  in[3] = too_early;
  e = capture<out_of_range_error>([&] { cal.add_working_days(in, std::vector<std::int64_t>{1}, out, day_count::day_zero, "when", "k"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "when[3]");
  in[3] = too_late;
  e = capture<out_of_range_error>([&] { cal.add_working_days(in, std::vector<std::int64_t>{1}, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "date[3]");
  in[3] = std::numeric_limits<std::int64_t>::max();
  e = capture<out_of_range_error>([&] { cal.add_working_days(in, std::vector<std::int64_t>{1}, out); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "date[3]");

  // Offsets: too large in magnitude, or a result outside the range.
  const std::vector<std::int64_t> offsets{1, std::numeric_limits<std::int64_t>::max()};
  std::vector<std::int64_t> out2(2);
  e = capture<out_of_range_error>([&] { cal.add_working_days(std::vector<std::int64_t>{days[0]}, offsets, out2); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n[1]");
  e = capture<out_of_range_error>([&] {
    cal.add_working_days(std::vector<std::int64_t>{epoch(date(2199, 12, 31))}, std::vector<std::int64_t>{0, 1}, out2);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n[1]");  // 2199-12-31 + 0 is fine; + 1 leaves the range
  e = capture<out_of_range_error>([&] {
    cal.add_working_days(std::vector<std::int64_t>{epoch(date(1978, 1, 3))}, std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()}, out2);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "n[0]");  // broadcast: the element is n[0]

  // Between and is_working_day.
  std::vector<std::int64_t> out3(3);
  e = capture<out_of_range_error>([&] {
    cal.working_days_between(std::vector<std::int64_t>{days[0], days[1], nat}, std::vector<std::int64_t>{days[0]}, out3);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "a[2]");
  e = capture<out_of_range_error>([&] {
    cal.working_days_between(std::vector<std::int64_t>{days[0]}, std::vector<std::int64_t>{days[0], too_early, days[1]}, out3);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "b[1]");
  auto flags = std::make_unique<bool[]>(3);
  e = capture<out_of_range_error>([&] {
    cal.is_working_day(std::vector<std::int64_t>{days[0], days[1], nat}, std::span<bool>(flags.get(), 3), "d");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "d[2]");
}

// calendar::from_holidays restores any calendar from what raw() holds (Python's pickle uses it).
TEST(Calendar, FromHolidaysRestoresAnEqualCalendar) {
  const calendar scot(division::scotland, {date(2026, 12, 24), date(2026, 12, 25)});
  const calendar again = calendar::from_holidays(scot.division(), scot.raw().holidays, scot.rules_version(), scot.source());
  EXPECT_EQ(again, scot);
  EXPECT_EQ(again.raw().rank, scot.raw().rank);
  EXPECT_EQ(again.raw().working, scot.raw().working);
  EXPECT_EQ(again.holidays(2026), scot.holidays(2026));
  EXPECT_FALSE(again.is_working_day(date(2026, 12, 24)));
  EXPECT_EQ(again.add_working_days(date(2026, 12, 18), working_days(5)), scot.add_working_days(date(2026, 12, 18), working_days(5)));
  // Any order of the holidays.
  std::vector<holiday> reversed(scot.raw().holidays.rbegin(), scot.raw().holidays.rend());
  EXPECT_EQ(calendar::from_holidays(division::scotland, reversed, scot.rules_version(), scot.source()), scot);
  EXPECT_NE(calendar(division::scotland), scot);
  EXPECT_NE(calendar(), scot);
  EXPECT_EQ(calendar(), calendar());
  std::vector<holiday> bad = scot.raw().holidays;
  bad[3].date = date(1977, 12, 30);
  const auto e = capture<out_of_range_error>([&] { (void)calendar::from_holidays(division::scotland, bad, "v", "s"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "holidays[3]");
}

}  // namespace
