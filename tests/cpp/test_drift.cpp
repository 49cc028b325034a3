// Drift and delay (include/midway/drift.hpp): each rule triggered and not triggered at its
// boundary (exactly at the limit, one day over), stable ids and first-raised dates, the
// caseload report and its formats. Dates are worked out by hand in the comments
// (England and Wales; Good Friday 2026-04-03, Easter Monday 2026-04-06).
#include "test_support.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::iso;

const calendar& cal() { return midway_test::england_and_wales(); }

child_case cp(std::string id = "CP-1") {
  child_case c(case_id(std::move(id)), child_id("C-1"), case_kind::cp);
  c.record(strategy_discussion{.date = iso("2026-01-05"), .s47_started = true});
  c.record(initial_conference{.date = iso("2026-01-19")});  // Monday
  return c;
}

std::vector<finding> of_rule(const child_case& c, const std::string& as_of, std::string_view rule,
                             const policy& pol = policy::england()) {
  std::vector<finding> out;
  for (auto& f : drift(c, iso(as_of), pol, cal())) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

TEST(DriftRules, TableListsEveryRuleOnce) {
  const auto rules = drift_rules();
  ASSERT_EQ(rules.size(), 14u);
  EXPECT_EQ(rules[13].id, "midway_date_not_set");
  EXPECT_EQ(rules[13].severity, severity::low);
  EXPECT_EQ(rules[0].id, "overdue_review");
  EXPECT_EQ(drift_rule_of("visit_gap").severity, severity::medium);
  EXPECT_EQ(drift_rule_of("risk_not_responded").severity, severity::high);
  EXPECT_THROW(drift_rule_of("visit_gaps"), unknown_code_error);
}

TEST(DriftRules, OverdueVisit) {
  child_case c = cp();
  c.record(visit{.date = iso("2026-01-22")});
  // Next visit: 10 working days after Thu 2026-01-22 = Thu 2026-02-05.
  EXPECT_TRUE(of_rule(c, "2026-02-05", "overdue_visit").empty());
  const auto f = of_rule(c, "2026-02-06", "overdue_visit");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-02-06"));
  EXPECT_EQ(f[0].severity, severity::high);
  EXPECT_EQ(f[0].id, "CP-1/overdue_visit/e3");
  EXPECT_EQ(f[0].events, std::vector<event_id>{event_id("e3")});
}

TEST(DriftRules, OverdueCoreGroup) {
  const child_case c = cp();
  // First core group: 10 working days after Mon 2026-01-19 = Mon 2026-02-02.
  EXPECT_TRUE(of_rule(c, "2026-02-02", "overdue_core_group").empty());
  ASSERT_EQ(of_rule(c, "2026-02-03", "overdue_core_group").size(), 1u);
}

TEST(DriftRules, OverdueReview) {
  child_case c(case_id("LAC-1"), child_id("C-2"), case_kind::lac);
  c.record(started_looked_after{.date = iso("2026-01-05")});
  // First LAC review: 20 working days after Mon 2026-01-05 = Mon 2026-02-02.
  EXPECT_TRUE(of_rule(c, "2026-02-02", "overdue_review").empty());
  const auto f = of_rule(c, "2026-02-03", "overdue_review");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-02-03"));
}

TEST(DriftRules, OverdueMidwayReview) {
  child_case c = cp();
  c.record(review_conference{.date = iso("2026-04-16")});
  // CP midway: 84 days after Thu 2026-04-16 = Thu 2026-07-09.
  EXPECT_TRUE(of_rule(c, "2026-07-09", "overdue_midway_review").empty());
  ASSERT_EQ(of_rule(c, "2026-07-10", "overdue_midway_review").size(), 1u);
}

TEST(DriftRules, VisitGap) {
  child_case kept = cp();
  kept.record(visit{.date = iso("2026-01-22")});
  kept.record(visit{.date = iso("2026-02-05")});  // exactly 10 working days
  EXPECT_TRUE(of_rule(kept, "2026-02-06", "visit_gap").empty());
  child_case over = cp();
  over.record(visit{.date = iso("2026-01-22")});
  over.record(visit{.date = iso("2026-02-06")});  // 11 working days
  const auto f = of_rule(over, "2026-02-06", "visit_gap");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-02-06"));  // the day after the limit, 2026-02-05
  EXPECT_EQ(f[0].id, "CP-1/visit_gap/e4");
}

TEST(DriftRules, CoreGroupGap) {
  child_case kept = cp();
  kept.record(core_group{.date = iso("2026-01-29")});
  kept.record(core_group{.date = iso("2026-03-12")});  // 6 weeks after Thu 2026-01-29
  EXPECT_TRUE(of_rule(kept, "2026-03-13", "core_group_gap").empty());
  child_case over = cp();
  over.record(core_group{.date = iso("2026-01-29")});
  over.record(core_group{.date = iso("2026-03-13")});
  ASSERT_EQ(of_rule(over, "2026-03-13", "core_group_gap").size(), 1u);
}

TEST(DriftRules, RecommendationOverdue) {
  child_case c = cp();
  c.plan = {recommendation{.id = recommendation_id("R1"), .text = "LPM", .owner = role::social_worker, .made_on = iso("2026-01-19"),
                           .due = iso("2026-03-02"), .status = recommendation_status::open, .done_on = {}, .urgent = true, .extra = {}}};
  EXPECT_TRUE(of_rule(c, "2026-03-02", "recommendation_overdue").empty());
  auto f = of_rule(c, "2026-03-03", "recommendation_overdue");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, severity::high);  // urgent
  EXPECT_EQ(f[0].id, "CP-1/recommendation_overdue/R1");
  c.plan[0].urgent = false;
  EXPECT_EQ(of_rule(c, "2026-03-03", "recommendation_overdue")[0].severity, severity::medium);
  // A grace of 5 working days: Mon 2026-03-02 + 5 = Mon 2026-03-09.
  policy p = policy::england();
  p.recommendation_grace = period{5, period_unit::working_day};
  EXPECT_TRUE(of_rule(c, "2026-03-09", "recommendation_overdue", p).empty());
  EXPECT_EQ(of_rule(c, "2026-03-10", "recommendation_overdue", p).size(), 1u);
  c.plan[0].status = recommendation_status::done;
  EXPECT_TRUE(of_rule(c, "2026-03-10", "recommendation_overdue").empty());
}

TEST(DriftRules, NoPlanUpdate) {
  child_case c = cp();
  c.record(core_group{.date = iso("2026-01-29")});
  // 10 working days after Thu 2026-01-29 = Thu 2026-02-12.
  EXPECT_TRUE(of_rule(c, "2026-02-12", "no_plan_update").empty());
  const auto f = of_rule(c, "2026-02-13", "no_plan_update");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-02-13"));
  c.record(plan_updated{.date = iso("2026-02-13")});
  EXPECT_TRUE(of_rule(c, "2026-02-13", "no_plan_update").empty());
}

TEST(DriftRules, NoManagementOversight) {
  child_case c = cp();
  // 3 months after Mon 2026-01-19 is Sun 2026-04-19, brought back to Fri 2026-04-17.
  EXPECT_TRUE(of_rule(c, "2026-04-17", "no_management_oversight").empty());
  ASSERT_EQ(of_rule(c, "2026-04-18", "no_management_oversight").size(), 1u);
  c.record(management_oversight{.date = iso("2026-04-01")});
  EXPECT_TRUE(of_rule(c, "2026-04-18", "no_management_oversight").empty());
}

TEST(DriftRules, RiskNotResponded) {
  child_case answered = cp();
  answered.record(missing_episode{.date = iso("2026-02-02")});
  answered.record(strategy_discussion{.date = iso("2026-02-05")});  // 3 working days after Mon 2026-02-02
  EXPECT_TRUE(of_rule(answered, "2026-02-20", "risk_not_responded").empty());
  child_case late = cp();
  late.record(cse_concern{.date = iso("2026-02-02")});
  late.record(strategy_discussion{.date = iso("2026-02-06")});  // one working day too late
  EXPECT_TRUE(of_rule(late, "2026-02-05", "risk_not_responded").empty());
  const auto f = of_rule(late, "2026-02-06", "risk_not_responded");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-02-06"));
}

TEST(DriftRules, PlanOpen18MonthsAndTwoYears) {
  const child_case c = cp();
  // 18 months after 2026-01-19 = 2027-07-19; 2 years = 2028-01-19 (the anniversary itself).
  EXPECT_TRUE(of_rule(c, "2027-07-18", "plan_open_18_months").empty());
  const auto f = of_rule(c, "2027-07-19", "plan_open_18_months");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2027-07-19"));
  EXPECT_TRUE(of_rule(c, "2028-01-18", "plan_open_2_years").empty());
  ASSERT_EQ(of_rule(c, "2028-01-19", "plan_open_2_years").size(), 1u);
  // An ended plan reports nothing.
  child_case ended = cp();
  ended.record(plan_ended{.date = iso("2027-01-10")});
  EXPECT_TRUE(drift(ended, iso("2028-06-01"), policy::england(), cal()).empty());
}

TEST(DriftRules, RepeatedRescheduling) {
  child_case c = cp();
  c.record(event{.id = event_id("rc1"), .data = review_conference{.date = iso("2026-04-16"), .midway_date = iso("2026-07-09")}, .correction = false, .extra = {}});
  arrange_midway_review(c, record_id("MR-1"), event_id("rc1"));
  reschedule_midway_review(c, record_id("MR-1"), iso("2026-07-13"), "Chair ill", role::chair, iso("2026-07-08"));
  EXPECT_TRUE(of_rule(c, "2026-07-10", "repeated_rescheduling").empty());
  reschedule_midway_review(c, record_id("MR-1"), iso("2026-07-20"), "Social worker ill", role::chair, iso("2026-07-12"));
  const auto f = of_rule(c, "2026-07-14", "repeated_rescheduling");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first_raised, iso("2026-07-12"));
  EXPECT_EQ(f[0].severity, severity::low);
}

TEST(DriftFindings, StableFromRunToRun) {
  child_case c = cp();
  c.record(visit{.date = iso("2026-01-22")});
  const auto a = of_rule(c, "2026-02-10", "overdue_visit");
  const auto b = of_rule(c, "2026-03-01", "overdue_visit");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].id, b[0].id);
  EXPECT_EQ(a[0].first_raised, b[0].first_raised);
}

TEST(DriftReport, GroupsByTeamManagerAndCounts) {
  caseload cl;
  child_case a = cp("CP-A");
  a.people = {person{person_id("SW-1"), role::social_worker, "", {}}, person{person_id("TM-1"), role::team_manager, "", {}}};
  child_case b = cp("CP-B");
  b.people = {person{person_id("SW-2"), role::social_worker, "", {}}};
  child_case ok = cp("CP-OK");
  ok.record(visit{.date = iso("2026-01-22")});
  cl.cases = {b, a, ok};
  // As of Tue 2026-02-03: the first visit and the first core group were due 10 working days
  // after the ICPC (Mon 2026-02-02). A and B have both overdue; OK was visited on 2026-01-22
  // (next visit due 2026-02-05), so only its core group is overdue.
  const drift_report r = drift_report_for(cl, iso("2026-02-03"), policy::england(), cal());
  EXPECT_EQ(r.cases, 3u);
  EXPECT_EQ(r.cases_with_findings, 3u);
  ASSERT_EQ(r.escalations.size(), 2u);
  EXPECT_EQ(r.escalations[0].team_manager, "");  // no team manager: listed first
  ASSERT_EQ(r.escalations[0].cases.size(), 2u);
  EXPECT_EQ(r.escalations[0].cases[0].case_id.str(), "CP-B");
  EXPECT_EQ(r.escalations[0].cases[1].case_id.str(), "CP-OK");
  EXPECT_EQ(r.escalations[1].team_manager, "TM-1");
  ASSERT_EQ(r.by_rule.size(), drift_rules().size());
  const auto visits = std::find_if(r.by_rule.begin(), r.by_rule.end(), [](const auto& x) { return x.key == "overdue_visit"; });
  EXPECT_EQ(visits->cases, 2u);
  const auto groups = std::find_if(r.by_rule.begin(), r.by_rule.end(), [](const auto& x) { return x.key == "overdue_core_group"; });
  EXPECT_EQ(groups->cases, 3u);
  const std::string csv = to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "team_manager,case_id,social_worker,rule,severity,first_raised,finding_id,explanation");
  EXPECT_NE(csv.find("TM-1,CP-A,SW-1,overdue_visit,high,2026-02-03,CP-A/overdue_visit/e2,"), std::string::npos) << csv;
  EXPECT_NE(to_json(r).find("\"schema\": \"midway.drift\""), std::string::npos);
  EXPECT_NE(to_table(r).find("Team manager TM-1"), std::string::npos);
}

}  // namespace
