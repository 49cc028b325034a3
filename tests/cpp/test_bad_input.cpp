// The bad-input catalogue (issue 15), C++ side; its twin is tests/python/test_bad_input.py.
// Each test asserts the error class (or finding), the field path and record id, and that no
// personal value (name, date of birth) is in any message.
#include "test_support.hpp"

#include "cli.hpp"

#include <unistd.h>

#include <string>

namespace {

using midway_test::capture;

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

// A caseload with one CP case; `member` is spliced into the case object before its case_id.
std::string caseload_with(std::string_view member, std::string_view events = "", std::string_view personal = "") {
  std::string out = R"({"schema": "midway.caseload", "version": 1, "cases": [{)";
  if (!member.empty()) out += std::string(member) + ", ";
  out += R"("case_id": "CP-1", "child_id": "C-1", "kind": "CP")";
  if (!personal.empty()) out += R"(, "personal": )" + std::string(personal);
  out += R"(, "events": [)" + std::string(events) + "]}]}";
  return out;
}

constexpr std::string_view child_events =
    R"({"type": "strategy_discussion", "date": "2026-01-05", "s47_started": true},
       {"type": "initial_conference", "date": "2026-01-23"})";

// ---- JSON nesting ------------------------------------------------------------------------

TEST(BadInput, DeeplyNestedExtensionMemberIsAParseErrorNotACrash) {
  for (std::size_t depth : {65u, 5000u, 100000u}) {
    const std::string text = caseload_with(R"("deep": )" + nested(depth));
    const auto e = capture<midway::parse_error>([&] { (void)midway::caseload_from_json(text); });
    ASSERT_TRUE(e) << depth;
    EXPECT_TRUE(e->field().starts_with("$.cases[0].deep[0][0]")) << e->field();
    EXPECT_EQ(e->record_id(), "CP-1");  // found although case_id comes after the deep member
    EXPECT_TRUE(contains(e->message(), "64 levels")) << e->message();
  }
  // Objects, too, in a case document.
  const std::string obj = R"({"schema": "midway.case", "version": 1, "case_id": "CP-2", "child_id": "C-2", "kind": "CP", "x": )" +
                          [] {
                            std::string s;
                            for (int i = 0; i < 100000; ++i) s += R"({"a": )";
                            return s + "1" + std::string(100000, '}');
                          }() +
                          "}";
  const auto e = capture<midway::parse_error>([&] { (void)midway::case_from_json(obj); });
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->field().starts_with("$.x.a.a")) << e->field();
  EXPECT_EQ(e->record_id(), "CP-2");
}

TEST(BadInput, NestingUpToTheLimitIsRead) {
  // "$" is level 1, the case object in "cases" level 3: 61 more levels fit.
  const midway::caseload cl = midway::caseload_from_json(caseload_with(R"("deep": )" + nested(61)));
  ASSERT_EQ(cl.cases.size(), 1u);
  EXPECT_TRUE(cl.cases[0].extra.contains("deep"));
  EXPECT_NO_THROW((void)midway::to_json(cl));
  EXPECT_THROW((void)midway::caseload_from_json(caseload_with(R"("deep": )" + nested(62))), midway::parse_error);
}

TEST(BadInput, EveryJsonReaderHasTheLimit) {
  const auto policy = capture<midway::parse_error>([] { (void)midway::policy_from_json(R"({"x": )" + nested(100000) + "}"); });
  ASSERT_TRUE(policy);
  EXPECT_TRUE(policy->field().starts_with("$.x[0]")) << policy->field();
  const auto feed = capture<midway::parse_error>([] { (void)midway::govuk_feed::parse(R"({"scotland": )" + nested(100000) + "}"); });
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->field().starts_with("$.scotland[0]")) << feed->field();
  // An extension member set in C++ to deeply nested text is refused when written, not a crash.
  midway::child_case c(midway::case_id("CP-9"), midway::child_id("C-9"), midway::case_kind::cp);
  c.extra["deep"] = nested(100000);
  const auto write = capture<midway::invalid_argument_error>([&] { (void)midway::to_json(c); });
  ASSERT_TRUE(write);
  EXPECT_EQ(write->field(), "extra['deep']");
  EXPECT_EQ(write->record_id(), "CP-9");
}

// ---- duplicate member names ----------------------------------------------------------------

TEST(BadInput, DuplicateMemberNamesAreRefused) {
  const auto e = capture<midway::parse_error>([] {
    (void)midway::caseload_from_json(
        R"({"schema": "midway.caseload", "version": 1, "cases": [{"case_id": "CP-1", "child_id": "C-1", "kind": "CP", "kind": "LAC"}]})");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "$.cases[0].kind");
  EXPECT_EQ(e->record_id(), "CP-1");
  EXPECT_TRUE(contains(e->message(), "'kind' appears twice")) << e->message();

  const auto nested_dup = capture<midway::parse_error>([] {
    (void)midway::caseload_from_json(caseload_with("", R"({"type": "visit", "date": "2026-01-30", "seen": true, "seen": false})"));
  });
  ASSERT_TRUE(nested_dup);
  EXPECT_EQ(nested_dup->field(), "$.cases[0].events[0].seen");
  EXPECT_EQ(nested_dup->record_id(), "CP-1");
  // The same name in two objects is fine.
  EXPECT_NO_THROW((void)midway::caseload_from_json(caseload_with(R"("a": {"x": 1}, "b": {"x": 2})")));
}

// ---- personal data -------------------------------------------------------------------------

TEST(BadInput, TheDateOfBirthIsNeverEchoed) {
  for (std::string_view dob : {"09/07/2014", "2014-02-30", "2014-13-01", "not a date"}) {
    const std::string personal = R"({"name": "Secret Name", "date_of_birth": ")" + std::string(dob) + "\"}";
    try {
      (void)midway::caseload_from_json(caseload_with("", "", personal));
      ADD_FAILURE() << dob;
    } catch (const midway::error& e) {
      EXPECT_EQ(e.field(), "$.cases[0].personal.date_of_birth");
      EXPECT_EQ(e.record_id(), "CP-1");
      EXPECT_TRUE(contains(e.message(), "the date of birth is not a valid date")) << e.message();
      EXPECT_FALSE(contains(e.what(), dob)) << e.what();
      EXPECT_FALSE(contains(e.what(), "2014")) << e.what();
      EXPECT_FALSE(contains(e.what(), "Secret Name")) << e.what();
    }
  }
}

TEST(BadInput, BothCommandLinesKeepTheDateOfBirthOutOfMessages) {
  const auto dir = std::filesystem::temp_directory_path() / ("midway_bad_input_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "caseload.json";
  std::ofstream(file) << caseload_with("", "", R"({"name": "Secret Name", "date_of_birth": "2014-02-30"})");
  std::ostringstream out, err;
  const int status = midway::cli::run({"midway", "worklist", file.string(), "--as-of", "2026-11-22"}, out, err);
  EXPECT_EQ(status, 3);
  EXPECT_TRUE(contains(err.str(), "the date of birth is not a valid date")) << err.str();
  EXPECT_FALSE(contains(err.str(), "2014")) << err.str();
  EXPECT_FALSE(contains(out.str() + err.str(), "Secret Name"));
  std::filesystem::remove_all(dir);
}

// ---- plausibility ---------------------------------------------------------------------------

TEST(BadInput, AnEventBeforeTheDateOfBirthIsARuleViolation) {
  const auto e = capture<midway::rule_violation_error>(
      [] { (void)midway::caseload_from_json(caseload_with("", child_events, R"({"name": "N", "date_of_birth": "2026-01-10"})")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "$.cases[0].events[0].date");
  EXPECT_EQ(e->record_id(), "CP-1");
  EXPECT_FALSE(contains(e->what(), "2026-01-10"));
  // A pre-birth conference allows events before the birth.
  EXPECT_NO_THROW((void)midway::caseload_from_json(caseload_with(
      "", R"({"type": "strategy_discussion", "date": "2026-01-05"}, {"type": "initial_conference", "date": "2026-01-23", "pre_birth": true})",
      R"({"name": "N", "date_of_birth": "2026-03-10"})")));
}

TEST(BadInput, ADateOfBirthTooEarlyIsRefused) {
  const auto old = capture<midway::out_of_range_error>(
      [] { (void)midway::caseload_from_json(caseload_with("", child_events, R"({"name": "N", "date_of_birth": "1899-05-01"})")); });
  ASSERT_TRUE(old);
  EXPECT_EQ(old->field(), "$.cases[0].personal.date_of_birth");
  EXPECT_EQ(old->record_id(), "CP-1");
  EXPECT_FALSE(contains(old->what(), "1899"));
  const auto e = capture<midway::rule_violation_error>(
      [] { (void)midway::caseload_from_json(caseload_with("", child_events, R"({"name": "N", "date_of_birth": "2000-01-04"})")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "$.cases[0].personal.date_of_birth");
  EXPECT_TRUE(contains(e->message(), "more than 25 years")) << e->message();
  EXPECT_FALSE(contains(e->what(), "2000"));
  EXPECT_NO_THROW((void)midway::caseload_from_json(caseload_with("", child_events, R"({"name": "N", "date_of_birth": "2001-01-23"})")));
}

// The same rule (check_date_of_birth, case.hpp) for a case built in code: record() refuses an
// event before the date of birth with the case unchanged; check_date_of_birth checks a whole case.
TEST(BadInput, TheDateOfBirthRuleIsTheSameForACaseBuiltInCode) {
  using midway::date;
  midway::child_case c(midway::case_id("CP-1"), midway::child_id("C-1"), midway::case_kind::cp);
  c.personal = midway::personal_details{.name = "Secret Name", .date_of_birth = date(2026, 1, 10)};
  const auto before = capture<midway::rule_violation_error>(
      [&] { c.record(midway::strategy_discussion{date(2026, 1, 5)}); });
  ASSERT_TRUE(before);
  EXPECT_EQ(before->field(), "events['e1'].date");
  EXPECT_EQ(before->record_id(), "CP-1");
  EXPECT_FALSE(contains(before->what(), "2026-01-10") || contains(before->what(), "Secret"));
  EXPECT_TRUE(c.history().empty());  // unchanged
  EXPECT_NO_THROW(c.record(midway::strategy_discussion{date(2026, 1, 12)}));
  midway::check_date_of_birth(c);

  // A pre-birth conference allows events before the birth.
  midway::child_case pre(midway::case_id("CP-2"), midway::child_id("C-2"), midway::case_kind::cp);
  pre.personal = midway::personal_details{.name = "N", .date_of_birth = date(2026, 3, 10)};
  midway::initial_conference ic{date(2026, 1, 23)};
  ic.pre_birth = true;
  EXPECT_NO_THROW(pre.record(ic));
  EXPECT_NO_THROW(pre.record(midway::core_group{date(2026, 2, 5)}));
  midway::check_date_of_birth(pre);

  // More than 25 years, and outside 1978..2199, on a whole case.
  c.personal->date_of_birth = date(2000, 1, 4);
  const auto far = capture<midway::rule_violation_error>([&] { midway::check_date_of_birth(c); });
  ASSERT_TRUE(far);
  EXPECT_EQ(far->field(), "personal.date_of_birth");
  EXPECT_EQ(far->record_id(), "CP-1");
  EXPECT_FALSE(contains(far->what(), "2000"));
  c.personal->date_of_birth = date(1899, 5, 1);
  const auto old = capture<midway::out_of_range_error>([&] { midway::check_date_of_birth(c); });
  ASSERT_TRUE(old);
  EXPECT_EQ(old->field(), "personal.date_of_birth");
  EXPECT_FALSE(contains(old->what(), "1899"));
  c.personal->date_of_birth.reset();
  EXPECT_NO_THROW(midway::check_date_of_birth(c));  // nothing to check
}

// ---- SSDA903 --------------------------------------------------------------------------------

const midway::import_finding* finding_on(const midway::import_result& r, std::string_view field) {
  for (const auto& f : r.findings) {
    if (f.field() == field) return &f;
  }
  return nullptr;
}

TEST(BadInput, Ssda903EpisodeBeforeTheDateOfBirth) {
  midway::ssda903_csv in;
  in.header = midway::csv_source{"header.csv", "CHILD,DOB\n101,09/07/2014\n"};
  in.episodes = midway::csv_source{"episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n101,01/02/2014,S,C2,N1,U1,,\n"};
  const auto r = midway::import_ssda903(in);
  const auto* f = finding_on(r, "DECOM");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->child_id(), "101");
  EXPECT_EQ(f->kind(), midway::finding_kind::warning);
  EXPECT_FALSE(contains(f->reason(), "09/07/2014"));
  EXPECT_FALSE(contains(f->reason(), "2014-07-09"));
}

TEST(BadInput, Ssda903ImpossibleDobInReviews) {
  midway::ssda903_csv in;
  in.reviews = midway::csv_source{"reviews.csv", "CHILD,REVIEW,REVIEW_CODE,DOB\n101,01/02/2024,PN1,31/02/2014\n"};
  const auto r = midway::import_ssda903(in);
  const auto* f = finding_on(r, "DOB");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->child_id(), "101");
  EXPECT_EQ(f->file(), "reviews.csv");
  EXPECT_FALSE(contains(f->reason(), "31/02/2014"));
}

TEST(BadInput, Ssda903EmptyEpisodesFile) {
  midway::ssda903_csv in;
  in.episodes = midway::csv_source{"episodes.csv", ""};
  const auto r = midway::import_ssda903(in);
  ASSERT_EQ(r.count(midway::finding_kind::rejected), 1u);
  EXPECT_TRUE(contains(r.findings[0].reason(), "episodes.csv is empty")) << r.findings[0].reason();
}

TEST(BadInput, Ssda903Latin1ByteIsAFindingNotSilent) {
  // One documented rule (docs/interop.md, issue 14): the text is UTF-8 unless an encoding is
  // given; a byte that is not is read as U+FFFD, with a warning naming the line and byte offset.
  midway::ssda903_csv in;
  in.episodes = midway::csv_source{"episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n10\xe9,01/02/2024,S,C2,N1,U1,,\n"};
  const auto r = midway::import_ssda903(in);
  const auto it = std::find_if(r.findings.begin(), r.findings.end(), [](const auto& f) { return contains(f.reason(), "not UTF-8"); });
  ASSERT_NE(it, r.findings.end());
  EXPECT_EQ(it->kind(), midway::finding_kind::warning);
  EXPECT_TRUE(contains(it->reason(), "byte offset")) << it->reason();
  for (const auto& c : r.to_caseload().cases) EXPECT_TRUE(midway::detail::valid_utf8(c.child().str()));
  // Read as Latin-1, the same bytes are the id "10\u00e9", with no warning.
  const auto latin1 = midway::import_ssda903(in, {.encoding = midway::text_encoding::latin1});
  ASSERT_EQ(latin1.to_caseload().cases.size(), 1u);
  EXPECT_EQ(latin1.to_caseload().cases[0].child().str(), "10\xc3\xa9");
  // And an id type refuses it, typed.
  const auto e = capture<midway::invalid_argument_error>([] { (void)midway::child_id("C\xe9", "child_id"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "child_id");
}

// ---- XML ------------------------------------------------------------------------------------

constexpr std::string_view billion_laughs = R"(<?xml version="1.0"?>
<!DOCTYPE Message [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<Message><Header><CollectionDetails><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>&lol2;</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2025-01-01</CINreferralDate></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>&xxe;</LAchildID></ChildIdentifiers></Child></Children></Message>)";

TEST(BadInput, XmlEntityDeclarationsAreRefused) {
  const auto cin = midway::import_cin_census_xml(billion_laughs);
  EXPECT_TRUE(cin.to_caseload().cases.empty());
  ASSERT_EQ(cin.count(midway::finding_kind::rejected), 1u);
  EXPECT_TRUE(contains(cin.findings[0].reason(), "DOCTYPE")) << cin.findings[0].reason();

  const std::string ssda = R"(<?xml version="1.0"?><!DOCTYPE EXPSSDA903 [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<EXPSSDA903><CHILD><HEADER><CHILDID>&x;</CHILDID></HEADER></CHILD></EXPSSDA903>)";
  const auto s = midway::import_ssda903_xml(ssda);
  EXPECT_TRUE(s.to_caseload().cases.empty());
  ASSERT_GE(s.count(midway::finding_kind::rejected), 1u);
  EXPECT_TRUE(contains(s.findings[0].reason(), "DOCTYPE")) << s.findings[0].reason();
}

TEST(BadInput, XmlForeignNamespaceIsRefused) {
  const auto cin = midway::import_cin_census_xml(
      R"(<Message xmlns="http://example.org/other"><Children><Child><ChildIdentifiers><LAchildID>1</LAchildID></ChildIdentifiers></Child></Children></Message>)");
  EXPECT_TRUE(cin.to_caseload().cases.empty());
  const auto* f = finding_on(cin, "xmlns");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind(), midway::finding_kind::rejected);
  const auto s = midway::import_ssda903_xml(R"(<EXPSSDA903 xmlns="urn:x"><CHILD/></EXPSSDA903>)");
  ASSERT_NE(finding_on(s, "xmlns"), nullptr);
}

TEST(BadInput, CinBadPersonBirthDateIsAFindingWithoutTheValue) {
  const auto r = midway::import_cin_census_xml(
      R"(<Message><Children><Child><ChildIdentifiers><LAchildID>C7</LAchildID><PersonBirthDate>2014-02-30</PersonBirthDate></ChildIdentifiers></Child></Children></Message>)");
  const auto* f = finding_on(r, "PersonBirthDate");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->child_id(), "C7");
  EXPECT_EQ(f->kind(), midway::finding_kind::warning);
  EXPECT_FALSE(contains(f->reason(), "2014"));
}

}  // namespace
