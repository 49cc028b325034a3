// Issue 16, "the seeds, completely": each point of seeds 000 (midway review meetings) and 002 (the
// CPA midway monitoring checklist) that did not hold, with its expected answer worked by hand.
// (Mirrors tests/python/test_seeds.py.) England and Wales calendar, policy::england() unless
// said: Good Friday 2026-04-03, Easter Monday 2026-04-06, early May 2026-05-04, spring 2026-05-25.
#include "test_support.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

const calendar& cal() { return midway_test::england_and_wales(); }

using midway_test::ev;

std::vector<person> people() {
  return {person{person_id("SW-1"), role::social_worker, "", {}}, person{person_id("CH-1"), role::chair, "", {}},
          person{person_id("CPA-1"), role::cpa, "", {}}, person{person_id("TM-1"), role::team_manager, "", {}}};
}

// A CP plan: s.47 strategy discussion Mon 2026-01-05, ICPC Mon 2026-01-19, first RCPC Thu
// 2026-04-16 (continuing unless `ends`).
child_case plan(bool ends = false, std::optional<date> midway_date = std::nullopt) {
  child_case c(case_id("CP-16"), child_id("C-16"), case_kind::cp);
  c.people = people();
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-01-19")}));
  c.record(ev("rcpc1", review_conference{.date = iso("2026-04-16"), .plan_continues = !ends, .midway_date = midway_date}));
  return c;
}

std::vector<finding> of_rule(const child_case& c, const char* as_of, std::string_view rule) {
  std::vector<finding> out;
  for (auto& f : drift(c, iso(as_of), policy::england(), cal())) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

// ---- 10. ICPC anchored on the FIRST s.47-initiating strategy discussion ----------------------

// Working Together: 15 working days from the discussion "at which section 47 enquiries were
// initiated". Mon 5 Jan + 15 wd: 6-9 Jan (4), 12-16 (9), 19-23 (14), Mon 26 Jan (15). A reconvened
// discussion on Mon 12 Jan, also flagged s47_started, used to move it to Mon 2 Feb.
TEST(Seeds, IcpcCountsFromTheFirstS47StrategyDiscussion) {
  child_case c(case_id("CP-10"), child_id("C-10"), case_kind::cp);
  c.record(ev("sd1", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true}));
  c.record(ev("sd2", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}));
  const auto s = schedule(c, iso("2026-01-13"), policy::england(), cal());
  EXPECT_EQ(s.next_review.kind, item_kind::icpc);
  EXPECT_EQ(s.next_review.due, iso("2026-01-26"));
  EXPECT_EQ(s.next_review.from, (std::vector<event_id>{event_id("sd1")}));
  // Held Fri 30 Jan: late against 26 Jan (the reconvened discussion does not excuse it).
  c.record(ev("icpc", initial_conference{.date = iso("2026-01-30")}));
  const auto t = schedule(c, iso("2026-02-02"), policy::england(), cal());
  const auto icpc = std::find_if(t.history.begin(), t.history.end(), [](const interval_check& g) { return g.kind == item_kind::icpc; });
  ASSERT_NE(icpc, t.history.end());
  EXPECT_EQ(icpc->limit, iso("2026-01-26"));
  EXPECT_FALSE(icpc->kept);
}

// ---- 3. CPA checklist on a closed plan -------------------------------------------------------

// The plan ended at the first RCPC (16 Apr): nothing is due (before: 16 Apr + 84 days = Thu 9 Jul),
// and proposing a checklist is a typed rule error.
TEST(Seeds, ClosedPlanHasNoChecklistDueAndProposingIsARuleError) {
  const child_case open = plan();
  EXPECT_EQ(cpa_checklist_due(open, policy::england(), cal()), iso("2026-07-09"));
  const child_case closed = plan(true);
  EXPECT_EQ(cpa_checklist_due(closed, policy::england(), cal()), std::nullopt);
  const auto e = capture<rule_violation_error>(
      [&] { (void)propose_cpa_checklist(closed, record_id("K1"), iso("2026-07-09"), policy::england(), cal()); });
  ASSERT_TRUE(e);
  EXPECT_NE(e->message().find("[checklist.plan_ended]"), std::string::npos) << e->message();
  EXPECT_NE(e->message().find("ended on 2026-04-16"), std::string::npos) << e->message();
  EXPECT_EQ(e->record_id(), "CP-16");
  // A plan_ended event does the same; before it, the proposal stands.
  child_case ended = plan();
  ended.record(ev("end", plan_ended{.date = iso("2026-06-01"), .reason = plan_end_reason::no_longer_at_risk}));
  EXPECT_EQ(cpa_checklist_due(ended, policy::england(), cal()), std::nullopt);
  EXPECT_TRUE(capture<rule_violation_error>(
      [&] { (void)propose_cpa_checklist(ended, record_id("K1"), iso("2026-07-09"), policy::england(), cal()); }));
  EXPECT_NO_THROW((void)propose_cpa_checklist(ended, record_id("K1"), iso("2026-05-29"), policy::england(), cal()));
}

// ---- 4. Item 5 needs direct work with the family or tools ------------------------------------

TEST(Seeds, Item5NeedsDirectWorkWithTheFamilyOrTools) {
  child_case c = plan();
  c.record(ev("pv", parents_views_recorded{.date = iso("2026-05-01")}));
  // Only the parents' views: no evidence (before: Yes).
  auto k = propose_cpa_checklist(c, record_id("K1"), iso("2026-07-09"), policy::england(), cal());
  EXPECT_EQ(k.content.items[4].proposed.answer, std::nullopt);
  EXPECT_EQ(k.content.items[4].proposed.summary,
            "no evidence recorded: no direct work with the family and no tools in use since the conference of 2026-04-16 "
            "(parents' views recorded 1 time)");
  // Direct work with the family, with a tool: Yes. It is not direct work with the child (item 4).
  c.record(ev("dwf", direct_work{.date = iso("2026-05-14"), .tool = "Words and Pictures", .with_family = true}));
  k = propose_cpa_checklist(c, record_id("K1"), iso("2026-07-09"), policy::england(), cal());
  EXPECT_EQ(k.content.items[4].proposed.answer, answer::yes);
  EXPECT_EQ(k.content.items[4].proposed.summary,
            "1 direct work session with the family (Words and Pictures); parents' views recorded 1 time since the conference of "
            "2026-04-16");
  EXPECT_EQ(k.content.items[3].proposed.answer, std::nullopt);
  EXPECT_EQ(k.content.items[3].proposed.summary.rfind("no evidence recorded: no direct work with the child", 0), 0u);
}

// ---- 5. Item 2 uses legal planning meetings --------------------------------------------------

TEST(Seeds, Item2UsesLegalPlanningMeetings) {
  child_case c = plan();
  auto k = propose_cpa_checklist(c, record_id("K1"), iso("2026-07-09"), policy::england(), cal());
  EXPECT_EQ(k.content.items[1].proposed.answer, answer::not_applicable);
  c.record(ev("lpm", legal_planning_meeting{.date = iso("2026-05-06")}));
  k = propose_cpa_checklist(c, record_id("K1"), iso("2026-07-09"), policy::england(), cal());
  const proposal& p = k.content.items[1].proposed;
  EXPECT_EQ(p.answer, answer::yes);
  EXPECT_EQ(p.summary,
            "no urgent recommendations at the conference of 2026-04-16; no missing episode or CSE concern since; 1 legal planning "
            "meeting since, the last on 2026-05-06");
  ASSERT_EQ(p.evidence.size(), 1u);
  EXPECT_EQ(p.evidence[0].text, "legal planning meeting 2026-05-06");
  EXPECT_EQ(p.evidence[0].events, (std::vector<event_id>{event_id("lpm")}));
}

// ---- 2. The midway date is set at each 6-monthly review -------------------------------------

// The RCPC of Thu 16 Apr records no midway date and no "not required": midway_date_not_set from
// Fri 17 Apr, low.
TEST(Seeds, MidwayDateNotSetIsADriftFinding) {
  const child_case c = plan();
  EXPECT_TRUE(of_rule(c, "2026-04-16", "midway_date_not_set").empty());
  const auto f = of_rule(c, "2026-04-17", "midway_date_not_set");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "CP-16/midway_date_not_set/rcpc1");
  EXPECT_EQ(f[0].severity, severity::low);
  EXPECT_EQ(f[0].first_raised, iso("2026-04-17"));
  EXPECT_EQ(f[0].events, (std::vector<event_id>{event_id("rcpc1")}));
  EXPECT_EQ(drift_rule_of("midway_date_not_set").severity, severity::low);
  // A date on the Chair's Report, or a "not required" decision at the review: nothing.
  EXPECT_TRUE(of_rule(plan(false, iso("2026-07-09")), "2026-04-17", "midway_date_not_set").empty());
  child_case n = plan();
  n.record(ev("nr", midway_review{.date = iso("2026-04-16"), .outcome = midway_outcome::not_required, .decided_by = role::chair,
                                  .reason = "no issues in implementing the plan"}));
  EXPECT_TRUE(of_rule(n, "2026-04-17", "midway_date_not_set").empty());
  // The ICPC is not a 6-monthly review: nothing between it and the first RCPC.
  EXPECT_TRUE(of_rule(plan(), "2026-01-20", "midway_date_not_set").empty());
}

// Decided: a midway date or meeting set at the ICPC (or the first LAC review) is honoured: due,
// on the worklist, overdue in drift. Arranged at the ICPC for Mon 2 Mar; on Tue 3 Mar it is overdue.
TEST(Seeds, MidwaySetAtTheIcpcIsHonoured) {
  child_case c(case_id("CP-2"), child_id("C-2"), case_kind::cp);
  c.people = people();
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-01-19")}));
  arrange_midway_review(c, record_id("MR-1"), event_id("icpc"), iso("2026-03-02"));
  const auto s = schedule(c, iso("2026-03-03"), policy::england(), cal());
  EXPECT_EQ(s.midway_review.due, iso("2026-03-02"));
  EXPECT_EQ(s.midway_review.status, item_status::overdue);
  EXPECT_EQ(s.midway_review.explanation, "Midway review due 2026-03-02: set at the ICPC of 2026-01-19 (Chair's Report)");
  EXPECT_EQ(of_rule(c, "2026-03-03", "overdue_midway_review").size(), 1u);
  caseload cl;
  cl.cases.push_back(c);
  const worklist w = make_worklist(cl, iso("2026-03-03"), policy::england(), cal());
  bool listed = false;
  for (const auto& g : w.groups) {
    for (const auto& i : g.entries) listed = listed || (i.item.kind == item_kind::midway_review && i.item.due == iso("2026-03-02"));
  }
  EXPECT_TRUE(listed);
  // LAC: a midway date on the first review's Chair's Report (started Mon 5 Jan, first review
  // Mon 26 Jan, midway Mon 16 Feb).
  child_case l(case_id("LAC-2"), child_id("C-3"), case_kind::lac);
  l.record(ev("s", started_looked_after{.date = iso("2026-01-05")}));
  l.record(ev("r1", lac_review{.date = iso("2026-01-26"), .midway_date = iso("2026-02-16")}));
  const auto ls = schedule(l, iso("2026-01-27"), policy::england(), cal());
  EXPECT_EQ(ls.midway_review.due, iso("2026-02-16"));
  EXPECT_EQ(ls.midway_review.status, item_status::upcoming);
}

// The Chair's Report midway section: the date set, "not required" with reason and who, or not set.
TEST(Seeds, ChairsReportMidwaySection) {
  const auto line = [](const note& n) {
    for (const auto& [k, v] : n.summary.items) {
      if (k.rfind("Midway review", 0) == 0) return k + ": " + v;
    }
    return std::string("-");
  };
  EXPECT_EQ(line(chairs_report_midway(plan(false, iso("2026-07-09")), event_id("rcpc1"))), "Midway review date: 2026-07-09");
  EXPECT_EQ(line(chairs_report_midway(plan(), event_id("rcpc1"))),
            "Midway review: not set (neither a date nor a \"not required\" decision is recorded)");
  child_case n = plan();
  n.record(ev("nr", midway_review{.date = iso("2026-04-16"), .outcome = midway_outcome::not_required, .decided_by = role::chair,
                                  .reason = "no issues in implementing the plan"}));
  const note r = chairs_report_midway(n, event_id("rcpc1"));
  EXPECT_EQ(r.type, "Chair's Report");
  EXPECT_EQ(line(r), "Midway review: not required: decided by the Chair on 2026-04-16 (no issues in implementing the plan)");
  EXPECT_TRUE(capture<rule_violation_error>([&] { (void)chairs_report_midway(n, event_id("sd")); }));
  EXPECT_TRUE(capture<not_found_error>([&] { (void)chairs_report_midway(n, event_id("nope")); }));
}

// ---- 6. Item 6 Yes with an action escalates to the team manager ------------------------------

TEST(Seeds, ChecklistEscalationIsRecordedAndListedForTheTeamManager) {
  // No visits or core groups since the ICPC: overdue visit, core group, ... item 6 proposes Yes.
  child_case c = plan();
  cpa_checklist k = propose_cpa_checklist(c, record_id("K1"), iso("2026-07-09"), policy::england(), cal());
  ASSERT_EQ(k.content.items[5].proposed.answer, answer::yes);
  for (auto& i : k.content.items) i.answer = i.proposed.answer.value_or(answer::not_applicable);
  k.content.items[5].action_needed = k.content.items[5].proposed.action;
  k.content.summary = "Drift: escalated to the team manager.";
  k.tm_contact = tm_contact{.on = iso("2026-07-10"), .team_manager = "TM-1", .outcome = "visits to restart this week"};
  record_cpa_checklist(c, k);
  const event& e = c.history().back();
  const auto* x = std::get_if<escalation_to_tm>(&e.data);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(e.date(), iso("2026-07-10"));
  EXPECT_EQ(x->raised_by, "CPA-1");
  EXPECT_EQ(x->team_manager, "TM-1");
  EXPECT_EQ(x->reason, "CPA checklist K1 item 6: Escalate drift and delay to the team manager");
  caseload cl;
  cl.cases.push_back(c);
  const drift_report r = drift_report_for(cl, iso("2026-07-10"), policy::england(), cal());
  ASSERT_EQ(r.escalations.size(), 1u);
  EXPECT_EQ(r.escalations[0].team_manager, "TM-1");
  ASSERT_EQ(r.escalations[0].cases.size(), 1u);
  ASSERT_EQ(r.escalations[0].cases[0].escalated.size(), 1u);
  EXPECT_EQ(r.escalations[0].cases[0].escalated[0].on, iso("2026-07-10"));
  EXPECT_EQ(r.escalations[0].cases[0].escalated[0].raised_by, "CPA-1");
  EXPECT_NE(to_table(r).find("escalated to TM-1 on 2026-07-10 by CPA-1"), std::string::npos) << to_table(r);
  const std::string text = cpa_monitoring_note(c, record_id("K1")).text();
  EXPECT_NE(text.find("TM-1 on 2026-07-10 (visits to restart this week)"), std::string::npos) << text;
}

// ---- 7. Each Signs of Safety heading addressed ------------------------------------------------

TEST(Seeds, EachSignsOfSafetyHeadingIsAddressed) {
  signs_of_safety s{.date = iso("2026-05-01"), .context = sos_context::other};
  const auto e = capture<rule_violation_error>([&] { validate(s, "sos", "CP-16"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "sos.not_recorded");
  EXPECT_NE(e->message().find("'What are we worried about?' is not addressed"), std::string::npos) << e->message();
  s.harm = {"bruising"};
  s.not_recorded = {{sos_heading::working_well, "not discussed: the parents left early"},
                    {sos_heading::needs_to_happen, "agreed at the core group next week"},
                    {sos_heading::scale, "no one scaled"}};
  EXPECT_NO_THROW(validate(s, "sos", "CP-16"));
  s.not_recorded[2].reason = " ";
  EXPECT_EQ(capture<rule_violation_error>([&] { validate(s, "sos", "CP-16"); })->field(), "sos.not_recorded[2].reason");
  s.not_recorded[2].reason = "no one scaled";
  s.not_recorded.push_back({sos_heading::worried, "nothing"});  // has content too
  EXPECT_EQ(capture<rule_violation_error>([&] { validate(s, "sos", "CP-16"); })->field(), "sos.not_recorded[3].heading");
}

// ---- 9. Pre-birth: the first RCPC counts from the birth --------------------------------------

// Policy: 10 working days after the birth, or 3 months after the ICPC, whichever is sooner.
// ICPC Mon 2 Feb (pre-birth): 3 months = Sat 2 May, rolled back to Fri 1 May.
TEST(Seeds, PreBirthFirstRcpcCountsFromTheBirth) {
  policy pol = policy::england();
  pol.pre_birth_first_rcpc = {10, period_unit::working_day};
  child_case c(case_id("CP-9"), child_id("C-9"), case_kind::cp);
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02"), .pre_birth = true}));
  // Not born yet: 3 months after the ICPC.
  EXPECT_EQ(schedule(c, iso("2026-02-03"), pol, cal()).next_review.due, iso("2026-05-01"));
  // Born Thu 12 Mar: + 10 wd = 13 Mar (1), 16-20 (6), 23-26 (10): Thu 26 Mar, sooner than 1 May.
  child_case born = c;
  born.record(ev("b", birth{.date = iso("2026-03-12")}));
  const auto s = schedule(born, iso("2026-03-13"), pol, cal());
  EXPECT_EQ(s.next_review.due, iso("2026-03-26"));
  EXPECT_EQ(s.next_review.from, (std::vector<event_id>{event_id("b")}));
  EXPECT_EQ(s.next_review.explanation, "RCPC due 2026-03-26: 10 working days after the birth of 2026-03-12 (pre-birth plan)");
  // Born Mon 20 Apr: 21-24 (4), 27 Apr-1 May (9), Mon 4 May a bank holiday, Tue 5 May (10): later
  // than 1 May, so 3 months after the ICPC stands.
  child_case late = c;
  late.record(ev("b", birth{.date = iso("2026-04-20")}));
  EXPECT_EQ(schedule(late, iso("2026-04-21"), pol, cal()).next_review.due, iso("2026-05-01"));
  // Counting from the ICPC instead (Scotland's reading): 2 Feb + 10 wd = Mon 16 Feb.
  pol.pre_birth_from_birth = false;
  EXPECT_EQ(schedule(born, iso("2026-02-03"), pol, cal()).next_review.due, iso("2026-02-16"));
  // A birth is a CP event.
  child_case lac(case_id("LAC-9"), child_id("C-9"), case_kind::lac);
  EXPECT_TRUE(capture<rule_violation_error>([&] { lac.record(ev("b", birth{.date = iso("2026-03-12")})); }));
}

// ---- 8. Transfer-in pending ------------------------------------------------------------------

// Notified Mon 2 Mar: due within 15 wd: 3-6 (4), 9-13 (9), 16-20 (14), Mon 23 Mar (15).
TEST(Seeds, TransferInNotifiedIsDueFromTheNotification) {
  child_case c(case_id("CP-8"), child_id("C-8"), case_kind::cp);
  c.people = people();
  c.record(ev("n", transfer_in_notified{.date = iso("2026-03-02"), .from_la = "Northshire"}));
  const auto s = schedule(c, iso("2026-03-03"), policy::england(), cal());
  EXPECT_EQ(s.next_review.kind, item_kind::transfer_in_conference);
  EXPECT_EQ(s.next_review.due, iso("2026-03-23"));
  EXPECT_EQ(s.next_review.status, item_status::upcoming);
  EXPECT_EQ(s.next_review.explanation, "Transfer-in conference due 2026-03-23: 15 working days after the transfer-in notification of 2026-03-02");
  EXPECT_EQ(schedule(c, iso("2026-03-24"), policy::england(), cal()).next_review.status, item_status::overdue);
  EXPECT_EQ(of_rule(c, "2026-03-24", "overdue_review").size(), 1u);
  caseload cl;
  cl.cases.push_back(c);
  const worklist w = make_worklist(cl, iso("2026-03-16"), policy::england(), cal());
  bool listed = false;
  for (const auto& g : w.groups) {
    for (const auto& i : g.entries) listed = listed || i.item.kind == item_kind::transfer_in_conference;
  }
  EXPECT_TRUE(listed);
  // Held Fri 20 Mar (without its own notified date): measured from the notification, kept.
  c.record(ev("tic", transfer_in_conference{.date = iso("2026-03-20")}));
  const auto t = schedule(c, iso("2026-03-23"), policy::england(), cal());
  const auto g = std::find_if(t.history.begin(), t.history.end(),
                              [](const interval_check& x) { return x.kind == item_kind::transfer_in_conference; });
  ASSERT_NE(g, t.history.end());
  EXPECT_EQ(g->limit, iso("2026-03-23"));
  EXPECT_TRUE(g->kept);
  EXPECT_EQ(t.next_review.kind, item_kind::rcpc);
}

// ---- 1. The core group in the CP midway review -----------------------------------------------

// Core groups 2026-01-29 (first: within 10 wd of the ICPC of 19 Jan: 2 Feb), 2026-03-05 (5 weeks),
// then after the RCPC of 16 Apr: 2026-05-14 (from 5 Mar + 6 weeks = 16 Apr: late) and 2026-06-18
// (14 May + 6 weeks = 25 Jun: kept). An action set at the core group of 14 May, done 20 May.
TEST(Seeds, CoreGroupSectionIsPrefilledFromTheHistory) {
  child_case c = plan(false, iso("2026-07-09"));
  for (const char* d : {"2026-01-29", "2026-03-05", "2026-05-14", "2026-06-18"}) {
    c.record(core_group{.date = iso(d), .agencies = {"school", "health visiting"}});
  }
  c.plan = {recommendation{.id = recommendation_id("CG1"), .text = "Health visitor to visit weekly", .owner = role::social_worker,
                           .made_on = iso("2026-05-14"), .due = iso("2026-05-21"), .status = recommendation_status::done,
                           .done_on = iso("2026-05-20"), .urgent = false, .extra = {}}};
  const core_group_review g = core_groups_since(c, iso("2026-07-09"), policy::england(), cal());
  ASSERT_EQ(g.meetings.size(), 2u);
  EXPECT_EQ(g.meetings[0].date, iso("2026-05-14"));
  EXPECT_EQ(g.meetings[0].due_by, iso("2026-04-16"));
  EXPECT_FALSE(g.meetings[0].within_policy);
  EXPECT_EQ(g.meetings[1].due_by, iso("2026-06-25"));
  EXPECT_TRUE(g.meetings[1].within_policy);
  EXPECT_EQ(g.meetings[1].agencies, (std::vector<std::string>{"school", "health visiting"}));
  ASSERT_EQ(g.actions.size(), 1u);
  EXPECT_EQ(g.actions[0].recommendation, "CG1");
  EXPECT_EQ(g.actions[0].status, recommendation_status::done);
  // Prefilled into the CP midway review; the Chair's view shown in both records.
  arrange_midway_review(c, record_id("MR-1"), event_id("rcpc1"));
  midway_review_content m = prefill_midway_review(c, record_id("MR-1"), iso("2026-07-09"), policy::england(), cal());
  ASSERT_TRUE(m.core_groups);
  EXPECT_EQ(*m.core_groups, g);
  m.core_groups->chair_view = "The core group meets but health do not send actions";
  m.signs_of_safety->harm = {"bruising"};
  m.signs_of_safety->existing_strengths = {"grandmother visits daily"};
  m.signs_of_safety->not_recorded = {{sos_heading::needs_to_happen, "carried forward from the conference"}};
  m.signs_of_safety->scaling = {scale_score{.who = "Chair", .role = role::chair, .score = 6}};
  hold_midway_review(c, record_id("MR-1"), iso("2026-07-09"), m);
  const std::string note_text = midway_review_note(c, record_id("MR-1")).text();
  EXPECT_NE(note_text.find("Core groups since the conference"), std::string::npos) << note_text;
  EXPECT_NE(note_text.find("The core group meets but health do not send actions"), std::string::npos);
  EXPECT_NE(note_text.find("Nothing recorded: carried forward from the conference"), std::string::npos);
  const std::string form = iro_contact_form(c, record_id("MR-1")).text();
  EXPECT_NE(form.find("2 core groups since the conference, 1 outside policy; 1 of 1 actions done; Chair's view: The core group meets"),
            std::string::npos)
      << form;
}

}  // namespace
