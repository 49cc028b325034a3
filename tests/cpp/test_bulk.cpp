// Synthetic caseloads, the columnar form and bulk evaluation (synthetic.hpp, columnar.hpp,
// bulk.hpp): the generator is deterministic and valid, columns round-trip, evaluate() agrees
// with schedule() and drift() case by case and does not depend on the thread count, and bad
// columns are refused with errors naming the array and the index.
#include "test_support.hpp"

#include "cli.hpp"

#include <algorithm>
#include <bit>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

const calendar& cal() { return midway_test::england_and_wales(); }


// Checks every row of `r` against schedule() and drift() of the same case.
void expect_agrees(const caseload& cl, const bulk_result& r, date as_of, const policy& pol) {
  ASSERT_EQ(r.size(), cl.cases.size());
  for (std::size_t i = 0; i < cl.cases.size(); ++i) {
    SCOPED_TRACE("case " + cl.cases[i].id().str() + " as of " + as_of.to_iso());
    midway_test::expect_row_agrees(cl.cases[i], r, i, as_of, pol, cal());
    if (::testing::Test::HasFailure()) return;  // one case's story is enough
  }
}

TEST(Synthetic, SameSeedSameCaseloadOtherSeedAnother) {
  const auto a = synthetic_columns({.n_cases = 500, .seed = 42});
  const auto b = synthetic_columns({.n_cases = 500, .seed = 42});
  const auto c = synthetic_columns({.n_cases = 500, .seed = 43});
  EXPECT_EQ(a, b);
  EXPECT_NE(a.events, c.events);
  // A longer caseload starts with the shorter one.
  const auto longer = synthetic_columns({.n_cases = 501, .seed = 42});
  EXPECT_TRUE(std::equal(a.cases.case_id.begin(), a.cases.case_id.end(), longer.cases.case_id.begin()));
}

TEST(Synthetic, PinnedFirstCaseGuardsPortability) {
  // The generator uses only std::mt19937_64 (fixed by the standard) and its own
  // distributions, so these figures are the same with every standard library.
  const auto a = synthetic_columns({.n_cases = 1000, .seed = 1});
  EXPECT_EQ(a.cases.case_id.front(), a.cases.kind.front() == case_kind::lac ? "SYN-LAC-000001" : "SYN-CP-000001");
  EXPECT_EQ(a.cases.child_id.back(), "SYN-C-001000");
}

TEST(Synthetic, RealisticSizeAndMix) {
  const auto a = synthetic_columns({.n_cases = 5000, .seed = 7});
  const double per_case = static_cast<double>(a.events.size()) / 5000.0;
  EXPECT_GT(per_case, 33.0);
  EXPECT_LT(per_case, 43.0);
  const auto lac = std::count(a.cases.kind.begin(), a.cases.kind.end(), case_kind::lac);
  EXPECT_NEAR(static_cast<double>(lac) / 5000.0, 84.0 / 134.0, 0.03);
  EXPECT_NO_THROW(validate(a.cases, a.events));
}

TEST(Synthetic, EveryCaseKeepsTheRecordingRules) {
  // from_columns records every event with child_case::record, which checks every rule.
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const caseload cl = synthetic_caseload({.n_cases = 400, .seed = seed});
    EXPECT_EQ(cl.cases.size(), 400u);
  }
}

TEST(Synthetic, RefusesBadOptions) {
  auto e = capture<invalid_argument_error>([] { synthetic_columns({.n_cases = 1, .lac_share = 1.5}); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "lac_share");
  e = capture<invalid_argument_error>([] { synthetic_columns({.n_cases = 1, .min_history_years = 3, .max_history_years = 2}); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "max_history_years");
}

TEST(Columns, RoundTripBothWays) {
  const caseload cl = synthetic_caseload({.n_cases = 300, .seed = 5});
  const caseload_columns cols = to_columns(cl);
  EXPECT_EQ(from_columns(cols.cases, cols.events), cl);
  EXPECT_EQ(to_columns(from_columns(cols.cases, cols.events)), cols);
  EXPECT_EQ(cols, synthetic_columns({.n_cases = 300, .seed = 5}));
}

TEST(Columns, ExampleCaseloadKeepsWhatColumnsCarry) {
  const caseload cl = load_caseload(std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json");
  const caseload_columns cols = to_columns(cl);
  const caseload back = from_columns(cols.cases, cols.events);
  ASSERT_EQ(back.cases.size(), cl.cases.size());
  for (std::size_t i = 0; i < cl.cases.size(); ++i) {
    ASSERT_EQ(back.cases[i].history().size(), cl.cases[i].history().size());
    for (std::size_t k = 0; k < cl.cases[i].history().size(); ++k) {
      EXPECT_EQ(back.cases[i].history()[k].date(), cl.cases[i].history()[k].date());
      EXPECT_EQ(back.cases[i].history()[k].kind(), cl.cases[i].history()[k].kind());
    }
  }
  // from_columns restores cases and events; meetings and recommendations stay in the columns.
  const caseload_columns again = to_columns(back);
  EXPECT_EQ(again.cases, cols.cases);
  EXPECT_EQ(again.events, cols.events);
  EXPECT_GT(cols.recommendations.size(), 0u);
}

TEST(Columns, KindAndFlagNames) {
  EXPECT_EQ(event_kind_names().size(), 26u);  // 24 birth, 25 transfer_in_notified (issue 16)
  EXPECT_EQ(event_kind_code("birth"), 24);
  EXPECT_EQ(event_kind_code("transfer_in_notified"), 25);
  EXPECT_EQ(event_kind_names()[8], "visit");
  EXPECT_EQ(event_kind_code("core_group"), 9);
  EXPECT_THROW(event_kind_code("tea_party"), unknown_code_error);
  EXPECT_EQ(event_flag_names()[static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(event_flag::correction)))], "correction");
}

class Agreement : public ::testing::TestWithParam<std::string> {};

TEST_P(Agreement, EvaluateMatchesScheduleAndDriftCaseByCase) {
  const caseload cl = synthetic_caseload({.n_cases = 1500, .seed = 11});
  const caseload_columns cols = to_columns(cl);
  const date as_of = iso(GetParam());
  for (const policy& pol : {policy::england(), policy::wales(),
                            [] {
                              policy p = policy::england();
                              p.midway_in_short_intervals = true;
                              p.due_on_non_working_day = non_working_due::next_working_day;
                              p.counting = day_count::inclusive;
                              return p;
                            }(),
                            [] {
                              policy p = policy::england();
                              p.month_counting = month_basis::fixed_days;
                              p.due_on_non_working_day = non_working_due::stands;
                              return p;
                            }()}) {
    const bulk_result r = evaluate(cols.events, cols.cases, as_of, pol, cal());
    expect_agrees(cl, r, as_of, pol);
  }
}
// The generator's as-of date, earlier (later events ignored) and later (everything overdue).
INSTANTIATE_TEST_SUITE_P(AsOf, Agreement, ::testing::Values("2026-11-22", "2025-12-31", "2027-03-01"));

TEST(Evaluate, AgreesOnTheExampleCaseloadThroughColumns) {
  // The hand-written sample has partial histories, transfer-ins, pre-birth plans, placements
  // with a parent, ended plans, midway meetings and recommendations: every case, as it is, is
  // the reference (the columns carry everything the rules read).
  const caseload cl = load_caseload(std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json");
  for (const char* as_of : {"2026-11-22", "2026-06-01", "2027-02-01"}) {
    expect_agrees(cl, evaluate(cl, iso(as_of), policy::england(), cal()), iso(as_of), policy::england());
  }
}

// A case of more than 128 rows: the rule kernel keeps each kind's rows as a bitset of 64-row
// words, so the rules must read across the words. A CP plan of nearly three years:
// - ICPC Mon 2024-01-08; RCPCs 2024-04-02, 2024-10-01, 2025-03-25, 2025-09-23, 2026-03-24 and
//   2026-09-22 (row 160 or so);
// - a visit every Monday from 2024-01-15 to 2026-10-26 except 2025-06-09, 2025-06-16, 2026-06-08
//   and 2026-06-15: two gaps of 21 days (15 working days, no bank holiday in either), over the 10
//   working days of cp_visit_interval, one across rows 64-127 and one across rows 128-191;
// - a core group every 5 weeks from Fri 2024-01-19 (inside the 10 working days after the ICPC),
//   each within core_group_interval (6 weeks).
// As of Mon 2026-11-02:
// - next visit: 2026-10-26 + 10 working days = Mon 2026-11-09 (no bank holiday between);
// - next RCPC: 2026-09-22 + 6 months = Mon 2027-03-22, a working day.
TEST(Evaluate, ReadsRowsPastTheFirst64And128OfACase) {
  child_case c(case_id("CP-LONG"), child_id("C-LONG"), case_kind::cp);
  c.record(event_data(initial_conference{.date = iso("2024-01-08"), .pre_birth = false, .plan_started = true}));
  for (const char* d : {"2024-04-02", "2024-10-01", "2025-03-25", "2025-09-23", "2026-03-24", "2026-09-22"}) {
    c.record(event_data(review_conference{.date = iso(d), .plan_continues = true, .midway_date = std::nullopt}));
  }
  for (date d = iso("2024-01-15"); d <= iso("2026-10-26"); d = d + calendar_days(7)) {
    if (d == iso("2025-06-09") || d == iso("2025-06-16") || d == iso("2026-06-08") || d == iso("2026-06-15")) continue;
    c.record(event_data(visit{.date = d, .seen = true, .seen_alone = false}));
  }
  for (date d = iso("2024-01-19"); d <= iso("2026-11-02"); d = d + calendar_days(35)) c.record(event_data(core_group{.date = d}));
  ASSERT_GT(c.history().size(), 170u);  // 179: 1 ICPC, 6 RCPCs, 142 visits, 30 core groups
  caseload cl;
  cl.cases.push_back(c);
  const date as_of = iso("2026-11-02");
  const bulk_result r = evaluate(cl, as_of, policy::england(), cal());
  EXPECT_EQ(r.visit_due[0], static_cast<std::int32_t>(iso("2026-11-09").days_since_epoch()));
  EXPECT_EQ(r.review_due[0], static_cast<std::int32_t>(iso("2027-03-22").days_since_epoch()));
  EXPECT_EQ(r.review_kind[0], static_cast<std::uint8_t>(item_kind::rcpc));
  EXPECT_EQ(r.visit_gaps[0], 2);
  EXPECT_EQ(r.core_group_gaps[0], 0);
  expect_agrees(cl, r, as_of, policy::england());
}

TEST(Evaluate, SameResultWhateverTheThreadCount) {
  const caseload_columns cols = synthetic_columns({.n_cases = 3000, .seed = 3});
  const date as_of(2026, 11, 22);
  const bulk_result one = evaluate(cols.events, cols.cases, as_of, policy::england(), cal(), {.threads = 1});
  for (unsigned t : {2u, 3u, 8u, 0u}) {
    EXPECT_EQ(evaluate(cols.events, cols.cases, as_of, policy::england(), cal(), {.threads = t}), one) << t << " threads";
  }
  EXPECT_EQ(one.events, cols.events.size());
  EXPECT_GT(std::count(one.visit_status.begin(), one.visit_status.end(), static_cast<std::uint8_t>(item_status::overdue)), 0);
  EXPECT_GT(std::count_if(one.visit_gaps.begin(), one.visit_gaps.end(), [](std::int32_t g) { return g > 0; }), 0);
}

TEST(Evaluate, ReportsProgressOnTheCallingThreadAndEndsAtTheTotal) {
  const caseload_columns cols = synthetic_columns({.n_cases = 2000, .seed = 3});
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const auto caller = std::this_thread::get_id();
  bool same_thread = true;
  evaluate(cols.events, cols.cases, date(2026, 11, 22), policy::england(), cal(),
           {.threads = 2, .progress = [&](std::size_t done, std::size_t total) {
              same_thread = same_thread && std::this_thread::get_id() == caller;
              calls.emplace_back(done, total);
            }});
  ASSERT_FALSE(calls.empty());
  EXPECT_TRUE(same_thread);
  EXPECT_EQ(calls.back(), (std::pair<std::size_t, std::size_t>{2000, 2000}));
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));
}

TEST(Evaluate, ProgressCallbackCanCancel) {
  const caseload_columns cols = synthetic_columns({.n_cases = 2000, .seed = 3});
  struct cancelled {};
  EXPECT_THROW(evaluate(cols.events, cols.cases, date(2026, 11, 22), policy::england(), cal(),
                        {.threads = 2, .progress = [](std::size_t, std::size_t) { throw cancelled{}; }}),
               cancelled);
}

TEST(Evaluate, EmptyCaseloadAndCasesWithoutEvents) {
  caseload_columns cols;
  EXPECT_EQ(evaluate(cols.events, cols.cases, date(2026, 1, 1), policy::england(), cal()).size(), 0u);
  cols.cases = {.case_id = {"CP-1", "LAC-1"}, .child_id = {"C-1", "C-2"}, .kind = {case_kind::cp, case_kind::lac}, .partial_history = {0, 0}, .short_breaks = {}};
  const bulk_result r = evaluate(cols.events, cols.cases, date(2026, 1, 1), policy::england(), cal());
  EXPECT_EQ(r.review_kind[0], static_cast<std::uint8_t>(item_kind::icpc));
  EXPECT_EQ(r.review_status[1], static_cast<std::uint8_t>(item_status::not_applicable));
  EXPECT_EQ(r.review_due[1], no_date);
}

// ---- bad input ----

caseload_columns small() { return to_columns(synthetic_caseload({.n_cases = 5, .seed = 9})); }

TEST(BadColumns, MismatchedLengthsNameTheArray) {
  auto cols = small();
  cols.events.flags.pop_back();
  auto e = capture<invalid_argument_error>([&] { evaluate(cols.events, cols.cases, date(2026, 1, 1), policy::england(), cal()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.flags");
  cols = small();
  cols.cases.child_id.push_back("C-X");
  e = capture<invalid_argument_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "cases.child_id");
}

TEST(BadColumns, UnknownKindCodeNamesTheIndex) {
  auto cols = small();
  cols.events.kind[7] = 26;
  auto e = capture<unknown_code_error>([&] { evaluate(cols.events, cols.cases, date(2026, 1, 1), policy::england(), cal()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.kind[7]");
  EXPECT_EQ(e->record_id(), cols.cases.case_id[static_cast<std::size_t>(cols.events.case_index[7])]);
  cols = small();
  cols.cases.kind[2] = static_cast<case_kind>(7);
  auto k = capture<unknown_code_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(k);
  EXPECT_EQ(k->field(), "cases.kind[2]");
}

TEST(BadColumns, OutOfOrderDatesAndCases) {
  auto cols = small();
  std::swap(cols.events.date[3], cols.events.date[4]);
  if (cols.events.date[3] == cols.events.date[4]) cols.events.date[3] += 1;
  auto e = capture<invalid_argument_error>([&] { evaluate(cols.events, cols.cases, date(2026, 1, 1), policy::england(), cal()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.date[4]");
  cols = small();
  const auto last = cols.events.size() - 1;
  cols.events.case_index[last] = 0;
  e = capture<invalid_argument_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.case_index[" + std::to_string(last) + "]");
  cols = small();
  cols.events.case_index[0] = 5;
  e = capture<invalid_argument_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.case_index[0]");
}

TEST(BadColumns, DatesOutsideTheCalendarFlagsAndKindsForTheOtherCaseKind) {
  auto cols = small();
  cols.events.date[0] = -10000;  // 1942
  auto r = capture<out_of_range_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field(), "events.date[0]");
  cols = small();
  cols.events.flags[1] = 1u << 15;
  auto a = capture<invalid_argument_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(a);
  EXPECT_EQ(a->field(), "events.flags[1]");
  cols = small();
  const std::size_t c = static_cast<std::size_t>(cols.events.case_index[0]);
  cols.events.kind[0] = cols.cases.kind[c] == case_kind::cp ? event_kind_code("lac_review") : event_kind_code("core_group");
  auto v = capture<rule_violation_error>([&] { validate(cols.cases, cols.events); });
  ASSERT_TRUE(v);
  EXPECT_EQ(v->field(), "events.kind[0]");
  EXPECT_EQ(v->record_id(), cols.cases.case_id[c]);
}

TEST(BadColumns, FromColumnsChecksEveryRecordingRule) {
  caseload_columns cols;
  cols.cases = {.case_id = {"CP-1"}, .child_id = {"C-1"}, .kind = {case_kind::cp}, .partial_history = {0}, .short_breaks = {}};
  cols.events.case_index = {0};
  cols.events.kind = {event_kind_code("review_conference")};
  cols.events.date = {static_cast<std::int32_t>(date(2026, 1, 5).days_since_epoch())};
  cols.events.flags = {static_cast<std::uint16_t>(event_flag::plan_continues)};
  cols.events.other_date = {no_date};
  auto e = capture<rule_violation_error>([&] { from_columns(cols.cases, cols.events); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->record_id(), "CP-1");
}

TEST(BadColumns, MidwayDateAfterTheNextReviewNamesTheEvent) {
  child_case c(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  c.record(strategy_discussion{.date = iso("2026-01-05"), .s47_started = true});
  c.record(initial_conference{.date = iso("2026-01-19")});
  c.record(review_conference{.date = iso("2026-04-20"), .midway_date = iso("2026-12-01")});
  caseload cl;
  cl.cases.push_back(c);
  auto e = capture<rule_violation_error>([&] { evaluate(cl, iso("2026-05-01"), policy::england(), cal()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "events.other_date[2]");
  EXPECT_EQ(e->record_id(), "CP-1");
  EXPECT_THROW(schedule(c, iso("2026-05-01"), policy::england(), cal()), rule_violation_error);
}

// ---- midway evaluate ----

TEST(EvaluateCommand, SummaryOnStandardOutputProgressOnlyWhenAsked) {
  std::ostringstream out, err;
  EXPECT_EQ(cli::run({"midway", "evaluate", "--synthetic", "600", "--seed", "4", "--as-of", "2026-11-22"}, out, err), 0);
  EXPECT_NE(out.str().find("midway evaluate: 600 cases"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("visit gaps over policy:"), std::string::npos);
  EXPECT_NE(out.str().find("  visit_gap "), std::string::npos);
  EXPECT_EQ(err.str(), "");
  std::ostringstream out2, err2;
  EXPECT_EQ(cli::run({"midway", "evaluate", "--synthetic", "600", "--seed", "4", "--as-of", "2026-11-22", "--threads", "2", "--progress"},
                     out2, err2),
            0);
  EXPECT_NE(err2.str().find("100%  600 of 600 cases\n"), std::string::npos) << err2.str();
}

TEST(EvaluateCommand, ReadsACaseloadFileAndRefusesBadUsage) {
  std::ostringstream out, err;
  const std::string path = (std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json").string();
  EXPECT_EQ(cli::run({"midway", "evaluate", path, "--as-of", "2026-11-22"}, out, err), 0);
  EXPECT_NE(out.str().find("midway evaluate: 41 cases (20 LAC, 21 CP)"), std::string::npos) << out.str();
  std::ostringstream o2, e2;
  EXPECT_EQ(cli::run({"midway", "evaluate", "--synthetic", "ten"}, o2, e2), 2);
  EXPECT_NE(e2.str().find("--synthetic: Value ten not in range"), std::string::npos) << e2.str();
  std::ostringstream o3, e3;
  EXPECT_EQ(cli::run({"midway", "evaluate"}, o3, e3), 2);
  std::ostringstream o4, e4;
  EXPECT_EQ(cli::run({"midway", "evaluate", "--synthetic", "5", "--as-of", "2026-02-30"}, o4, e4), 2);
  EXPECT_NE(e4.str().find("--as-of"), std::string::npos);
}

}  // namespace
