// The worklist (include/midway/worklist.hpp): grouping by role and person, sorting, what is
// listed, and the table / CSV / JSON renderings. Dates are worked out by hand on the
// england-and-wales calendar (2025: 25, 26 Dec; 2026: 1 Jan, 3 Apr Good Friday, 6 Apr Easter Monday).
//
// As of Mon 2026-03-02, horizon 28 days (to Mon 30 Mar); due soon = by Mon 9 Mar (5 wd).
//   CP-1 (SW-1 Ann Lee, CH-1 Bob Roe, CPA-1 Cy Poe): ICPC 2025-09-01, RCPC Fri 2025-11-28,
//        core group Mon 2026-01-26, visit Mon 2026-02-23.
//        RCPC due 28 Nov + 6 months = Thu 2026-05-28: beyond the horizon, not listed.
//        Midway 28 Nov + 84 days = Fri 2026-02-20: overdue.
//        Visit 23 Feb + 10 wd = Mon 9 Mar: due soon. Core group 26 Jan + 6 weeks = Mon 9 Mar: due soon.
//   CP-2 (SW-2 only): strategy discussion (s.47) Mon 2026-02-23: ICPC due + 15 wd = Mon 16 Mar: upcoming.
//   CP-3 (CH-1, SW-2, no CPA): ICPC 2025-10-01, RCPC Fri 2025-12-19, core group 2026-02-20, visit Fri 2026-02-27.
//        RCPC due Fri 2026-06-19: not listed. Midway 19 Dec + 84 days = Fri 13 Mar: upcoming.
//        Visit 27 Feb + 10 wd = Fri 13 Mar: upcoming. Core group 20 Feb + 6 weeks = Fri 3 Apr (Good
//        Friday) -> Thu 2 Apr: beyond the horizon.
//   LAC-1 (SW-1, IRO-1 Di Fay): start of care and placement 2025-06-02, reviews 2025-06-27 and Fri 2025-09-26,
//        visit Fri 2026-02-20. Review due 26 Sep + 6 months = Thu 26 Mar: upcoming (24 days away).
//        Midway halfway: 181 days / 2 = 90 -> Thu 25 Dec 2025 -> Wed 24 Dec: overdue.
//        Visit 20 Feb + 6 weeks = Fri 3 Apr -> Thu 2 Apr: not listed.
//   LAC-2 (nobody): start of care Mon 2026-02-16. First review + 20 wd = Mon 16 Mar: upcoming.
//        Visit within 1 week of the start of care = Mon 23 Feb: overdue.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace midway;
using midway_test::iso;
using njson = nlohmann::ordered_json;

void add(child_case& c, const char* id, event_data data) {
  c.record(event{.id = event_id(id), .data = std::move(data), .correction = false, .extra = {}});
}

person someone(const char* id, role r, const char* name) {
  return person{.id = person_id(id), .role = r, .name = name, .extra = {}};
}

caseload make_caseload() {
  child_case cp1(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  cp1.people = {someone("SW-1", role::social_worker, "Ann Lee"), someone("CH-1", role::chair, "Bob Roe"),
                someone("CPA-1", role::cpa, "Cy Poe")};
  add(cp1, "icpc", initial_conference{.date = iso("2025-09-01")});
  add(cp1, "r1", review_conference{.date = iso("2025-11-28")});
  add(cp1, "cg", core_group{.date = iso("2026-01-26")});
  add(cp1, "v", visit{.date = iso("2026-02-23")});

  child_case cp2(case_id("CP-2"), child_id("C-2"), case_kind::cp);
  cp2.people = {someone("SW-2", role::social_worker, "Eve Smith, \"Jr\"")};
  add(cp2, "sd", strategy_discussion{.date = iso("2026-02-23"), .s47_started = true});

  child_case cp3(case_id("CP-3"), child_id("C-3"), case_kind::cp);
  cp3.people = {someone("CH-1", role::chair, "Bob Roe"), someone("SW-2", role::social_worker, "Eve Smith, \"Jr\"")};
  add(cp3, "icpc", initial_conference{.date = iso("2025-10-01")});
  add(cp3, "r1", review_conference{.date = iso("2025-12-19")});
  add(cp3, "cg", core_group{.date = iso("2026-02-20")});
  add(cp3, "v", visit{.date = iso("2026-02-27")});

  child_case lac1(case_id("LAC-1"), child_id("C-4"), case_kind::lac);
  lac1.people = {someone("SW-1", role::social_worker, "Ann Lee"), someone("IRO-1", role::iro, "Di Fay")};
  add(lac1, "s1", started_looked_after{.date = iso("2025-06-02")});
  add(lac1, "p1", placement_start{.date = iso("2025-06-02")});
  add(lac1, "r1", lac_review{.date = iso("2025-06-27")});
  add(lac1, "r2", lac_review{.date = iso("2025-09-26")});
  add(lac1, "v", visit{.date = iso("2026-02-20")});

  child_case lac2(case_id("LAC-2"), child_id("C-5"), case_kind::lac);
  add(lac2, "s1", started_looked_after{.date = iso("2026-02-16")});

  caseload cl;
  cl.cases = {cp1, cp2, cp3, lac1, lac2};
  return cl;
}

const std::string lac1_midway =
    "Midway review due 2025-12-24: halfway between the LAC review of 2025-09-26 and the next review, due 2026-03-26";
const std::string lac1_review = "LAC review due 2026-03-26: 6 months after the LAC review of 2025-09-26";
const std::string lac2_review = "LAC review due 2026-03-16: 20 working days after the start of care of 2026-02-16";
const std::string lac2_visit = "Visit due 2026-02-23: 1 week after the start of care of 2026-02-16";
const std::string cp1_midway = "Midway review due 2026-02-20: 84 days after the RCPC of 2025-11-28";
const std::string cp1_visit = "Visit due 2026-03-09: 10 working days after the visit of 2026-02-23";
const std::string cp1_core_group = "Core group due 2026-03-09: 6 weeks after the core group of 2026-01-26";
const std::string cp2_icpc = "ICPC due 2026-03-16: 15 working days after the strategy discussion of 2026-02-23";
const std::string cp3_midway = "Midway review due 2026-03-13: 84 days after the RCPC of 2025-12-19";
const std::string cp3_visit = "Visit due 2026-03-13: 10 working days after the visit of 2026-02-27";

struct expected_entry {
  const char* case_id;
  item_kind item;
  const char* due;
  item_status status;
  const std::string* explanation;
};

struct expected_group {
  role r;
  const char* person;  // nullptr: unassigned
  const char* name;
  std::vector<expected_entry> entries;
};

const std::vector<expected_group>& expected_groups() {
  static const std::vector<expected_group> groups{
      {role::iro, nullptr, "", {{"LAC-2", item_kind::lac_review, "2026-03-16", item_status::upcoming, &lac2_review}}},
      {role::iro,
       "IRO-1",
       "Di Fay",
       {{"LAC-1", item_kind::midway_review, "2025-12-24", item_status::overdue, &lac1_midway},
        {"LAC-1", item_kind::lac_review, "2026-03-26", item_status::upcoming, &lac1_review}}},
      {role::chair, nullptr, "", {{"CP-2", item_kind::icpc, "2026-03-16", item_status::upcoming, &cp2_icpc}}},
      {role::chair,
       "CH-1",
       "Bob Roe",
       {{"CP-1", item_kind::midway_review, "2026-02-20", item_status::overdue, &cp1_midway},
        {"CP-3", item_kind::midway_review, "2026-03-13", item_status::upcoming, &cp3_midway}}},
      {role::cpa, "CPA-1", "Cy Poe", {{"CP-1", item_kind::midway_review, "2026-02-20", item_status::overdue, &cp1_midway}}},
      {role::social_worker,
       nullptr,
       "",
       {{"LAC-2", item_kind::visit, "2026-02-23", item_status::overdue, &lac2_visit},
        {"LAC-2", item_kind::lac_review, "2026-03-16", item_status::upcoming, &lac2_review}}},
      {role::social_worker,
       "SW-1",
       "Ann Lee",
       {{"LAC-1", item_kind::midway_review, "2025-12-24", item_status::overdue, &lac1_midway},
        {"CP-1", item_kind::midway_review, "2026-02-20", item_status::overdue, &cp1_midway},
        {"CP-1", item_kind::visit, "2026-03-09", item_status::due_soon, &cp1_visit},
        {"CP-1", item_kind::core_group, "2026-03-09", item_status::due_soon, &cp1_core_group},
        {"LAC-1", item_kind::lac_review, "2026-03-26", item_status::upcoming, &lac1_review}}},
      {role::social_worker,
       "SW-2",
       "Eve Smith, \"Jr\"",
       {{"CP-3", item_kind::midway_review, "2026-03-13", item_status::upcoming, &cp3_midway},
        {"CP-3", item_kind::visit, "2026-03-13", item_status::upcoming, &cp3_visit},
        {"CP-2", item_kind::icpc, "2026-03-16", item_status::upcoming, &cp2_icpc}}},
  };
  return groups;
}

std::string child_of(const std::string& case_id) {
  if (case_id == "CP-1") return "C-1";
  if (case_id == "CP-2") return "C-2";
  if (case_id == "CP-3") return "C-3";
  if (case_id == "LAC-1") return "C-4";
  return "C-5";
}

class WorklistTest : public testing::Test {
 protected:
  calendar cal;
  policy pol = policy::england();
  caseload cl = make_caseload();
  worklist w = make_worklist(cl, iso("2026-03-02"), pol, cal);
};

TEST_F(WorklistTest, GroupsByRoleAndPersonSortedByDueDate) {
  EXPECT_EQ(w.as_of, iso("2026-03-02"));
  const auto& expected = expected_groups();
  ASSERT_EQ(w.groups.size(), expected.size());
  for (std::size_t g = 0; g < expected.size(); ++g) {
    const auto& got = w.groups[g];
    const auto& want = expected[g];
    SCOPED_TRACE(std::string(to_string(want.r)) + " " + (want.person ? want.person : "(unassigned)"));
    EXPECT_EQ(got.role, want.r);
    if (want.person) {
      ASSERT_TRUE(got.person.has_value());
      EXPECT_EQ(got.person->str(), want.person);
    } else {
      EXPECT_FALSE(got.person.has_value());
    }
    EXPECT_EQ(got.name, want.name);
    ASSERT_EQ(got.entries.size(), want.entries.size());
    for (std::size_t i = 0; i < want.entries.size(); ++i) {
      const auto& e = got.entries[i];
      const auto& x = want.entries[i];
      SCOPED_TRACE(x.case_id + std::string(" ") + std::string(to_string(x.item)));
      EXPECT_EQ(e.case_id.str(), x.case_id);
      EXPECT_EQ(e.child_id.str(), child_of(x.case_id));
      EXPECT_EQ(e.kind, std::string_view(x.case_id).starts_with("CP") ? case_kind::cp : case_kind::lac);
      EXPECT_EQ(e.item.kind, x.item);
      ASSERT_TRUE(e.item.due.has_value());
      EXPECT_EQ(e.item.due->to_iso(), x.due);
      EXPECT_EQ(e.item.status, x.status);
      EXPECT_EQ(e.item.explanation, *x.explanation);
    }
  }
}

TEST_F(WorklistTest, EntriesAreTheScheduleItems) {
  // Each entry's item is exactly what schedule() gives for that case.
  for (const auto& g : w.groups) {
    for (const auto& e : g.entries) {
      const auto it = std::find_if(cl.cases.begin(), cl.cases.end(), [&](const child_case& c) { return c.id() == e.case_id; });
      ASSERT_NE(it, cl.cases.end());
      const auto items = schedule(*it, w.as_of, pol, cal).items();
      EXPECT_NE(std::find(items.begin(), items.end(), e.item), items.end()) << e.item.explanation;
    }
  }
}

TEST_F(WorklistTest, CpaGroupOnlyWhereACpaIsRecorded) {
  // CP-3's midway is listed for its chair and social worker but for no CPA (it has none), and no
  // "cpa (unassigned)" group exists.
  int cpa_groups = 0;
  for (const auto& g : w.groups) {
    if (g.role != role::cpa) continue;
    ++cpa_groups;
    ASSERT_TRUE(g.person.has_value());
    for (const auto& e : g.entries) EXPECT_EQ(e.case_id, case_id("CP-1"));
  }
  EXPECT_EQ(cpa_groups, 1);
}

TEST_F(WorklistTest, HorizonLimitsUpcomingItemsOnly) {
  // LAC-1's review is due Thu 26 Mar, 24 days after the as-of date.
  auto has_lac1_review = [](const worklist& wl) {
    for (const auto& g : wl.groups) {
      for (const auto& e : g.entries) {
        if (e.case_id == case_id("LAC-1") && e.item.kind == item_kind::lac_review) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(has_lac1_review(make_worklist(cl, iso("2026-03-02"), pol, cal, {.horizon_days = 24})));
  EXPECT_FALSE(has_lac1_review(make_worklist(cl, iso("2026-03-02"), pol, cal, {.horizon_days = 23})));
  // Horizon 0: only overdue and due-soon items.
  const worklist now = make_worklist(cl, iso("2026-03-02"), pol, cal, {.horizon_days = 0});
  std::size_t n = 0;
  for (const auto& g : now.groups) {
    for (const auto& e : g.entries) {
      ++n;
      EXPECT_TRUE(e.item.status == item_status::overdue || e.item.status == item_status::due_soon) << e.item.explanation;
    }
  }
  // iro IRO-1: LAC-1 midway; chair CH-1: CP-1 midway; cpa: CP-1 midway; sw unassigned: LAC-2 visit;
  // SW-1: LAC-1 midway, CP-1 midway, visit, core group.
  EXPECT_EQ(n, 8U);
  EXPECT_EQ(now.groups.size(), 5U);
}

TEST_F(WorklistTest, DoneNotRequiredAndNotApplicableItemsAreNotListed) {
  caseload small;
  child_case c(case_id("CP-7"), child_id("C-7"), case_kind::cp);
  c.people = {someone("SW-1", role::social_worker, "Ann Lee")};
  add(c, "icpc", initial_conference{.date = iso("2025-09-01")});
  add(c, "r1", review_conference{.date = iso("2025-11-28")});
  add(c, "m1", midway_review{.date = iso("2026-02-20")});  // held: done
  add(c, "cg", core_group{.date = iso("2026-02-27")});     // next due Fri 10 Apr: beyond the horizon
  add(c, "v", visit{.date = iso("2026-02-27")});           // next due Fri 13 Mar: upcoming, listed
  child_case ended(case_id("CP-8"), child_id("C-8"), case_kind::cp);
  add(ended, "icpc", initial_conference{.date = iso("2025-09-01")});
  add(ended, "end", plan_ended{.date = iso("2026-01-05")});
  small.cases = {c, ended};
  const worklist wl = make_worklist(small, iso("2026-03-02"), pol, cal);
  ASSERT_EQ(wl.groups.size(), 1U);
  EXPECT_EQ(wl.groups[0].role, role::social_worker);
  ASSERT_EQ(wl.groups[0].entries.size(), 1U);
  EXPECT_EQ(wl.groups[0].entries[0].item.kind, item_kind::visit);
  EXPECT_EQ(wl.groups[0].entries[0].item.due, iso("2026-03-13"));
}

TEST_F(WorklistTest, EmptyCaseload) {
  const worklist wl = make_worklist(caseload{}, iso("2026-03-02"), pol, cal);
  EXPECT_TRUE(wl.groups.empty());
  EXPECT_EQ(to_csv(wl), "group_role,person_id,person_name,case_id,child_id,case_kind,item,due,status,explanation\r\n");
  EXPECT_NE(to_table(wl).find("Nothing overdue or due soon."), std::string::npos);
  EXPECT_TRUE(njson::parse(to_json(wl)).at("groups").empty());
}

TEST_F(WorklistTest, ACaseThatCannotBeScheduledIsListedAsAProblem) {
  // worklist.hpp: a case whose schedule() throws is listed in `problems`; the rest go on.
  caseload mixed = cl;
  child_case c(case_id("CP-5"), child_id("C-6"), case_kind::cp);
  add(c, "icpc", initial_conference{.date = iso("2025-09-01")});
  // Midway date set after the next RCPC's due date (28 Nov + 6 months = Thu 28 May 2026).
  add(c, "r1", review_conference{.date = iso("2025-11-28"), .midway_date = iso("2026-06-01")});
  mixed.cases.insert(mixed.cases.begin() + 1, c);
  const worklist wl = make_worklist(mixed, iso("2026-03-02"), pol, cal);
  EXPECT_EQ(wl.groups, w.groups);  // the other cases are listed as before
  ASSERT_EQ(wl.problems.size(), 1U);
  const worklist_problem& p = wl.problems[0];
  EXPECT_EQ(p.case_id, case_id("CP-5"));
  EXPECT_EQ(p.code, error_code::rule_violation);
  EXPECT_EQ(p.field, "events['r1'].midway_date");
  EXPECT_FALSE(p.message.empty());
  EXPECT_TRUE(w.problems.empty());

  // In every rendering.
  EXPECT_NE(to_table(wl).find("CP-5"), std::string::npos);
  const std::string csv = to_csv(wl);
  const std::string last_row = csv.substr(csv.rfind("\r\n", csv.size() - 3) + 2);
  EXPECT_EQ(last_row.rfind(",,,CP-5,,,,,error,", 0), 0U) << last_row;
  EXPECT_NE(last_row.find("events['r1'].midway_date"), std::string::npos);
  const njson j = njson::parse(to_json(wl));
  ASSERT_EQ(j.at("problems").size(), 1U);
  EXPECT_EQ(j.at("problems")[0].at("case_id"), "CP-5");
  EXPECT_EQ(j.at("problems")[0].at("code"), "rule_violation");
  EXPECT_EQ(j.at("problems")[0].at("field"), "events['r1'].midway_date");
  EXPECT_EQ(j.at("problems")[0].at("message"), p.message);
  EXPECT_TRUE(njson::parse(to_json(w)).at("problems").empty());
}

// ---- renderings -----------------------------------------------------------------------------

TEST_F(WorklistTest, Csv) {
  auto row = [](const std::string& group_role, const std::string& person, const std::string& name, const std::string& cid,
                const std::string& kind, const std::string& item, const std::string& due, const std::string& status,
                const std::string& explanation) {
    return group_role + "," + person + "," + name + "," + cid + "," + child_of(cid) + "," + kind + "," + item + "," + due + "," +
           status + "," + explanation + "\r\n";
  };
  // The LAC midway explanation has a comma; SW-2's name has a comma and quotes: both quoted, quotes doubled.
  const std::string q_lac1_midway = "\"" + lac1_midway + "\"";
  const std::string sw2 = "\"Eve Smith, \"\"Jr\"\"\"";
  const std::string expected =
      "group_role,person_id,person_name,case_id,child_id,case_kind,item,due,status,explanation\r\n" +
      row("iro", "", "", "LAC-2", "LAC", "lac_review", "2026-03-16", "upcoming", lac2_review) +
      row("iro", "IRO-1", "Di Fay", "LAC-1", "LAC", "midway_review", "2025-12-24", "overdue", q_lac1_midway) +
      row("iro", "IRO-1", "Di Fay", "LAC-1", "LAC", "lac_review", "2026-03-26", "upcoming", lac1_review) +
      row("chair", "", "", "CP-2", "CP", "icpc", "2026-03-16", "upcoming", cp2_icpc) +
      row("chair", "CH-1", "Bob Roe", "CP-1", "CP", "midway_review", "2026-02-20", "overdue", cp1_midway) +
      row("chair", "CH-1", "Bob Roe", "CP-3", "CP", "midway_review", "2026-03-13", "upcoming", cp3_midway) +
      row("cpa", "CPA-1", "Cy Poe", "CP-1", "CP", "midway_review", "2026-02-20", "overdue", cp1_midway) +
      row("social_worker", "", "", "LAC-2", "LAC", "visit", "2026-02-23", "overdue", lac2_visit) +
      row("social_worker", "", "", "LAC-2", "LAC", "lac_review", "2026-03-16", "upcoming", lac2_review) +
      row("social_worker", "SW-1", "Ann Lee", "LAC-1", "LAC", "midway_review", "2025-12-24", "overdue", q_lac1_midway) +
      row("social_worker", "SW-1", "Ann Lee", "CP-1", "CP", "midway_review", "2026-02-20", "overdue", cp1_midway) +
      row("social_worker", "SW-1", "Ann Lee", "CP-1", "CP", "visit", "2026-03-09", "due_soon", cp1_visit) +
      row("social_worker", "SW-1", "Ann Lee", "CP-1", "CP", "core_group", "2026-03-09", "due_soon", cp1_core_group) +
      row("social_worker", "SW-1", "Ann Lee", "LAC-1", "LAC", "lac_review", "2026-03-26", "upcoming", lac1_review) +
      row("social_worker", "SW-2", sw2, "CP-3", "CP", "midway_review", "2026-03-13", "upcoming", cp3_midway) +
      row("social_worker", "SW-2", sw2, "CP-3", "CP", "visit", "2026-03-13", "upcoming", cp3_visit) +
      row("social_worker", "SW-2", sw2, "CP-2", "CP", "icpc", "2026-03-16", "upcoming", cp2_icpc);
  EXPECT_EQ(to_csv(w), expected);
}

TEST(WorklistCsv, QuotesCommasQuotesAndNewlinesInAnExplanation) {
  worklist wl{.as_of = iso("2026-03-02"), .groups = {}, .problems = {}};
  worklist_group g{.role = role::chair, .person = person_id("CH-1"), .name = "Bob", .entries = {}};
  g.entries.push_back(worklist_entry{.case_id = case_id("CP-1"),
                                     .child_id = child_id("C-1"),
                                     .kind = case_kind::cp,
                                     .item = due_item{.kind = item_kind::rcpc,
                                                      .due = iso("2026-03-03"),
                                                      .status = item_status::due_soon,
                                                      .from = {},
                                                      .explanation = "He said \"no\", twice\nthen yes"}});
  g.entries.push_back(worklist_entry{.case_id = case_id("CP-2"),
                                     .child_id = child_id("C-2"),
                                     .kind = case_kind::cp,
                                     .item = due_item{.kind = item_kind::rcpc,
                                                      .due = iso("2026-03-04"),
                                                      .status = item_status::upcoming,
                                                      .from = {},
                                                      .explanation = "plain"}});
  wl.groups.push_back(g);
  EXPECT_EQ(to_csv(wl),
            "group_role,person_id,person_name,case_id,child_id,case_kind,item,due,status,explanation\r\n"
            "chair,CH-1,Bob,CP-1,C-1,CP,rcpc,2026-03-03,due_soon,\"He said \"\"no\"\", twice\nthen yes\"\r\n"
            "chair,CH-1,Bob,CP-2,C-2,CP,rcpc,2026-03-04,upcoming,plain\r\n");
}

TEST_F(WorklistTest, JsonParsesAndMatches) {
  const njson j = njson::parse(to_json(w));
  EXPECT_EQ(j.at("schema"), "midway.worklist");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("as_of"), "2026-03-02");
  const auto& expected = expected_groups();
  const njson& groups = j.at("groups");
  ASSERT_EQ(groups.size(), expected.size());
  for (std::size_t g = 0; g < expected.size(); ++g) {
    const njson& got = groups[g];
    const auto& want = expected[g];
    EXPECT_EQ(got.at("role"), to_string(want.r));
    if (want.person) {
      EXPECT_EQ(got.at("person_id"), want.person);
    } else {
      EXPECT_TRUE(got.at("person_id").is_null());
    }
    EXPECT_EQ(got.at("name"), want.name);
    const njson& entries = got.at("entries");
    ASSERT_EQ(entries.size(), want.entries.size());
    for (std::size_t i = 0; i < want.entries.size(); ++i) {
      const auto& x = want.entries[i];
      EXPECT_EQ(entries[i].at("case_id"), x.case_id);
      EXPECT_EQ(entries[i].at("child_id"), child_of(x.case_id));
      EXPECT_EQ(entries[i].at("case_kind"), std::string_view(x.case_id).starts_with("CP") ? "CP" : "LAC");
      EXPECT_EQ(entries[i].at("item"), to_string(x.item));
      EXPECT_EQ(entries[i].at("due"), x.due);
      EXPECT_EQ(entries[i].at("status"), to_string(x.status));
      EXPECT_EQ(entries[i].at("explanation"), *x.explanation);
    }
  }
}

TEST_F(WorklistTest, TableHasTheGroupHeaders) {
  const std::string t = to_table(w);
  EXPECT_EQ(t.rfind("Worklist as of 2026-03-02\n", 0), 0U);
  const std::vector<std::string> headers{"\nIRO (unassigned)\n",
                                         "\nIRO IRO-1 (Di Fay)\n",
                                         "\nChair (unassigned)\n",
                                         "\nChair CH-1 (Bob Roe)\n",
                                         "\nCPA CPA-1 (Cy Poe)\n",
                                         "\nSocial worker (unassigned)\n",
                                         "\nSocial worker SW-1 (Ann Lee)\n",
                                         "\nSocial worker SW-2 (Eve Smith, \"Jr\")\n"};
  std::size_t last = 0;
  for (const auto& h : headers) {
    const auto at = t.find(h);
    ASSERT_NE(at, std::string::npos) << h;
    EXPECT_GT(at, last) << "group out of order: " << h;
    last = at;
  }
  EXPECT_NE(t.find("due soon"), std::string::npos);
  EXPECT_NE(t.find("overdue"), std::string::npos);
  EXPECT_NE(t.find(cp1_visit), std::string::npos);
  EXPECT_NE(t.find("2025-12-24"), std::string::npos);
  // Ids only: names of children never appear (none are recorded here), case ids do.
  EXPECT_NE(t.find("LAC-2"), std::string::npos);
}

TEST_F(WorklistTest, NoPersonalDetailsInAnyRendering) {
  caseload withnames = cl;
  for (auto& c : withnames.cases) c.personal = personal_details{.name = "Zed Child", .date_of_birth = iso("2014-07-09")};
  const worklist wl = make_worklist(withnames, iso("2026-03-02"), pol, cal);
  EXPECT_EQ(wl, w);
  for (const std::string& text : {to_table(wl), to_csv(wl), to_json(wl)}) {
    EXPECT_EQ(text.find("Zed"), std::string::npos);
    EXPECT_EQ(text.find("2014-07-09"), std::string::npos);
  }
}

}  // namespace
