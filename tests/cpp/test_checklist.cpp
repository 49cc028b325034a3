// The CPA midway monitoring checklist (include/midway/checklist.hpp): proposals worked out by
// hand for good practice, drifting practice and missing records; the recording rules; JSON;
// amendments; the CPA Midway Monitoring note (golden files). England and Wales calendar:
// Good Friday 2026-04-03, Easter Monday 2026-04-06, early May 2026-05-04, spring 2026-05-25.
//
// Regenerate the golden files (then read every diff): MIDWAY_UPDATE_GOLDEN=1 ctest -R Checklist
#include "test_support.hpp"

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;

const calendar& cal() { return midway_test::england_and_wales(); }

using midway_test::ev;

// Good practice: ICPC Mon 2026-01-19, first RCPC Thu 2026-04-16 (3 months would be Sun
// 2026-04-19); the checklist 12 weeks later, Thu 2026-07-09. Visits every Thursday; core groups
// 2026-01-29 (8 working days after the ICPC), then 5-weekly; the plan updated the day after each
// meeting; an urgent recommendation done early; a missing episode answered the next day.
child_case good(bool drifting = false) {
  child_case c(case_id(drifting ? "CP-DRIFT" : "CP-GOOD"), child_id("C-9"), case_kind::cp);
  c.people = {person{person_id("SW-1"), role::social_worker, "", {}}, person{person_id("CPA-1"), role::cpa, "", {}},
              person{person_id("TM-1"), role::team_manager, "", {}}};
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-05"), .s47_started = true}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-01-19")}));
  int n = 0;
  for (date d = iso("2026-01-22"); d <= iso("2026-07-09"); d = d + calendar_days(7)) {
    // Drifting: no visit between 2026-02-26 and 2026-03-19 (15 working days).
    if (drifting && d > iso("2026-02-26") && d < iso("2026-03-19")) continue;
    c.record(ev("v" + std::to_string(++n), visit{.date = d, .seen = true}));
  }
  for (const char* d : {"2026-01-29", "2026-03-05", "2026-04-09", "2026-05-14", "2026-06-18"}) {
    if (drifting && std::string(d) == "2026-05-14") continue;  // drifting: 04-09 to 06-18 is 10 weeks
    c.record(core_group{.date = iso(d), .agencies = {"school", "health visiting"}});
    if (!drifting || std::string(d) != "2026-06-18") c.record(plan_updated{.date = iso(d) + calendar_days(1)});
  }
  c.record(ev("rcpc1", review_conference{.date = iso("2026-04-16"), .midway_date = iso("2026-07-09")}));
  c.record(plan_updated{.date = iso("2026-04-17")});
  c.plan = {recommendation{.id = recommendation_id("U1"), .text = "Separate living arrangements", .owner = role::social_worker,
                           .made_on = iso("2026-04-16"), .due = iso("2026-04-30"),
                           .status = drifting ? recommendation_status::open : recommendation_status::done,
                           .done_on = drifting ? std::nullopt : std::optional(iso("2026-04-28")), .urgent = true, .extra = {}}};
  c.record(ev("miss", missing_episode{.date = iso("2026-05-20")}));
  if (!drifting) c.record(ev("sd2", strategy_discussion{.date = iso("2026-05-21")}));
  c.record(ev("dw", direct_work{.date = iso("2026-05-07"), .tool = "Three Houses"}));
  c.record(ev("cv", child_views_recorded{.date = iso("2026-05-07")}));
  c.record(ev("pv", parents_views_recorded{.date = iso("2026-06-04")}));
  c.record(ev("safe", safe_person_identified{.date = iso("2026-05-28")}));
  if (!drifting) c.record(ev("mo", management_oversight{.date = iso("2026-06-25")}));
  signs_of_safety s{.date = iso("2026-04-16"), .context = sos_context::conference, .event = event_id("rcpc1")};
  s.next_steps = {action{.text = "Parenting course", .owner = role::social_worker, .due = iso("2026-06-30"),
                         .status = drifting ? recommendation_status::open : recommendation_status::done}};
  // Each heading addressed (issue 16): the other three are in the conference minutes.
  for (sos_heading h : {sos_heading::worried, sos_heading::working_well, sos_heading::scale}) {
    s.not_recorded.push_back(heading_not_recorded{.heading = h, .reason = "in the conference minutes"});
  }
  add_signs_of_safety(c, s);
  return c;
}

// Missing records: an ICPC and an RCPC and nothing else.
child_case sparse() {
  child_case c(case_id("CP-SPARSE"), child_id("C-8"), case_kind::cp);
  c.record(ev("icpc", initial_conference{.date = iso("2026-01-19")}));
  c.record(ev("rcpc1", review_conference{.date = iso("2026-04-16")}));
  return c;
}

std::vector<std::optional<answer>> answers(const cpa_checklist& k) {
  std::vector<std::optional<answer>> out;
  for (const auto& i : k.content.items) out.push_back(i.proposed.answer);
  return out;
}

cpa_checklist propose(const child_case& c, const std::string& on = "2026-07-09") {
  return propose_cpa_checklist(c, record_id("CK-1"), iso(on), policy::england(), cal());
}

// The CPA confirms every proposal (the ones without a proposal answered N/A, with a comment).
cpa_checklist confirmed(cpa_checklist k) {
  for (auto& i : k.content.items) {
    i.answer = i.proposed.answer.value_or(answer::not_applicable);
    if (!i.proposed.answer) i.comment = "Discussed with the social worker";
  }
  k.content.summary = "Plan progressing; next RCPC to consider stepping down.";
  return k;
}

TEST(ChecklistQuestions, TenItemsInTheSeedsOrder) {
  const auto q = cpa_checklist_questions();
  ASSERT_EQ(q.size(), 10u);
  EXPECT_EQ(q[0].number, 1);
  EXPECT_NE(q[0].wording.find("Seeing the child (every 10 days)"), std::string_view::npos);
  EXPECT_NE(q[5].wording.find("drift and delay"), std::string_view::npos);
  EXPECT_EQ(q[9].title, "CPA summary and recommendations");
}

TEST(ChecklistDue, TwelveWeeksAfterTheFirstRcpc) {
  EXPECT_EQ(cpa_checklist_due(good(), policy::england(), cal()), iso("2026-07-09"));  // 2026-04-16 + 84 days
  child_case c(case_id("X"), child_id("C"), case_kind::cp);
  c.record(initial_conference{.date = iso("2026-01-19")});
  EXPECT_EQ(cpa_checklist_due(c, policy::england(), cal()), std::nullopt);
}

TEST(ChecklistProposal, GoodPractice) {
  const cpa_checklist k = propose(good());
  EXPECT_EQ(k.cpa, "CPA-1");
  EXPECT_EQ(k.conference, event_id("rcpc1"));
  using A = std::optional<answer>;
  EXPECT_EQ(answers(k), (std::vector<A>{answer::yes, answer::yes, answer::yes, answer::yes, answer::yes, answer::no, answer::yes,
                                        answer::not_applicable, answer::yes}));
  // 25 weekly visits 2026-01-22..2026-07-09 plus the gap from the ICPC: 25 gaps, none over.
  EXPECT_EQ(k.content.items[0].proposed.summary,
            "0 of 25 visit gaps exceeded 10 working days. 0 of 5 core group gaps exceeded policy; the first core group was "
            "within 10 working days of the plan's start.");
  EXPECT_EQ(k.content.items[1].proposed.summary,
            "1 of 1 urgent recommendations of the conference of 2026-04-16 done; 1 of 1 missing episodes or CSE concerns since "
            "followed by a strategy discussion or s.47");
  EXPECT_EQ(k.content.items[2].proposed.summary, "plan updated on 2026-06-19, after the core group of 2026-06-18");
  EXPECT_EQ(k.content.items[2].proposed.evidence.back().text,
            "core-group attendance by agency (5 meetings): health visiting 5, school 5");
  EXPECT_EQ(k.content.items[3].proposed.summary,
            "1 direct work session since the conference of 2026-04-16 (Three Houses); child's views recorded 1 time");
  EXPECT_EQ(k.content.items[5].proposed.summary, "no drift or delay found");
  EXPECT_EQ(k.content.items[8].proposed.summary, "management oversight recorded on 2026-06-25");
}

TEST(ChecklistProposal, DriftingPractice) {
  const cpa_checklist k = propose(good(true));
  using A = std::optional<answer>;
  EXPECT_EQ(answers(k), (std::vector<A>{answer::no, answer::no, answer::no, answer::yes, answer::no, answer::yes, answer::yes,
                                        answer::no, std::nullopt}));
  // Visits: 2026-02-26 to 2026-03-19 is 15 working days, over the 10 allowed. Core groups:
  // 2026-04-09 to 2026-06-18 is 70 days, over 6 weeks. 25 weekly visits less 2026-03-05 and
  // 2026-03-12 leave 23, so 23 gaps (the first from the ICPC).
  EXPECT_EQ(k.content.items[0].proposed.summary,
            "1 of 23 visit gaps exceeded 10 working days; longest 15, 2026-02-26 to 2026-03-19. 1 of 4 core group gaps exceeded "
            "policy; the first core group was within 10 working days of the plan's start.");
  EXPECT_EQ(k.content.items[2].proposed.summary, "no plan update since the core group of 2026-06-18 (due by 2026-07-02)");
  EXPECT_TRUE(k.content.items[5].proposed.action.has_value());
  EXPECT_EQ(k.content.items[5].proposed.action->owner, role::cpa);
  EXPECT_EQ(k.content.items[7].proposed.summary,
            "items 1-5 show the plan is not progressing and no contingency plan is recorded");
  EXPECT_EQ(k.content.items[8].proposed.summary, "no evidence recorded: no management oversight since the conference of 2026-04-16");
}

TEST(ChecklistProposal, MissingRecordsSayNoEvidence) {
  const cpa_checklist k = propose(sparse());
  using A = std::optional<answer>;
  // 1: no visit since the ICPC: the open gap (2026-01-19 to 2026-07-09) is over policy: No.
  // 2: nothing urgent, no new risk: N/A. 3: no plan update since the RCPC: No. 4, 5, 7, 9: no
  // evidence. 6: drift (overdue visit and more): Yes. 8: not progressing, no contingency: No.
  EXPECT_EQ(answers(k), (std::vector<A>{answer::no, answer::not_applicable, answer::no, std::nullopt, std::nullopt, answer::yes,
                                        std::nullopt, answer::no, std::nullopt}));
  for (std::size_t i : {3u, 4u, 6u, 8u}) {
    EXPECT_EQ(k.content.items[i].proposed.summary.rfind("no evidence recorded", 0), 0u) << i;
  }
}

TEST(ChecklistProposal, OnlyForCpPlans) {
  child_case lac(case_id("L"), child_id("C"), case_kind::lac);
  EXPECT_THROW(propose(lac), rule_violation_error);
  child_case early(case_id("E"), child_id("C"), case_kind::cp);
  early.record(strategy_discussion{.date = iso("2026-01-05"), .s47_started = true});
  EXPECT_THROW(propose(early, "2026-01-10"), rule_violation_error);
}

template <class E>
void expect_refused(child_case c, const cpa_checklist& k, const std::string& field, const std::string& rule = "") {
  const child_case before = c;
  const auto err = capture<E>([&] { record_cpa_checklist(c, k); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), field);
  EXPECT_EQ(err->record_id(), c.id().str());
  if (!rule.empty()) {
    EXPECT_NE(err->message().find("[" + rule + "]"), std::string::npos) << err->message();
  }
  EXPECT_EQ(c, before);
}

TEST(ChecklistRecording, Rules) {
  const child_case c = good(true);
  const cpa_checklist k = confirmed(propose(c));
  auto unanswered = k;
  unanswered.content.items[4].answer.reset();
  expect_refused<rule_violation_error>(c, unanswered, "cpa_checklists['CK-1'].content.items[4].answer", "checklist.items");
  auto overridden = k;
  overridden.content.items[0].answer = answer::yes;  // proposed No
  expect_refused<rule_violation_error>(c, overridden, "cpa_checklists['CK-1'].content.items[0].override_reason",
                                       "checklist.override");
  overridden.content.items[0].override_reason = "Visits were made but recorded late on the system";
  auto no_summary = k;
  no_summary.content.summary = "  ";
  expect_refused<rule_violation_error>(c, no_summary, "cpa_checklists['CK-1'].content.summary", "checklist.summary");
  auto short_list = k;
  short_list.content.items.pop_back();
  expect_refused<rule_violation_error>(c, short_list, "cpa_checklists['CK-1'].content.items", "checklist.items");
  auto empty_action = k;
  empty_action.content.items[2].action_needed = action{};
  expect_refused<rule_violation_error>(c, empty_action, "cpa_checklists['CK-1'].content.items[2].action_needed.text",
                                       "checklist.action");
  // The override with a reason is recorded, keeping both the proposal and the answer.
  child_case ok = c;
  const auto& rec = record_cpa_checklist(ok, overridden);
  EXPECT_EQ(rec.content.items[0].proposed.answer, answer::no);
  EXPECT_EQ(rec.content.items[0].answer, answer::yes);
  expect_refused<invalid_argument_error>(ok, overridden, "cpa_checklists['CK-1']");
}

TEST(ChecklistRecording, AmendmentsAndJson) {
  child_case c = good(true);
  record_cpa_checklist(c, confirmed(propose(c)));
  auto content = c.cpa_checklists[0].content;
  const auto before = content;
  content.items[5].action_needed = action{.text = "Escalated to TM-1", .owner = role::cpa, .due = iso("2026-07-10")};
  content.extra["ics_note_id"] = "4471";
  amend_cpa_checklist(c, record_id("CK-1"), content, "CPA-1", iso("2026-07-10"), "Escalation recorded");
  ASSERT_EQ(c.cpa_checklists[0].amendments.size(), 1u);
  EXPECT_EQ(c.cpa_checklists[0].amendments[0].previous, before);
  EXPECT_EQ(c.cpa_checklists[0].version(), 2);
  EXPECT_THROW(amend_cpa_checklist(c, record_id("CK-1"), content, "CPA-1", iso("2026-07-10"), ""), rule_violation_error);
  EXPECT_THROW(amend_cpa_checklist(c, record_id("CK-9"), content, "CPA-1", iso("2026-07-10"), "x"), not_found_error);
  EXPECT_EQ(case_from_json(to_json(c)), c);
  // A bad answer string in JSON names its path.
  std::string text = to_json(c);
  text.replace(text.find("\"answer\": \"yes\""), 15, "\"answer\": \"yep\"");
  const auto err = capture<unknown_code_error>([&] { case_from_json(text); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field().rfind("$.cpa_checklists[0].", 0), 0u) << err->field();
}

void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = midway_test::data_path("golden/" + name);
  if (std::getenv("MIDWAY_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
  EXPECT_EQ(midway_test::read_text(path), actual) << "golden file " << name << " differs";
}

TEST(ChecklistNoteGolden, CpaMidwayMonitoring) {
  child_case c = good(true);
  auto k = confirmed(propose(c));
  k.content.items[5].action_needed = k.content.items[5].proposed.action;
  k.content.items[5].comment = "Visit gap in March, core group missed in May, U1 open: discussed with TM-1";
  record_cpa_checklist(c, k);
  const note n = cpa_monitoring_note(c, record_id("CK-1"));
  expect_golden("cpa-monitoring.txt", n.text());
  expect_golden("cpa-monitoring.md", n.markdown());
  expect_golden("cpa-monitoring.html", n.html());
  expect_golden("cpa-monitoring.json", n.json());
}

// cpa_proposal_note: the proposal as a draft (what `midway checklist --case ID` prints): each
// item answered as proposed or N/A, nothing recorded on the case.
TEST(ChecklistNote, ProposalDraft) {
  const child_case c = good(true);
  const cpa_checklist k = propose(c);
  const note n = cpa_proposal_note(c, iso("2026-07-09"), policy::england(), cal());
  EXPECT_TRUE(c.cpa_checklists.empty());
  child_case draft = c;
  cpa_checklist filled = k;
  filled.id = record_id("proposal");
  for (auto& i : filled.content.items) {
    i.answer = i.proposed.answer.value_or(answer::not_applicable);
    i.comment = i.proposed.summary;
    i.action_needed = i.proposed.action;
  }
  filled.content.summary = "(proposal: for the CPA to complete)";
  draft.cpa_checklists.push_back(filled);
  EXPECT_EQ(n, cpa_monitoring_note(draft, record_id("proposal")));
  EXPECT_NE(n.text().find("(proposal: for the CPA to complete)"), std::string::npos);
}

}  // namespace
