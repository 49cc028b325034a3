// Policy (include/midway/policy.hpp): add_period per unit and convention, within, length_in,
// presets, names. Every expected date is worked out by hand on the england-and-wales calendar:
//   2025: 1 Jan, 18 Apr (Good Fri), 21 Apr, 5 May, 26 May, 25 Aug, 25 Dec, 26 Dec
//   2026: 1 Jan, 3 Apr (Good Fri), 6 Apr (Easter Mon), 4 May, 25 May, 31 Aug, 25 Dec, 28 Dec (Boxing Day substitute)
//   2027: 1 Jan, 26 Mar, 29 Mar, 3 May, 31 May, 30 Aug, 27 Dec, 28 Dec
#include "test_support.hpp"

#include <string>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

class PolicyTest : public testing::Test {
 protected:
  calendar cal;  // england-and-wales
  policy pol = policy::england();

  date add(std::string_view from, period p) const { return add_period(iso(from), p, pol, cal); }
};

// ---- add_period, one unit at a time ------------------------------------------------------

TEST_F(PolicyTest, WorkingDaysDayZero) {
  // Fri 2026-12-18 + 5 wd: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4); Fri 25 Christmas,
  // Sat 26, Sun 27, Mon 28 (Boxing Day substitute) skipped; Tue 29 (5).
  EXPECT_EQ(add("2026-12-18", {5, period_unit::working_day}), iso("2026-12-29"));
  // Mon 2026-01-12 + 15 wd: 13-16 (4), 19-23 (9), 26-30 (14), Mon 2 Feb (15).
  EXPECT_EQ(add("2026-01-12", {15, period_unit::working_day}), iso("2026-02-02"));
  // From a Saturday: Sat 2026-01-03 is day 0, Mon 5 Jan is day 1.
  EXPECT_EQ(add("2026-01-03", {1, period_unit::working_day}), iso("2026-01-05"));
  // Over Easter 2026: Thu 2 Apr + 1 wd skips Good Friday 3 Apr, the weekend and Easter Monday 6 Apr: Tue 7 Apr.
  EXPECT_EQ(add("2026-04-02", {1, period_unit::working_day}), iso("2026-04-07"));
  // Over the late May bank holiday 2026 (Mon 25 May): Fri 22 May + 1 wd = Tue 26 May.
  EXPECT_EQ(add("2026-05-22", {1, period_unit::working_day}), iso("2026-05-26"));
  // Working-day results are never moved by due_on_non_working_day.
  pol.due_on_non_working_day = non_working_due::next_working_day;
  EXPECT_EQ(add("2026-12-18", {5, period_unit::working_day}), iso("2026-12-29"));
}

TEST_F(PolicyTest, WorkingDaysInclusiveCountsTheStartDay) {
  pol.counting = day_count::inclusive;
  // Mon 2026-01-05 is day 1; days 2..15 are 6-9 Jan (5), 12-16 (10), 19-23 (15): Fri 23 Jan.
  EXPECT_EQ(add("2026-01-05", {15, period_unit::working_day}), iso("2026-01-23"));
  // Day-zero reading for comparison: Mon 26 Jan.
  pol.counting = day_count::day_zero;
  EXPECT_EQ(add("2026-01-05", {15, period_unit::working_day}), iso("2026-01-26"));
  // A non-working start is not counted either way: Sat 2026-01-03 + 15 = Fri 23 Jan in both.
  EXPECT_EQ(add("2026-01-03", {15, period_unit::working_day}), iso("2026-01-23"));
  pol.counting = day_count::inclusive;
  EXPECT_EQ(add("2026-01-03", {15, period_unit::working_day}), iso("2026-01-23"));
  // Inclusive over Christmas: Fri 2026-12-18 is day 1, 21-24 Dec days 2-5: Thu 24 Dec.
  EXPECT_EQ(add("2026-12-18", {5, period_unit::working_day}), iso("2026-12-24"));
}

TEST_F(PolicyTest, CalendarDays) {
  // Mon 2026-01-05 + 10 days = Thu 15 Jan (a working day: unchanged).
  EXPECT_EQ(add("2026-01-05", {10, period_unit::calendar_day}), iso("2026-01-15"));
  // Mon 2026-02-02 + 84 days: Feb has 26 more (28th = +26), March +57, 27 Apr = +84: Mon 27 Apr.
  EXPECT_EQ(add("2026-02-02", {84, period_unit::calendar_day}), iso("2026-04-27"));
  // 0 days is the date itself.
  EXPECT_EQ(add("2026-01-05", {0, period_unit::calendar_day}), iso("2026-01-05"));
}

TEST_F(PolicyTest, Weeks) {
  // Mon 2026-01-05 + 6 weeks = Mon 16 Feb.
  EXPECT_EQ(add("2026-01-05", {6, period_unit::week}), iso("2026-02-16"));
  // Mon 2026-02-16 + 6 weeks = Mon 30 Mar.
  EXPECT_EQ(add("2026-02-16", {6, period_unit::week}), iso("2026-03-30"));
  // Mon 2026-01-05 + 1 week = Mon 12 Jan.
  EXPECT_EQ(add("2026-01-05", {1, period_unit::week}), iso("2026-01-12"));
}

TEST_F(PolicyTest, CalendarMonths) {
  // Thu 2026-01-15 + 3 months = Wed 15 Apr.
  EXPECT_EQ(add("2026-01-15", {3, period_unit::month}), iso("2026-04-15"));
  // Mon 2026-04-20 + 6 months = Tue 20 Oct.
  EXPECT_EQ(add("2026-04-20", {6, period_unit::month}), iso("2026-10-20"));
  // Clamped to the month's end: 2023-11-30 + 3 months = Thu 2024-02-29 (leap year, a working day).
  EXPECT_EQ(add("2023-11-30", {3, period_unit::month}), iso("2024-02-29"));
  // 2025-11-30 + 3 months = 2026-02-28, a Saturday: brought back to Fri 27 Feb.
  EXPECT_EQ(add("2025-11-30", {3, period_unit::month}), iso("2026-02-27"));
  // 2026-01-31 + 1 month = 2026-02-28 (clamped; Saturday) -> Fri 27 Feb.
  EXPECT_EQ(add("2026-01-31", {1, period_unit::month}), iso("2026-02-27"));
  // No snapping to the month end: Fri 2025-02-28 + 1 month = Fri 2025-03-28 (not 31 Mar).
  EXPECT_EQ(add("2025-02-28", {1, period_unit::month}), iso("2025-03-28"));
  // 12 months: Mon 2026-01-05 -> Tue 2027-01-05.
  EXPECT_EQ(add("2026-01-05", {12, period_unit::month}), iso("2027-01-05"));
}

TEST_F(PolicyTest, MonthsAsFixedDays) {
  pol.month_counting = month_basis::fixed_days;
  // 3 months = 91 days: Thu 2026-01-15 + 91 = Thu 16 Apr (Jan +16, Feb +44, Mar +75, 16 Apr = +91).
  EXPECT_EQ(add("2026-01-15", {3, period_unit::month}), iso("2026-04-16"));
  // 6 months = 183 days: Mon 2026-01-05 + 183 = Tue 7 Jul (31 Jan +26, 28 Feb +54, 31 Mar +85,
  // 30 Apr +115, 31 May +146, 30 Jun +176, 7 Jul +183). Calendar months would give Sun 5 Jul -> Fri 3 Jul.
  EXPECT_EQ(add("2026-01-05", {6, period_unit::month}), iso("2026-07-07"));
  // 1 month = round(365 / 12) = 30 days; 12 months = 365 days.
  EXPECT_EQ(add("2026-01-05", {1, period_unit::month}), iso("2026-02-04"));
  EXPECT_EQ(add("2026-01-05", {12, period_unit::month}), iso("2027-01-05"));
  // 3 months from 2023-11-30 = 91 days = 2024-02-29, clamping or not.
  EXPECT_EQ(add("2023-11-30", {3, period_unit::month}), iso("2024-02-29"));
  // Mon 2026-01-05 + 91 days = Mon 6 Apr 2026, Easter Monday: back over Easter Sunday, Saturday and
  // Good Friday 3 Apr to Thu 2 Apr.
  EXPECT_EQ(add("2026-01-05", {3, period_unit::month}), iso("2026-04-02"));
}

// ---- due dates on non-working days -------------------------------------------------------

struct non_working_case {
  const char* from;
  period p;
  const char* raw;  // where the period lands (a non-working day)
  const char* previous;
  const char* next;
};

TEST_F(PolicyTest, DueOnNonWorkingDayVariants) {
  const non_working_case cases[] = {
      // Mon 2026-01-05 + 12 days = Sat 17 Jan: previous Fri 16, next Mon 19.
      {"2026-01-05", {12, period_unit::calendar_day}, "2026-01-17", "2026-01-16", "2026-01-19"},
      // Mon 2026-04-20 + 2 weeks = Mon 4 May 2026, early May bank holiday: previous Fri 1 May, next Tue 5 May.
      {"2026-04-20", {2, period_unit::week}, "2026-05-04", "2026-05-01", "2026-05-05"},
      // 2026-06-25 + 6 months = Fri 25 Dec 2026: previous Thu 24 Dec; next skips Sat 26, Sun 27,
      // Mon 28 (Boxing Day substitute): Tue 29 Dec.
      {"2026-06-25", {6, period_unit::month}, "2026-12-25", "2026-12-24", "2026-12-29"},
      // 2026-02-03 + 2 months = Fri 3 Apr 2026, Good Friday: previous Thu 2 Apr; next skips the
      // weekend and Easter Monday: Tue 7 Apr.
      {"2026-02-03", {2, period_unit::month}, "2026-04-03", "2026-04-02", "2026-04-07"},
      // Sun 2027-08-01 + 4 weeks = Sun 29 Aug 2027; Mon 30 Aug is the late summer bank holiday:
      // previous Fri 27 Aug, next Tue 31 Aug.
      {"2027-08-01", {4, period_unit::week}, "2027-08-29", "2027-08-27", "2027-08-31"},
      // 2025-12-27 + 5 days = Thu 1 Jan 2026: previous Wed 31 Dec 2025, next Fri 2 Jan 2026.
      {"2025-12-27", {5, period_unit::calendar_day}, "2026-01-01", "2025-12-31", "2026-01-02"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.from) + " + " + to_string(c.p));
    ASSERT_FALSE(cal.is_working_day(iso(c.raw)));
    pol.due_on_non_working_day = non_working_due::previous_working_day;
    EXPECT_EQ(add(c.from, c.p), iso(c.previous));
    pol.due_on_non_working_day = non_working_due::stands;
    EXPECT_EQ(add(c.from, c.p), iso(c.raw));
    pol.due_on_non_working_day = non_working_due::next_working_day;
    EXPECT_EQ(add(c.from, c.p), iso(c.next));
  }
}

TEST_F(PolicyTest, DefaultIsPreviousWorkingDay) {
  EXPECT_EQ(policy{}.due_on_non_working_day, non_working_due::previous_working_day);
  // 2025-08-31 + 6 months = Sat 2026-02-28 -> Fri 27 Feb.
  EXPECT_EQ(add("2025-08-31", {6, period_unit::month}), iso("2026-02-27"));
}

TEST_F(PolicyTest, ClosuresAreNonWorkingDaysToo) {
  const calendar closed(division::england_and_wales, {closure(iso("2026-12-24"), "Christmas Eve closure")});
  // 2026-06-24 + 6 months = Thu 24 Dec 2026, closed: back to Wed 23 Dec.
  EXPECT_EQ(add_period(iso("2026-06-24"), {6, period_unit::month}, pol, closed), iso("2026-12-23"));
  // Fri 2026-12-18 + 5 wd with 24 Dec closed: 21, 22, 23 (3), 29 (4), 30 (5).
  EXPECT_EQ(add_period(iso("2026-12-18"), {5, period_unit::working_day}, pol, closed), iso("2026-12-30"));
}

// ---- within and length_in ---------------------------------------------------------------

TEST_F(PolicyTest, Within) {
  const period p{15, period_unit::working_day};
  // Limit: Mon 2026-01-12 + 15 wd = Mon 2 Feb.
  EXPECT_TRUE(within(iso("2026-01-12"), iso("2026-02-02"), p, pol, cal));
  EXPECT_FALSE(within(iso("2026-01-12"), iso("2026-02-03"), p, pol, cal));
  EXPECT_TRUE(within(iso("2026-01-12"), iso("2026-01-12"), p, pol, cal));
  // A calendar period whose end is moved back: 2025-08-31 + 6 months -> Fri 2026-02-27; Sat 28 is not within.
  EXPECT_TRUE(within(iso("2025-08-31"), iso("2026-02-27"), {6, period_unit::month}, pol, cal));
  EXPECT_FALSE(within(iso("2025-08-31"), iso("2026-02-28"), {6, period_unit::month}, pol, cal));
  pol.due_on_non_working_day = non_working_due::stands;
  EXPECT_TRUE(within(iso("2025-08-31"), iso("2026-02-28"), {6, period_unit::month}, pol, cal));
}

TEST_F(PolicyTest, LengthInWorkingDays) {
  // (Fri 18 Dec, Tue 29 Dec 2026]: 21, 22, 23, 24, 29 = 5.
  EXPECT_EQ(length_in(iso("2026-12-18"), iso("2026-12-29"), period_unit::working_day, pol, cal), 5);
  // Mon 2 Mar to Fri 20 Mar 2026: 3-6 (4), 9-13 (9), 16-20 (14).
  EXPECT_EQ(length_in(iso("2026-03-02"), iso("2026-03-20"), period_unit::working_day, pol, cal), 14);
  EXPECT_EQ(length_in(iso("2026-03-02"), iso("2026-03-02"), period_unit::working_day, pol, cal), 0);
  // Inclusive: Fri 18 Dec is a working day and counts too: 6.
  pol.counting = day_count::inclusive;
  EXPECT_EQ(length_in(iso("2026-12-18"), iso("2026-12-29"), period_unit::working_day, pol, cal), 6);
  // From Sat 19 Dec: nothing extra to count: 5.
  EXPECT_EQ(length_in(iso("2026-12-19"), iso("2026-12-29"), period_unit::working_day, pol, cal), 5);
}

TEST_F(PolicyTest, LengthInCalendarUnits) {
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-01-17"), period_unit::calendar_day, pol, cal), 12);
  // 41 days = 5 whole weeks; 42 = 6.
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-02-15"), period_unit::week, pol, cal), 5);
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-02-16"), period_unit::week, pol, cal), 6);
  // Months: the largest n with from + n months <= to.
  EXPECT_EQ(length_in(iso("2026-01-31"), iso("2026-02-28"), period_unit::month, pol, cal), 1);  // 31 Jan + 1 = 28 Feb
  EXPECT_EQ(length_in(iso("2026-01-31"), iso("2026-02-27"), period_unit::month, pol, cal), 0);
  EXPECT_EQ(length_in(iso("2023-11-30"), iso("2024-02-29"), period_unit::month, pol, cal), 3);
  EXPECT_EQ(length_in(iso("2023-11-30"), iso("2024-02-28"), period_unit::month, pol, cal), 2);
  EXPECT_EQ(length_in(iso("2026-04-20"), iso("2026-10-20"), period_unit::month, pol, cal), 6);
  EXPECT_EQ(length_in(iso("2026-04-20"), iso("2026-10-19"), period_unit::month, pol, cal), 5);
  EXPECT_EQ(length_in(iso("2026-04-20"), iso("2027-04-19"), period_unit::month, pol, cal), 11);
}

// policy.hpp: length_in gives "whole months (the largest n with from + n months <= to)", and with
// month_basis::fixed_days "3 months = 91 days, 6 months = 183 days". So a 91-day span is 3 months
// and a 30-day span 1 month, exactly as add_period counts them.
TEST_F(PolicyTest, LengthInFixedDayMonthsAgreesWithAddPeriod) {
  pol.month_counting = month_basis::fixed_days;
  // 2026-01-15 + 91 days = 2026-04-16: 3 months.
  EXPECT_EQ(length_in(iso("2026-01-15"), iso("2026-04-16"), period_unit::month, pol, cal), 3);
  EXPECT_EQ(length_in(iso("2026-01-15"), iso("2026-04-15"), period_unit::month, pol, cal), 2);  // 90 days
  // 2026-01-05 + 30 days = 2026-02-04: 1 month.
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-02-04"), period_unit::month, pol, cal), 1);
  // 2026-01-05 + 183 days = 2026-07-07: 6 months; a day less is 5.
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-07-07"), period_unit::month, pol, cal), 6);
  EXPECT_EQ(length_in(iso("2026-01-05"), iso("2026-07-06"), period_unit::month, pol, cal), 5);
}

// ---- presets ----------------------------------------------------------------------------

TEST(PolicyPresets, EnglandIsTheDefault) {
  const policy e = policy::england();
  EXPECT_EQ(e, policy{});
  EXPECT_EQ(e.name, "england");
  EXPECT_EQ(e.icpc_after_strategy, (period{15, period_unit::working_day}));
  EXPECT_EQ(e.transfer_in_after_notification, (period{15, period_unit::working_day}));
  EXPECT_EQ(e.first_core_group_after_icpc, (period{10, period_unit::working_day}));
  EXPECT_EQ(e.core_group_interval, (period{6, period_unit::week}));
  EXPECT_EQ(e.first_rcpc_after_icpc, (period{3, period_unit::month}));
  EXPECT_EQ(e.rcpc_interval, (period{6, period_unit::month}));
  EXPECT_EQ(e.pre_birth_first_rcpc.count, 0);
  EXPECT_EQ(e.cp_visit_interval, (period{10, period_unit::working_day}));
  EXPECT_EQ(e.first_lac_review, (period{20, period_unit::working_day}));
  EXPECT_EQ(e.second_lac_review, (period{3, period_unit::month}));
  EXPECT_EQ(e.lac_review_interval, (period{6, period_unit::month}));
  EXPECT_EQ(e.lac_visit_after_placement, (period{1, period_unit::week}));
  EXPECT_EQ(e.lac_visit_first_year, (period{6, period_unit::week}));
  EXPECT_EQ(e.lac_visit_long_term, (period{3, period_unit::month}));
  EXPECT_EQ(e.lac_visit_other, (period{6, period_unit::week}));
  EXPECT_EQ(e.lac_visit_parent_or_temporary, (period{1, period_unit::week}));
  EXPECT_EQ(e.cp_midway_rule, midway_rule::fixed_span);
  EXPECT_EQ(e.cp_midway_after_review, (period{84, period_unit::calendar_day}));
  EXPECT_EQ(e.lac_midway_rule, midway_rule::halfway);
  EXPECT_FALSE(e.midway_in_short_intervals);
  EXPECT_EQ(e.counting, day_count::day_zero);
  EXPECT_EQ(e.month_counting, month_basis::calendar_months);
  EXPECT_EQ(e.due_on_non_working_day, non_working_due::previous_working_day);
  EXPECT_EQ(e.due_soon_window, (period{5, period_unit::working_day}));
}

TEST(PolicyPresets, WalesDiffersOnlyInName) {
  policy w = policy::wales();
  EXPECT_EQ(w.name, "wales");
  EXPECT_NE(w, policy::england());
  w.name = "england";
  EXPECT_EQ(w, policy::england());
}

TEST(PolicyPresets, ScotlandDiffersWherePolicyHppSays) {
  const policy s = policy::scotland();
  EXPECT_EQ(s.name, "scotland");
  // CP planning meeting within 28 calendar days; core group within 15 working days; review within
  // 6 months (3 for pre-birth).
  EXPECT_EQ(s.icpc_after_strategy, (period{28, period_unit::calendar_day}));
  EXPECT_EQ(s.first_core_group_after_icpc, (period{15, period_unit::working_day}));
  EXPECT_EQ(s.first_rcpc_after_icpc, (period{6, period_unit::month}));
  EXPECT_EQ(s.pre_birth_first_rcpc, (period{3, period_unit::month}));
  // LAC review within 6 weeks, then 3 months, then 6 months; visits within 1 week then 3-monthly.
  EXPECT_EQ(s.first_lac_review, (period{6, period_unit::week}));
  EXPECT_EQ(s.second_lac_review, (period{3, period_unit::month}));
  EXPECT_EQ(s.lac_review_interval, (period{6, period_unit::month}));
  EXPECT_EQ(s.lac_visit_after_placement, (period{1, period_unit::week}));
  EXPECT_EQ(s.lac_visit_first_year, (period{3, period_unit::month}));
  EXPECT_EQ(s.lac_visit_other, (period{3, period_unit::month}));
  EXPECT_EQ(s.lac_visit_long_term, (period{3, period_unit::month}));
  // Everything else as England.
  policy rest = s;
  const policy e = policy::england();
  rest.name = e.name;
  rest.icpc_after_strategy = e.icpc_after_strategy;
  rest.transfer_in_after_notification = e.transfer_in_after_notification;
  rest.first_core_group_after_icpc = e.first_core_group_after_icpc;
  rest.first_rcpc_after_icpc = e.first_rcpc_after_icpc;
  rest.pre_birth_first_rcpc = e.pre_birth_first_rcpc;
  rest.pre_birth_from_birth = e.pre_birth_from_birth;  // Scotland: from the pre-birth conference
  EXPECT_FALSE(s.pre_birth_from_birth);
  rest.first_lac_review = e.first_lac_review;
  rest.lac_visit_first_year = e.lac_visit_first_year;
  rest.lac_visit_other = e.lac_visit_other;
  EXPECT_EQ(rest, e);
}

TEST(PolicyPresets, ByName) {
  EXPECT_EQ(policy::preset("england"), policy::england());
  EXPECT_EQ(policy::preset("wales"), policy::wales());
  EXPECT_EQ(policy::preset("scotland"), policy::scotland());
  const auto err = capture<unknown_code_error>([] { (void)policy::preset("x"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code(), error_code::unknown_code);
  EXPECT_EQ(err->field(), "policy");
  EXPECT_NE(err->message().find("england"), std::string::npos);
  const auto named = capture<unknown_code_error>([] { (void)policy::preset("England", "$.preset"); });
  ASSERT_TRUE(named);
  EXPECT_EQ(named->field(), "$.preset");
  EXPECT_THROW((void)policy::preset("northern-ireland"), unknown_code_error);
  EXPECT_THROW((void)policy::preset(""), unknown_code_error);
}

// ---- names --------------------------------------------------------------------------------

TEST(PolicyNames, PeriodToString) {
  EXPECT_EQ(to_string(period{15, period_unit::working_day}), "15 working days");
  EXPECT_EQ(to_string(period{1, period_unit::working_day}), "1 working day");
  EXPECT_EQ(to_string(period{1, period_unit::week}), "1 week");
  EXPECT_EQ(to_string(period{6, period_unit::week}), "6 weeks");
  EXPECT_EQ(to_string(period{3, period_unit::month}), "3 months");
  EXPECT_EQ(to_string(period{1, period_unit::month}), "1 month");
  EXPECT_EQ(to_string(period{84, period_unit::calendar_day}), "84 days");
  EXPECT_EQ(to_string(period{1, period_unit::calendar_day}), "1 day");
  EXPECT_EQ(to_string(period{0, period_unit::month}), "0 months");
}

TEST(PolicyNames, EnumsRoundTripAndUnknownNamesThrow) {
  for (auto u : {period_unit::working_day, period_unit::calendar_day, period_unit::week, period_unit::month}) {
    EXPECT_EQ(period_unit_from_string(to_string(u)), u);
  }
  EXPECT_EQ(to_string(period_unit::working_day), "working_days");
  EXPECT_EQ(to_string(period_unit::calendar_day), "calendar_days");
  EXPECT_EQ(to_string(period_unit::week), "weeks");
  EXPECT_EQ(to_string(period_unit::month), "months");
  for (auto b : {month_basis::calendar_months, month_basis::fixed_days}) EXPECT_EQ(month_basis_from_string(to_string(b)), b);
  for (auto r : {non_working_due::previous_working_day, non_working_due::stands, non_working_due::next_working_day}) {
    EXPECT_EQ(non_working_due_from_string(to_string(r)), r);
  }
  for (auto r : {midway_rule::fixed_span, midway_rule::halfway}) EXPECT_EQ(midway_rule_from_string(to_string(r)), r);
  EXPECT_EQ(to_string(non_working_due::stands), "stands");
  EXPECT_EQ(to_string(midway_rule::halfway), "halfway");
  EXPECT_EQ(to_string(month_basis::fixed_days), "fixed_days");

  const auto err = capture<unknown_code_error>([] { (void)period_unit_from_string("fortnights", "$.x.unit"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.x.unit");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)period_unit_from_string("day"); })->field(), "unit");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)month_basis_from_string("lunar"); })->field(), "months");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)non_working_due_from_string("ignore"); })->field(), "non_working_due");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)midway_rule_from_string("third"); })->field(), "rule");
}

}  // namespace
