// midway::date and the duration types (include/midway/date.hpp).
#include "test_support.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <sstream>
#include <type_traits>
#include <unordered_set>
#include <utility>

namespace {

using midway::calendar_days;
using midway::date;
using midway::invalid_date_error;
using midway::months;
using midway::out_of_range_error;
using midway::weekday;
using midway::weeks;
using midway::working_days;
using midway_test::capture;
using midway_test::iso;

namespace bg = boost::gregorian;

// ---- compile-time contracts: only meaningful arithmetic compiles ----

template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept subtractable = requires(A a, B b) { a - b; };
template <class N>
concept working_day_offset = requires(const midway::calendar& cal, date d, N n) { cal.add_working_days(d, n); };

static_assert(addable<date, calendar_days>);
static_assert(addable<date, weeks>);
static_assert(addable<date, months>);
static_assert(!addable<date, working_days>, "date + working_days needs a calendar");
static_assert(!addable<date, date>);
static_assert(!addable<date, int>);
static_assert(!addable<calendar_days, working_days>);
static_assert(!addable<months, calendar_days>);
static_assert(subtractable<date, date>);
static_assert(std::is_same_v<decltype(std::declval<date>() - std::declval<date>()), calendar_days>);
static_assert(!subtractable<date, working_days>);
static_assert(working_day_offset<working_days>);
static_assert(!working_day_offset<calendar_days>, "calendar days are not working days");
static_assert(!working_day_offset<int>, "a bare count must say its unit");
static_assert(!std::is_default_constructible_v<date>, "a date must be given");
static_assert(!std::is_convertible_v<int, calendar_days>);
static_assert(!std::is_convertible_v<working_days, calendar_days>);

bg::date boost_date(int y, int m, int d) {
  return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

// ---- construction ----

TEST(Date, ConstructsValidDates) {
  const date d(2024, 2, 29);
  EXPECT_EQ(d.year(), 2024);
  EXPECT_EQ(d.month(), 2);
  EXPECT_EQ(d.day(), 29);
  EXPECT_EQ(d.boost(), boost_date(2024, 2, 29));
  EXPECT_EQ(date(1400, 1, 1).to_iso(), "1400-01-01");
  EXPECT_EQ(date(9999, 12, 31).to_iso(), "9999-12-31");
  EXPECT_EQ(date(2000, 2, 29).to_iso(), "2000-02-29");  // divisible by 400: leap
}

TEST(Date, RejectsImpossibleDates) {
  auto e = capture<invalid_date_error>([] { (void)date(2026, 2, 30); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), midway::error_code::invalid_date);
  EXPECT_EQ(e->field(), "date");
  EXPECT_EQ(e->record_id(), "");

  e = capture<invalid_date_error>([] { (void)date(2023, 2, 29, "dob"); });  // 2023 is not a leap year
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "dob");
  e = capture<invalid_date_error>([] { (void)date(1900, 2, 29); });  // divisible by 100, not 400
  ASSERT_TRUE(e);
  struct ymd {
    int y, m, d;
  };
  for (const ymd bad : {ymd{2026, 13, 1}, ymd{2026, 0, 1}, ymd{2026, 4, 31}, ymd{2026, 1, 0}, ymd{2026, 1, 32},
                        ymd{1399, 12, 31}, ymd{10000, 1, 1}, ymd{-1, 1, 1}}) {
    e = capture<invalid_date_error>([&] { (void)date(bad.y, bad.m, bad.d, "x"); });
    ASSERT_TRUE(e) << bad.y << "-" << bad.m << "-" << bad.d;
    EXPECT_EQ(e->field(), "x");
  }
}

TEST(Date, DaysInMonthAgreesWithBoost) {
  EXPECT_EQ(midway::days_in_month(2024, 2), 29);
  EXPECT_EQ(midway::days_in_month(2023, 2), 28);
  EXPECT_EQ(midway::days_in_month(1900, 2), 28);
  EXPECT_EQ(midway::days_in_month(2000, 2), 29);
  EXPECT_EQ(midway::days_in_month(2026, 4), 30);
  EXPECT_EQ(midway::days_in_month(2026, 12), 31);
  for (int y = 1400; y <= 9999; y += 7) {
    for (int m = 1; m <= 12; ++m) {
      const int expected = bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                     static_cast<unsigned short>(m));
      ASSERT_EQ(midway::days_in_month(y, m), expected) << y << "-" << m;
    }
  }
}

// ---- ISO 8601 ----

TEST(Date, FromIsoParsesStrictIso) {
  EXPECT_EQ(date::from_iso("2026-11-22"), date(2026, 11, 22));
  EXPECT_EQ(date::from_iso("2024-02-29"), date(2024, 2, 29));
  EXPECT_EQ(date::from_iso("1400-01-01"), date(1400, 1, 1));
  EXPECT_EQ(date::from_iso("9999-12-31"), date(9999, 12, 31));
}

TEST(Date, FromIsoRejectsEverythingElse) {
  for (std::string_view bad : {"2026-02-30", "2026-2-3", "26/02/2026", "", "2026-13-01", "abcd-ef-gh", "2026-02-03 ",
                               " 2026-02-03", "2026-00-10", "2026-01-00", "1399-12-31", "2026/02/03", "20260203",
                               "2026-02-3x", "+026-02-03", "2026-+2-03", "2026-02-03T00:00", "２026-02-03"}) {
    auto e = capture<invalid_date_error>([&] { (void)date::from_iso(bad, "events[3].date"); });
    ASSERT_TRUE(e) << "'" << bad << "'";
    EXPECT_EQ(e->field(), "events[3].date") << "'" << bad << "'";
    EXPECT_EQ(e->code(), midway::error_code::invalid_date);
  }
}

TEST(Date, FromIsoCarriesFieldAndRecordId) {
  // Both failure paths (bad form, and a well-formed but impossible date) name the record.
  for (std::string_view bad : {"26/02/2026", "2026-02-30"}) {
    auto e = capture<invalid_date_error>([&] { (void)date::from_iso(bad, "dob", "CP-1"); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field(), "dob");
    EXPECT_EQ(e->record_id(), "CP-1");
    EXPECT_TRUE(std::string_view(e->what()).ends_with(" (field 'dob', record 'CP-1')")) << e->what();
  }
  auto e = capture<invalid_date_error>([] { (void)date::from_iso("nope"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "date");  // the default field name
}

TEST(Date, ToIsoRoundTrips) {
  for (int y : {1400, 1978, 1999, 2000, 2026, 9999}) {
    for (int m = 1; m <= 12; ++m) {
      for (int d : {1, 9, 10, 28, midway::days_in_month(y, m)}) {
        const date x(y, m, d);
        EXPECT_EQ(date::from_iso(x.to_iso()), x);
        // Independently formatted by boost ("YYYY-MM-DD").
        EXPECT_EQ(x.to_iso(), bg::to_iso_extended_string(boost_date(y, m, d)));
      }
    }
  }
  std::ostringstream os;
  os << date(2026, 3, 5);
  EXPECT_EQ(os.str(), "2026-03-05");
}

// ---- boost and numpy interop ----

TEST(Date, FromBoostRejectsSpecialValues) {
  EXPECT_EQ(date::from_boost(boost_date(2026, 1, 2)), date(2026, 1, 2));
  for (auto special : {bg::not_a_date_time, bg::pos_infin, bg::neg_infin}) {
    auto e = capture<invalid_date_error>([&] { (void)date::from_boost(bg::date(special), "start"); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field(), "start");
  }
}

TEST(Date, DaysSinceEpochRoundTrips) {
  // docs/calendar.md: 20414 is 2025-11-22 (numpy.datetime64('2025-11-22') == 20414).
  EXPECT_EQ(date::from_days_since_epoch(20414), date(2025, 11, 22));
  EXPECT_EQ(date::from_days_since_epoch(0), date(1970, 1, 1));
  EXPECT_EQ(date::from_days_since_epoch(-1), date(1969, 12, 31));
  EXPECT_EQ(date(1970, 1, 1).days_since_epoch(), 0);
  const bg::date epoch = boost_date(1970, 1, 1);
  for (std::int64_t n = -208188; n <= 2932896; n += 997) {  // 1400-01-01 .. 9999-12-31
    const date d = date::from_days_since_epoch(n);
    ASSERT_EQ(d.days_since_epoch(), n);
    ASSERT_EQ((d.boost() - epoch).days(), n);
  }
  EXPECT_EQ(date::from_days_since_epoch(-208188), date(1400, 1, 1));
  EXPECT_EQ(date::from_days_since_epoch(2932896), date(9999, 12, 31));
  for (std::int64_t bad : {std::int64_t{-208189}, std::int64_t{2932897}, std::numeric_limits<std::int64_t>::min(),
                           std::numeric_limits<std::int64_t>::max()}) {
    auto e = capture<out_of_range_error>([&] { (void)date::from_days_since_epoch(bad, "when"); });
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->field(), "when");
  }
}

TEST(Date, DayNumbersAreConsecutive) {
  EXPECT_EQ(date(1970, 1, 1).day_number(), date::epoch_day_number);
  EXPECT_EQ(date(2024, 3, 1).day_number() - date(2024, 2, 28).day_number(), 2u);
  EXPECT_EQ(date(2023, 3, 1).day_number() - date(2023, 2, 28).day_number(), 1u);
}

// ---- weekdays ----

TEST(Date, WeekdayAgreesWithBoost) {
  EXPECT_EQ(date(1970, 1, 1).day_of_week(), weekday::thursday);
  EXPECT_EQ(date(2026, 12, 25).day_of_week(), weekday::friday);
  EXPECT_EQ(date(2026, 1, 3).day_of_week(), weekday::saturday);
  EXPECT_EQ(date(2026, 1, 4).day_of_week(), weekday::sunday);
  EXPECT_EQ(date(2026, 1, 5).day_of_week(), weekday::monday);
  EXPECT_TRUE(date(2026, 1, 3).is_weekend());
  EXPECT_TRUE(date(2026, 1, 4).is_weekend());
  EXPECT_FALSE(date(2026, 1, 2).is_weekend());
  for (std::int64_t n = -208188; n <= 2932896; n += 131) {
    const date d = date::from_days_since_epoch(n);
    const int boost_dow = d.boost().day_of_week().as_number();  // 0 = Sunday
    const int iso_dow = boost_dow == 0 ? 7 : boost_dow;
    ASSERT_EQ(static_cast<int>(d.day_of_week()), iso_dow) << d;
    ASSERT_EQ(d.is_weekend(), iso_dow >= 6) << d;
  }
}

TEST(Date, WeekdayNames) {
  EXPECT_EQ(midway::to_string(weekday::monday), "Monday");
  EXPECT_EQ(midway::to_string(weekday::wednesday), "Wednesday");
  EXPECT_EQ(midway::to_string(weekday::sunday), "Sunday");
}

// ---- arithmetic ----

TEST(Date, CalendarDaysAndWeeks) {
  EXPECT_EQ(date(2026, 12, 25) + calendar_days(10), date(2027, 1, 4));
  EXPECT_EQ(date(2024, 2, 28) + calendar_days(1), date(2024, 2, 29));
  EXPECT_EQ(date(2023, 2, 28) + calendar_days(1), date(2023, 3, 1));
  EXPECT_EQ(date(2026, 1, 1) - calendar_days(1), date(2025, 12, 31));
  EXPECT_EQ(date(2026, 1, 1) + weeks(6), date(2026, 2, 12));  // 42 days
  EXPECT_EQ(date(2026, 2, 12) - weeks(6), date(2026, 1, 1));
  EXPECT_EQ(date(2026, 1, 1) + calendar_days(0), date(2026, 1, 1));
  auto e = capture<out_of_range_error>([] { (void)(date(9999, 12, 31) + calendar_days(1)); });
  ASSERT_TRUE(e);
  e = capture<out_of_range_error>([] { (void)(date(1400, 1, 1) - calendar_days(1)); });
  ASSERT_TRUE(e);
  e = capture<out_of_range_error>([] { (void)(date(2026, 1, 1) + weeks(std::numeric_limits<std::int32_t>::max() / 7)); });
  ASSERT_TRUE(e);
}

TEST(Date, DifferenceIsCalendarDays) {
  EXPECT_EQ((date(2027, 1, 4) - date(2026, 12, 25)).count(), 10);
  EXPECT_EQ((date(2026, 12, 25) - date(2027, 1, 4)).count(), -10);
  EXPECT_EQ((date(2025, 1, 1) - date(2024, 1, 1)).count(), 366);
  EXPECT_EQ((date(9999, 12, 31) - date(1400, 1, 1)).count(), 2932896 + 208188);
}

// Calendar months: corresponding day, clamped to the month's end (domain.md section 4).
TEST(Date, MonthsClampToMonthEnd) {
  EXPECT_EQ(date(2023, 11, 30) + months(3), date(2024, 2, 29));  // Feb 2024 has 29 days
  EXPECT_EQ(date(2022, 11, 30) + months(3), date(2023, 2, 28));  // Feb 2023 has 28
  EXPECT_EQ(date(2024, 1, 31) + months(1), date(2024, 2, 29));
  EXPECT_EQ(date(2024, 2, 29) + months(12), date(2025, 2, 28));  // leap day, a year on
  EXPECT_EQ(date(2024, 2, 29) + months(48), date(2028, 2, 29));
  EXPECT_EQ(date(2023, 2, 28) + months(1), date(2023, 3, 28));  // no snapping to the month end
  EXPECT_EQ(date(2026, 1, 31) + months(3), date(2026, 4, 30));
  EXPECT_EQ(date(2026, 12, 15) + months(1), date(2027, 1, 15));  // across a year end
  EXPECT_EQ(date(2026, 5, 10) + months(0), date(2026, 5, 10));
  // Negative months.
  EXPECT_EQ(date(2024, 3, 31) - months(1), date(2024, 2, 29));
  EXPECT_EQ(date(2023, 3, 31) + months(-1), date(2023, 2, 28));
  EXPECT_EQ(date(2024, 1, 31) - months(2), date(2023, 11, 30));
  EXPECT_EQ(date(2027, 1, 15) - months(1), date(2026, 12, 15));
  EXPECT_EQ(date(2026, 1, 15) - months(25), date(2023, 12, 15));
  EXPECT_EQ(date(2025, 2, 28) - months(12), date(2024, 2, 28));
}

TEST(Date, MonthsAgreeWithBoostFirstOfMonthArithmetic) {
  // Independent reference: boost's month arithmetic on the 1st of the month (which never
  // snaps), then the day clamped to boost's end-of-month day.
  for (int y = 1990; y <= 2030; y += 3) {
    for (int m = 1; m <= 12; ++m) {
      for (int d : {1, 15, 28, 29, 30, 31}) {
        if (d > midway::days_in_month(y, m)) continue;
        const date start(y, m, d);
        for (int n = -40; n <= 40; ++n) {
          const bg::date first = boost_date(y, m, 1) + bg::months(n);
          const int last = first.end_of_month().day().as_number();
          const bg::date expected = boost_date(first.year(), first.month().as_number(), std::min(d, last));
          ASSERT_EQ((start + months(n)).boost(), expected) << start << " + " << n << " months";
        }
      }
    }
  }
}

TEST(Date, MonthsOutOfRangeThrow) {
  auto e = capture<out_of_range_error>([] { (void)(date(9999, 12, 1) + months(1)); });
  ASSERT_TRUE(e);
  e = capture<out_of_range_error>([] { (void)(date(1400, 1, 31) - months(1)); });
  ASSERT_TRUE(e);
  e = capture<out_of_range_error>([] { (void)(date(2026, 1, 1) + months(std::numeric_limits<std::int32_t>::max())); });
  ASSERT_TRUE(e);
  e = capture<out_of_range_error>([] { (void)(date(2026, 1, 1) + months(std::numeric_limits<std::int32_t>::min())); });
  ASSERT_TRUE(e);
  EXPECT_EQ(date(9999, 11, 30) + months(1), date(9999, 12, 30));
  EXPECT_EQ(date(1400, 2, 28) - months(1), date(1400, 1, 28));
}

// Counts at the limits of the 32-bit rep: every such result is far outside 1400..9999, so
// each must be an out_of_range_error (the contract), never a wrapped-around date.
TEST(Date, ExtremeCountsThrowOutOfRange) {
  constexpr std::int32_t max = std::numeric_limits<std::int32_t>::max();
  constexpr std::int32_t min = std::numeric_limits<std::int32_t>::min();
  const date d(2026, 6, 15);
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + calendar_days(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + calendar_days(min)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - calendar_days(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - calendar_days(min)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + weeks(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + weeks(min)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - weeks(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - weeks(min)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + months(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d + months(min)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - months(max)); }));
  EXPECT_TRUE(capture<out_of_range_error>([&] { (void)(d - months(min)); }));
  // Just inside the limits: 1400-01-01 and 9999-12-31 are reachable.
  EXPECT_EQ(d + (date(9999, 12, 31) - d), date(9999, 12, 31));
  EXPECT_EQ(d - calendar_days((d - date(1400, 1, 1)).count()), date(1400, 1, 1));
  EXPECT_EQ(d + months((9999 - 2026) * 12 + 6), date(9999, 12, 15));
  EXPECT_EQ(d - months((2026 - 1400) * 12 + 5), date(1400, 1, 15));
}

TEST(Span, ArithmeticStaysInItsUnit) {
  EXPECT_EQ((working_days(3) + working_days(4)).count(), 7);
  EXPECT_EQ((working_days(3) - working_days(4)).count(), -1);
  EXPECT_EQ((working_days(3) * 4).count(), 12);
  EXPECT_EQ((4 * working_days(3)).count(), 12);
  EXPECT_EQ((-working_days(3)).count(), -3);
  EXPECT_LT(calendar_days(2), calendar_days(3));
  EXPECT_EQ(months(5), months(5));
  EXPECT_NE(months(5), months(6));
  static_assert(working_days(2) * 3 == working_days(6));
}

// ---- ordering and hashing ----

TEST(Date, OrderingFollowsTheCalendar) {
  const date a(2025, 12, 31), b(2026, 1, 1), c(2026, 1, 2);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_GT(c, a);
  EXPECT_LE(b, b);
  EXPECT_EQ(b, iso("2026-01-01"));
  EXPECT_NE(a, b);
  EXPECT_TRUE((a <=> b) == std::strong_ordering::less);
  EXPECT_TRUE((date(2026, 2, 1) <=> date(2026, 1, 31)) == std::strong_ordering::greater);
}

TEST(Date, HashSupportsUnorderedContainers) {
  std::unordered_set<date> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(date(2026, 1, 1) + calendar_days(i % 400));
  EXPECT_EQ(seen.size(), 400u);
  EXPECT_TRUE(seen.contains(date(2026, 1, 1)));
  EXPECT_TRUE(seen.contains(iso("2027-02-04")));  // day 399
  EXPECT_FALSE(seen.contains(iso("2027-02-05")));
  const std::hash<date> h;
  EXPECT_EQ(h(date(2026, 5, 1)), h(iso("2026-05-01")));
}

}  // namespace
