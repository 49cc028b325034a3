// JSON (include/midway/json.hpp): round trips of cases, caseloads and policies, extension members
// kept verbatim, and errors with exact JSON paths. nlohmann::json is used as an independent
// reader of what midway writes.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <random>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace midway;
using midway_test::capture;
using midway_test::iso;
using njson = nlohmann::ordered_json;

event ev(const char* id, event_data data, bool correction = false, extensions extra = {}) {
  return event{.id = event_id(id), .data = std::move(data), .correction = correction, .extra = std::move(extra)};
}

// A CP case using every CP and either-kind event type with non-default field values, people,
// a plan, personal details and extension members on the case, a person, a recommendation and events.
child_case rich_cp_case() {
  child_case c(case_id("CP-9"), child_id("C-9"), case_kind::cp, iso("2026-01-02"), false);
  c.people = {
      person{.id = person_id("SW-1"), .role = role::social_worker, .name = "Ann Lee", .extra = {{"x_team", R"("North")"}}},
      person{.id = person_id("CH-1"), .role = role::chair, .name = "Bob Roe", .extra = {}},
      person{.id = person_id("CPA-1"), .role = role::cpa, .name = "", .extra = {}},
      person{.id = person_id("TM-1"), .role = role::team_manager, .name = "Tia", .extra = {}},
  };
  c.plan = {
      recommendation{.id = recommendation_id("R1"),
                     .text = "Refer to CAMHS, \"urgent\"",
                     .owner = role::social_worker,
                     .made_on = iso("2026-02-02"),
                     .due = iso("2026-03-02"),
                     .status = recommendation_status::done,
                     .done_on = iso("2026-02-27"),
                     .urgent = true,
                     .extra = {{"x_ics_ref", "12345"}, {"x_tags", R"(["health","school"])"}}},
      recommendation{.id = recommendation_id("R2"),
                     .text = "",
                     .owner = role::chair,
                     .made_on = std::nullopt,
                     .due = std::nullopt,
                     .status = recommendation_status::dropped,
                     .done_on = std::nullopt,
                     .urgent = false,
                     .extra = {}},
  };
  c.personal = personal_details{.name = "Jane Doe", .date_of_birth = iso("2015-06-01")};
  c.extra = {{"x_obj", R"({"a":[1,2,{"b":null}],"c":"d"})"},
             {"x_arr", R"([1,"two",false,null,2.5])"},
             {"x_num", "3.25"},
             {"x_int", "-42"},
             {"x_null", "null"},
             {"x_str", R"("hé \"quoted\"")"},
             {"x_bool", "true"}};
  c.record(ev("sd", strategy_discussion{.date = iso("2026-01-12"), .s47_started = true}, false,
              {{"x_src", R"({"system":"ICS","id":7})"}}));
  c.record(ev("s47", s47_enquiry{.date = iso("2026-01-12")}));
  c.record(ev("icpc", initial_conference{.date = iso("2026-02-02"), .pre_birth = true, .plan_started = true}));
  c.record(ev("tic", transfer_in_conference{.date = iso("2026-02-03"), .notified = iso("2026-01-20")}));
  c.record(ev("cg", core_group{.date = iso("2026-02-16"), .agencies = {"school", "health visitor"}}));
  c.record(ev("v1", visit{.date = iso("2026-02-16"), .seen = false, .seen_alone = true}));
  c.record(ev("r1", review_conference{.date = iso("2026-04-20"), .plan_continues = true, .midway_date = iso("2026-07-13")}));
  c.record(ev("pu", plan_updated{.date = iso("2026-04-21")}));
  c.record(ev("mo", management_oversight{.date = iso("2026-04-22")}));
  c.record(ev("dw", direct_work{.date = iso("2026-04-23"), .tool = "Three Houses"}));
  c.record(ev("cv", child_views_recorded{.date = iso("2026-04-23")}));
  c.record(ev("pv", parents_views_recorded{.date = iso("2026-04-24")}));
  c.record(ev("me", missing_episode{.date = iso("2026-05-01"), .returned = iso("2026-05-03")}));
  c.record(ev("cse", cse_concern{.date = iso("2026-05-05")}));
  c.record(ev("lpm", legal_planning_meeting{.date = iso("2026-05-06")}));
  c.record(ev("sp", safe_person_identified{.date = iso("2026-05-07"), .mentor_referral = true}));
  c.record(ev("cpr", contingency_plan_recorded{.date = iso("2026-05-08")}));
  c.record(ev("esc", escalation_to_tm{.date = iso("2026-05-11"), .reason = "drift: \"no core group\", escalate"}));
  c.record(ev("m1", midway_review{.date = iso("2026-07-01"), .outcome = midway_outcome::not_required,
                                  .decided_by = role::chair, .reason = "no issues"}));
  c.record(ev("end", plan_ended{.date = iso("2026-08-03"), .reason = plan_end_reason::moved_to_another_la}));
  c.record(ev("corr", visit{.date = iso("2026-08-10"), .seen = true, .seen_alone = false}, true,
              {{"x_note", R"("late entry")"}}));
  return c;
}

// A LAC case with every LAC event type, partial history and no opening date.
child_case rich_lac_case() {
  child_case c(case_id("LAC-3"), child_id("C-3"), case_kind::lac, std::nullopt, true);
  c.people = {person{.id = person_id("IRO-1"), .role = role::iro, .name = "Di Fay", .extra = {}}};
  c.record(ev("s1", started_looked_after{.date = iso("2026-01-05"), .legal_status = "C2"}));
  c.record(ev("p1", placement_start{.date = iso("2026-01-05"), .long_term = true, .placed_with_parent = true,
                                    .temporary_approval = true}));
  c.record(ev("v1", visit{.date = iso("2026-01-12"), .seen = true, .seen_alone = true}));
  c.record(ev("r1", lac_review{.date = iso("2026-02-02"), .midway_date = iso("2026-03-18")}));
  c.record(ev("m1", midway_review{.date = iso("2026-03-18"), .outcome = midway_outcome::held, .decided_by = role::iro,
                                  .reason = ""}));
  c.record(ev("end", ceased_looked_after{.date = iso("2026-06-01"), .reason = "E11"}));
  return c;
}

// A minimal caseload document around one case's members (as text).
std::string caseload_with(const std::string& case_members) {
  return R"({"schema": "midway.caseload", "version": 1, "cases": [{)" + case_members + "}]}";
}

const std::string cp1_head = R"("case_id": "CP-1", "child_id": "C-1", "kind": "CP")";

// ---- round trips ---------------------------------------------------------------------------

TEST(JsonRoundTrip, RichCpCase) {
  const child_case original = rich_cp_case();
  const std::string text = to_json(original);
  const child_case loaded = case_from_json(text);
  EXPECT_TRUE(loaded == original);
  EXPECT_EQ(loaded.history(), original.history());
  EXPECT_EQ(loaded.people, original.people);
  EXPECT_EQ(loaded.plan, original.plan);
  EXPECT_EQ(loaded.personal, original.personal);
  EXPECT_EQ(loaded.extra, original.extra);
  EXPECT_EQ(loaded.opened(), original.opened());
  // Byte-identical on the second write.
  EXPECT_EQ(to_json(loaded), text);
  EXPECT_EQ(to_json(loaded, -1), to_json(original, -1));
}

TEST(JsonRoundTrip, RichLacCase) {
  const child_case original = rich_lac_case();
  const std::string text = to_json(original);
  const child_case loaded = case_from_json(text);
  EXPECT_TRUE(loaded == original);
  EXPECT_TRUE(loaded.partial_history());
  EXPECT_FALSE(loaded.opened().has_value());
  EXPECT_EQ(to_json(loaded), text);
}

TEST(JsonRoundTrip, WhatIsWrittenReadsAsExpected) {
  const njson j = njson::parse(to_json(rich_cp_case()));
  EXPECT_EQ(j.at("schema"), "midway.case");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("case_id"), "CP-9");
  EXPECT_EQ(j.at("child_id"), "C-9");
  EXPECT_EQ(j.at("kind"), "CP");
  EXPECT_EQ(j.at("opened"), "2026-01-02");
  EXPECT_EQ(j.at("personal").at("date_of_birth"), "2015-06-01");
  EXPECT_EQ(j.at("people").size(), 4U);
  EXPECT_EQ(j.at("people")[0].at("x_team"), "North");
  EXPECT_EQ(j.at("plan")[0].at("x_ics_ref"), 12345);
  EXPECT_EQ(j.at("x_obj").at("a")[2].at("b"), nullptr);
  EXPECT_EQ(j.at("x_num"), 3.25);
  const njson& events = j.at("events");
  ASSERT_EQ(events.size(), 21U);
  // In date order with every event type named.
  EXPECT_EQ(events[0].at("id"), "sd");
  EXPECT_EQ(events[0].at("type"), "strategy_discussion");
  EXPECT_EQ(events[0].at("x_src").at("system"), "ICS");
  EXPECT_EQ(events[5].at("type"), "visit");
  EXPECT_EQ(events[5].at("seen"), false);
  EXPECT_EQ(events[6].at("midway_date"), "2026-07-13");
  EXPECT_EQ(events[18].at("decided_by"), "chair");
  EXPECT_EQ(events[19].at("reason"), "moved_to_another_la");
  EXPECT_EQ(events[20].at("correction"), true);
  EXPECT_FALSE(events[19].contains("correction"));  // only written when true
}

TEST(JsonRoundTrip, Caseload) {
  caseload cl;
  cl.cases = {rich_cp_case(), rich_lac_case()};
  cl.extra = {{"x_la", R"("Anytown")"}, {"x_export", R"({"at":"2026-09-01T10:00:00Z"})"}};
  const std::string text = to_json(cl);
  const caseload loaded = caseload_from_json(text);
  EXPECT_TRUE(loaded == cl);
  EXPECT_EQ(to_json(loaded), text);
  const njson j = njson::parse(text);
  EXPECT_EQ(j.at("schema"), "midway.caseload");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("cases").size(), 2U);
  // Cases inside a caseload carry no schema/version of their own.
  EXPECT_FALSE(j.at("cases")[0].contains("schema"));
  EXPECT_EQ(j.at("x_la"), "Anytown");

  const caseload empty = caseload_from_json(R"({"schema": "midway.caseload", "version": 1, "cases": []})");
  EXPECT_TRUE(empty.cases.empty());
}

TEST(JsonRoundTrip, LoadCaseloadFromAFile) {
  caseload cl;
  cl.cases = {rich_lac_case()};
  // Unique per run: several build trees may run this suite at the same time.
  const auto path = std::filesystem::temp_directory_path() /
                    ("midway_test_caseload_" + std::to_string(std::random_device{}()) + "_" +
                     std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << to_json(cl);
  }
  EXPECT_EQ(load_caseload(path), cl);
  std::filesystem::remove(path);
  const auto err = capture<not_found_error>([&] { (void)load_caseload(path); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "path");
}

TEST(JsonRoundTrip, DefaultsWhenMembersAreLeftOut) {
  const child_case c = case_from_json(R"({"schema": "midway.case", "version": 1, )" + cp1_head + R"(,
    "events": [{"type": "strategy_discussion", "date": "2026-01-12"},
               {"type": "visit", "date": "2026-01-13"}]})");
  ASSERT_EQ(c.history().size(), 2U);
  // Missing ids are numbered by position; other fields take their defaults.
  EXPECT_EQ(c.history()[0].id, event_id("e1"));
  EXPECT_EQ(c.history()[1].id, event_id("e2"));
  EXPECT_FALSE(std::get<strategy_discussion>(c.history()[0].data).s47_started);
  EXPECT_TRUE(std::get<visit>(c.history()[1].data).seen);
  EXPECT_FALSE(c.opened().has_value());
  EXPECT_FALSE(c.partial_history());
  EXPECT_FALSE(c.personal.has_value());
  EXPECT_TRUE(c.people.empty());
  EXPECT_TRUE(c.extra.empty());
}

// ---- extension members ---------------------------------------------------------------------

TEST(JsonExtensions, EveryJsonTypeIsKeptAndWrittenBack) {
  const std::string text = R"({"schema": "midway.case", "version": 1, )" + cp1_head + R"(,
    "x_obj": {"a": [1, 2], "b": {"c": null}},
    "x_arr": [1, "two", true, null, {"k": "v"}],
    "x_num": 3.25,
    "x_int": -7,
    "x_null": null,
    "x_str": "a \"b\", c",
    "x_bool": false,
    "people": [{"id": "SW-1", "role": "social_worker", "x_phone": {"ext": 123}}],
    "plan": [{"id": "R1", "text": "t", "x_prio": [3]}],
    "events": [{"id": "e1", "type": "visit", "date": "2026-01-13", "x_loc": "home", "x_dur": 45.5}]})";
  const child_case c = case_from_json(text);
  EXPECT_EQ(c.extra.at("x_obj"), R"({"a":[1,2],"b":{"c":null}})");
  EXPECT_EQ(c.extra.at("x_arr"), R"([1,"two",true,null,{"k":"v"}])");
  EXPECT_EQ(c.extra.at("x_num"), "3.25");
  EXPECT_EQ(c.extra.at("x_int"), "-7");
  EXPECT_EQ(c.extra.at("x_null"), "null");
  EXPECT_EQ(c.extra.at("x_str"), R"("a \"b\", c")");
  EXPECT_EQ(c.extra.at("x_bool"), "false");
  EXPECT_EQ(c.extra.size(), 7U);
  EXPECT_EQ(c.people.at(0).extra.at("x_phone"), R"({"ext":123})");
  EXPECT_EQ(c.plan.at(0).extra.at("x_prio"), "[3]");
  EXPECT_EQ(c.history().at(0).extra.at("x_loc"), R"("home")");
  EXPECT_EQ(c.history().at(0).extra.at("x_dur"), "45.5");

  // Written back with the same values, member by member.
  const njson in = njson::parse(text);
  const njson out = njson::parse(to_json(c));
  for (const char* k : {"x_obj", "x_arr", "x_num", "x_int", "x_null", "x_str", "x_bool"}) {
    SCOPED_TRACE(k);
    ASSERT_TRUE(out.contains(k));
    EXPECT_EQ(out.at(k), in.at(k));
  }
  EXPECT_EQ(out.at("people")[0].at("x_phone"), in.at("people")[0].at("x_phone"));
  EXPECT_EQ(out.at("plan")[0].at("x_prio"), in.at("plan")[0].at("x_prio"));
  EXPECT_EQ(out.at("events")[0].at("x_loc"), "home");
  EXPECT_EQ(out.at("events")[0].at("x_dur"), 45.5);
  // A second load gives the same case.
  EXPECT_EQ(case_from_json(to_json(c)), c);
}

TEST(JsonExtensions, CaseloadMembersAreKept) {
  const caseload cl = caseload_from_json(
      R"({"schema": "midway.caseload", "version": 1, "cases": [], "x_meta": {"source": "ICS", "n": [1, 2]}, "x_flag": null})");
  EXPECT_EQ(cl.extra.at("x_meta"), R"({"source":"ICS","n":[1,2]})");
  EXPECT_EQ(cl.extra.at("x_flag"), "null");
  const njson out = njson::parse(to_json(cl));
  EXPECT_EQ(out.at("x_meta").at("n")[1], 2);
  EXPECT_TRUE(out.at("x_flag").is_null());
}

// ---- errors ---------------------------------------------------------------------------------

TEST(JsonErrors, MalformedJson) {
  for (const char* bad : {"{", "", "[1,", "{\"case_id\": }", "nope"}) {
    SCOPED_TRACE(bad);
    const auto e1 = capture<parse_error>([&] { (void)case_from_json(bad); });
    ASSERT_TRUE(e1);
    EXPECT_EQ(e1->field(), "$");
    EXPECT_EQ(e1->record_id(), "");
    const auto e2 = capture<parse_error>([&] { (void)caseload_from_json(bad); });
    ASSERT_TRUE(e2);
    EXPECT_EQ(e2->field(), "$");
    const auto e3 = capture<parse_error>([&] { (void)policy_from_json(bad); });
    ASSERT_TRUE(e3);
    EXPECT_EQ(e3->field(), "$");
  }
  // Valid JSON that is not an object.
  EXPECT_EQ(capture<parse_error>([] { (void)caseload_from_json("[]"); })->field(), "$");
  // A timescale is a length: a negative count is out of range, named by its path.
  const auto negative = capture<out_of_range_error>([] { (void)policy_from_json(R"({"cp_visit_interval": {"count": -2, "unit": "weeks"}})"); });
  ASSERT_TRUE(negative);
  EXPECT_EQ(negative->field(), "$.cp_visit_interval.count");
  EXPECT_EQ(policy_from_json(R"({"pre_birth_first_rcpc": {"count": 0, "unit": "months"}})").pre_birth_first_rcpc.count, 0);
  EXPECT_EQ(capture<parse_error>([] { (void)case_from_json("42"); })->field(), "$");
}

// docs/json.md: "Each error's field is the JSON path of the fault"; its table gives a missing member
// and a wrong type the same kind of path, the member's own ("$.cases[3].events[7].seen"). So a
// missing case_id is reported at "$.cases[0].case_id" (and "$.case_id" for a standalone case).
TEST(JsonErrors, MissingCaseId) {
  const auto err = capture<parse_error>([] { (void)caseload_from_json(caseload_with(R"("child_id": "C-1", "kind": "CP")")); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].case_id");
  EXPECT_NE(err->message().find("case_id"), std::string::npos);
  EXPECT_EQ(err->record_id(), "");
  const auto top = capture<parse_error>(
      [] { (void)case_from_json(R"({"schema": "midway.case", "version": 1, "child_id": "C-1", "kind": "CP"})"); });
  ASSERT_TRUE(top);
  EXPECT_EQ(top->field(), "$.case_id");
  // Missing child_id: the case id is known by then.
  const auto child = capture<parse_error>([] { (void)caseload_from_json(caseload_with(R"("case_id": "CP-1", "kind": "CP")")); });
  ASSERT_TRUE(child);
  EXPECT_EQ(child->field(), "$.cases[0].child_id");
  EXPECT_EQ(child->record_id(), "CP-1");
  // A missing event type.
  const auto type = capture<parse_error>(
      [] { (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [{"id": "x", "date": "2026-02-02"}])")); });
  ASSERT_TRUE(type);
  EXPECT_EQ(type->field(), "$.cases[0].events[0].type");
}

TEST(JsonErrors, EmptyCaseId) {
  const auto empty = capture<invalid_argument_error>(
      [] { (void)caseload_from_json(caseload_with(R"("case_id": "", "child_id": "C-1", "kind": "CP")")); });
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->field(), "$.cases[0].case_id");
}

TEST(JsonErrors, WrongType) {
  const auto err = capture<parse_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
        {"id": "v1", "type": "visit", "date": "2026-02-05", "seen": "yes"}])"));
  });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].events[1].seen");
  EXPECT_EQ(err->record_id(), "CP-1");
  EXPECT_EQ(err->code(), error_code::parse_error);

  EXPECT_EQ(capture<parse_error>([] { (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": {})")); })->field(),
            "$.cases[0].events");
  EXPECT_EQ(capture<parse_error>([] { (void)caseload_from_json(caseload_with(cp1_head + R"(, "partial_history": 1)")); })->field(),
            "$.cases[0].partial_history");
  EXPECT_EQ(capture<parse_error>([] {
              (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [{"type": "core_group", "date": "2026-02-02",
                                                                    "agencies": ["a", 2]}])"));
            })->field(),
            "$.cases[0].events[0].agencies[1]");
  EXPECT_EQ(capture<parse_error>([] { (void)caseload_from_json(R"({"schema": "midway.caseload", "version": 1, "cases": {}})"); })
                ->field(),
            "$.cases");
  EXPECT_EQ(capture<parse_error>([] { (void)caseload_from_json(caseload_with(R"("case_id": 7, "child_id": "C-1", "kind": "CP")")); })
                ->field(),
            "$.cases[0].case_id");
}

TEST(JsonErrors, UnknownEnum) {
  const auto err = capture<unknown_code_error>(
      [] { (void)caseload_from_json(caseload_with(R"("case_id": "CP-1", "child_id": "C-1", "kind": "CIN")")); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].kind");
  EXPECT_EQ(err->record_id(), "CP-1");
  EXPECT_NE(err->message().find("CIN"), std::string::npos);

  const auto role_err = capture<unknown_code_error>(
      [] { (void)caseload_from_json(caseload_with(cp1_head + R"(, "people": [{"id": "P", "role": "boss"}])")); });
  ASSERT_TRUE(role_err);
  EXPECT_EQ(role_err->field(), "$.cases[0].people[0].role");
  EXPECT_EQ(role_err->record_id(), "CP-1");

  const auto reason_err = capture<unknown_code_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
        {"id": "end", "type": "plan_ended", "date": "2026-06-01", "reason": "closed"}])"));
  });
  ASSERT_TRUE(reason_err);
  EXPECT_EQ(reason_err->field(), "$.cases[0].events[1].reason");
}

TEST(JsonErrors, UnknownEventType) {
  const auto err = capture<unknown_code_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [{"id": "x", "type": "home_visit", "date": "2026-02-02"}])"));
  });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].events[0].type");
  EXPECT_EQ(err->record_id(), "CP-1");
  EXPECT_NE(err->message().find("home_visit"), std::string::npos);
  EXPECT_NE(err->message().find("strategy_discussion"), std::string::npos);  // lists the valid types
}

TEST(JsonErrors, ImpossibleDate) {
  const auto err = capture<invalid_date_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
        {"id": "v1", "type": "visit", "date": "2026-02-30"}])"));
  });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].events[1].date");
  EXPECT_EQ(err->record_id(), "CP-1");

  const auto opened = capture<invalid_date_error>(
      [] { (void)case_from_json(R"({"schema": "midway.case", "version": 1, )" + cp1_head + R"(, "opened": "02/01/2026"})"); });
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->field(), "$.opened");
  EXPECT_EQ(opened->record_id(), "CP-1");

  const auto midway = capture<invalid_date_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
        {"id": "r1", "type": "review_conference", "date": "2026-04-20", "midway_date": "2026-13-01"}])"));
  });
  ASSERT_TRUE(midway);
  EXPECT_EQ(midway->field(), "$.cases[0].events[1].midway_date");
}

TEST(JsonErrors, SchemaAndVersion) {
  auto caseload_err = [](const std::string& head) {
    return capture<parse_error>([&] { (void)caseload_from_json("{" + head + R"(, "cases": []})"); });
  };
  auto v2 = caseload_err(R"("schema": "midway.caseload", "version": 2)");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->field(), "$.version");
  EXPECT_EQ(caseload_err(R"("schema": "midway.caseload", "version": 0)")->field(), "$.version");
  EXPECT_EQ(caseload_err(R"("schema": "midway.caseload", "version": "1")")->field(), "$.version");
  auto schema = caseload_err(R"("schema": "midway.case", "version": 1)");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->field(), "$.schema");
  EXPECT_EQ(caseload_err(R"("version": 1, "x": 0)")->field(), "$");     // schema missing
  EXPECT_EQ(caseload_err(R"("schema": "midway.caseload")")->field(), "$");  // version missing

  const auto case_schema = capture<parse_error>(
      [] { (void)case_from_json(R"({"schema": "midway.caseload", "version": 1, )" + cp1_head + "}"); });
  ASSERT_TRUE(case_schema);
  EXPECT_EQ(case_schema->field(), "$.schema");
  const auto case_version = capture<parse_error>(
      [] { (void)case_from_json(R"({"schema": "midway.case", "version": 9, )" + cp1_head + "}"); });
  ASSERT_TRUE(case_version);
  EXPECT_EQ(case_version->field(), "$.version");
}

TEST(JsonErrors, DuplicateCaseId) {
  const auto err = capture<invalid_argument_error>([] {
    (void)caseload_from_json(R"({"schema": "midway.caseload", "version": 1, "cases": [
        {"case_id": "CP-1", "child_id": "C-1", "kind": "CP"},
        {"case_id": "LAC-1", "child_id": "C-1", "kind": "LAC"},
        {"case_id": "CP-1", "child_id": "C-2", "kind": "CP"}]})");
  });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[2].case_id");
  EXPECT_EQ(err->record_id(), "CP-1");
}

TEST(JsonErrors, DuplicateRecommendationId) {
  const auto err = capture<invalid_argument_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "plan": [{"id": "R1"}, {"id": "R2"}, {"id": "R1"}])"));
  });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].plan[2].id");
  EXPECT_EQ(err->record_id(), "CP-1");
}

const std::string rule_breaking = caseload_with(cp1_head + R"(, "events": [
    {"id": "sd", "type": "strategy_discussion", "date": "2026-01-12", "s47_started": true},
    {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
    {"id": "r1", "type": "lac_review", "date": "2026-04-20"}])");

TEST(JsonErrors, RuleViolationIsReTargetedAtTheJsonPath) {
  try {
    (void)caseload_from_json(rule_breaking);
    ADD_FAILURE() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::rule_violation);
    EXPECT_EQ(e.field(), "$.cases[0].events[2].type");
    EXPECT_EQ(e.record_id(), "CP-1");
  }
  // A review conference before any initial conference, and a midway date not after its review.
  try {
    (void)case_from_json(R"({"schema": "midway.case", "version": 1, )" + cp1_head + R"(, "events": [
        {"id": "icpc", "type": "initial_conference", "date": "2026-02-02"},
        {"id": "r1", "type": "review_conference", "date": "2026-04-20", "midway_date": "2026-04-20"}]})");
    ADD_FAILURE() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::rule_violation);
    EXPECT_EQ(e.field(), "$.events[1].midway_date");
    EXPECT_EQ(e.record_id(), "CP-1");
  }
  // A duplicate event id: invalid_argument at the id's path.
  try {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "v", "type": "visit", "date": "2026-02-02"},
        {"id": "v", "type": "visit", "date": "2026-02-03"}])"));
    ADD_FAILURE() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::invalid_argument);
    EXPECT_EQ(e.field(), "$.cases[0].events[1].id");
  }
}

// json.hpp lists "rule_violation_error an event breaking a case rule (child_case::record)", and
// docs/errors.md catches errors by subclass (catch (const midway::invalid_date_error&)): a rule
// violation found while loading is thrown as a rule_violation_error, a duplicate event id as an
// invalid_argument_error, like child_case::record throws them.
TEST(JsonErrors, RuleViolationKeepsItsErrorClass) {
  const auto err = capture<rule_violation_error>([] { (void)caseload_from_json(rule_breaking); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cases[0].events[2].type");
  const auto dup = capture<invalid_argument_error>([] {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "events": [
        {"id": "v", "type": "visit", "date": "2026-02-02"},
        {"id": "v", "type": "visit", "date": "2026-02-03"}])"));
  });
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->field(), "$.cases[0].events[1].id");
}

TEST(JsonErrors, MessagesDoNotRepeatPersonalDetails) {
  try {
    (void)caseload_from_json(caseload_with(cp1_head + R"(, "personal": {"name": "Jane Doe", "date_of_birth": "2015-02-30"})"));
    ADD_FAILURE() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::invalid_date);
    EXPECT_EQ(e.field(), "$.cases[0].personal.date_of_birth");
    EXPECT_EQ(std::string(e.what()).find("Jane"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("2015"), std::string::npos);  // not even the year and month
  }
}

// ---- policies -------------------------------------------------------------------------------

TEST(JsonPolicy, PresetWithOverrides) {
  const policy p = policy_from_json(R"({"preset": "scotland",
      "cp_visit_interval": {"count": 2, "unit": "weeks"},
      "counting": "inclusive",
      "month_counting": "fixed_days",
      "due_on_non_working_day": "next_working_day",
      "midway_in_short_intervals": true,
      "lac_midway_rule": "fixed_span"})");
  policy expected = policy::scotland();
  expected.cp_visit_interval = {2, period_unit::week};
  expected.counting = day_count::inclusive;
  expected.month_counting = month_basis::fixed_days;
  expected.due_on_non_working_day = non_working_due::next_working_day;
  expected.midway_in_short_intervals = true;
  expected.lac_midway_rule = midway_rule::fixed_span;
  EXPECT_EQ(p, expected);
  EXPECT_EQ(p.name, "scotland");

  EXPECT_EQ(policy_from_json("{}"), policy::england());
  EXPECT_EQ(policy_from_json(R"({"preset": "wales"})"), policy::wales());
  EXPECT_EQ(policy_from_json(R"({"schema": "midway.policy", "version": 1, "name": "camden"})").name, "camden");
}

TEST(JsonPolicy, UnknownSettingIsAnError) {
  const auto err = capture<unknown_code_error>(
      [] { (void)policy_from_json(R"({"preset": "wales", "cp_visit_intervall": {"count": 2, "unit": "weeks"}})"); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field(), "$.cp_visit_intervall");
  EXPECT_NE(err->message().find("cp_visit_intervall"), std::string::npos);

  EXPECT_EQ(capture<unknown_code_error>([] { (void)policy_from_json(R"({"preset": "x"})"); })->field(), "$.preset");
  EXPECT_EQ(capture<unknown_code_error>([] {
              (void)policy_from_json(R"({"cp_visit_interval": {"count": 2, "unit": "fortnights"}})");
            })->field(),
            "$.cp_visit_interval.unit");
  EXPECT_EQ(capture<unknown_code_error>([] { (void)policy_from_json(R"({"counting": "both"})"); })->field(), "$.counting");
  EXPECT_EQ(capture<parse_error>([] { (void)policy_from_json(R"({"cp_visit_interval": {"count": 2, "unit": "weeks", "days": 1}})"); })
                ->field(),
            "$.cp_visit_interval.days");
  EXPECT_EQ(capture<parse_error>([] { (void)policy_from_json(R"({"cp_visit_interval": {"count": 2}})"); })->field(),
            "$.cp_visit_interval");
  EXPECT_EQ(capture<parse_error>([] { (void)policy_from_json(R"({"cp_visit_interval": {"count": 2.5, "unit": "weeks"}})"); })
                ->field(),
            "$.cp_visit_interval.count");
  EXPECT_EQ(capture<parse_error>([] { (void)policy_from_json(R"({"midway_in_short_intervals": "yes"})"); })->field(),
            "$.midway_in_short_intervals");
  EXPECT_EQ(capture<parse_error>([] { (void)policy_from_json(R"({"schema": "midway.case"})"); })->field(), "$.schema");
}

TEST(JsonPolicy, EveryPresetRoundTrips) {
  for (const policy& p : {policy::england(), policy::wales(), policy::scotland()}) {
    SCOPED_TRACE(p.name);
    const std::string text = to_json(p);
    EXPECT_EQ(policy_from_json(text), p);
    EXPECT_EQ(to_json(policy_from_json(text)), text);
    const njson j = njson::parse(text);
    EXPECT_EQ(j.at("schema"), "midway.policy");
    EXPECT_EQ(j.at("version"), 1);
    EXPECT_EQ(j.at("name"), p.name);
    EXPECT_EQ(j.at("icpc_after_strategy").at("count"), p.icpc_after_strategy.count);
    EXPECT_EQ(j.at("icpc_after_strategy").at("unit"), to_string(p.icpc_after_strategy.unit));
  }
}

TEST(JsonPolicy, EveryFieldIsWrittenAndRead) {
  policy p = policy::england();
  p.name = "custom";
  p.icpc_after_strategy = {14, period_unit::working_day};
  p.transfer_in_after_notification = {20, period_unit::calendar_day};
  p.first_core_group_after_icpc = {9, period_unit::working_day};
  p.core_group_interval = {4, period_unit::week};
  p.first_rcpc_after_icpc = {2, period_unit::month};
  p.rcpc_interval = {5, period_unit::month};
  p.pre_birth_first_rcpc = {20, period_unit::working_day};
  p.cp_visit_interval = {2, period_unit::week};
  p.first_lac_review = {19, period_unit::working_day};
  p.second_lac_review = {2, period_unit::month};
  p.lac_review_interval = {5, period_unit::month};
  p.lac_visit_after_placement = {5, period_unit::calendar_day};
  p.lac_visit_first_year = {5, period_unit::week};
  p.lac_visit_long_term = {6, period_unit::month};
  p.lac_visit_other = {4, period_unit::week};
  p.lac_visit_parent_or_temporary = {6, period_unit::calendar_day};
  p.cp_midway_rule = midway_rule::halfway;
  p.cp_midway_after_review = {13, period_unit::week};
  p.lac_midway_rule = midway_rule::fixed_span;
  p.lac_midway_after_review = {90, period_unit::calendar_day};
  p.midway_in_short_intervals = true;
  p.counting = day_count::inclusive;
  p.month_counting = month_basis::fixed_days;
  p.due_on_non_working_day = non_working_due::stands;
  p.due_soon_window = {10, period_unit::calendar_day};
  const std::string text = to_json(p);
  EXPECT_EQ(policy_from_json(text), p);
  std::size_t members = 0;
  detail::for_each_field<policy>([&](const auto&) { ++members; });
  EXPECT_EQ(njson::parse(text).size(), members + 2);  // + schema and version
}

// ---- schedules ------------------------------------------------------------------------------

TEST(JsonSchedule, ScheduleIsWrittenWithEveryItem) {
  child_case c(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  c.record(event{.id = event_id("sd"), .data = strategy_discussion{.date = iso("2026-01-12"), .s47_started = true},
                 .correction = false, .extra = {}});
  const auto s = schedule(c, iso("2026-02-04"), policy::england(), calendar());
  const njson j = njson::parse(to_json(s));
  EXPECT_EQ(j.at("schema"), "midway.schedule");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("case_id"), "CP-1");
  EXPECT_EQ(j.at("kind"), "CP");
  EXPECT_EQ(j.at("as_of"), "2026-02-04");
  EXPECT_EQ(j.at("next_review").at("kind"), "icpc");
  EXPECT_EQ(j.at("next_review").at("due"), "2026-02-02");
  EXPECT_EQ(j.at("next_review").at("status"), "overdue");
  EXPECT_EQ(j.at("next_review").at("from"), njson::array({"sd"}));
  EXPECT_EQ(j.at("next_review").at("explanation"), s.next_review.explanation);
  EXPECT_TRUE(j.at("next_visit").at("due").is_null());
  EXPECT_EQ(j.at("next_visit").at("status"), "not_applicable");
  ASSERT_EQ(j.at("history").size(), 1U);
  const njson& g = j.at("history")[0];
  EXPECT_EQ(g.at("kind"), "icpc");
  EXPECT_EQ(g.at("from"), "2026-01-12");
  EXPECT_EQ(g.at("to"), "2026-02-04");
  EXPECT_EQ(g.at("limit"), "2026-02-02");
  EXPECT_EQ(g.at("length"), 17);
  EXPECT_EQ(g.at("unit"), "working_days");
  EXPECT_EQ(g.at("kept"), false);
  EXPECT_EQ(g.at("open"), true);
  EXPECT_EQ(g.at("events"), njson::array({"sd"}));
}

}  // namespace
