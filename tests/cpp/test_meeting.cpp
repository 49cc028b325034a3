// Midway review meetings (include/midway/meeting.hpp), Signs of Safety records
// (signs_of_safety.hpp) and their notes (note.hpp): the worked LAC and CP examples of
// docs/midway-review.md from arrangement to case note, golden files of every rendering, and
// every rule's error. tests/python/test_meeting.py builds the same two cases and compares them
// with the same golden files.
//
// Regenerate the golden files (then read every diff): MIDWAY_UPDATE_GOLDEN=1 ctest -R Golden
#include "test_support.hpp"

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

event ev(std::string id, event_data data) {
  return event{.id = event_id(std::move(id)), .data = std::move(data), .correction = false, .extra = {}};
}

recommendation rec(std::string id, std::string text, std::string made_on, std::string due) {
  return recommendation{.id = recommendation_id(std::move(id)), .text = std::move(text), .owner = role::social_worker,
                        .made_on = iso(made_on), .due = iso(due), .status = recommendation_status::open,
                        .done_on = std::nullopt, .urgent = false, .extra = {}};
}

// ---- the worked LAC example (docs/midway-review.md) ----------------------------------------
// Looked after since 2026-01-05; third review 2026-10-27 sets the midway review for
// 2027-01-26 on its Chair's Report (halfway to the next review, due 2027-04-27).
child_case lac_example_arranged() {
  child_case c(case_id("LAC-7"), child_id("C-7"), case_kind::lac);
  c.people = {person{person_id("SW-1"), role::social_worker, "", {}}, person{person_id("IRO-1"), role::iro, "", {}},
              person{person_id("SUP-1"), role::supervisor, "", {}}};
  c.record(ev("start", started_looked_after{.date = iso("2026-01-05"), .legal_status = "C2"}));
  c.record(ev("p1", placement_start{.date = iso("2026-01-05"), .long_term = false}));
  c.record(ev("r1", lac_review{.date = iso("2026-01-30")}));
  c.record(ev("r2", lac_review{.date = iso("2026-04-28")}));
  c.record(ev("r3", lac_review{.date = iso("2026-10-27"), .midway_date = iso("2027-01-26")}));
  c.plan = {rec("R1", "Arrange a health assessment", "2026-10-27", "2026-12-15"),
            rec("R2", "Complete the life story book", "2026-10-27", "2027-03-31"),
            rec("R3", "Agree contact with siblings", "2026-10-27", "2027-01-15")};
  arrange_midway_review(c, record_id("MR-7"), event_id("r3"));
  return c;
}

midway_review_content lac_example_content(const child_case& c) {
  midway_review_content m = prefill_midway_review(c, record_id("MR-7"), iso("2027-01-28"));
  m.participants.push_back(participant{.role = role::supervisor, .person = "SUP-1", .attendance = attendance::attended});
  m.lac->key_changes = {key_change{.text = "Moved up to Year 8 at the same school", .area = change_area::education},
                        key_change{.text = "Dental check completed", .area = change_area::health}};
  m.lac->recommendations[0].done_so_far = "Health assessment held on 2026-12-10";
  m.lac->recommendations[0].progress = progress::done;
  m.lac->recommendations[1].done_so_far = "Three sessions done with the foster carer";
  m.lac->recommendations[1].progress = progress::on_track;
  m.lac->recommendations[2].done_so_far = "Siblings' carers agree; transport not arranged";
  m.lac->recommendations[2].progress = progress::blocked;
  m.lac->recommendations[2].note = "Placement is 40 miles from the siblings";
  m.lac->issues = {implementation_issue{
      .issue = "Transport for sibling contact is not funded",
      .action = action{.text = "Request transport funding", .owner = role::team_manager, .due = iso("2027-02-11")}}};
  m.outcome.decisions = {"The care plan continues", "Sibling contact starts once transport is agreed"};
  m.outcome.actions = {action{.text = "", .owner = role::social_worker, .due = iso("2027-02-25"), .recommendation = "R3"},
                       action{.text = "Book four sibling contact sessions", .owner = role::social_worker, .due = iso("2027-03-11")}};
  m.outcome.next_review = iso("2027-04-27");
  m.outcome.supervisor_decision = "Transport for sibling contact agreed, funded by the team";
  return m;
}

child_case lac_example() {
  child_case c = lac_example_arranged();
  reschedule_midway_review(c, record_id("MR-7"), iso("2027-01-28"), "IRO on leave", role::iro, iso("2027-01-20"));
  hold_midway_review(c, record_id("MR-7"), iso("2027-01-28"), lac_example_content(c));
  return c;
}

// ---- the worked CP example -----------------------------------------------------------------
// ICPC 2026-05-20 (Signs of Safety record there); first RCPC 2026-08-19 sets the midway review
// for 2026-11-11: 84 days later (12 days to 31 Aug, 30 in Sep, 31 in Oct, 11 in Nov).
signs_of_safety icpc_sos() {
  signs_of_safety s{.date = iso("2026-05-20"), .context = sos_context::conference, .event = event_id("icpc")};
  s.harm = {"Police called to three incidents of domestic abuse in 2026"};
  s.danger_statements = {danger_statement{.id = "D1", .who_is_worried = "The social worker and the school are",
                                          .about_what = "the child seeing more violence at home",
                                          .if_nothing_changes = "the child may be hurt and grow more withdrawn"}};
  s.safety_goals = {safety_goal{.danger_statement = "D1", .goal = "Everyone knows the child is safe when father visits"}};
  s.scaling = {scale_score{.who = "social worker", .role = role::social_worker, .score = 3, .rationale = "Early days"},
               scale_score{.who = "mother", .score = 5, .rationale = "Father has moved out"},
               scale_score{.who = "health visitor", .score = 4, .rationale = ""}};
  s.not_recorded = {heading_not_recorded{.heading = sos_heading::working_well, .reason = "not discussed at the ICPC"}};
  return s;
}

child_case cp_example_arranged() {
  child_case c(case_id("CP-3"), child_id("C-3"), case_kind::cp);
  c.people = {person{person_id("SW-2"), role::social_worker, "", {}}, person{person_id("CH-1"), role::chair, "", {}},
              person{person_id("CPA-1"), role::cpa, "", {}}};
  c.record(ev("sd", strategy_discussion{.date = iso("2026-05-01"), .s47_started = true}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-05-20")}));
  c.record(ev("cg1", core_group{.date = iso("2026-06-03"), .agencies = {"school", "health visiting"}}));
  c.record(ev("rcpc1", review_conference{.date = iso("2026-08-19"), .midway_date = iso("2026-11-11")}));
  // A core group since the RCPC: 3 Jun + 6 weeks = 15 Jul, so 30 Sep was late.
  c.record(ev("cg2", core_group{.date = iso("2026-09-30"), .agencies = {"school", "health visiting", "police"}}));
  add_signs_of_safety(c, icpc_sos());
  c.plan = {rec("P1", "Father to complete a domestic abuse programme", "2026-08-19", "2026-12-31")};
  arrange_midway_review(c, record_id("MR-3"), event_id("rcpc1"));
  return c;
}

midway_review_content cp_example_content(const child_case& c) {
  midway_review_content m = prefill_midway_review(c, record_id("MR-3"), iso("2026-11-11"));
  signs_of_safety& s = *m.signs_of_safety;
  s.harm = {"No further incidents reported since the RCPC"};
  s.complicating_factors = {"Father's contact is not yet supervised by a named person"};
  s.existing_strengths = {"Mother has kept every appointment", "The child is attending school every day"};
  s.existing_safety = {"Grandmother supervises contact at weekends"};
  s.next_steps = {action{.text = "Agree a written safety plan with the family", .owner = role::social_worker,
                         .due = iso("2026-11-25")}};
  s.scaling = {scale_score{.who = "social worker", .role = role::social_worker, .score = 5, .rationale = "Plan progressing"},
               scale_score{.who = "mother", .score = 6, .rationale = "Feels safer"},
               scale_score{.who = "health visitor", .score = 4, .rationale = "Wants the safety plan in place"}};
  s.child_voice = child_voice{.tool = "Three Houses",
                              .worries = {"When mum and dad shout"},
                              .good_things = {"My nan's house", "Football"},
                              .hopes_and_dreams = {"Dad to come to my birthday"},
                              .seen_alone = true};
  s.parents_views = {"Mother: things are calmer and she wants the plan to end at the next review"};
  s.safety_network = {network_member{.who = "maternal grandmother", .relationship = "supervises contact"}};
  s.safety_plan = safety_plan{.rules = {safety_rule{.rule = "Father sees the child only when grandmother is there",
                                                    .monitored_by = "maternal grandmother"}},
                              .red_flags = {"Father arrives unannounced"}};
  m.core_groups->chair_view = "The core group works well together but has not met 6-weekly";
  m.outcome.decisions = {"Core group to meet on 2026-11-25 to agree the safety plan"};
  m.outcome.actions = {action{.text = "Refer father to the programme's next intake", .owner = role::social_worker,
                              .due = iso("2026-12-04")}};
  m.outcome.next_review = iso("2027-02-19");
  return m;
}

child_case cp_example() {
  child_case c = cp_example_arranged();
  hold_midway_review(c, record_id("MR-3"), iso("2026-11-11"), cp_example_content(c));
  return c;
}

// Compares `actual` with tests/data/golden/<name>, or writes it there under MIDWAY_UPDATE_GOLDEN.
void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = midway_test::data_path("golden/" + name);
  if (std::getenv("MIDWAY_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  EXPECT_EQ(midway_test::read_text(path), actual) << "golden file " << name << " differs";
}

template <class E>
void expect_error(child_case& c, auto&& change, const std::string& field, const std::string& rule = "") {
  const child_case before = c;
  const auto err = capture<E>(change);
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->field(), field);
  EXPECT_EQ(err->record_id(), c.id().str());
  if (!rule.empty()) {
    EXPECT_NE(err->message().find("[" + rule + "]"), std::string::npos) << err->message();
  }
  EXPECT_EQ(c, before) << "a rejected change left the case changed";
}

// ---- the LAC example, step by step ---------------------------------------------------------
TEST(MidwayMeeting, LacArrangedFromTheChairsReport) {
  const child_case c = lac_example_arranged();
  const auto& r = get_midway_review(c, record_id("MR-7"));
  EXPECT_EQ(r.arranged_for, iso("2027-01-26"));  // the midway_date on review r3
  EXPECT_EQ(r.status, meeting_status::scheduled);
  EXPECT_EQ(r.scheduled_for(), iso("2027-01-26"));
  EXPECT_EQ(midway_review_arranged_at(c, event_id("r3")), &r);
}

TEST(MidwayMeeting, LacRescheduleKeepsTheOldDateAndMovesTheSchedule) {
  child_case c = lac_example_arranged();
  reschedule_midway_review(c, record_id("MR-7"), iso("2027-01-28"), "IRO on leave", role::iro, iso("2027-01-20"));
  const auto& r = get_midway_review(c, record_id("MR-7"));
  EXPECT_EQ(r.status, meeting_status::rescheduled);
  ASSERT_EQ(r.reschedules.size(), 1u);
  EXPECT_EQ(r.reschedules[0].from_date, iso("2027-01-26"));
  EXPECT_EQ(r.reschedules[0].to_date, iso("2027-01-28"));
  // The schedule follows the new date: as of 2027-01-27 it is due tomorrow.
  const auto s = schedule(c, iso("2027-01-27"), policy::england(), calendar(division::england_and_wales));
  EXPECT_EQ(s.midway_review.due, iso("2027-01-28"));
  EXPECT_EQ(s.midway_review.explanation, "Midway review due 2027-01-28: rescheduled from 2027-01-26 (IRO on leave)");
}

TEST(MidwayMeeting, LacPrefillListsTheReviewsRecommendations) {
  const child_case c = lac_example_arranged();
  const auto m = prefill_midway_review(c, record_id("MR-7"), iso("2027-01-28"));
  ASSERT_EQ(m.participants.size(), 2u);
  EXPECT_EQ(m.participants[0].role, role::social_worker);
  EXPECT_EQ(m.participants[0].person, "SW-1");
  EXPECT_EQ(m.participants[1].role, role::iro);
  EXPECT_EQ(m.participants[1].person, "IRO-1");
  ASSERT_TRUE(m.lac.has_value());
  EXPECT_FALSE(m.signs_of_safety.has_value());
  ASSERT_EQ(m.lac->recommendations.size(), 3u);
  EXPECT_EQ(m.lac->recommendations[2].recommendation, "R3");
  EXPECT_EQ(m.lac->recommendations[2].text, "Agree contact with siblings");
  EXPECT_EQ(m.lac->recommendations[2].progress, progress::not_started);
}

TEST(MidwayMeeting, LacHeldRecordsTheEventAndFlowsActionsIntoThePlan) {
  const child_case c = lac_example();
  const auto& r = get_midway_review(c, record_id("MR-7"));
  EXPECT_EQ(r.status, meeting_status::held);
  EXPECT_EQ(r.held_on, iso("2027-01-28"));
  ASSERT_TRUE(r.event.has_value());
  const auto& last = c.history().back();
  EXPECT_EQ(last.id, *r.event);
  const auto* m = std::get_if<midway_review>(&last.data);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->outcome, midway_outcome::held);
  // R3's due date moved; the new action became recommendation MR-7-a2 (second action).
  ASSERT_EQ(c.plan.size(), 4u);
  EXPECT_EQ(c.plan[2].due, iso("2027-02-25"));
  EXPECT_EQ(c.plan[2].text, "Agree contact with siblings");  // an action without text keeps the text
  EXPECT_EQ(c.plan[3].id.str(), "MR-7-a2");
  EXPECT_EQ(c.plan[3].text, "Book four sibling contact sessions");
  EXPECT_EQ(c.plan[3].made_on, iso("2027-01-28"));
  EXPECT_EQ(c.plan[3].due, iso("2027-03-11"));
  // The schedule shows the midway review done.
  const auto s = schedule(c, iso("2027-02-01"), policy::england(), calendar(division::england_and_wales));
  EXPECT_EQ(s.midway_review.status, item_status::done);
}

TEST(MidwayMeeting, AmendmentKeepsTheEarlierVersion) {
  child_case c = lac_example();
  auto m = get_midway_review(c, record_id("MR-7")).content;
  const auto original = m;
  m.outcome.decisions.push_back("Life story work to include the siblings");
  m.outcome.escalation = escalation{.reason = "Transport funding delayed beyond two weeks", .on = iso("2027-02-12")};
  amend_midway_review(c, record_id("MR-7"), m, "IRO-1", iso("2027-02-12"), "Escalation added after the funding panel");
  const auto& r = get_midway_review(c, record_id("MR-7"));
  EXPECT_EQ(r.version(), 2);
  ASSERT_EQ(r.amendments.size(), 1u);
  EXPECT_EQ(r.amendments[0].version, 1);
  EXPECT_EQ(r.amendments[0].changed_by, "IRO-1");
  EXPECT_EQ(r.amendments[0].changed_on, iso("2027-02-12"));
  EXPECT_EQ(r.amendments[0].previous, original);
  EXPECT_EQ(r.content, m);
  // The escalation was recorded in the history once, and the plan did not gain a second copy of the action.
  std::size_t escalations = 0;
  for (const auto& e : c.history()) escalations += std::holds_alternative<escalation_to_tm>(e.data) ? 1u : 0u;
  EXPECT_EQ(escalations, 1u);
  EXPECT_EQ(c.plan.size(), 4u);
  // Amending again keeps both earlier versions and records no second escalation.
  m.notes = "Corrected the date of the dental check";
  amend_midway_review(c, record_id("MR-7"), m, "SW-1", iso("2027-02-13"), "Typo");
  EXPECT_EQ(get_midway_review(c, record_id("MR-7")).amendments.size(), 2u);
  escalations = 0;
  for (const auto& e : c.history()) escalations += std::holds_alternative<escalation_to_tm>(e.data) ? 1u : 0u;
  EXPECT_EQ(escalations, 1u);
}

TEST(MidwayMeeting, JsonRoundTripKeepsRecordsAndAmendments) {
  child_case c = lac_example();
  auto m = get_midway_review(c, record_id("MR-7")).content;
  m.extra["ics_form_id"] = "\"F-991\"";
  m.lac->key_changes[0].extra["ics_tag"] = "17";
  amend_midway_review(c, record_id("MR-7"), m, "IRO-1", iso("2027-02-12"), "Form id added");
  const child_case back = case_from_json(to_json(c));
  EXPECT_EQ(back, c);
  const child_case cp = cp_example();
  EXPECT_EQ(case_from_json(to_json(cp)), cp);
}

// ---- the CP example --------------------------------------------------------------------------
TEST(MidwayMeeting, CpPrefillCarriesForwardDangerStatementsAndGoals) {
  const child_case c = cp_example_arranged();
  const auto m = prefill_midway_review(c, record_id("MR-3"), iso("2026-11-11"));
  ASSERT_TRUE(m.signs_of_safety.has_value());
  EXPECT_EQ(m.participants[1].role, role::chair);
  EXPECT_EQ(m.signs_of_safety->date, iso("2026-11-11"));
  EXPECT_EQ(m.signs_of_safety->context, sos_context::midway_review);
  EXPECT_EQ(m.signs_of_safety->danger_statements, icpc_sos().danger_statements);
  EXPECT_EQ(m.signs_of_safety->safety_goals, icpc_sos().safety_goals);
  EXPECT_TRUE(m.signs_of_safety->scaling.empty());
}

TEST(SignsOfSafety, TrendAgainstThePreviousRecordOfTheCase) {
  const child_case c = cp_example();
  const auto& s = *get_midway_review(c, record_id("MR-3")).content.signs_of_safety;
  const sos_trend t = scaling_trend(c, s);
  ASSERT_EQ(t.previous_date, iso("2026-05-20"));  // the ICPC's record
  ASSERT_EQ(t.by_person.size(), 3u);
  EXPECT_EQ(t.by_person[0].previous, 3);
  EXPECT_EQ(t.by_person[0].change, 2);
  EXPECT_EQ(t.by_person[0].direction, trend_direction::improving);  // 3 -> 5
  EXPECT_EQ(t.by_person[1].direction, trend_direction::improving);  // 5 -> 6
  EXPECT_EQ(t.by_person[2].direction, trend_direction::unchanged);  // 4 -> 4
  EXPECT_DOUBLE_EQ(*t.previous_mean, 4.0);                         // (3 + 5 + 4) / 3
  EXPECT_DOUBLE_EQ(*t.current_mean, 5.0);                          // (5 + 6 + 4) / 3
  EXPECT_EQ(t.overall, trend_direction::improving);
  // The history holds both records in date order.
  const auto h = signs_of_safety_history(c);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0]->date, iso("2026-05-20"));
  EXPECT_EQ(h[1]->date, iso("2026-11-11"));
}

TEST(SignsOfSafety, ReversedAnchorsReadAFallingScoreAsImproving) {
  signs_of_safety a{.date = iso("2026-01-01")}, b{.date = iso("2026-02-01")};
  a.anchors.ten_is_safe = b.anchors.ten_is_safe = false;
  a.scaling = {scale_score{.who = "sw", .score = 8}};
  b.scaling = {scale_score{.who = "sw", .score = 6}, scale_score{.who = "dad", .score = 2}};
  const auto t = compare_scaling(&a, b);
  EXPECT_EQ(t.by_person[0].direction, trend_direction::improving);
  EXPECT_EQ(t.by_person[1].direction, trend_direction::new_score);
  EXPECT_EQ(t.overall, trend_direction::improving);  // people scored both times: 8 -> 6
  // A previous record on the standard scale is turned round: its 2 is a reversed 8.
  a.anchors.ten_is_safe = true;
  a.scaling[0].score = 2;
  EXPECT_EQ(compare_scaling(&a, b).by_person[0].previous, 8);
  EXPECT_EQ(compare_scaling(nullptr, b).overall, trend_direction::no_previous);
}

TEST(SignsOfSafety, ValidateRejectsBadRecords) {
  signs_of_safety s = icpc_sos();
  s.scaling[1].score = 11;
  auto e1 = capture<out_of_range_error>([&] { validate(s, "sos", "CP-3"); });
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->field(), "sos.scaling[1].score");
  EXPECT_EQ(e1->record_id(), "CP-3");
  s.scaling[1].score = -1;
  EXPECT_TRUE(capture<out_of_range_error>([&] { validate(s, "sos", "CP-3"); }));
  s = icpc_sos();
  s.safety_goals[0].danger_statement = "D9";
  auto e2 = capture<not_found_error>([&] { validate(s, "sos", "CP-3"); });
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->field(), "sos.safety_goals[0].danger_statement");
  s = icpc_sos();
  s.danger_statements.push_back(s.danger_statements[0]);
  EXPECT_TRUE(capture<invalid_argument_error>([&] { validate(s, "sos", "CP-3"); }));
  s = icpc_sos();
  s.scaling.push_back(s.scaling[0]);
  EXPECT_TRUE(capture<invalid_argument_error>([&] { validate(s, "sos", "CP-3"); }));
  s = icpc_sos();
  s.scaling[0].who = "";
  EXPECT_TRUE(capture<rule_violation_error>([&] { validate(s, "sos", "CP-3"); }));
}

TEST(SignsOfSafety, AddChecksTheCaseAndTheEvent) {
  child_case c = cp_example_arranged();
  signs_of_safety s = icpc_sos();
  s.event = event_id("cg1");  // a core group, but of 2026-06-03, not the record's date
  expect_error<rule_violation_error>(c, [&] { add_signs_of_safety(c, s); }, "signs_of_safety_records[1].event", "sos.event");
  s.event = event_id("nope");
  expect_error<not_found_error>(c, [&] { add_signs_of_safety(c, s); }, "signs_of_safety_records[1].event");
  s.event = event_id("sd");
  s.date = iso("2026-05-01");
  expect_error<rule_violation_error>(c, [&] { add_signs_of_safety(c, s); }, "signs_of_safety_records[1].event", "sos.event");
  child_case lac = lac_example_arranged();
  expect_error<rule_violation_error>(lac, [&] { add_signs_of_safety(lac, icpc_sos()); }, "signs_of_safety_records[0]",
                                     "sos.case_kind");
}

// ---- renderings --------------------------------------------------------------------------------
TEST(MidwayNotesGolden, LacCaseNote) {
  const child_case c = lac_example();
  const note n = midway_review_note(c, record_id("MR-7"));
  expect_golden("midway-lac-case-note.txt", n.text());
  expect_golden("midway-lac-case-note.md", n.markdown());
  expect_golden("midway-lac-case-note.html", n.html());
  expect_golden("midway-lac-case-note.json", n.json());
  expect_golden("midway-lac-contact-form.txt", iro_contact_form(c, record_id("MR-7")).text());
}

TEST(MidwayNotesGolden, CpCaseNote) {
  const child_case c = cp_example();
  const note n = midway_review_note(c, record_id("MR-3"));
  expect_golden("midway-cp-case-note.txt", n.text());
  expect_golden("midway-cp-case-note.md", n.markdown());
  expect_golden("midway-cp-case-note.html", n.html());
  expect_golden("midway-cp-case-note.json", n.json());
  expect_golden("midway-cp-contact-form.txt", iro_contact_form(c, record_id("MR-3")).text());
}

// midway_review_document: one of the two by name, as `midway note --form` and the C API take it.
TEST(MidwayNotes, DocumentByFormName) {
  const child_case c = cp_example();
  EXPECT_EQ(midway_review_document(c, record_id("MR-3"), "case-note"), midway_review_note(c, record_id("MR-3")));
  EXPECT_EQ(midway_review_document(c, record_id("MR-3"), "contact-form"), iro_contact_form(c, record_id("MR-3")));
  const auto e = capture<unknown_code_error>([&] { (void)midway_review_document(c, record_id("MR-3"), "letter", "--form"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "--form");
  EXPECT_TRUE(capture<not_found_error>([&] { (void)midway_review_document(c, record_id("MR-9"), "case-note"); }));
}

TEST(MidwayNotes, CpCaseNoteUsesTheSignsOfSafetyHeadingsInSeedOrder) {
  const std::string text = midway_review_note(cp_example(), record_id("MR-3")).text();
  std::size_t at = 0;
  for (const char* h : {"WHAT ARE WE WORRIED ABOUT?", "WHAT'S WORKING WELL?", "WHAT NEEDS TO HAPPEN?",
                        "WHAT IS THE SCALE OF WORRIES?"}) {
    const auto found = text.find(h, at);
    ASSERT_NE(found, std::string::npos) << h;
    at = found;
  }
}

TEST(MidwayNotes, HtmlEscapesEveryPieceOfUserText) {
  child_case c = lac_example_arranged();
  auto m = lac_example_content(c);
  m.notes = "<script>alert('x')</script> & \"quoted\"";
  m.lac->key_changes[0].text = "<img src=x onerror=alert(1)>";
  hold_midway_review(c, record_id("MR-7"), iso("2027-01-26"), m);
  const std::string html = midway_review_note(c, record_id("MR-7")).html();
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"), std::string::npos);
  EXPECT_EQ(html_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST(MidwayNotes, NoPersonalDetailsInTheNotes) {
  child_case c = cp_example();
  c.personal = personal_details{.name = "Ellie Example", .date_of_birth = iso("2019-03-14")};
  for (note_format f : {note_format::text, note_format::markdown, note_format::html, note_format::json}) {
    for (const note& n : {midway_review_note(c, record_id("MR-3")), iro_contact_form(c, record_id("MR-3"))}) {
      const std::string out = n.render(f);
      EXPECT_EQ(out.find("Ellie"), std::string::npos);
      EXPECT_EQ(out.find("2019-03-14"), std::string::npos);
    }
  }
}

TEST(MidwayNotes, RenderingIsDeterministic) {
  const child_case c = cp_example();
  EXPECT_EQ(midway_review_note(c, record_id("MR-3")).html(), midway_review_note(cp_example(), record_id("MR-3")).html());
}

TEST(MidwayNotes, NotRequiredAndScheduledRecordsRenderTheirStatus) {
  child_case c = cp_example_arranged();
  c.plan.clear();  // nothing open: no implementation issue
  midway_review_not_required(c, record_id("MR-3"), role::chair, "Plan on track; core group functioning well", iso("2026-08-19"));
  const std::string t = iro_contact_form(c, record_id("MR-3")).text();
  EXPECT_NE(t.find("Status: Not required: decided by the Chair (Plan on track; core group functioning well)"), std::string::npos) << t;
  const auto s = schedule(c, iso("2026-09-01"), policy::england(), calendar(division::england_and_wales));
  EXPECT_EQ(s.midway_review.status, item_status::not_required);
  const std::string n = midway_review_note(cp_example_arranged(), record_id("MR-3")).text();
  EXPECT_NE(n.find("Status: Scheduled for 2026-11-11"), std::string::npos) << n;
}

// ---- every rule's error --------------------------------------------------------------------------
TEST(MidwayRules, ArrangedAtAReviewOnlyOncePerReview) {
  child_case c = lac_example_arranged();
  expect_error<rule_violation_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("p1"), iso("2026-03-01")); },
                                     "midway_reviews['X'].arranged_at", "midway.arranged_at");
  expect_error<rule_violation_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("r3")); },
                                     "midway_reviews['X'].arranged_at", "midway.arranged_at");
  expect_error<not_found_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("nope"), iso("2026-03-01")); },
                                "midway_reviews['X'].arranged_at");
  expect_error<invalid_argument_error>(c, [&] { arrange_midway_review(c, record_id("MR-7"), event_id("r2"), iso("2026-06-01")); },
                                       "midway_reviews['MR-7']");
  // r2 has no date on its Chair's Report: the date is then required, and after the review.
  expect_error<rule_violation_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("r2")); },
                                     "midway_reviews['X'].arranged_for", "midway.date");
  expect_error<rule_violation_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("r2"), iso("2026-04-28")); },
                                     "midway_reviews['X'].arranged_for", "midway.date");
  // A CP meeting is arranged at a conference, not a core group.
  child_case cp = cp_example_arranged();
  expect_error<rule_violation_error>(cp, [&] { arrange_midway_review(cp, record_id("X"), event_id("cg1"), iso("2026-07-01")); },
                                     "midway_reviews['X'].arranged_at", "midway.arranged_at");
}

TEST(MidwayRules, TheChairsReportDateIsTheOneArranged) {
  child_case c = lac_example_arranged();
  c.midway_reviews.clear();
  expect_error<rule_violation_error>(c, [&] { arrange_midway_review(c, record_id("X"), event_id("r3"), iso("2027-01-27")); },
                                     "midway_reviews['X'].arranged_for", "midway.date");
}

TEST(MidwayRules, RescheduleAndCancel) {
  child_case c = lac_example_arranged();
  const record_id id("MR-7");
  expect_error<rule_violation_error>(c, [&] { reschedule_midway_review(c, id, iso("2027-01-28"), " "); },
                                     "midway_reviews['MR-7'].reason", "midway.reason");
  expect_error<rule_violation_error>(c, [&] { reschedule_midway_review(c, id, iso("2026-10-27"), "x"); },
                                     "midway_reviews['MR-7'].reschedules", "midway.date");
  expect_error<rule_violation_error>(c, [&] { reschedule_midway_review(c, id, iso("2027-01-26"), "x"); },
                                     "midway_reviews['MR-7'].reschedules", "midway.date");
  expect_error<not_found_error>(c, [&] { reschedule_midway_review(c, record_id("nope"), iso("2027-01-28"), "x"); },
                                "midway_reviews['nope']");
  expect_error<rule_violation_error>(c, [&] { cancel_midway_review(c, id, "", iso("2027-01-20")); },
                                     "midway_reviews['MR-7'].reason", "midway.reason");
  cancel_midway_review(c, id, "Child in hospital", iso("2027-01-20"), role::iro);
  EXPECT_EQ(get_midway_review(c, id).status, meeting_status::cancelled);
  // A cancelled meeting is not held: the schedule shows the midway review overdue after its date.
  const auto s = schedule(c, iso("2027-02-01"), policy::england(), calendar(division::england_and_wales));
  EXPECT_EQ(s.midway_review.status, item_status::overdue);
  expect_error<rule_violation_error>(c, [&] { hold_midway_review(c, id, iso("2027-01-26"), lac_example_content(c)); },
                                     "midway_reviews['MR-7'].status", "midway.status");
  expect_error<rule_violation_error>(c, [&] { reschedule_midway_review(c, id, iso("2027-01-29"), "x"); },
                                     "midway_reviews['MR-7'].status", "midway.status");
}

TEST(MidwayRules, NotRequiredOnlyByTheIroOrChairWithAReasonAndNoIssues) {
  child_case c = lac_example_arranged();
  const record_id id("MR-7");
  expect_error<rule_violation_error>(c, [&] { midway_review_not_required(c, id, role::social_worker, "fine", iso("2026-11-01")); },
                                     "midway_reviews['MR-7'].decided_by", "midway.not_required.role");
  expect_error<rule_violation_error>(c, [&] { midway_review_not_required(c, id, role::chair, "fine", iso("2026-11-01")); },
                                     "midway_reviews['MR-7'].decided_by", "midway.not_required.role");
  expect_error<rule_violation_error>(c, [&] { midway_review_not_required(c, id, role::iro, "", iso("2026-11-01")); },
                                     "midway_reviews['MR-7'].reason", "midway.reason");
  // On 2026-12-16, R1 (due 2026-12-15) is open past its due date: an issue in implementing the plan.
  expect_error<rule_violation_error>(c, [&] { midway_review_not_required(c, id, role::iro, "fine", iso("2026-12-16")); },
                                     "midway_reviews['MR-7'].status", "midway.not_required.issues");
  const auto issues = implementation_issues(c, get_midway_review(c, id), iso("2026-12-16"));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0], "recommendation R1 was due 2026-12-15 and is still open");
  // An escalation to the TM since the review is an issue too.
  child_case e = c;
  e.record(escalation_to_tm{.date = iso("2026-11-02"), .reason = "Placement at risk"});
  expect_error<rule_violation_error>(e, [&] { midway_review_not_required(e, id, role::iro, "fine", iso("2026-11-03")); },
                                     "midway_reviews['MR-7'].status", "midway.not_required.issues");
  // On 2026-11-01 nothing is overdue: the IRO may decide it is not required.
  midway_review_not_required(c, id, role::iro, "Care plan on track", iso("2026-11-01"));
  const auto& r = get_midway_review(c, id);
  EXPECT_EQ(r.status, meeting_status::not_required);
  EXPECT_EQ(r.decided_by, role::iro);
  const auto* m = std::get_if<midway_review>(&c.history().back().data);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->outcome, midway_outcome::not_required);
  EXPECT_EQ(m->decided_by, role::iro);
  EXPECT_EQ(m->reason, "Care plan on track");
}

TEST(MidwayRules, HoldingChecksParticipantsSupervisorAgendaAndRecommendations) {
  child_case c = lac_example_arranged();
  const record_id id("MR-7");
  const date on = iso("2027-01-26");
  auto m = lac_example_content(c);
  auto hold = [&](midway_review_content x) { return [&c, &id, on, x] { hold_midway_review(c, id, on, x); }; };

  auto no_iro = m;
  no_iro.participants[1].attendance = attendance::apologies;
  expect_error<rule_violation_error>(c, hold(no_iro), "midway_reviews['MR-7'].content.participants", "midway.participants");
  auto no_sw = m;
  no_sw.participants.erase(no_sw.participants.begin());
  expect_error<rule_violation_error>(c, hold(no_sw), "midway_reviews['MR-7'].content.participants", "midway.participants");
  auto silent_supervisor = m;
  silent_supervisor.outcome.supervisor_decision.clear();
  expect_error<rule_violation_error>(c, hold(silent_supervisor), "midway_reviews['MR-7'].content.outcome.supervisor_decision",
                                     "midway.supervisor");
  auto absent_supervisor = m;
  absent_supervisor.participants.pop_back();
  expect_error<rule_violation_error>(c, hold(absent_supervisor), "midway_reviews['MR-7'].content.outcome.supervisor_decision",
                                     "midway.supervisor");
  auto no_agenda = m;
  no_agenda.lac.reset();
  expect_error<rule_violation_error>(c, hold(no_agenda), "midway_reviews['MR-7'].content.lac", "midway.agenda");
  auto sos_on_lac = m;
  sos_on_lac.signs_of_safety = signs_of_safety{.date = on};
  expect_error<rule_violation_error>(c, hold(sos_on_lac), "midway_reviews['MR-7'].content.signs_of_safety", "midway.agenda");
  auto unknown_rec = m;
  unknown_rec.lac->recommendations[0].recommendation = "R9";
  expect_error<not_found_error>(c, hold(unknown_rec), "midway_reviews['MR-7'].content.lac.recommendations[0].recommendation");
  auto unknown_action = m;
  unknown_action.outcome.actions[0].recommendation = "R9";
  expect_error<not_found_error>(c, hold(unknown_action), "midway_reviews['MR-7'].content.outcome.actions[0].recommendation");
  auto empty_action = m;
  empty_action.outcome.actions[1].text.clear();
  expect_error<rule_violation_error>(c, hold(empty_action), "midway_reviews['MR-7'].content.outcome.actions[1].text");
  auto silent_escalation = m;
  silent_escalation.outcome.escalation = escalation{};
  expect_error<rule_violation_error>(c, hold(silent_escalation), "midway_reviews['MR-7'].content.outcome.escalation.reason",
                                     "midway.reason");
  expect_error<rule_violation_error>(c, [&] { hold_midway_review(c, id, iso("2026-10-27"), m); },
                                     "midway_reviews['MR-7'].held_on", "midway.date");
  // After the child ceased to be looked after, the midway_review event is refused: case unchanged.
  child_case ended = c;
  ended.record(ceased_looked_after{.date = iso("2027-01-10")});
  expect_error<rule_violation_error>(ended, [&] { hold_midway_review(ended, id, on, m); }, "events['e7'].date");
}

TEST(MidwayRules, ExtensionMembersMayNotTakeAKnownName) {
  child_case c = lac_example_arranged();
  auto m = lac_example_content(c);
  m.lac->key_changes[0].extra["area"] = "\"legal\"";  // "area" is a field of key_change
  expect_error<invalid_argument_error>(c, [&] { hold_midway_review(c, record_id("MR-7"), iso("2027-01-26"), m); },
                                       "midway_reviews['MR-7'].content.lac.key_changes[0].extra['area']");
  signs_of_safety s = icpc_sos();
  s.extra["scaling"] = "[]";
  EXPECT_THROW(validate(s, "sos", "CP-3"), invalid_argument_error);
}

TEST(MidwayRules, CpHoldingNeedsAValidSignsOfSafetyRecordOfThatDay) {
  child_case c = cp_example_arranged();
  const record_id id("MR-3");
  const date on = iso("2026-11-11");
  auto m = cp_example_content(c);
  auto hold = [&](midway_review_content x) { return [&c, &id, on, x] { hold_midway_review(c, id, on, x); }; };
  auto none = m;
  none.signs_of_safety.reset();
  expect_error<rule_violation_error>(c, hold(none), "midway_reviews['MR-3'].content.signs_of_safety", "midway.agenda");
  auto wrong_day = m;
  wrong_day.signs_of_safety->date = iso("2026-11-10");
  expect_error<rule_violation_error>(c, hold(wrong_day), "midway_reviews['MR-3'].content.signs_of_safety", "midway.agenda");
  auto score = m;
  score.signs_of_safety->scaling[2].score = 12;
  expect_error<out_of_range_error>(c, hold(score), "midway_reviews['MR-3'].content.signs_of_safety.scaling[2].score");
  auto no_chair = m;
  no_chair.participants[1].role = role::iro;
  expect_error<rule_violation_error>(c, hold(no_chair), "midway_reviews['MR-3'].content.participants", "midway.participants");
  auto lac_agenda_on_cp = m;
  lac_agenda_on_cp.lac = lac_agenda{};
  expect_error<rule_violation_error>(c, hold(lac_agenda_on_cp), "midway_reviews['MR-3'].content.lac", "midway.agenda");
}

TEST(MidwayRules, AmendOnlyAHeldRecordWithWhoAndWhy) {
  child_case c = lac_example_arranged();
  const record_id id("MR-7");
  const auto m = lac_example_content(c);
  expect_error<rule_violation_error>(c, [&] { amend_midway_review(c, id, m, "IRO-1", iso("2027-02-01"), "x"); },
                                     "midway_reviews['MR-7'].status", "midway.status");
  hold_midway_review(c, id, iso("2027-01-26"), m);
  expect_error<rule_violation_error>(c, [&] { amend_midway_review(c, id, m, "IRO-1", iso("2027-02-01"), ""); },
                                     "midway_reviews['MR-7'].reason", "midway.reason");
  expect_error<rule_violation_error>(c, [&] { amend_midway_review(c, id, m, "", iso("2027-02-01"), "x"); },
                                     "midway_reviews['MR-7'].amendments", "midway.reason");
  expect_error<rule_violation_error>(c, [&] { amend_midway_review(c, id, m, "IRO-1", iso("2027-01-25"), "x"); },
                                     "midway_reviews['MR-7'].amendments", "midway.date");
  auto bad = m;
  bad.participants.clear();
  expect_error<rule_violation_error>(c, [&] { amend_midway_review(c, id, bad, "IRO-1", iso("2027-02-01"), "x"); },
                                     "midway_reviews['MR-7'].content.participants", "midway.participants");
}

TEST(MidwayRules, JsonErrorsNameThePath) {
  const std::string good = to_json(cp_example());
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
  };
  auto e1 = capture<out_of_range_error>([&] { case_from_json(with("\"score\": 6", "\"score\": 11")); });
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->field(), "$.midway_reviews[0].content.signs_of_safety.scaling[1].score");
  EXPECT_EQ(e1->record_id(), "CP-3");
  auto e2 = capture<unknown_code_error>([&] { case_from_json(with("\"status\": \"held\"", "\"status\": \"done\"")); });
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->field(), "$.midway_reviews[0].status");
  auto e3 = capture<rule_violation_error>(
      [&] { case_from_json(with("\"attendance\": \"attended\"", "\"attendance\": \"apologies\"")); });
  ASSERT_TRUE(e3);
  EXPECT_EQ(e3->field(), "$.midway_reviews[0].content.participants");
  auto e4 = capture<parse_error>([&] { case_from_json(with("\"arranged_for\": \"2026-11-11\",", "")); });
  ASSERT_TRUE(e4);
  EXPECT_EQ(e4->field(), "$.midway_reviews[0].arranged_for");
  auto e5 = capture<parse_error>([&] { case_from_json(with("\"zero\":", "\"nought\": 1, \"zero\":")); });
  ASSERT_TRUE(e5);
  EXPECT_EQ(e5->field(), "$.midway_reviews[0].content.signs_of_safety.anchors.nought");
  auto e6 = capture<invalid_date_error>([&] { case_from_json(with("\"held_on\": \"2026-11-11\"", "\"held_on\": \"2026-11-31\"")); });
  ASSERT_TRUE(e6);
  EXPECT_EQ(e6->field(), "$.midway_reviews[0].held_on");
}

}  // namespace
