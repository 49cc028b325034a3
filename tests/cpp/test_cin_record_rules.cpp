// The CIN census reader writes columns and records no child_case, yet breaks child_case::record's
// rules of order as recording would (src/record_rules.hpp, one place for them): one small return
// per broken rule (tests/data/cin_record_rules), each left-out event a not_recorded finding with
// the rule's message, and the columns agreeing with the cases built on demand.
#include "test_support.hpp"

#include <midway/bulk.hpp>
#include <midway/interop.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace midway;
using midway_test::data_path;
using midway_test::iso;

namespace {

import_result read(const std::string& name) { return import_cin_census(data_path("cin_record_rules/" + name + ".xml")); }

std::vector<import_finding> not_recorded(const import_result& r) {
  std::vector<import_finding> out;
  for (const auto& f : r.findings) {
    if (f.check() == "not_recorded") out.push_back(f);
  }
  return out;
}

std::size_t reviews_rejected(const import_result& r) {
  for (const auto& t : r.tables) {
    if (t.table == "Reviews") return t.rejected;
  }
  return 0;
}

std::vector<std::string> ids(const child_case& c) {
  std::vector<std::string> out;
  for (const event& e : c.history()) out.push_back(e.id.str());
  return out;
}

// The columns are what the cases built on demand give, and evaluate() reads them alike.
void expect_columns_agree(const import_result& r) {
  const caseload cl = r.to_caseload();
  EXPECT_EQ(to_columns(cl), r.columns);
  const calendar cal(division::england_and_wales);
  for (const char* as_of : {"2022-10-01", "2023-03-31"}) {
    EXPECT_EQ(evaluate(r, iso(as_of), policy::england(), cal), evaluate(cl, iso(as_of), policy::england(), cal)) << as_of;
  }
}

const std::string plan = "CINdetails[1]/ChildProtectionPlans[1]";

}  // namespace

TEST(CinRecordRules, AReviewBeforeThePlansIcpcIsLeftOut) {
  const auto r = read("review_before_icpc");
  const auto f = not_recorded(r);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason(), "not recorded on case CP-RR001-1: review_conference '" + plan +
                               "/Reviews[2]' of 2022-09-05 needs an earlier initial or transfer-in conference");
  EXPECT_EQ(f[0].kind(), finding_kind::rejected);
  EXPECT_EQ(f[0].child_id(), "RR001");
  EXPECT_EQ(f[0].field(), "CPPreviewDate");
  EXPECT_EQ(f[0].path(), "/Message/Children/Child[1]/" + plan + "/Reviews[2]/CPPreviewDate[1]");
  EXPECT_EQ(reviews_rejected(r), 1u);
  ASSERT_EQ(r.case_count(), 1u);
  const child_case c = r.case_at(0);
  EXPECT_EQ(ids(c), (std::vector<std::string>{"CINdetails[1]/Section47[1]", plan + ":icpc", plan + "/Reviews[1]"}));
  EXPECT_EQ(c.extra.at("initial_category_of_abuse"), "\"NEG\"");
  EXPECT_EQ(c.extra.at("latest_category_of_abuse"), "\"EMO\"");
  EXPECT_EQ(c.extra.at("number_of_previous_cpp"), "\"1\"");
  EXPECT_EQ(c.extra.at("initial_cpc_target"), "\"2022-09-15\"");
  EXPECT_EQ(c.extra.at("source"), "\"cin_census\"");
  expect_columns_agree(r);
}

TEST(CinRecordRules, AReviewAfterTheReviewThatEndedThePlanIsLeftOut) {
  const auto r = read("review_after_end");
  const auto f = not_recorded(r);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason(), "not recorded on case CP-RR002-1: review_conference '" + plan +
                               "/Reviews[1]' of 2022-11-24 is after the CP plan ended on 2022-09-01 (record it as a correction if it is one)");
  EXPECT_EQ(f[0].field(), "CPPreviewDate");
  EXPECT_EQ(reviews_rejected(r), 1u);
  ASSERT_EQ(r.case_count(), 1u);
  const child_case c = r.case_at(0);
  // The review on the end date ends the plan: no ":end" event.
  EXPECT_EQ(ids(c), (std::vector<std::string>{plan + ":icpc", plan + "/Reviews[2]"}));
  EXPECT_FALSE(std::get<review_conference>(c.history().back().data).plan_continues);
  expect_columns_agree(r);
}

TEST(CinRecordRules, AnEndBeforeALaterReviewIsLeftOut) {
  const auto r = read("end_before_review");
  const auto f = not_recorded(r);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason(), "not recorded on case CP-RR003-1: plan_ended '" + plan + ":end' of 2022-10-03 ends the plan before the "
                               "review_conference '" + plan + "/Reviews[2]' of 2022-11-14");
  EXPECT_EQ(f[0].field(), "CPPendDate");
  EXPECT_EQ(f[0].path(), "/Message/Children/Child[1]/" + plan + "/CPPendDate");
  EXPECT_EQ(reviews_rejected(r), 0u);  // the end is left out, not a review
  ASSERT_EQ(r.case_count(), 1u);
  EXPECT_EQ(ids(r.case_at(0)), (std::vector<std::string>{plan + ":icpc", plan + "/Reviews[1]", plan + "/Reviews[2]"}));
  expect_columns_agree(r);
}

TEST(CinRecordRules, ASection47sIcpcBeforeItsStartIsLeftOut) {
  const auto r = read("icpc_before_s47");
  const auto f = not_recorded(r);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason(), "not recorded on case CP-RR004-1: initial_conference 'CINdetails[1]/Section47[1]:icpc' of 2022-10-14 "
                           "ends the plan before the s47_enquiry 'CINdetails[1]/Section47[1]' of 2022-10-20");
  EXPECT_EQ(f[0].field(), "DateOfInitialCPC");
  ASSERT_EQ(r.case_count(), 1u);
  const child_case c = r.case_at(0);
  EXPECT_EQ(ids(c), (std::vector<std::string>{"CINdetails[1]/Section47[1]"}));
  EXPECT_EQ(c.extra.count("initial_category_of_abuse"), 0u);
  EXPECT_EQ(c.extra.at("initial_cpc_target"), "\"2022-11-10\"");
  expect_columns_agree(r);
}

// The messages are child_case::record's own: recording the same events on a case gives them.
TEST(CinRecordRules, TheMessagesAreThoseOfRecord) {
  child_case c(case_id("CP-RR003-1"), child_id("RR003"), case_kind::cp);
  c.record(event{.id = event_id(plan + ":icpc"), .data = initial_conference{.date = iso("2022-06-06"), .pre_birth = false, .plan_started = true},
                 .correction = false, .extra = {}});
  c.record(event{.id = event_id(plan + "/Reviews[2]"),
                 .data = review_conference{.date = iso("2022-11-14"), .plan_continues = true, .midway_date = std::nullopt},
                 .correction = false, .extra = {}});
  try {
    c.record(event{.id = event_id(plan + ":end"), .data = plan_ended{.date = iso("2022-10-03"), .reason = plan_end_reason::other},
                   .correction = false, .extra = {}});
    FAIL() << "recorded";
  } catch (const rule_violation_error& e) {
    const auto f = not_recorded(read("end_before_review"));
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].reason(), "not recorded on case CP-RR003-1: " + e.message());
    EXPECT_EQ(e.field(), "events['" + plan + ":end'].date");
  }
  EXPECT_EQ(c.history().size(), 2u);
}
