// The case model (include/midway/case.hpp, ids.hpp): date order, generated ids, every invariant
// of child_case::record with its error class and location, the strong guarantee, strong ids.
#include "test_support.hpp"

#include <string>
#include <type_traits>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

child_case cp_case(bool partial = false, std::optional<date> opened = std::nullopt) {
  return child_case(case_id("CP-1"), child_id("C-1"), case_kind::cp, opened, partial);
}

child_case lac_case(bool partial = false, std::optional<date> opened = std::nullopt) {
  return child_case(case_id("LAC-1"), child_id("C-2"), case_kind::lac, opened, partial);
}

event ev(std::string id, event_data data, bool correction = false) {
  return event{.id = event_id(std::move(id)), .data = std::move(data), .correction = correction, .extra = {}};
}

std::vector<std::string> ids_of(const child_case& c) {
  std::vector<std::string> out;
  for (const auto& e : c.history()) out.push_back(e.id.str());
  return out;
}

// Records `e` on `c`, expects error class E, and checks the location and that `c` is unchanged.
template <class E>
void expect_rejected(child_case& c, event e, const std::string& field) {
  const child_case before = c;
  const std::vector<event> history_before = c.history();
  const auto err = capture<E>([&] { c.record(std::move(e)); });
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->record_id(), c.id().str());
  EXPECT_EQ(err->field(), field);
  EXPECT_FALSE(err->message().empty());
  // Strong guarantee: the case is as it was.
  EXPECT_EQ(c.history(), history_before);
  EXPECT_TRUE(c == before);
}

// ---- identity and accessors -----------------------------------------------------------------

TEST(CaseModel, ConstructionKeepsItsArguments) {
  const child_case c(case_id("CP-7"), child_id("C-9"), case_kind::cp, iso("2026-01-05"), true);
  EXPECT_EQ(c.id(), case_id("CP-7"));
  EXPECT_EQ(c.child(), child_id("C-9"));
  EXPECT_EQ(c.kind(), case_kind::cp);
  EXPECT_EQ(c.opened(), iso("2026-01-05"));
  EXPECT_TRUE(c.partial_history());
  EXPECT_TRUE(c.history().empty());

  const child_case d = lac_case();
  EXPECT_FALSE(d.opened().has_value());
  EXPECT_FALSE(d.partial_history());
}

TEST(CaseModel, CaseKindNames) {
  EXPECT_EQ(to_string(case_kind::lac), "LAC");
  EXPECT_EQ(to_string(case_kind::cp), "CP");
  EXPECT_EQ(case_kind_from_string("LAC"), case_kind::lac);
  EXPECT_EQ(case_kind_from_string("CP"), case_kind::cp);
  const auto err = capture<unknown_code_error>([] { (void)case_kind_from_string("CIN", "$.kind"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.kind");
  EXPECT_NE(err->message().find("CIN"), std::string::npos);
  EXPECT_EQ(recommendation_status_from_string("dropped"), recommendation_status::dropped);
  EXPECT_EQ(to_string(recommendation_status::done), "done");
  EXPECT_THROW((void)recommendation_status_from_string("closed"), unknown_code_error);
}

TEST(CaseModel, PersonInFindsTheFirstPersonInARole) {
  child_case c = cp_case();
  EXPECT_EQ(c.person_in(role::chair), nullptr);
  c.people.push_back(person{.id = person_id("SW-1"), .role = role::social_worker, .name = "Ann", .extra = {}});
  c.people.push_back(person{.id = person_id("CH-1"), .role = role::chair, .name = "Bob", .extra = {}});
  c.people.push_back(person{.id = person_id("CH-2"), .role = role::chair, .name = "Cy", .extra = {}});
  ASSERT_NE(c.person_in(role::chair), nullptr);
  EXPECT_EQ(c.person_in(role::chair)->id, person_id("CH-1"));
  EXPECT_EQ(c.person_in(role::social_worker)->name, "Ann");
  EXPECT_EQ(c.person_in(role::cpa), nullptr);
}

TEST(CaseModel, BelongsTo) {
  const date d = iso("2026-01-05");
  for (const event_data& cp_only : std::vector<event_data>{initial_conference{.date = d}, review_conference{.date = d},
                                                           transfer_in_conference{.date = d}, core_group{.date = d},
                                                           plan_ended{.date = d}}) {
    SCOPED_TRACE(std::string(kind_of(cp_only)));
    EXPECT_TRUE(belongs_to(cp_only, case_kind::cp));
    EXPECT_FALSE(belongs_to(cp_only, case_kind::lac));
  }
  for (const event_data& lac_only : std::vector<event_data>{started_looked_after{.date = d}, placement_start{.date = d},
                                                            lac_review{.date = d}, ceased_looked_after{.date = d}}) {
    SCOPED_TRACE(std::string(kind_of(lac_only)));
    EXPECT_TRUE(belongs_to(lac_only, case_kind::lac));
    EXPECT_FALSE(belongs_to(lac_only, case_kind::cp));
  }
  // docs/schedule.md: strategy discussions and s.47 enquiries may be recorded on either kind of case.
  for (const event_data& either : std::vector<event_data>{
           strategy_discussion{.date = d}, s47_enquiry{.date = d}, visit{.date = d}, midway_review{.date = d}, plan_updated{.date = d}, management_oversight{.date = d},
           direct_work{.date = d}, child_views_recorded{.date = d}, parents_views_recorded{.date = d},
           missing_episode{.date = d}, cse_concern{.date = d}, legal_planning_meeting{.date = d},
           safe_person_identified{.date = d}, contingency_plan_recorded{.date = d}, escalation_to_tm{.date = d}}) {
    SCOPED_TRACE(std::string(kind_of(either)));
    EXPECT_TRUE(belongs_to(either, case_kind::lac));
    EXPECT_TRUE(belongs_to(either, case_kind::cp));
  }
}

TEST(CaseModel, EventAccessors) {
  const event e = ev("v1", visit{.date = iso("2026-03-02"), .seen = false});
  EXPECT_EQ(e.date(), iso("2026-03-02"));
  EXPECT_EQ(e.kind(), "visit");
  EXPECT_EQ(kind_of(e.data), "visit");
  EXPECT_EQ(date_of(event_data(core_group{.date = iso("2026-04-01")})), iso("2026-04-01"));
  EXPECT_EQ(kind_of(event_data(escalation_to_tm{.date = iso("2026-04-01")})), "escalation_to_tm");
}

TEST(CaseModel, EndsOn) {
  const date d = iso("2026-06-01");
  EXPECT_EQ(ends_on(ev("a", plan_ended{.date = d, .reason = plan_end_reason::turned_18})), d);
  EXPECT_EQ(ends_on(ev("b", review_conference{.date = d, .plan_continues = false})), d);
  EXPECT_EQ(ends_on(ev("c", review_conference{.date = d})), std::nullopt);
  EXPECT_EQ(ends_on(ev("d", initial_conference{.date = d, .plan_started = false})), d);
  EXPECT_EQ(ends_on(ev("e", initial_conference{.date = d})), std::nullopt);
  EXPECT_EQ(ends_on(ev("f", ceased_looked_after{.date = d, .reason = "E4A"})), d);
  EXPECT_EQ(ends_on(ev("g", visit{.date = d})), std::nullopt);
  // A correction ends nothing.
  EXPECT_EQ(ends_on(ev("h", plan_ended{.date = d}, true)), std::nullopt);
  EXPECT_EQ(ends_on(ev("i", ceased_looked_after{.date = d}, true)), std::nullopt);
}

// ---- order and ids --------------------------------------------------------------------------

TEST(CaseModel, RecordKeepsDateOrderAndSameDayRecordingOrder) {
  child_case c = cp_case();
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  c.record(ev("v-mar10-a", visit{.date = iso("2026-03-10")}));
  c.record(ev("v-mar05", visit{.date = iso("2026-03-05")}));
  c.record(ev("cg-mar10", core_group{.date = iso("2026-03-10")}));
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  c.record(ev("v-mar10-b", visit{.date = iso("2026-03-10"), .seen = false}));
  c.record(ev("v-mar06", visit{.date = iso("2026-03-06")}));
  EXPECT_EQ(ids_of(c), (std::vector<std::string>{"sd", "icpc", "v-mar05", "v-mar06", "v-mar10-a", "cg-mar10", "v-mar10-b"}));
  for (std::size_t i = 1; i < c.history().size(); ++i) EXPECT_LE(c.history()[i - 1].date(), c.history()[i].date());
}

TEST(CaseModel, GeneratedIdsCountUp) {
  child_case c = cp_case();
  const event& first = c.record(strategy_discussion{.date = iso("2026-01-12"), .s47_started = true});
  EXPECT_EQ(first.id, event_id("e1"));
  EXPECT_EQ(first.kind(), "strategy_discussion");
  EXPECT_FALSE(first.correction);
  const event& second = c.record(initial_conference{.date = iso("2026-02-02")});
  EXPECT_EQ(second.id, event_id("e2"));
  EXPECT_EQ(second.date(), iso("2026-02-02"));
  // An earlier date still gets the next id; the history is in date order.
  const event& third = c.record(s47_enquiry{.date = iso("2026-01-13")});
  EXPECT_EQ(third.id, event_id("e3"));
  EXPECT_EQ(third.date(), iso("2026-01-13"));
  EXPECT_EQ(ids_of(c), (std::vector<std::string>{"e1", "e3", "e2"}));
}

TEST(CaseModel, GeneratedIdSkipsIdsAlreadyUsed) {
  child_case c = cp_case();
  c.record(ev("e2", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  c.record(ev("e1", s47_enquiry{.date = iso("2026-01-13")}));
  // e1 and e2 are taken: e3 is the first not yet used.
  EXPECT_EQ(c.record(initial_conference{.date = iso("2026-02-02")}).id, event_id("e3"));
}

// case.hpp: "As above with a generated id: "e1", "e2", ... (the first not yet used)". With only
// "e2" taken, the first of e1, e2, ... not yet used is e1.
TEST(CaseModel, GeneratedIdIsHistorySizePlusOneOrTheNextFree) {
  // case.hpp: "e<n+1>" for a history of n events, or the next such number not yet used.
  child_case c = cp_case();
  c.record(ev("e2", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  EXPECT_EQ(c.next_event_id(), event_id("e3"));  // e2 is taken: the next free after e2
  EXPECT_EQ(c.record(s47_enquiry{.date = iso("2026-01-13")}).id, event_id("e3"));
  c.record(ev("e5", s47_enquiry{.date = iso("2026-01-14")}));
  EXPECT_EQ(c.record(s47_enquiry{.date = iso("2026-01-15")}).id, event_id("e4"));  // 3 events: e4 is free
}

TEST(CaseModel, GeneratedIdRecordIsCheckedToo) {
  child_case c = lac_case();
  const auto err = capture<rule_violation_error>([&] { c.record(core_group{.date = iso("2026-01-12")}); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "events['e1'].type");
  EXPECT_EQ(err->record_id(), "LAC-1");
  EXPECT_TRUE(c.history().empty());
}

// ---- invariants ---------------------------------------------------------------------------

TEST(CaseInvariants, EventOfTheWrongCaseKind) {
  child_case lac = lac_case();
  expect_rejected<rule_violation_error>(lac, ev("cg1", core_group{.date = iso("2026-01-12")}), "events['cg1'].type");
  expect_rejected<rule_violation_error>(lac, ev("icpc", initial_conference{.date = iso("2026-01-12")}),
                                        "events['icpc'].type");
  expect_rejected<rule_violation_error>(lac, ev("tic", transfer_in_conference{.date = iso("2026-01-12")}),
                                        "events['tic'].type");
  expect_rejected<rule_violation_error>(lac, ev("pe", plan_ended{.date = iso("2026-01-12")}), "events['pe'].type");

  child_case cp = cp_case();
  expect_rejected<rule_violation_error>(cp, ev("r1", lac_review{.date = iso("2026-01-12")}), "events['r1'].type");
  expect_rejected<rule_violation_error>(cp, ev("p1", placement_start{.date = iso("2026-01-12")}), "events['p1'].type");
  expect_rejected<rule_violation_error>(cp, ev("s1", started_looked_after{.date = iso("2026-01-12")}), "events['s1'].type");
  // Either-kind events go on both.
  EXPECT_NO_THROW(cp.record(ev("v", visit{.date = iso("2026-01-12")})));
  EXPECT_NO_THROW(lac.record(ev("v", visit{.date = iso("2026-01-12")})));
  EXPECT_NO_THROW(lac.record(ev("sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true})));
  EXPECT_NO_THROW(lac.record(ev("s47", s47_enquiry{.date = iso("2026-01-12")})));
}

TEST(CaseInvariants, EventBeforeTheCaseOpened) {
  child_case c = cp_case(false, iso("2026-01-05"));
  expect_rejected<rule_violation_error>(c, ev("sd", strategy_discussion{.date = iso("2026-01-04"), .s47_started = true}),
                                        "events['sd'].date");
  // On the opening date itself: fine.
  EXPECT_NO_THROW(c.record(ev("sd", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true})));
  EXPECT_EQ(c.history().size(), 1U);
}

TEST(CaseInvariants, DuplicateIdIsAnInvalidArgument) {
  child_case c = cp_case();
  c.record(ev("x", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  expect_rejected<invalid_argument_error>(c, ev("x", s47_enquiry{.date = iso("2026-01-13")}), "events['x'].id");
  // Also on the same date as the first.
  expect_rejected<invalid_argument_error>(c, ev("x", s47_enquiry{.date = iso("2026-01-12")}), "events['x'].id");
  const auto err = capture<error>([&] { c.record(ev("x", visit{.date = iso("2026-01-20")})); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code(), error_code::invalid_argument);
}

TEST(CaseInvariants, ReviewConferenceNeedsAnEarlierInitialOrTransferInConference) {
  child_case c = cp_case();
  expect_rejected<rule_violation_error>(c, ev("r1", review_conference{.date = iso("2026-04-20")}), "events['r1'].type");
  // An ICPC after the RCPC does not help.
  c.record(ev("icpc", initial_conference{.date = iso("2026-05-01")}));
  expect_rejected<rule_violation_error>(c, ev("r1", review_conference{.date = iso("2026-04-20")}), "events['r1'].type");
  // After it: fine.
  EXPECT_NO_THROW(c.record(ev("r1", review_conference{.date = iso("2026-07-31")})));

  child_case t = cp_case();
  t.record(ev("tic", transfer_in_conference{.date = iso("2026-02-02"), .notified = iso("2026-01-12")}));
  EXPECT_NO_THROW(t.record(ev("r1", review_conference{.date = iso("2026-04-20")})));
}

TEST(CaseInvariants, LacReviewNeedsAnEarlierStartOfCare) {
  child_case c = lac_case();
  c.record(ev("p1", placement_start{.date = iso("2026-01-05")}));  // a placement is not a start of care
  expect_rejected<rule_violation_error>(c, ev("r1", lac_review{.date = iso("2026-02-02")}), "events['r1'].type");
  c.record(ev("s1", started_looked_after{.date = iso("2026-01-05")}));
  EXPECT_NO_THROW(c.record(ev("r1", lac_review{.date = iso("2026-02-02")})));
}

TEST(CaseInvariants, PartialHistoryStartsAtItsFirstReview) {
  // Imported data often begins mid-plan: the first review stands in for the ICPC or the start
  // of care, and the reviews after it follow it.
  child_case cp = cp_case(true);
  EXPECT_NO_THROW(cp.record(ev("r1", review_conference{.date = iso("2026-04-20")})));
  EXPECT_NO_THROW(cp.record(ev("r2", review_conference{.date = iso("2026-10-20")})));

  child_case lac = lac_case(true);
  EXPECT_NO_THROW(lac.record(ev("r1", lac_review{.date = iso("2026-04-20")})));
  EXPECT_NO_THROW(lac.record(ev("r2", lac_review{.date = iso("2026-10-20")})));
  EXPECT_NO_THROW(lac.record(ev("r0", lac_review{.date = iso("2026-01-20")})));  // an earlier one becomes the first
  EXPECT_EQ(ids_of(lac), (std::vector<std::string>{"r0", "r1", "r2"}));

  // Without partial_history the first review is refused, as is a later one.
  child_case full = lac_case(false);
  expect_rejected<rule_violation_error>(full, ev("r1", lac_review{.date = iso("2026-04-20")}), "events['r1'].type");
  child_case full_cp = cp_case(false);
  expect_rejected<rule_violation_error>(full_cp, ev("r1", review_conference{.date = iso("2026-04-20")}), "events['r1'].type");
}

TEST(CaseInvariants, NothingButACorrectionAfterPlanEnded) {
  child_case c = cp_case();
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  c.record(ev("end", plan_ended{.date = iso("2026-06-01"), .reason = plan_end_reason::moved_to_another_la}));
  expect_rejected<rule_violation_error>(c, ev("v1", visit{.date = iso("2026-06-02")}), "events['v1'].date");
  expect_rejected<rule_violation_error>(c, ev("r1", review_conference{.date = iso("2026-06-10")}), "events['r1'].date");
  // The same day is not after the end.
  EXPECT_NO_THROW(c.record(ev("v0", visit{.date = iso("2026-06-01")})));
  // A correction may come later.
  EXPECT_NO_THROW(c.record(ev("v1", visit{.date = iso("2026-06-02")}, true)));
  EXPECT_EQ(ids_of(c), (std::vector<std::string>{"icpc", "end", "v0", "v1"}));
}

TEST(CaseInvariants, NothingButACorrectionAfterRcpcEndsThePlan) {
  child_case c = cp_case();
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  c.record(ev("r1", review_conference{.date = iso("2026-04-20"), .plan_continues = false}));
  expect_rejected<rule_violation_error>(c, ev("cg", core_group{.date = iso("2026-04-21")}), "events['cg'].date");
  EXPECT_NO_THROW(c.record(ev("cg", core_group{.date = iso("2026-04-21")}, true)));
}

TEST(CaseInvariants, NothingButACorrectionAfterIcpcWithoutAPlan) {
  child_case c = cp_case();
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02"), .plan_started = false}));
  expect_rejected<rule_violation_error>(c, ev("v1", visit{.date = iso("2026-02-03")}), "events['v1'].date");
}

TEST(CaseInvariants, NothingButACorrectionAfterCeasedLookedAfter) {
  child_case c = lac_case();
  c.record(ev("s1", started_looked_after{.date = iso("2026-01-05")}));
  c.record(ev("end", ceased_looked_after{.date = iso("2026-03-02"), .reason = "E11"}));
  expect_rejected<rule_violation_error>(c, ev("v1", visit{.date = iso("2026-03-03")}), "events['v1'].date");
  expect_rejected<rule_violation_error>(c, ev("r1", lac_review{.date = iso("2026-03-10")}), "events['r1'].date");
  EXPECT_NO_THROW(c.record(ev("r1", lac_review{.date = iso("2026-03-10")}, true)));
}

TEST(CaseInvariants, AnEndingBeforeAnEventAlreadyRecorded) {
  child_case cp = cp_case();
  cp.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  cp.record(ev("v1", visit{.date = iso("2026-03-10")}));
  expect_rejected<rule_violation_error>(cp, ev("end", plan_ended{.date = iso("2026-03-01")}), "events['end'].date");
  expect_rejected<rule_violation_error>(cp, ev("r1", review_conference{.date = iso("2026-03-01"), .plan_continues = false}),
                                        "events['r1'].date");
  // On the date of the last event it is fine.
  EXPECT_NO_THROW(cp.record(ev("end", plan_ended{.date = iso("2026-03-10")})));

  child_case lac = lac_case();
  lac.record(ev("s1", started_looked_after{.date = iso("2026-01-05")}));
  lac.record(ev("v1", visit{.date = iso("2026-02-10")}));
  expect_rejected<rule_violation_error>(lac, ev("end", ceased_looked_after{.date = iso("2026-02-01")}), "events['end'].date");

  // A later event that is a correction does not stop the ending.
  child_case corrected = cp_case();
  corrected.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  corrected.record(ev("v1", visit{.date = iso("2026-03-10")}, true));
  EXPECT_NO_THROW(corrected.record(ev("end", plan_ended{.date = iso("2026-03-01")})));
}

TEST(CaseInvariants, MidwayDateMustBeAfterTheReview) {
  child_case cp = cp_case();
  cp.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  expect_rejected<rule_violation_error>(
      cp, ev("r1", review_conference{.date = iso("2026-04-20"), .midway_date = iso("2026-04-20")}), "events['r1'].midway_date");
  expect_rejected<rule_violation_error>(
      cp, ev("r1", review_conference{.date = iso("2026-04-20"), .midway_date = iso("2026-04-17")}), "events['r1'].midway_date");
  EXPECT_NO_THROW(cp.record(ev("r1", review_conference{.date = iso("2026-04-20"), .midway_date = iso("2026-04-21")})));

  child_case lac = lac_case();
  lac.record(ev("s1", started_looked_after{.date = iso("2026-01-05")}));
  expect_rejected<rule_violation_error>(lac, ev("r1", lac_review{.date = iso("2026-02-02"), .midway_date = iso("2026-02-02")}),
                                        "events['r1'].midway_date");
  EXPECT_NO_THROW(lac.record(ev("r1", lac_review{.date = iso("2026-02-02"), .midway_date = iso("2026-03-18")})));
}

TEST(CaseInvariants, MidwayNotRequiredIsDecidedByTheChairOnCp) {
  child_case c = cp_case();
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  c.record(ev("r1", review_conference{.date = iso("2026-04-20")}));
  const date d = iso("2026-07-01");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::social_worker, .reason = "fine"}),
      "events['m'].decided_by");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::iro, .reason = "fine"}),
      "events['m'].decided_by");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = std::nullopt, .reason = "fine"}),
      "events['m'].decided_by");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::chair, .reason = ""}),
      "events['m'].reason");
  EXPECT_NO_THROW(c.record(ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::chair,
                                                 .reason = "no issues in implementing the plan"})));
  // A held midway review needs neither.
  EXPECT_NO_THROW(c.record(ev("m2", midway_review{.date = d})));
}

TEST(CaseInvariants, MidwayNotRequiredIsDecidedByTheIroOnLac) {
  child_case c = lac_case();
  c.record(ev("s1", started_looked_after{.date = iso("2026-01-05")}));
  const date d = iso("2026-03-18");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::chair, .reason = "fine"}),
      "events['m'].decided_by");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::supervisor, .reason = "fine"}),
      "events['m'].decided_by");
  expect_rejected<rule_violation_error>(
      c, ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::iro, .reason = {}}),
      "events['m'].reason");
  EXPECT_NO_THROW(c.record(
      ev("m", midway_review{.date = d, .outcome = midway_outcome::not_required, .decided_by = role::iro, .reason = "stable"})));
}

TEST(CaseInvariants, ErrorsNameIdsNotPersonalDetails) {
  child_case c = cp_case();
  c.personal = personal_details{.name = "Jane Doe", .date_of_birth = iso("2015-06-01")};
  const auto err = capture<rule_violation_error>([&] { c.record(ev("r1", review_conference{.date = iso("2026-04-20")})); });
  ASSERT_TRUE(err);
  const std::string what = err->what();
  EXPECT_EQ(what.find("Jane"), std::string::npos);
  EXPECT_EQ(what.find("2015-06-01"), std::string::npos);
  EXPECT_NE(what.find("CP-1"), std::string::npos);
  EXPECT_NE(what.find("r1"), std::string::npos);
}

TEST(CaseInvariants, StrongGuaranteeOnEveryRejection) {
  // A case with some history, then each kind of rejected record: before == after, element by element.
  child_case c = cp_case(false, iso("2026-01-05"));
  c.people.push_back(person{.id = person_id("SW-1"), .role = role::social_worker, .name = "Ann", .extra = {}});
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02")}));
  c.record(ev("v1", visit{.date = iso("2026-02-13")}));
  c.record(ev("v2", visit{.date = iso("2026-02-13"), .seen = false}));
  c.record(ev("end", plan_ended{.date = iso("2026-06-01")}));
  const child_case before = c;

  const std::vector<event> rejected{
      ev("x1", lac_review{.date = iso("2026-03-01")}),
      ev("x2", visit{.date = iso("2026-01-01")}),
      ev("v1", visit{.date = iso("2026-02-14")}),
      ev("x3", visit{.date = iso("2026-06-02")}),
      ev("x4", plan_ended{.date = iso("2026-02-10")}),
      ev("x5", review_conference{.date = iso("2026-04-20"), .midway_date = iso("2026-04-01")}),
      ev("x6", midway_review{.date = iso("2026-05-01"), .outcome = midway_outcome::not_required}),
  };
  for (const event& e : rejected) {
    SCOPED_TRACE(e.id.str());
    child_case attempt = c;
    EXPECT_THROW(attempt.record(e), error);
    EXPECT_EQ(attempt, before);
    ASSERT_EQ(attempt.history().size(), before.history().size());
    for (std::size_t i = 0; i < before.history().size(); ++i) EXPECT_EQ(attempt.history()[i], before.history()[i]);
  }
  // And the generated-id overload.
  EXPECT_THROW(c.record(event_data(visit{.date = iso("2026-06-05")})), rule_violation_error);
  EXPECT_EQ(c, before);
}

// ---- strong ids ---------------------------------------------------------------------------

TEST(Ids, EmptyIdThrowsNamingTheField) {
  const auto e1 = capture<invalid_argument_error>([] { (void)case_id(""); });
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->field(), "case_id");
  const auto e2 = capture<invalid_argument_error>([] { (void)child_id(std::string{}); });
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->field(), "child_id");
  EXPECT_THROW((void)person_id(""), invalid_argument_error);
  EXPECT_THROW((void)recommendation_id(""), invalid_argument_error);
  const auto e3 = capture<invalid_argument_error>([] { (void)event_id("", "$.events[2].id"); });
  ASSERT_TRUE(e3);
  EXPECT_EQ(e3->field(), "$.events[2].id");
  const auto e4 = capture<invalid_argument_error>([] { (void)event_id("a\nb"); });
  ASSERT_TRUE(e4);
  EXPECT_EQ(e4->field(), "event_id");
}

TEST(Ids, ValueSemantics) {
  const case_id a("CP-1");
  EXPECT_EQ(a.str(), "CP-1");
  EXPECT_EQ(a, case_id("CP-1"));
  EXPECT_NE(a, case_id("CP-2"));
  EXPECT_LT(case_id("CP-1"), case_id("CP-2"));
  std::ostringstream os;
  os << a;
  EXPECT_EQ(os.str(), "CP-1");
  EXPECT_EQ(std::hash<case_id>{}(a), std::hash<std::string>{}("CP-1"));
}

TEST(Ids, DistinctTypesDoNotConvert) {
  static_assert(!std::is_convertible_v<case_id, child_id>);
  static_assert(!std::is_convertible_v<child_id, case_id>);
  static_assert(!std::is_convertible_v<person_id, event_id>);
  static_assert(!std::is_convertible_v<std::string, case_id>);  // explicit construction only
  static_assert(!std::is_convertible_v<const char*, child_id>);
  static_assert(!std::is_constructible_v<child_id, case_id>);
  static_assert(!std::is_default_constructible_v<case_id>);
  static_assert(!std::is_same_v<case_id, child_id>);
  SUCCEED();
}

}  // namespace
