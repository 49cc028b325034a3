// The schedule engine (include/midway/schedule.hpp). Every expected date is worked out by hand on
// the england-and-wales calendar. Bank holidays used:
//   2025: 18 Apr Good Fri, 21 Apr, 5 May, 26 May, 25 Aug, 25 Dec (Thu), 26 Dec (Fri)
//   2026: 1 Jan (Thu), 3 Apr Good Fri, 6 Apr Easter Mon, 4 May, 25 May, 31 Aug, 25 Dec (Fri), 28 Dec (Mon, Boxing Day)
//   2027: 1 Jan, 26 Mar, 29 Mar, 3 May, 31 May, 30 Aug, 27 Dec, 28 Dec
// "wd" = working days; "day 0" counting unless the test says inclusive.
#include "test_support.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

void add(child_case& c, const std::string& id, event_data data, bool correction = false) {
  c.record(event{.id = event_id(id), .data = std::move(data), .correction = correction, .extra = {}});
}

std::vector<event_id> ids(std::initializer_list<const char*> names) {
  std::vector<event_id> out;
  for (const char* n : names) out.emplace_back(n);
  return out;
}

void expect_item(const due_item& item, item_kind kind, std::optional<std::string_view> due, item_status status,
                 std::initializer_list<const char*> from, const std::string& explanation) {
  EXPECT_EQ(to_string(item.kind), to_string(kind));
  if (due) {
    ASSERT_TRUE(item.due.has_value()) << item.explanation;
    EXPECT_EQ(item.due->to_iso(), *due);
  } else {
    EXPECT_FALSE(item.due.has_value());
  }
  EXPECT_EQ(to_string(item.status), to_string(status)) << item.explanation;
  EXPECT_EQ(item.from, ids(from));
  EXPECT_EQ(item.explanation, explanation);
}

void expect_due(const due_item& item, std::string_view due, item_status status) {
  ASSERT_TRUE(item.due.has_value()) << item.explanation;
  EXPECT_EQ(item.due->to_iso(), due) << item.explanation;
  EXPECT_EQ(to_string(item.status), to_string(status)) << item.explanation;
}

void expect_not_applicable(const due_item& item, item_kind kind, const std::string& why) {
  EXPECT_EQ(to_string(item.kind), to_string(kind));
  EXPECT_FALSE(item.due.has_value());
  EXPECT_EQ(item.status, item_status::not_applicable);
  EXPECT_TRUE(item.from.empty());
  EXPECT_EQ(item.explanation, why);
}

std::vector<interval_check> checks(const case_schedule& s, item_kind k) {
  std::vector<interval_check> out;
  std::copy_if(s.history.begin(), s.history.end(), std::back_inserter(out), [&](const interval_check& g) { return g.kind == k; });
  return out;
}

// The check of kind `k` starting at `from`; fails the test if there is not exactly one.
interval_check check_from(const case_schedule& s, item_kind k, std::string_view from) {
  std::vector<interval_check> found;
  for (const auto& g : s.history) {
    if (g.kind == k && g.from == iso(from)) found.push_back(g);
  }
  if (found.size() != 1) {
    ADD_FAILURE() << "expected one " << to_string(k) << " check from " << from << ", found " << found.size();
    return interval_check{.kind = k, .from = iso(from), .to = iso(from), .limit = iso(from), .length = -1,
                          .unit = period_unit::calendar_day, .kept = false, .open = false, .events = {}, .explanation = {}};
  }
  return found.front();
}

void expect_check(const interval_check& g, std::string_view to, std::string_view limit, std::int32_t length, period_unit unit,
                  bool kept, bool open) {
  EXPECT_EQ(g.to.to_iso(), to) << g.explanation;
  EXPECT_EQ(g.limit.to_iso(), limit) << g.explanation;
  EXPECT_EQ(g.length, length) << g.explanation;
  EXPECT_EQ(to_string(g.unit), to_string(unit)) << g.explanation;
  EXPECT_EQ(g.kept, kept) << g.explanation;
  EXPECT_EQ(g.open, open) << g.explanation;
}

class ScheduleTest : public testing::Test {
 protected:
  calendar cal;  // england-and-wales
  policy pol = policy::england();

  case_schedule run(const child_case& c, std::string_view as_of) const { return schedule(c, iso(as_of), pol, cal); }

  static child_case cp(bool partial = false) { return child_case(case_id("CP-1"), child_id("C-1"), case_kind::cp, {}, partial); }
  static child_case lac(bool partial = false) {
    return child_case(case_id("LAC-1"), child_id("C-2"), case_kind::lac, {}, partial);
  }

  // Strategy discussion (s.47) Mon 2026-01-12; ICPC Mon 2026-02-02 (15 wd later, on time).
  static child_case cp_with_icpc() {
    child_case c = cp();
    add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
    add(c, "icpc", initial_conference{.date = iso("2026-02-02")});
    return c;
  }
  // ... then the first RCPC on Mon 2026-04-20 (due Fri 2026-05-01).
  static child_case cp_with_rcpc(std::optional<date> midway_date = std::nullopt) {
    child_case c = cp_with_icpc();
    add(c, "r1", review_conference{.date = iso("2026-04-20"), .midway_date = midway_date});
    return c;
  }
  // Start of care and placement Mon 2026-01-05.
  static child_case lac_started(placement_start p = placement_start{.date = iso("2026-01-05")}) {
    child_case c = lac();
    add(c, "s1", started_looked_after{.date = iso("2026-01-05"), .legal_status = "C2"});
    add(c, "p1", p);
    return c;
  }
  // ... first review Mon 2026-02-02 (20 wd), second Tue 2026-04-28 (due Fri 2026-05-01).
  static child_case lac_two_reviews(std::optional<date> midway_date = std::nullopt) {
    child_case c = lac_started();
    add(c, "r1", lac_review{.date = iso("2026-02-02")});
    add(c, "r2", lac_review{.date = iso("2026-04-28"), .midway_date = midway_date});
    return c;
  }
};

// =============================================================================================
// Names
// =============================================================================================

TEST(ScheduleNames, ItemKindsAndStatuses) {
  EXPECT_EQ(to_string(item_kind::icpc), "icpc");
  EXPECT_EQ(to_string(item_kind::transfer_in_conference), "transfer_in_conference");
  EXPECT_EQ(to_string(item_kind::rcpc), "rcpc");
  EXPECT_EQ(to_string(item_kind::lac_review), "lac_review");
  EXPECT_EQ(to_string(item_kind::midway_review), "midway_review");
  EXPECT_EQ(to_string(item_kind::visit), "visit");
  EXPECT_EQ(to_string(item_kind::core_group), "core_group");
  EXPECT_EQ(to_string(item_status::upcoming), "upcoming");
  EXPECT_EQ(to_string(item_status::due_soon), "due_soon");
  EXPECT_EQ(to_string(item_status::overdue), "overdue");
  EXPECT_EQ(to_string(item_status::done), "done");
  EXPECT_EQ(to_string(item_status::not_required), "not_required");
  EXPECT_EQ(to_string(item_status::not_applicable), "not_applicable");
  EXPECT_EQ(item_kind_from_string("midway_review"), item_kind::midway_review);
  EXPECT_EQ(item_status_from_string("due_soon"), item_status::due_soon);
  EXPECT_EQ(capture<unknown_code_error>([] { (void)item_kind_from_string("review"); })->field(), "kind");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)item_status_from_string("late", "s"); })->field(), "s");
}

// =============================================================================================
// CP: before the ICPC
// =============================================================================================

TEST_F(ScheduleTest, HeaderExampleIcpcDue) {
  child_case c(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  c.record(strategy_discussion{.date = date(2026, 1, 5), .s47_started = true});
  const auto s = schedule(c, date(2026, 1, 12), policy::england(), calendar());
  // Mon 5 Jan + 15 wd: 6-9 (4), 12-16 (9), 19-23 (14), Mon 26 Jan (15). As of 12 Jan the
  // due-soon window ends 19 Jan: upcoming.
  expect_item(s.next_review, item_kind::icpc, "2026-01-26", item_status::upcoming, {"e1"},
              "ICPC due 2026-01-26: 15 working days after the strategy discussion of 2026-01-05");
  EXPECT_EQ(s.case_id, case_id("CP-1"));
  EXPECT_EQ(s.kind, case_kind::cp);
  EXPECT_EQ(s.as_of, iso("2026-01-12"));
}

// Issue 16: Working Together counts from the discussion "at which section 47 enquiries were
// initiated": the FIRST of the episode; a reconvened one (sd2) does not move the deadline.
TEST_F(ScheduleTest, IcpcDueFromTheFirstStrategyDiscussionThatStartedAS47) {
  child_case c = cp();
  add(c, "sd1", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true});
  add(c, "sd2", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  add(c, "sd3", strategy_discussion{.date = iso("2026-01-14"), .s47_started = false});  // no s.47: ignored
  add(c, "sd4", strategy_discussion{.date = iso("2026-01-26"), .s47_started = true});   // after as_of: ignored
  const auto s = run(c, "2026-01-20");
  // Mon 5 Jan + 15 wd = Mon 26 Jan (6-9: 4, 12-16: 9, 19-23: 14, 26 Jan: 15). Window to Tue 27 Jan: due soon.
  // (Counted from the reconvened sd2 of Mon 12 Jan it would have been Mon 2 Feb.)
  expect_item(s.next_review, item_kind::icpc, "2026-01-26", item_status::due_soon, {"sd1"},
              "ICPC due 2026-01-26: 15 working days after the strategy discussion of 2026-01-05");
  expect_not_applicable(s.midway_review, item_kind::midway_review, "no CP plan yet");
  expect_not_applicable(s.next_visit, item_kind::visit, "no CP plan yet");
  expect_not_applicable(s.next_core_group, item_kind::core_group, "no CP plan yet");
  EXPECT_TRUE(s.history.empty());
}

TEST_F(ScheduleTest, NoIcpcDueWithoutAS47StrategyDiscussion) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-14"), .s47_started = false});
  const auto s = run(c, "2026-01-20");
  expect_not_applicable(s.next_review, item_kind::icpc, "no strategy discussion has started a s.47 enquiry");
  EXPECT_TRUE(s.history.empty());
}

TEST_F(ScheduleTest, IcpcOverdueShowsAnOpenInterval) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  // As of the due date: due soon, nothing late yet.
  auto s = run(c, "2026-02-02");
  expect_due(s.next_review, "2026-02-02", item_status::due_soon);
  EXPECT_TRUE(s.history.empty());
  // As of Wed 4 Feb: overdue, and the open interval counts 17 wd (13 Jan .. 4 Feb).
  s = run(c, "2026-02-04");
  expect_due(s.next_review, "2026-02-02", item_status::overdue);
  ASSERT_EQ(s.history.size(), 1U);
  const auto& g = s.history[0];
  EXPECT_EQ(g.kind, item_kind::icpc);
  EXPECT_EQ(g.from, iso("2026-01-12"));
  expect_check(g, "2026-02-04", "2026-02-02", 17, period_unit::working_day, false, true);
  EXPECT_EQ(g.events, ids({"sd"}));
  EXPECT_EQ(g.explanation, "ICPC timeliness 2026-01-12 to 2026-02-04 (open): 17 working days, over the 15 working days allowed (limit 2026-02-02)");
}

// =============================================================================================
// CP: statuses
// =============================================================================================

TEST_F(ScheduleTest, StatusOverdueDueSoonUpcoming) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});  // ICPC due Mon 2 Feb
  // Fri 23 Jan + 5 wd = Fri 30 Jan < 2 Feb: upcoming.
  EXPECT_EQ(run(c, "2026-01-23").next_review.status, item_status::upcoming);
  // Mon 26 Jan + 5 wd = Mon 2 Feb: due soon (the window's last day).
  EXPECT_EQ(run(c, "2026-01-26").next_review.status, item_status::due_soon);
  // Due on the as-of date itself: due soon.
  EXPECT_EQ(run(c, "2026-02-02").next_review.status, item_status::due_soon);
  // The day after: overdue.
  EXPECT_EQ(run(c, "2026-02-03").next_review.status, item_status::overdue);
}

TEST_F(ScheduleTest, DueSoonWindowCountsWorkingDaysOverChristmas) {
  child_case c = cp();
  // Fri 4 Dec 2026 + 15 wd: 7-11 (5), 14-18 (10), 21-24 (14), Tue 29 Dec (15) (25 and 28 Dec are holidays).
  add(c, "sd", strategy_discussion{.date = iso("2026-12-04"), .s47_started = true});
  auto s = run(c, "2026-12-18");
  // Fri 18 Dec + 5 wd = 21, 22, 23, 24, 29: due soon although 11 calendar days away.
  expect_due(s.next_review, "2026-12-29", item_status::due_soon);
  // Thu 17 Dec + 5 wd = 18, 21, 22, 23, 24: upcoming.
  EXPECT_EQ(run(c, "2026-12-17").next_review.status, item_status::upcoming);
}

TEST_F(ScheduleTest, DueSoonWindowSetting) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});  // ICPC due Mon 2 Feb
  EXPECT_EQ(run(c, "2026-01-20").next_review.status, item_status::upcoming);
  pol.due_soon_window = {2, period_unit::week};  // Tue 20 Jan + 2 weeks = Tue 3 Feb
  EXPECT_EQ(run(c, "2026-01-20").next_review.status, item_status::due_soon);
  EXPECT_EQ(run(c, "2026-01-19").next_review.status, item_status::due_soon);  // 19 Jan + 14 days = Mon 2 Feb
  EXPECT_EQ(run(c, "2026-01-16").next_review.status, item_status::upcoming);  // 16 Jan + 14 = Fri 30 Jan
}

// =============================================================================================
// CP: the plan
// =============================================================================================

TEST_F(ScheduleTest, AfterTheIcpc) {
  const child_case c = cp_with_icpc();
  const auto s = run(c, "2026-02-09");
  // Mon 2 Feb + 3 months = Sat 2 May -> Fri 1 May (previous working day).
  expect_item(s.next_review, item_kind::rcpc, "2026-05-01", item_status::upcoming, {"icpc"},
              "RCPC due 2026-05-01: 3 months after the ICPC of 2026-02-02");
  // Mon 2 Feb + 10 wd = Mon 16 Feb (3-6: 4, 9-13: 9, 16: 10). Mon 9 Feb + 5 wd = Mon 16 Feb: due soon.
  expect_item(s.next_core_group, item_kind::core_group, "2026-02-16", item_status::due_soon, {"icpc"},
              "Core group due 2026-02-16: 10 working days after the ICPC of 2026-02-02");
  expect_item(s.next_visit, item_kind::visit, "2026-02-16", item_status::due_soon, {"icpc"},
              "Visit due 2026-02-16: 10 working days after the ICPC of 2026-02-02");
  expect_not_applicable(s.midway_review, item_kind::midway_review, "no midway review between the ICPC that started the plan and the first RCPC");
  // The ICPC was on time: 15 wd exactly.
  const auto g = check_from(s, item_kind::icpc, "2026-01-12");
  expect_check(g, "2026-02-02", "2026-02-02", 15, period_unit::working_day, true, false);
  EXPECT_EQ(g.events, ids({"sd", "icpc"}));
  EXPECT_EQ(g.explanation, "ICPC timeliness 2026-01-12 to 2026-02-02: 15 working days, within 15 working days (limit 2026-02-02)");
  EXPECT_EQ(s.items().size(), 4U);
  EXPECT_EQ(s.items()[0], s.next_review);
  EXPECT_EQ(s.items()[3], s.next_core_group);
}

TEST_F(ScheduleTest, CoreGroupsFirstAfterIcpcThenSixWeekly) {
  child_case c = cp_with_icpc();
  add(c, "cg1", core_group{.date = iso("2026-02-16"), .agencies = {"school", "health"}});
  auto s = run(c, "2026-02-20");
  // Mon 16 Feb + 6 weeks = Mon 30 Mar.
  expect_item(s.next_core_group, item_kind::core_group, "2026-03-30", item_status::upcoming, {"cg1"},
              "Core group due 2026-03-30: 6 weeks after the core group of 2026-02-16");
  add(c, "cg2", core_group{.date = iso("2026-03-27")});
  s = run(c, "2026-03-27");
  // Fri 27 Mar + 6 weeks = Fri 8 May.
  expect_due(s.next_core_group, "2026-05-08", item_status::upcoming);
  EXPECT_EQ(s.next_core_group.from, ids({"cg2"}));
}

TEST_F(ScheduleTest, CpVisitsFromTheLastVisitWhereTheChildWasSeen) {
  child_case c = cp_with_icpc();
  add(c, "v1", visit{.date = iso("2026-02-13"), .seen = true, .seen_alone = true});
  add(c, "v2", visit{.date = iso("2026-02-20"), .seen = false});  // not seen: does not count
  const auto s = run(c, "2026-02-23");
  // Fri 13 Feb + 10 wd = Fri 27 Feb (16-20: 5, 23-27: 10). Mon 23 Feb + 5 wd = Mon 2 Mar: due soon.
  expect_item(s.next_visit, item_kind::visit, "2026-02-27", item_status::due_soon, {"v1"},
              "Visit due 2026-02-27: 10 working days after the visit of 2026-02-13");
  // The unseen visit closes no gap either.
  for (const auto& g : checks(s, item_kind::visit)) {
    EXPECT_EQ(std::find(g.events.begin(), g.events.end(), event_id("v2")), g.events.end());
  }
}

TEST_F(ScheduleTest, VisitsBeforeTheIcpcDoNotCount) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  add(c, "v0", visit{.date = iso("2026-01-20")});
  add(c, "icpc", initial_conference{.date = iso("2026-02-02")});
  const auto s = run(c, "2026-02-03");
  expect_due(s.next_visit, "2026-02-16", item_status::upcoming);
  EXPECT_EQ(s.next_visit.from, ids({"icpc"}));
}

TEST_F(ScheduleTest, RcpcSixMonthsAfterThePreviousRcpc) {
  child_case c = cp_with_rcpc();
  auto s = run(c, "2026-04-21");
  // Mon 20 Apr + 6 months = Tue 20 Oct (schedule.hpp's example explanation).
  expect_item(s.next_review, item_kind::rcpc, "2026-10-20", item_status::upcoming, {"r1"},
              "RCPC due 2026-10-20: 6 months after the RCPC of 2026-04-20");
  // Mon 20 Apr + 84 days = Mon 13 Jul (30 Apr +10, 31 May +41, 30 Jun +71, 13 Jul +84).
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-13", item_status::upcoming, {"r1"},
              "Midway review due 2026-07-13: 84 days after the RCPC of 2026-04-20");
  // The ICPC -> RCPC interval was kept: 2 Feb to 20 Apr, limit Fri 1 May, 2 whole months.
  const auto g = check_from(s, item_kind::rcpc, "2026-02-02");
  expect_check(g, "2026-04-20", "2026-05-01", 2, period_unit::month, true, false);
  EXPECT_EQ(g.events, ids({"icpc", "r1"}));

  add(c, "r2", review_conference{.date = iso("2026-10-20")});
  s = run(c, "2026-10-21");
  // Tue 20 Oct + 6 months = Tue 20 Apr 2027; midway 20 Oct + 84 days = Tue 12 Jan 2027
  // (31 Oct +11, 30 Nov +41, 31 Dec +72, 12 Jan +84).
  expect_item(s.next_review, item_kind::rcpc, "2027-04-20", item_status::upcoming, {"r2"},
              "RCPC due 2027-04-20: 6 months after the RCPC of 2026-10-20");
  expect_item(s.midway_review, item_kind::midway_review, "2027-01-12", item_status::upcoming, {"r2"},
              "Midway review due 2027-01-12: 84 days after the RCPC of 2026-10-20");
}

TEST_F(ScheduleTest, LateRcpcReAnchorsTheNextOnTheDateHeld) {
  child_case c = cp_with_icpc();
  add(c, "r1", review_conference{.date = iso("2026-05-11")});  // due Fri 1 May; held Mon 11 May
  const auto s = run(c, "2026-05-12");
  // 6 months after the date held (Wed 11 Nov), not after the due date (1 Nov, a Sunday).
  expect_item(s.next_review, item_kind::rcpc, "2026-11-11", item_status::upcoming, {"r1"},
              "RCPC due 2026-11-11: 6 months after the RCPC of 2026-05-11");
  // Midway: Mon 11 May + 84 days = Mon 3 Aug (31 May +20, 30 Jun +50, 31 Jul +81, 3 Aug +84).
  expect_due(s.midway_review, "2026-08-03", item_status::upcoming);
  const auto g = check_from(s, item_kind::rcpc, "2026-02-02");
  expect_check(g, "2026-05-11", "2026-05-01", 3, period_unit::month, false, false);
  // Month and week intervals give their length in days (26 + 31 + 30 + 11 = 98).
  EXPECT_EQ(g.explanation, "review interval 2026-02-02 to 2026-05-11: 98 days, over the 3 months allowed (limit 2026-05-01)");
}

TEST_F(ScheduleTest, TransferInConferenceStartsThePlan) {
  child_case c = cp();
  add(c, "tic", transfer_in_conference{.date = iso("2026-02-02"), .notified = iso("2026-01-12")});
  const auto s = run(c, "2026-02-03");
  expect_item(s.next_review, item_kind::rcpc, "2026-05-01", item_status::upcoming, {"tic"},
              "RCPC due 2026-05-01: 3 months after the transfer-in conference of 2026-02-02");
  expect_not_applicable(s.midway_review, item_kind::midway_review,
                        "no midway review between the transfer-in conference that started the plan and the first RCPC");
  expect_due(s.next_visit, "2026-02-16", item_status::upcoming);
  expect_due(s.next_core_group, "2026-02-16", item_status::upcoming);
}

TEST_F(ScheduleTest, CpPartialHistoryStartsAtAnRcpc) {
  child_case c = cp(true);
  add(c, "r1", review_conference{.date = iso("2026-04-20")});
  const auto s = run(c, "2026-04-21");
  expect_item(s.next_review, item_kind::rcpc, "2026-10-20", item_status::upcoming, {"r1"},
              "RCPC due 2026-10-20: 6 months after the RCPC of 2026-04-20");
  expect_due(s.midway_review, "2026-07-13", item_status::upcoming);
  // Visits from the RCPC: Mon 20 Apr + 10 wd = Tue 5 May (Mon 4 May bank holiday).
  expect_due(s.next_visit, "2026-05-05", item_status::upcoming);
}

// policy.hpp: "Transfer-in conference within 15 working days of the new LA being notified", and
// schedule.hpp: the history says, for each interval, "whether it kept to policy". A transfer-in
// conference records when the LA was notified, so its timeliness is measured like the ICPC's:
// notified Mon 12 Jan + 15 wd = Mon 2 Feb; held Thu 5 Feb = 18 wd, not kept.
TEST_F(ScheduleTest, TransferInConferenceTimelinessIsMeasured) {
  child_case c = cp();
  add(c, "tic", transfer_in_conference{.date = iso("2026-02-05"), .notified = iso("2026-01-12")});
  const auto found = checks(run(c, "2026-02-05"), item_kind::transfer_in_conference);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].from, iso("2026-01-12"));
  expect_check(found[0], "2026-02-05", "2026-02-02", 18, period_unit::working_day, false, false);
  // With transfer_in_after_notification = 20 wd the limit is Mon 9 Feb: kept.
  pol.transfer_in_after_notification = {20, period_unit::working_day};
  const auto relaxed = checks(run(c, "2026-02-05"), item_kind::transfer_in_conference);
  ASSERT_EQ(relaxed.size(), 1U);
  expect_check(relaxed[0], "2026-02-05", "2026-02-09", 18, period_unit::working_day, true, false);
}

// ---- midway reviews (CP) ---------------------------------------------------------------------

TEST_F(ScheduleTest, CpMidwayDateSetAtTheRcpcOverrides) {
  const child_case c = cp_with_rcpc(iso("2026-07-01"));
  const auto s = run(c, "2026-04-21");
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-01", item_status::upcoming, {"r1"},
              "Midway review due 2026-07-01: set at the RCPC of 2026-04-20 (Chair's Report)");
  // The day before the next RCPC is due (Tue 20 Oct) is allowed.
  EXPECT_NO_THROW((void)run(cp_with_rcpc(iso("2026-10-19")), "2026-04-21"));
}

TEST_F(ScheduleTest, CpMidwayDateOnOrAfterTheNextReviewDueIsARuleViolation) {
  for (const char* bad : {"2026-10-20", "2026-11-02"}) {
    SCOPED_TRACE(bad);
    const child_case c = cp_with_rcpc(iso(bad));
    const auto err = capture<rule_violation_error>([&] { (void)run(c, "2026-04-21"); });
    ASSERT_TRUE(err);
    EXPECT_EQ(err->field(), "events['r1'].midway_date");
    EXPECT_EQ(err->record_id(), "CP-1");
  }
}

TEST_F(ScheduleTest, CpMidwayHeldIsDone) {
  child_case c = cp_with_rcpc();
  add(c, "m0", midway_review{.date = iso("2026-04-10")});  // in the previous interval: does not count
  add(c, "m1", midway_review{.date = iso("2026-07-10")});
  auto s = run(c, "2026-07-15");
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-13", item_status::done, {"r1", "m1"},
              "Midway review held on 2026-07-10 (due 2026-07-13)");
  // Before it was held (as of 9 Jul the m1 event is in the future): still due.
  s = run(c, "2026-07-09");
  expect_due(s.midway_review, "2026-07-13", item_status::due_soon);
  EXPECT_EQ(s.midway_review.from, ids({"r1"}));
}

TEST_F(ScheduleTest, CpMidwayNotRequired) {
  child_case c = cp_with_rcpc();
  add(c, "m1", midway_review{.date = iso("2026-07-01"), .outcome = midway_outcome::not_required, .decided_by = role::chair,
                             .reason = "no issues in implementing the plan"});
  const auto s = run(c, "2026-07-20");
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-13", item_status::not_required, {"r1", "m1"},
              "Midway review not required: decided by the Chair on 2026-07-01 (no issues in implementing the plan)");
}

TEST_F(ScheduleTest, CpMidwayNotRequiredDecidedAtTheReviewItself) {
  // The Chair may decide at the RCPC that no midway review is needed: it counts for that interval.
  child_case c = cp_with_rcpc();
  add(c, "m1", midway_review{.date = iso("2026-04-20"), .outcome = midway_outcome::not_required, .decided_by = role::chair,
                             .reason = "no issues"});
  expect_item(run(c, "2026-04-21").midway_review, item_kind::midway_review, "2026-07-13", item_status::not_required,
              {"r1", "m1"}, "Midway review not required: decided by the Chair on 2026-04-20 (no issues)");
  // A midway review "held" on the day of the review is not the midway review of the interval.
  child_case held = cp_with_rcpc();
  add(held, "m1", midway_review{.date = iso("2026-04-20")});
  const auto s = run(held, "2026-04-21");
  expect_due(s.midway_review, "2026-07-13", item_status::upcoming);
  EXPECT_EQ(s.midway_review.from, ids({"r1"}));
}

TEST_F(ScheduleTest, CpMidwayInShortIntervals) {
  pol.midway_in_short_intervals = true;
  const auto s = run(cp_with_icpc(), "2026-02-09");
  // Mon 2 Feb + 84 days = Mon 27 Apr (28 Feb +26, 31 Mar +57, 27 Apr +84), before the RCPC due 1 May.
  expect_item(s.midway_review, item_kind::midway_review, "2026-04-27", item_status::upcoming, {"icpc"},
              "Midway review due 2026-04-27: 84 days after the ICPC of 2026-02-02");
}

TEST_F(ScheduleTest, CpMidwayRuleHalfwayAndOtherSpan) {
  pol.cp_midway_rule = midway_rule::halfway;
  auto s = run(cp_with_rcpc(), "2026-04-21");
  // 20 Apr to 20 Oct is 183 days; half (91) = Mon 20 Jul.
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-20", item_status::upcoming, {"r1"},
              "Midway review due 2026-07-20: halfway between the RCPC of 2026-04-20 and the next review, due 2026-10-20");
  pol.cp_midway_rule = midway_rule::fixed_span;
  pol.cp_midway_after_review = {10, period_unit::week};  // Mon 20 Apr + 10 weeks = Mon 29 Jun
  s = run(cp_with_rcpc(), "2026-04-21");
  EXPECT_EQ(s.midway_review.explanation, "Midway review due 2026-06-29: 10 weeks after the RCPC of 2026-04-20");
}

// ---- pre-birth --------------------------------------------------------------------------------

TEST_F(ScheduleTest, PreBirthFirstRcpc) {
  child_case c = cp();
  add(c, "icpc", initial_conference{.date = iso("2026-02-02"), .pre_birth = true});
  // No pre-birth rule: 3 months as usual (Fri 1 May).
  expect_due(run(c, "2026-02-03").next_review, "2026-05-01", item_status::upcoming);
  // Counted from the birth (the default, issue 16), and no birth recorded yet: 3 months still.
  pol.pre_birth_first_rcpc = {6, period_unit::week};
  expect_due(run(c, "2026-02-03").next_review, "2026-05-01", item_status::upcoming);
  // Counted from the ICPC (pre_birth_from_birth false, Scotland's reading):
  // 6 weeks: Mon 2 Feb + 6 weeks = Mon 16 Mar, sooner than 1 May.
  pol.pre_birth_from_birth = false;
  const auto s = run(c, "2026-02-03");
  expect_item(s.next_review, item_kind::rcpc, "2026-03-16", item_status::upcoming, {"icpc"},
              "RCPC due 2026-03-16: 6 weeks after the ICPC of 2026-02-02 (pre-birth plan)");
  // A pre-birth period longer than 3 months: the sooner (3 months) wins.
  pol.pre_birth_first_rcpc = {4, period_unit::month};
  expect_item(run(c, "2026-02-03").next_review, item_kind::rcpc, "2026-05-01", item_status::upcoming, {"icpc"},
              "RCPC due 2026-05-01: 3 months after the ICPC of 2026-02-02");
  // Not a pre-birth plan: the setting does not apply.
  pol.pre_birth_first_rcpc = {6, period_unit::week};
  expect_due(run(cp_with_icpc(), "2026-02-03").next_review, "2026-05-01", item_status::upcoming);
}

// schedule.hpp: "first RCPC first_rcpc_after_icpc after the ICPC (pre-birth: the sooner of that and
// pre_birth_first_rcpc)", and the history measures each review interval against that policy. A
// pre-birth first RCPC held on Fri 20 Mar, after its 6-week limit (Mon 16 Mar), was not kept.
TEST_F(ScheduleTest, PreBirthFirstRcpcIntervalIsMeasuredAgainstThePreBirthLimit) {
  pol.pre_birth_first_rcpc = {6, period_unit::week};
  pol.pre_birth_from_birth = false;  // from the ICPC
  child_case c = cp();
  add(c, "icpc", initial_conference{.date = iso("2026-02-02"), .pre_birth = true});
  add(c, "r1", review_conference{.date = iso("2026-03-20")});
  const auto g = check_from(run(c, "2026-03-23"), item_kind::rcpc, "2026-02-02");
  EXPECT_EQ(g.limit, iso("2026-03-16"));
  EXPECT_FALSE(g.kept);
}

// ---- end of the plan --------------------------------------------------------------------------

TEST_F(ScheduleTest, PlanEndedMeansNothingIsDue) {
  child_case c = cp_with_rcpc();
  add(c, "end", plan_ended{.date = iso("2026-06-01"), .reason = plan_end_reason::no_longer_at_risk});
  const auto s = run(c, "2026-06-10");
  const std::string why = "the CP plan ended on 2026-06-01: nothing is due";
  expect_not_applicable(s.next_review, item_kind::rcpc, why);
  expect_not_applicable(s.midway_review, item_kind::midway_review, why);
  expect_not_applicable(s.next_visit, item_kind::visit, why);
  expect_not_applicable(s.next_core_group, item_kind::core_group, why);
  for (const auto& g : s.history) EXPECT_LE(g.to, iso("2026-06-01")) << g.explanation;
  // Before the end date the plan is live.
  expect_due(run(c, "2026-05-29").next_review, "2026-10-20", item_status::upcoming);
}

TEST_F(ScheduleTest, RcpcThatEndsThePlan) {
  child_case c = cp_with_icpc();
  add(c, "r1", review_conference{.date = iso("2026-04-20"), .plan_continues = false});
  const auto s = run(c, "2026-04-21");
  for (const auto& item : s.items()) {
    EXPECT_EQ(item.status, item_status::not_applicable);
    EXPECT_FALSE(item.due.has_value());
    EXPECT_EQ(item.explanation, "the CP plan ended on 2026-04-20: nothing is due");
  }
}

TEST_F(ScheduleTest, IcpcWithoutAPlan) {
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  add(c, "icpc", initial_conference{.date = iso("2026-02-02"), .plan_started = false});
  const auto s = run(c, "2026-02-03");
  for (const auto& item : s.items()) {
    EXPECT_EQ(item.status, item_status::not_applicable);
    EXPECT_EQ(item.explanation, "the CP plan ended on 2026-02-02: nothing is due");
  }
}

TEST_F(ScheduleTest, OpenGapsStopAtTheEndOfThePlan) {
  child_case c = cp_with_icpc();  // no visit at all
  add(c, "end", plan_ended{.date = iso("2026-03-02")});
  const auto s = run(c, "2026-04-01");
  // 2 Feb to Mon 2 Mar: 20 wd against a limit of Mon 16 Feb.
  const auto g = check_from(s, item_kind::visit, "2026-02-02");
  expect_check(g, "2026-03-02", "2026-02-16", 20, period_unit::working_day, false, true);
  // No open review interval once the plan has ended.
  for (const auto& r : checks(s, item_kind::rcpc)) EXPECT_FALSE(r.open);
}

// ---- S.47 during the plan ------------------------------------------------------------------

// schedule.hpp: the ICPC is due within 15 wd of the latest strategy discussion that started the
// s.47 enquiry, and the history reports whether the ICPC kept to it. A later s.47 (further risk
// during the plan, seed 002 item 2) must not hide that the ICPC itself was late:
// Mon 12 Jan + 15 wd = Mon 2 Feb; ICPC held Wed 4 Feb = 17 wd, not kept.
TEST_F(ScheduleTest, IcpcTimelinessIsStillReportedAfterALaterS47) {
  child_case c = cp();
  add(c, "sd1", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  add(c, "icpc", initial_conference{.date = iso("2026-02-04")});
  add(c, "sd2", strategy_discussion{.date = iso("2026-03-10"), .s47_started = true});
  const auto s = run(c, "2026-03-11");
  const auto found = checks(s, item_kind::icpc);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].from, iso("2026-01-12"));
  expect_check(found[0], "2026-02-04", "2026-02-02", 17, period_unit::working_day, false, false);
  EXPECT_EQ(found[0].events, ids({"sd1", "icpc"}));
}

TEST_F(ScheduleTest, DatesBeyondTheCalendarAreOutOfRange) {
  child_case c = cp();
  add(c, "icpc", initial_conference{.date = iso("2199-11-01")});
  // 1 Nov 2199 + 3 months = 1 Feb 2200: past the calendar's last date (2199-12-31).
  EXPECT_THROW((void)run(c, "2199-11-02"), out_of_range_error);
}

// =============================================================================================
// LAC
// =============================================================================================

TEST_F(ScheduleTest, LacFirstReviewAndFirstVisit) {
  const auto s = run(lac_started(), "2026-01-06");
  // Mon 5 Jan + 20 wd = Mon 2 Feb (6-9: 4, 12-16: 9, 19-23: 14, 26-30: 19, 2 Feb: 20).
  expect_item(s.next_review, item_kind::lac_review, "2026-02-02", item_status::upcoming, {"s1"},
              "LAC review due 2026-02-02: 20 working days after the start of care of 2026-01-05");
  // Within 1 week of the placement: Mon 12 Jan. Tue 6 Jan + 5 wd = Tue 13 Jan: due soon.
  expect_item(s.next_visit, item_kind::visit, "2026-01-12", item_status::due_soon, {"p1"},
              "Visit due 2026-01-12: 1 week after the placement start of 2026-01-05");
  expect_not_applicable(s.midway_review, item_kind::midway_review, "midway reviews fall between 6-monthly reviews only");
  expect_not_applicable(s.next_core_group, item_kind::core_group, "core groups are for CP plans only");
  EXPECT_EQ(s.kind, case_kind::lac);
  EXPECT_EQ(s.case_id, case_id("LAC-1"));
}

TEST_F(ScheduleTest, LacSecondReviewThreeMonthsAfterTheFirst) {
  child_case c = lac_started();
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  const auto s = run(c, "2026-02-03");
  // Mon 2 Feb + 3 months = Sat 2 May -> Fri 1 May.
  expect_item(s.next_review, item_kind::lac_review, "2026-05-01", item_status::upcoming, {"r1"},
              "LAC review due 2026-05-01: 3 months after the LAC review of 2026-02-02");
  expect_not_applicable(s.midway_review, item_kind::midway_review, "midway reviews fall between 6-monthly reviews only");
}

TEST_F(ScheduleTest, LacLaterReviewsSixMonthlyWithAMidwayHalfway) {
  child_case c = lac_two_reviews();
  auto s = run(c, "2026-04-29");
  // Tue 28 Apr + 6 months = Wed 28 Oct.
  expect_item(s.next_review, item_kind::lac_review, "2026-10-28", item_status::upcoming, {"r2"},
              "LAC review due 2026-10-28: 6 months after the LAC review of 2026-04-28");
  // 28 Apr to 28 Oct = 183 days; half = 91 days: Tue 28 Jul (30 Apr +2, 31 May +33, 30 Jun +63, 28 Jul +91).
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-28", item_status::upcoming, {"r2"},
              "Midway review due 2026-07-28: halfway between the LAC review of 2026-04-28 and the next review, due 2026-10-28");

  add(c, "r3", lac_review{.date = iso("2026-10-28")});
  s = run(c, "2026-10-29");
  // Wed 28 Oct + 6 months = Wed 28 Apr 2027; 182 days, half 91: Wed 27 Jan 2027.
  expect_due(s.next_review, "2027-04-28", item_status::upcoming);
  expect_due(s.midway_review, "2027-01-27", item_status::upcoming);
}

TEST_F(ScheduleTest, LacMidwayHalfwayOnChristmasDayIsBroughtForward) {
  child_case c = lac();
  add(c, "s1", started_looked_after{.date = iso("2025-06-02")});
  add(c, "r1", lac_review{.date = iso("2025-06-27")});
  add(c, "r2", lac_review{.date = iso("2025-09-26")});
  const auto s = run(c, "2025-09-29");
  // Fri 26 Sep 2025 + 6 months = Thu 26 Mar 2026; 181 days, half 90: Thu 25 Dec 2025 -> Wed 24 Dec.
  expect_due(s.next_review, "2026-03-26", item_status::upcoming);
  expect_item(s.midway_review, item_kind::midway_review, "2025-12-24", item_status::upcoming, {"r2"},
              "Midway review due 2025-12-24: halfway between the LAC review of 2025-09-26 and the next review, due 2026-03-26");
}

TEST_F(ScheduleTest, LacMidwayInShortIntervals) {
  pol.midway_in_short_intervals = true;
  child_case c = lac_started();
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  // 2 Feb to Fri 1 May = 88 days; half 44: Wed 18 Mar.
  expect_item(run(c, "2026-02-03").midway_review, item_kind::midway_review, "2026-03-18", item_status::upcoming, {"r1"},
              "Midway review due 2026-03-18: halfway between the LAC review of 2026-02-02 and the next review, due 2026-05-01");
  // Nothing before the first review.
  EXPECT_EQ(run(lac_started(), "2026-01-06").midway_review.status, item_status::not_applicable);
}

TEST_F(ScheduleTest, LacMidwayFixedSpanSetting) {
  pol.lac_midway_rule = midway_rule::fixed_span;
  pol.lac_midway_after_review = {10, period_unit::week};  // Tue 28 Apr + 10 weeks = Tue 7 Jul
  expect_item(run(lac_two_reviews(), "2026-04-29").midway_review, item_kind::midway_review, "2026-07-07",
              item_status::upcoming, {"r2"}, "Midway review due 2026-07-07: 10 weeks after the LAC review of 2026-04-28");
}

TEST_F(ScheduleTest, LacMidwaySetAtTheReviewHeldAndNotRequired) {
  auto s = run(lac_two_reviews(iso("2026-07-01")), "2026-04-29");
  expect_item(s.midway_review, item_kind::midway_review, "2026-07-01", item_status::upcoming, {"r2"},
              "Midway review due 2026-07-01: set at the LAC review of 2026-04-28 (Chair's Report)");
  const auto err = capture<rule_violation_error>([&] { (void)run(lac_two_reviews(iso("2026-10-28")), "2026-04-29"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "events['r2'].midway_date");
  EXPECT_EQ(err->record_id(), "LAC-1");

  child_case held = lac_two_reviews();
  add(held, "m1", midway_review{.date = iso("2026-07-27"), .outcome = midway_outcome::held, .decided_by = role::iro});
  expect_item(run(held, "2026-07-30").midway_review, item_kind::midway_review, "2026-07-28", item_status::done, {"r2", "m1"},
              "Midway review held on 2026-07-27 (due 2026-07-28)");

  child_case skipped = lac_two_reviews();
  add(skipped, "m1", midway_review{.date = iso("2026-07-20"), .outcome = midway_outcome::not_required, .decided_by = role::iro,
                                   .reason = "placement stable"});
  expect_item(run(skipped, "2026-07-30").midway_review, item_kind::midway_review, "2026-07-28", item_status::not_required,
              {"r2", "m1"}, "Midway review not required: decided by the IRO on 2026-07-20 (placement stable)");
}

TEST_F(ScheduleTest, LacPartialHistoryStartsAtASixMonthlyReview) {
  child_case c = lac(true);
  add(c, "r1", lac_review{.date = iso("2026-04-20")});
  const auto s = run(c, "2026-04-21");
  expect_item(s.next_review, item_kind::lac_review, "2026-10-20", item_status::upcoming, {"r1"},
              "LAC review due 2026-10-20: 6 months after the LAC review of 2026-04-20");
  // Half of 183 days = 91: Mon 20 Jul.
  expect_due(s.midway_review, "2026-07-20", item_status::upcoming);
}

TEST_F(ScheduleTest, LacWithoutStartOfCare) {
  const auto s = run(lac(), "2026-01-06");
  expect_not_applicable(s.next_review, item_kind::lac_review, "no start of care recorded");
  expect_not_applicable(s.midway_review, item_kind::midway_review, "no start of care recorded");
  expect_not_applicable(s.next_visit, item_kind::visit, "no start of care recorded");
  expect_not_applicable(s.next_core_group, item_kind::core_group, "core groups are for CP plans only");
}

// ---- reg 28 visits ------------------------------------------------------------------------

TEST_F(ScheduleTest, LacVisitsSixWeeklyInTheFirstYear) {
  child_case c = lac_started();
  add(c, "v1", visit{.date = iso("2026-01-12")});
  add(c, "v2", visit{.date = iso("2026-01-20"), .seen = false});  // not seen: does not count
  const auto s = run(c, "2026-01-21");
  // Mon 12 Jan + 6 weeks = Mon 23 Feb.
  expect_item(s.next_visit, item_kind::visit, "2026-02-23", item_status::upcoming, {"v1"},
              "Visit due 2026-02-23: 6 weeks after the visit of 2026-01-12");
}

TEST_F(ScheduleTest, LacVisitsAfterTheFirstYearDependOnLongTerm) {
  for (bool long_term : {true, false}) {
    SCOPED_TRACE(long_term ? "long term" : "not long term");
    child_case c = lac();
    add(c, "s1", started_looked_after{.date = iso("2025-01-06")});
    add(c, "p1", placement_start{.date = iso("2025-01-06"), .long_term = long_term});
    add(c, "v1", visit{.date = iso("2025-12-30")});  // in the first year (before 6 Jan 2026)
    auto s = run(c, "2025-12-31");
    // Tue 30 Dec 2025 + 6 weeks = Tue 10 Feb 2026, either way.
    expect_due(s.next_visit, "2026-02-10", item_status::upcoming);
    add(c, "v2", visit{.date = iso("2026-01-07")});  // after the first year
    s = run(c, "2026-01-08");
    if (long_term) {
      // Wed 7 Jan + 3 months = Tue 7 Apr (Mon 6 Apr is Easter Monday, but 7 Apr is a working day).
      expect_item(s.next_visit, item_kind::visit, "2026-04-07", item_status::upcoming, {"v2"},
                  "Visit due 2026-04-07: 3 months after the visit of 2026-01-07");
    } else {
      // Wed 7 Jan + 6 weeks = Wed 18 Feb.
      expect_item(s.next_visit, item_kind::visit, "2026-02-18", item_status::upcoming, {"v2"},
                  "Visit due 2026-02-18: 6 weeks after the visit of 2026-01-07");
    }
  }
}

TEST_F(ScheduleTest, LacVisitsWeeklyWhilePlacedWithParentUntilTheFirstReview) {
  for (bool parent : {true, false}) {
    SCOPED_TRACE(parent ? "placed with parent" : "temporarily approved connected person");
    child_case c = lac_started(placement_start{.date = iso("2026-01-05"), .placed_with_parent = parent,
                                               .temporary_approval = !parent});
    add(c, "v1", visit{.date = iso("2026-01-12")});
    auto s = run(c, "2026-01-13");
    // Mon 12 Jan + 1 week = Mon 19 Jan; Tue 13 Jan + 5 wd = Tue 20 Jan: due soon.
    expect_item(s.next_visit, item_kind::visit, "2026-01-19", item_status::due_soon, {"v1"},
                "Visit due 2026-01-19: 1 week after the visit of 2026-01-12");
    add(c, "r1", lac_review{.date = iso("2026-02-02")});
    add(c, "v2", visit{.date = iso("2026-02-02")});
    s = run(c, "2026-02-03");
    // After the first review: 6-weekly again: Mon 2 Feb + 6 weeks = Mon 16 Mar.
    expect_due(s.next_visit, "2026-03-16", item_status::upcoming);
  }
}

TEST_F(ScheduleTest, LacPlacementWeeklySetting) {
  pol.lac_visit_parent_or_temporary = {5, period_unit::working_day};
  child_case c = lac_started(placement_start{.date = iso("2026-01-05"), .placed_with_parent = true});
  add(c, "v1", visit{.date = iso("2026-01-12")});
  // Mon 12 Jan + 5 wd = Mon 19 Jan; a Friday visit shows the difference: Fri 16 Jan + 5 wd = Fri 23 Jan.
  add(c, "v2", visit{.date = iso("2026-01-16")});
  expect_due(run(c, "2026-01-16").next_visit, "2026-01-23", item_status::due_soon);
}

TEST_F(ScheduleTest, LacNewPlacementReAnchorsVisits) {
  child_case c = lac_started();
  add(c, "v1", visit{.date = iso("2026-02-27")});
  add(c, "p2", placement_start{.date = iso("2026-03-02")});
  const auto s = run(c, "2026-03-03");
  // Within 1 week of the new placement: Mon 9 Mar (not 6 weeks after the visit of 27 Feb).
  // Tue 3 Mar + 5 wd = Tue 10 Mar: due soon.
  expect_item(s.next_visit, item_kind::visit, "2026-03-09", item_status::due_soon, {"p2"},
              "Visit due 2026-03-09: 1 week after the placement start of 2026-03-02");
}

// schedule.hpp: "visits per reg 28 from the current placement"; src: "the start of care stands in
// for a placement if none is recorded". A LAC review is not a placement: with no placement recorded,
// a child seen on Fri 9 Jan is next due a visit 6 weeks later (Fri 20 Feb), whatever reviews have
// been held since; the 1-week "after placement" visit was kept on 9 Jan.
TEST_F(ScheduleTest, LacVisitsWithoutAPlacementRecordAreNotAnchoredOnAReview) {
  child_case c = lac();
  add(c, "s1", started_looked_after{.date = iso("2026-01-05")});
  add(c, "v1", visit{.date = iso("2026-01-09")});
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  const auto s = run(c, "2026-02-03");
  expect_due(s.next_visit, "2026-02-20", item_status::upcoming);
  EXPECT_EQ(s.next_visit.from, ids({"v1"}));
}

// ---- end and as-of ------------------------------------------------------------------------

TEST_F(ScheduleTest, CeasedLookedAfterMeansNothingIsDue) {
  child_case c = lac_started();
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  add(c, "end", ceased_looked_after{.date = iso("2026-03-02"), .reason = "E11"});
  const auto s = run(c, "2026-03-10");
  const std::string why = "the child ceased to be looked after on 2026-03-02: nothing is due";
  expect_not_applicable(s.next_review, item_kind::lac_review, why);
  expect_not_applicable(s.midway_review, item_kind::midway_review, why);
  expect_not_applicable(s.next_visit, item_kind::visit, why);
  expect_not_applicable(s.next_core_group, item_kind::core_group, "core groups are for CP plans only");
  for (const auto& g : s.history) EXPECT_FALSE(g.open && g.kind == item_kind::lac_review) << g.explanation;
}

TEST_F(ScheduleTest, EventsAfterAsOfAreIgnored) {
  child_case c = lac_started();
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  add(c, "end", ceased_looked_after{.date = iso("2026-03-02")});
  // As of Fri 30 Jan neither the review nor the end has happened.
  const auto s = run(c, "2026-01-30");
  expect_item(s.next_review, item_kind::lac_review, "2026-02-02", item_status::due_soon, {"s1"},
              "LAC review due 2026-02-02: 20 working days after the start of care of 2026-01-05");
  // As of 10 Feb the review is held, the end not yet.
  expect_due(run(c, "2026-02-10").next_review, "2026-05-01", item_status::upcoming);
  // The schedule is a pure function of (case, as_of): same input, same output.
  EXPECT_EQ(run(c, "2026-01-30"), s);
}

// =============================================================================================
// History: intervals at the limit and one day over
// =============================================================================================

TEST_F(ScheduleTest, HistoryCpVisitGaps) {
  child_case c = cp_with_icpc();
  add(c, "v1", visit{.date = iso("2026-02-16")});                  // ICPC + 10 wd exactly
  add(c, "vx", visit{.date = iso("2026-02-25"), .seen = false});   // unseen: no effect
  add(c, "v2", visit{.date = iso("2026-03-03")});                  // v1 + 10 wd = Mon 2 Mar; Tue 3 Mar is one over
  const auto s = run(c, "2026-03-04");
  const auto first = check_from(s, item_kind::visit, "2026-02-02");
  expect_check(first, "2026-02-16", "2026-02-16", 10, period_unit::working_day, true, false);
  EXPECT_EQ(first.events, ids({"icpc", "v1"}));
  EXPECT_EQ(first.explanation, "visit gap 2026-02-02 to 2026-02-16: 10 working days, within 10 working days (limit 2026-02-16)");
  const auto second = check_from(s, item_kind::visit, "2026-02-16");
  expect_check(second, "2026-03-03", "2026-03-02", 11, period_unit::working_day, false, false);
  EXPECT_EQ(second.events, ids({"v1", "v2"}));
  EXPECT_EQ(checks(s, item_kind::visit).size(), 2U);  // the gap since v2 is open but not late
}

// The scenario of schedule.hpp's example interval explanation (Mon 2 Mar to Fri 20 Mar: 3-6 = 4,
// 9-13 = 9, 16-20 = 14 wd; limit Mon 2 Mar + 10 wd = Mon 16 Mar). The header's example text
// ("..., over the 10 allowed") predates the "(limit ...)" suffix; the text checked here is the
// engine's current format.
TEST_F(ScheduleTest, HistoryExplanationForTheHeaderExample) {
  child_case c = cp_with_icpc();
  add(c, "v1", visit{.date = iso("2026-02-16")});
  add(c, "v2", visit{.date = iso("2026-03-02")});
  add(c, "v3", visit{.date = iso("2026-03-20")});
  const auto g = check_from(run(c, "2026-03-20"), item_kind::visit, "2026-03-02");
  expect_check(g, "2026-03-20", "2026-03-16", 14, period_unit::working_day, false, false);
  EXPECT_EQ(g.explanation, "visit gap 2026-03-02 to 2026-03-20: 14 working days, over the 10 working days allowed (limit 2026-03-16)");
}

TEST_F(ScheduleTest, HistoryCpVisitGapInCalendarDays) {
  pol.cp_visit_interval = {10, period_unit::calendar_day};
  child_case c = cp_with_icpc();
  add(c, "v1", visit{.date = iso("2026-02-05")});
  add(c, "v2", visit{.date = iso("2026-02-16")});
  const auto s = run(c, "2026-02-16");
  // Thu 5 Feb + 10 days = Sun 15 Feb -> Fri 13 Feb; Mon 16 Feb is 11 days: not kept.
  const auto g = check_from(s, item_kind::visit, "2026-02-05");
  expect_check(g, "2026-02-16", "2026-02-13", 11, period_unit::calendar_day, false, false);
  EXPECT_EQ(g.explanation, "visit gap 2026-02-05 to 2026-02-16: 11 days, over the 10 days allowed (limit 2026-02-13)");
  // Next: Mon 16 Feb + 10 days = Thu 26 Feb.
  expect_item(s.next_visit, item_kind::visit, "2026-02-26", item_status::upcoming, {"v2"},
              "Visit due 2026-02-26: 10 days after the visit of 2026-02-16");
  // With due dates left on non-working days, Sun 15 Feb itself is the due date. As of Fri 6 Feb the
  // window ends Fri 13 Feb: upcoming (brought back to 13 Feb it would be due soon).
  child_case d = cp_with_icpc();
  add(d, "v1", visit{.date = iso("2026-02-05")});
  expect_due(run(d, "2026-02-06").next_visit, "2026-02-13", item_status::due_soon);
  pol.due_on_non_working_day = non_working_due::stands;
  expect_due(run(d, "2026-02-06").next_visit, "2026-02-15", item_status::upcoming);
  pol.due_on_non_working_day = non_working_due::next_working_day;
  expect_due(run(d, "2026-02-06").next_visit, "2026-02-16", item_status::upcoming);
}

TEST_F(ScheduleTest, HistoryCoreGroupGaps) {
  {
    child_case c = cp_with_icpc();
    add(c, "cg1", core_group{.date = iso("2026-02-16")});  // ICPC + 10 wd exactly
    add(c, "cg2", core_group{.date = iso("2026-03-30")});  // + 6 weeks exactly
    const auto s = run(c, "2026-03-31");
    expect_check(check_from(s, item_kind::core_group, "2026-02-02"), "2026-02-16", "2026-02-16", 10,
                 period_unit::working_day, true, false);
    const auto g = check_from(s, item_kind::core_group, "2026-02-16");
    expect_check(g, "2026-03-30", "2026-03-30", 6, period_unit::week, true, false);
    EXPECT_EQ(g.events, ids({"cg1", "cg2"}));
    EXPECT_EQ(g.explanation, "core group gap 2026-02-16 to 2026-03-30: 42 days, within 6 weeks (limit 2026-03-30)");
  }
  {
    child_case c = cp_with_icpc();
    add(c, "cg1", core_group{.date = iso("2026-02-17")});  // one working day over
    add(c, "cg2", core_group{.date = iso("2026-03-31")});  // Tue 17 Feb + 6 weeks = Tue 31 Mar: kept
    add(c, "cg3", core_group{.date = iso("2026-05-13")});  // Tue 31 Mar + 6 weeks = Tue 12 May; Wed 13 one day over
    const auto s = run(c, "2026-05-13");
    expect_check(check_from(s, item_kind::core_group, "2026-02-02"), "2026-02-17", "2026-02-16", 11,
                 period_unit::working_day, false, false);
    expect_check(check_from(s, item_kind::core_group, "2026-02-17"), "2026-03-31", "2026-03-31", 6, period_unit::week, true,
                 false);
    // 43 days is 6 whole weeks: the length alone does not show it is over; `kept` does.
    expect_check(check_from(s, item_kind::core_group, "2026-03-31"), "2026-05-13", "2026-05-12", 6, period_unit::week, false,
                 false);
  }
}

TEST_F(ScheduleTest, HistoryReviewIntervalsCp) {
  auto first_rcpc = [&](const char* held) {
    child_case c = cp();
    add(c, "icpc", initial_conference{.date = iso("2026-01-15")});
    add(c, "r1", review_conference{.date = iso(held)});
    return check_from(run(c, held), item_kind::rcpc, "2026-01-15");
  };
  // Thu 15 Jan + 3 months = Wed 15 Apr.
  expect_check(first_rcpc("2026-04-15"), "2026-04-15", "2026-04-15", 3, period_unit::month, true, false);
  expect_check(first_rcpc("2026-04-16"), "2026-04-16", "2026-04-15", 3, period_unit::month, false, false);

  auto second_rcpc = [&](const char* held) {
    child_case c = cp_with_rcpc();
    add(c, "r2", review_conference{.date = iso(held)});
    return check_from(run(c, held), item_kind::rcpc, "2026-04-20");
  };
  // Mon 20 Apr + 6 months = Tue 20 Oct.
  const auto kept = second_rcpc("2026-10-20");
  expect_check(kept, "2026-10-20", "2026-10-20", 6, period_unit::month, true, false);
  EXPECT_EQ(kept.events, ids({"r1", "r2"}));
  EXPECT_EQ(kept.explanation, "review interval 2026-04-20 to 2026-10-20: 183 days, within 6 months (limit 2026-10-20)");
  expect_check(second_rcpc("2026-10-21"), "2026-10-21", "2026-10-20", 6, period_unit::month, false, false);
}

TEST_F(ScheduleTest, HistoryIcpcTimeliness) {
  auto icpc_on = [&](const char* held) {
    child_case c = cp();
    add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
    add(c, "icpc", initial_conference{.date = iso(held)});
    return check_from(run(c, held), item_kind::icpc, "2026-01-12");
  };
  expect_check(icpc_on("2026-02-02"), "2026-02-02", "2026-02-02", 15, period_unit::working_day, true, false);
  expect_check(icpc_on("2026-02-03"), "2026-02-03", "2026-02-02", 16, period_unit::working_day, false, false);
}

TEST_F(ScheduleTest, HistoryReviewIntervalsLac) {
  auto review = [&](const char* r1, const char* r2, const char* r3, const char* from) {
    child_case c = lac_started();
    add(c, "r1", lac_review{.date = iso(r1)});
    std::string as_of = r1;
    if (r2) {
      add(c, "r2", lac_review{.date = iso(r2)});
      as_of = r2;
    }
    if (r3) {
      add(c, "r3", lac_review{.date = iso(r3)});
      as_of = r3;
    }
    return check_from(run(c, as_of), item_kind::lac_review, from);
  };
  // First: Mon 5 Jan + 20 wd = Mon 2 Feb; Tue 3 Feb is 21 wd.
  const auto first = review("2026-02-02", nullptr, nullptr, "2026-01-05");
  expect_check(first, "2026-02-02", "2026-02-02", 20, period_unit::working_day, true, false);
  EXPECT_EQ(first.events, ids({"s1", "r1"}));
  expect_check(review("2026-02-03", nullptr, nullptr, "2026-01-05"), "2026-02-03", "2026-02-02", 21, period_unit::working_day,
               false, false);
  // Second: Mon 2 Feb + 3 months = Sat 2 May -> Fri 1 May. Held 1 May: kept (2 whole months);
  // the next working day after it is Tue 5 May (Mon 4 May bank holiday): not kept, 3 months.
  expect_check(review("2026-02-02", "2026-05-01", nullptr, "2026-02-02"), "2026-05-01", "2026-05-01", 2, period_unit::month,
               true, false);
  expect_check(review("2026-02-02", "2026-05-05", nullptr, "2026-02-02"), "2026-05-05", "2026-05-01", 3, period_unit::month,
               false, false);
  // Later: Tue 28 Apr + 6 months = Wed 28 Oct.
  expect_check(review("2026-02-02", "2026-04-28", "2026-10-28", "2026-04-28"), "2026-10-28", "2026-10-28", 6,
               period_unit::month, true, false);
  expect_check(review("2026-02-02", "2026-04-28", "2026-10-29", "2026-04-28"), "2026-10-29", "2026-10-28", 6,
               period_unit::month, false, false);
}

TEST_F(ScheduleTest, HistoryLacVisitGaps) {
  {
    child_case c = lac_started();
    add(c, "v1", visit{.date = iso("2026-01-12")});  // placement + 1 week exactly
    add(c, "v2", visit{.date = iso("2026-02-23")});  // + 6 weeks exactly
    add(c, "v3", visit{.date = iso("2026-04-07")});  // Mon 23 Feb + 6 weeks = Mon 6 Apr (Easter Monday) -> Fri 3 Apr
                                                    // (Good Friday) -> Thu 2 Apr. Tue 7 Apr is over.
    const auto s = run(c, "2026-04-07");
    const auto g1 = check_from(s, item_kind::visit, "2026-01-05");
    expect_check(g1, "2026-01-12", "2026-01-12", 1, period_unit::week, true, false);
    EXPECT_EQ(g1.events, ids({"p1", "v1"}));
    expect_check(check_from(s, item_kind::visit, "2026-01-12"), "2026-02-23", "2026-02-23", 6, period_unit::week, true, false);
    expect_check(check_from(s, item_kind::visit, "2026-02-23"), "2026-04-07", "2026-04-02", 6, period_unit::week, false, false);
  }
  {
    child_case c = lac_started();
    add(c, "v1", visit{.date = iso("2026-01-13")});  // one day over the week
    const auto g = check_from(run(c, "2026-01-13"), item_kind::visit, "2026-01-05");
    expect_check(g, "2026-01-13", "2026-01-12", 1, period_unit::week, false, false);
  }
  {
    // Long-term, after the first year: 3 months. Wed 7 Jan + 3 months = Tue 7 Apr.
    for (const char* next : {"2026-04-07", "2026-04-08"}) {
      child_case c = lac();
      add(c, "s1", started_looked_after{.date = iso("2025-01-06")});
      add(c, "p1", placement_start{.date = iso("2025-01-06"), .long_term = true});
      add(c, "v1", visit{.date = iso("2026-01-07")});
      add(c, "v2", visit{.date = iso(next)});
      const auto g = check_from(run(c, next), item_kind::visit, "2026-01-07");
      expect_check(g, next, "2026-04-07", 3, period_unit::month, std::string_view(next) == "2026-04-07", false);
    }
  }
}

// Reg 28(3): weekly visits until the first review when placed with a parent. A gap of Fri 16 Jan to
// Mon 26 Jan (limit Fri 23 Jan) broke that rule, and still did after the first review was held.
TEST_F(ScheduleTest, HistoryWeeklyVisitGapsBeforeTheFirstReviewStayWeekly) {
  child_case c = lac_started(placement_start{.date = iso("2026-01-05"), .placed_with_parent = true});
  add(c, "v1", visit{.date = iso("2026-01-09")});
  add(c, "v2", visit{.date = iso("2026-01-16")});
  add(c, "v3", visit{.date = iso("2026-01-26")});
  // Before the review is held: the gap is judged weekly.
  expect_check(check_from(run(c, "2026-01-27"), item_kind::visit, "2026-01-16"), "2026-01-26", "2026-01-23", 1,
               period_unit::week, false, false);
  add(c, "r1", lac_review{.date = iso("2026-02-02")});
  add(c, "v4", visit{.date = iso("2026-02-02")});
  // After it: the same gap, the same verdict.
  expect_check(check_from(run(c, "2026-02-10"), item_kind::visit, "2026-01-16"), "2026-01-26", "2026-01-23", 1,
               period_unit::week, false, false);
}

TEST_F(ScheduleTest, HistoryOpenGaps) {
  const child_case c = cp_with_icpc();  // no visit, no core group
  // As of the limit (Mon 16 Feb) nothing is late yet: no open gaps.
  EXPECT_TRUE(checks(run(c, "2026-02-16"), item_kind::visit).empty());
  EXPECT_TRUE(checks(run(c, "2026-02-16"), item_kind::core_group).empty());
  // One day over: open, late gaps measured to the as-of date.
  const auto s = run(c, "2026-02-17");
  const auto v = check_from(s, item_kind::visit, "2026-02-02");
  expect_check(v, "2026-02-17", "2026-02-16", 11, period_unit::working_day, false, true);
  EXPECT_EQ(v.events, ids({"icpc"}));
  EXPECT_EQ(v.explanation, "visit gap 2026-02-02 to 2026-02-17 (open): 11 working days, over the 10 working days allowed (limit 2026-02-16)");
  expect_check(check_from(s, item_kind::core_group, "2026-02-02"), "2026-02-17", "2026-02-16", 11, period_unit::working_day,
               false, true);
  // An overdue RCPC: open review interval. As of Mon 4 May (bank holiday) 2 Feb + 3 months = 1 May was the limit.
  const auto r = check_from(run(c, "2026-05-04"), item_kind::rcpc, "2026-02-02");
  expect_check(r, "2026-05-04", "2026-05-01", 3, period_unit::month, false, true);
  EXPECT_EQ(r.explanation, "review interval 2026-02-02 to 2026-05-04 (open): 91 days, over the 3 months allowed (limit 2026-05-01)");
  // LAC: overdue first review, open, in working days.
  const auto l = check_from(run(lac_started(), "2026-02-04"), item_kind::lac_review, "2026-01-05");
  expect_check(l, "2026-02-04", "2026-02-02", 22, period_unit::working_day, false, true);
}

// =============================================================================================
// Policy settings
// =============================================================================================

TEST_F(ScheduleTest, InclusiveCounting) {
  pol.counting = day_count::inclusive;
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  // Mon 12 Jan is day 1: 13-16 (5), 19-23 (10), 26-30 (15): Fri 30 Jan.
  expect_item(run(c, "2026-01-20").next_review, item_kind::icpc, "2026-01-30", item_status::upcoming, {"sd"},
              "ICPC due 2026-01-30: 15 working days after the strategy discussion of 2026-01-12");
  // And an ICPC on Mon 2 Feb is then 16 working days counted inclusively: late.
  add(c, "icpc", initial_conference{.date = iso("2026-02-02")});
  const auto g = check_from(run(c, "2026-02-02"), item_kind::icpc, "2026-01-12");
  expect_check(g, "2026-02-02", "2026-01-30", 16, period_unit::working_day, false, false);
}

TEST_F(ScheduleTest, MonthsAsFixedDaysAndNonWorkingDueDates) {
  child_case c = cp();
  add(c, "icpc", initial_conference{.date = iso("2026-01-05")});
  pol.month_counting = month_basis::fixed_days;
  // Mon 5 Jan + 91 days = Mon 6 Apr 2026, Easter Monday.
  expect_due(run(c, "2026-01-06").next_review, "2026-04-02", item_status::upcoming);  // back over Good Friday: Thu 2 Apr
  pol.due_on_non_working_day = non_working_due::stands;
  expect_due(run(c, "2026-01-06").next_review, "2026-04-06", item_status::upcoming);
  pol.due_on_non_working_day = non_working_due::next_working_day;
  expect_due(run(c, "2026-01-06").next_review, "2026-04-07", item_status::upcoming);
  // Calendar months: Sun 5 Apr -> previous: Thu 2 Apr; next: Tue 7 Apr.
  pol.month_counting = month_basis::calendar_months;
  expect_due(run(c, "2026-01-06").next_review, "2026-04-07", item_status::upcoming);
  pol.due_on_non_working_day = non_working_due::previous_working_day;
  expect_due(run(c, "2026-01-06").next_review, "2026-04-02", item_status::upcoming);
}

TEST_F(ScheduleTest, FixedDayMonthsInTheHistory) {
  pol.month_counting = month_basis::fixed_days;
  child_case c = cp();
  add(c, "icpc", initial_conference{.date = iso("2026-01-15")});
  add(c, "r1", review_conference{.date = iso("2026-04-16")});  // Thu 15 Jan + 91 days = Thu 16 Apr: on time
  const auto g = check_from(run(c, "2026-04-16"), item_kind::rcpc, "2026-01-15");
  // 91 days = 3 months of 91 days.
  expect_check(g, "2026-04-16", "2026-04-16", 3, period_unit::month, true, false);
}

TEST_F(ScheduleTest, OtherIntervalSettings) {
  pol.first_core_group_after_icpc = {5, period_unit::working_day};  // Mon 2 Feb + 5 wd = Mon 9 Feb
  pol.core_group_interval = {4, period_unit::week};
  pol.first_rcpc_after_icpc = {2, period_unit::month};               // Mon 2 Feb + 2 months = Thu 2 Apr
  pol.icpc_after_strategy = {10, period_unit::working_day};          // Mon 12 Jan + 10 wd = Mon 26 Jan
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  expect_due(run(c, "2026-01-13").next_review, "2026-01-26", item_status::upcoming);
  add(c, "icpc", initial_conference{.date = iso("2026-02-02")});
  auto s = run(c, "2026-02-03");
  expect_due(s.next_core_group, "2026-02-09", item_status::due_soon);
  expect_due(s.next_review, "2026-04-02", item_status::upcoming);  // Mon 2 Feb + 2 months = Thu 2 Apr
  add(c, "cg1", core_group{.date = iso("2026-02-09")});
  expect_due(run(c, "2026-02-10").next_core_group, "2026-03-09", item_status::upcoming);  // + 4 weeks

  pol.rcpc_interval = {3, period_unit::month};
  add(c, "r1", review_conference{.date = iso("2026-04-01")});
  expect_due(run(c, "2026-04-01").next_review, "2026-07-01", item_status::upcoming);  // Wed 1 Apr + 3 months = Wed 1 Jul

  pol = policy::england();
  pol.first_lac_review = {15, period_unit::working_day};  // Mon 5 Jan + 15 wd = Mon 26 Jan
  pol.second_lac_review = {2, period_unit::month};
  pol.lac_review_interval = {4, period_unit::month};
  pol.lac_visit_after_placement = {3, period_unit::calendar_day};  // Mon 5 + 3 = Thu 8 Jan
  pol.lac_visit_first_year = {4, period_unit::week};
  child_case l = lac_started();
  auto ls = run(l, "2026-01-06");
  expect_due(ls.next_review, "2026-01-26", item_status::upcoming);
  expect_due(ls.next_visit, "2026-01-08", item_status::due_soon);
  add(l, "v1", visit{.date = iso("2026-01-08")});
  add(l, "r1", lac_review{.date = iso("2026-01-26")});
  ls = run(l, "2026-01-27");
  expect_due(ls.next_review, "2026-03-26", item_status::upcoming);  // Mon 26 Jan + 2 months = Thu 26 Mar
  expect_due(ls.next_visit, "2026-02-05", item_status::upcoming);   // Thu 8 Jan + 4 weeks
  add(l, "r2", lac_review{.date = iso("2026-03-26")});
  expect_due(run(l, "2026-03-27").next_review, "2026-07-24", item_status::upcoming);  // + 4 months = Sun 26 Jul -> Fri 24 Jul

  pol.lac_visit_long_term = {4, period_unit::month};
  pol.lac_visit_other = {8, period_unit::week};
  for (bool long_term : {true, false}) {
    child_case y = lac();
    add(y, "s1", started_looked_after{.date = iso("2025-01-06")});
    add(y, "p1", placement_start{.date = iso("2025-01-06"), .long_term = long_term});
    add(y, "v1", visit{.date = iso("2026-01-07")});
    // Wed 7 Jan + 4 months = Thu 7 May; + 8 weeks = Wed 4 Mar.
    expect_due(run(y, "2026-01-08").next_visit, long_term ? "2026-05-07" : "2026-03-04", item_status::upcoming);
  }
}

TEST_F(ScheduleTest, ScotlandPreset) {
  pol = policy::scotland();
  child_case c = cp();
  add(c, "sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  // 28 calendar days: Mon 12 Jan + 28 = Mon 9 Feb.
  expect_item(run(c, "2026-01-13").next_review, item_kind::icpc, "2026-02-09", item_status::upcoming, {"sd"},
              "ICPC due 2026-02-09: 28 days after the strategy discussion of 2026-01-12");
  add(c, "icpc", initial_conference{.date = iso("2026-02-09")});
  const auto s = run(c, "2026-02-10");
  // Core group within 15 wd: Mon 9 Feb + 15 = Mon 2 Mar (10-13: 4, 16-20: 9, 23-27: 14, 2 Mar: 15).
  expect_due(s.next_core_group, "2026-03-02", item_status::upcoming);
  // Review within 6 months: Sun 9 Aug -> Fri 7 Aug.
  expect_item(s.next_review, item_kind::rcpc, "2026-08-07", item_status::upcoming, {"icpc"},
              "RCPC due 2026-08-07: 6 months after the ICPC of 2026-02-09");
  // Pre-birth: 3 months: Sat 9 May -> Fri 8 May.
  child_case pb = cp();
  add(pb, "icpc", initial_conference{.date = iso("2026-02-09"), .pre_birth = true});
  expect_item(run(pb, "2026-02-10").next_review, item_kind::rcpc, "2026-05-08", item_status::upcoming, {"icpc"},
              "RCPC due 2026-05-08: 3 months after the ICPC of 2026-02-09 (pre-birth plan)");
  // LAC: first review within 6 weeks: Mon 5 Jan + 6 weeks = Mon 16 Feb; visits 3-monthly in the first year.
  child_case l = lac_started();
  add(l, "v1", visit{.date = iso("2026-01-09")});
  const auto ls = run(l, "2026-01-12");
  expect_item(ls.next_review, item_kind::lac_review, "2026-02-16", item_status::upcoming, {"s1"},
              "LAC review due 2026-02-16: 6 weeks after the start of care of 2026-01-05");
  // Fri 9 Jan + 3 months = Thu 9 Apr.
  expect_due(ls.next_visit, "2026-04-09", item_status::upcoming);
}

}  // namespace
