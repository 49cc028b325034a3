// Data-return readers (SSDA903, CIN census), review timeliness, validator parity, Annex A.
#include "test_support.hpp"

#include <midway/interop.hpp>

#include <cli.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

using namespace midway;
using midway_test::data_path;
using midway_test::iso;
using midway_test::read_text;

namespace {

std::vector<import_finding> of_kind(const import_result& r, finding_kind k, std::string_view rule = {}) {
  std::vector<import_finding> out;
  for (const auto& f : r.findings) {
    if (f.kind() == k && (rule.empty() || f.rule() == rule)) out.push_back(f);
  }
  return out;
}

const table_count& table(const import_result& r, std::string_view name) {
  for (const auto& t : r.tables) {
    if (t.table == name) return t;
  }
  throw std::runtime_error("no table " + std::string(name));
}

// The case `id`, built on demand (import_result iterates over its cases, each built when reached).
std::optional<child_case> find_case(const import_result& r, std::string_view id) {
  for (child_case c : r) {
    if (c.id().str() == id) return c;
  }
  return std::nullopt;
}

// Every table adds up, and every rejected row has at least one rejected finding.
void expect_consistent(const import_result& r) {
  for (const auto& t : r.tables) {
    EXPECT_EQ(t.read, t.loaded + t.rejected) << t.table;
    if (t.rejected) {
      EXPECT_FALSE(std::none_of(r.findings.begin(), r.findings.end(), [&](const import_finding& f) {
        return f.kind() == finding_kind::rejected && f.file() == t.file;
      })) << t.table;
    }
  }
}

ssda903_csv tables(std::string episodes, std::string reviews = {}, std::string missing = {}) {
  ssda903_csv in;
  in.episodes = csv_source{.name = "episodes.csv", .text = std::move(episodes)};
  if (!reviews.empty()) in.reviews = csv_source{.name = "reviews.csv", .text = std::move(reviews)};
  if (!missing.empty()) in.missing = csv_source{.name = "missing.csv", .text = std::move(missing)};
  return in;
}

const std::string episodes_header = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n";

std::string replace(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("sample text lacks " + std::string(from));
  return text.replace(at, from.size(), to);
}

}  // namespace

// ---- CSV reader ----

TEST(InteropFindings, CompactWithTheirTextFromOneTableOfChecks) {
  // A few tens of bytes each, not a struct of strings.
  static_assert(sizeof(import_finding) <= 64);
  std::set<std::string_view> ids;
  for (const finding_check& c : finding_checks()) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    EXPECT_FALSE(c.text.empty()) << c.id;
    EXPECT_EQ(c.id.starts_with("rule_"), !c.rule.empty()) << c.id;
  }
  ssda903_csv in;
  in.episodes = csv_source{.name = "episodes.csv", .text = "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\nC,31/02/2020,S,C2,N1,U1,,\nD, 01/03/2020,S,C2,N1,U1,,\n"};
  const import_result r = import_ssda903(in);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].check(), "ssda903_date_format");
  EXPECT_EQ(r.findings[0].reason(), "'31/02/2020' is not a dd/mm/yyyy date");
  EXPECT_EQ(r.findings[1].check(), "ssda903_spaces");
  EXPECT_EQ(r.findings[1].reason(), "DECOM has spaces or tabs around it: read as '01/03/2020' (the DfE validator reads it as written)");
  // A copy outlives its result: it shares the reader's strings.
  const import_finding copy = import_ssda903(in).findings[1];
  EXPECT_EQ(copy, r.findings[1]);
  EXPECT_EQ(copy.child_id(), "D");
  EXPECT_EQ(copy.field(), "DECOM");
  // A default-constructed finding names no check and says nothing.
  const import_finding none;
  EXPECT_EQ(none.check(), "");
  EXPECT_EQ(none.reason(), "");
  EXPECT_EQ(none.file(), "");
}

TEST(InteropCsv, BomCrlfQuotesAndEmbeddedNewlinesKeepLineNumbers) {
  const std::string text = "\xEF\xBB\xBF" + episodes_header +
                           "\"A,1\",01/01/2020,S,C2,N1,U1,PR1,,X1\r\n"
                           "\r\n"
                           "B,01/02/2020,S,\"C\"\"2\",N1,\"U\n1\",PR1,,\r\n"
                           "C,31/02/2020,S,C2,N1,U1,PR1,,\r\n";
  const auto r = import_ssda903(tables(text));
  ASSERT_EQ(r.to_caseload().cases.size(), 2u);
  EXPECT_EQ(r.to_caseload().cases[0].child().str(), "A,1");
  EXPECT_EQ(table(r, "episodes").read, 3u);
  const auto rejected = of_kind(r, finding_kind::rejected);
  ASSERT_EQ(rejected.size(), 1u);
  // Line 6: the quoted newline in B's row counts, the blank line too.
  EXPECT_EQ(rejected[0].line(), 6u);
  EXPECT_EQ(rejected[0].field(), "DECOM");
  EXPECT_EQ(rejected[0].child_id(), "C");
  EXPECT_EQ(rejected[0].file(), "episodes.csv");
  EXPECT_NE(rejected[0].reason().find("31/02/2020"), std::string::npos);
}

TEST(InteropCsv, MalformedRowsAreFindingsAndTheRestLoads) {
  const std::string text = episodes_header +
                           "A,01/01/2020,S,C2,N1,U1,PR1,,\n"
                           "B,01/01/2020,S,C2\n"                                   // too few fields
                           "C,\"01/01/2020\"x,S,C2,N1,U1,PR1,,\n"                   // text after a closing quote
                           ",01/01/2020,S,C2,N1,U1,PR1,,\n"                         // no child id
                           "D,01/01/2020,S,C2,N1,U1,PR1,,\n"
                           "E,\"01/01/2020,S,C2,N1,U1,PR1,,\n";                     // unterminated quote to the end
  const auto r = import_ssda903(tables(text));
  expect_consistent(r);
  const auto& t = table(r, "episodes");
  EXPECT_EQ(t.read, 6u);
  EXPECT_EQ(t.loaded, 2u);
  EXPECT_EQ(t.rejected, 4u);
  std::set<std::size_t> lines;
  for (const auto& f : of_kind(r, finding_kind::rejected)) lines.insert(f.line());
  EXPECT_EQ(lines, (std::set<std::size_t>{3, 4, 5, 7}));
}

TEST(InteropCsv, MissingRequiredColumnRejectsEveryRowWithOneFinding) {
  const auto r = import_ssda903(tables("CHILD,RNE\nA,S\nB,S\n"));
  EXPECT_EQ(table(r, "episodes").rejected, 2u);
  const auto rejected = of_kind(r, finding_kind::rejected);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].field(), "DECOM");
  EXPECT_EQ(rejected[0].line(), 1u);
}

// ---- SSDA903: the join ----

TEST(InteropSsda903, PeriodsOfCareFromRneAndRec) {
  const std::string eps = episodes_header +
                          "A,01/01/2020,S,C2,N1,U1,PR1,01/03/2020,X1\n"
                          "A,01/03/2020,P,C2,N1,U3,PR1,01/06/2020,E11\n"
                          "A,04/01/2021,S,C1,N2,U1,PR1,,\n"
                          "B,01/05/2020,L,C2,N1,U1,PR1,,\n"
                          "C,01/05/2020,S,V3,N1,U1,PR1,01/06/2020,X1\n"
                          "C,01/06/2020,L,V4,N1,U1,PR1,,\n";
  const auto r = import_ssda903(tables(eps));
  expect_consistent(r);
  ASSERT_EQ(r.to_caseload().cases.size(), 4u);
  const std::optional<child_case> a1 = find_case(r, "LAC-A-1");
  ASSERT_TRUE(a1.has_value());
  EXPECT_EQ(a1->kind(), case_kind::lac);
  EXPECT_FALSE(a1->partial_history());
  std::vector<std::string> kinds;
  for (const auto& e : a1->history()) kinds.emplace_back(e.kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"started_looked_after", "placement_start", "placement_start", "ceased_looked_after"}));
  EXPECT_EQ(std::get<ceased_looked_after>(a1->history().back().data).reason, "E11");
  EXPECT_EQ(a1->history().back().date(), iso("2020-06-01"));
  ASSERT_TRUE(find_case(r, "LAC-A-2").has_value());
  const std::optional<child_case> b = find_case(r, "LAC-B-1");
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->partial_history());  // the return starts mid-period
  const std::optional<child_case> c = find_case(r, "LAC-C-1");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->short_breaks);  // a typed member, not an extension
  EXPECT_FALSE(c->extra.contains("short_breaks_only"));
  EXPECT_EQ(c->extra.at("legal_status"), "\"V4\"");
  EXPECT_TRUE(of_kind(r, finding_kind::warning).empty());
}

TEST(InteropSsda903, ReviewsAndMissingJoinTheirPeriodOrAreRejected) {
  const std::string eps = episodes_header + "A,06/01/2020,S,C2,N1,U1,PR1,01/06/2020,E11\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           "A,01/01/2010,03/02/2020,PN1\n"
                           "A,01/01/2010,01/07/2020,PN1\n"   // after care ended
                           "Z,01/01/2010,01/03/2020,PN1\n";  // no episodes
  const std::string miss = "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,01/01/2010,M,01/02/2020,03/02/2020\nA,01/01/2010,A,01/12/2020,\n";
  const auto r = import_ssda903(tables(eps, revs, miss));
  expect_consistent(r);
  EXPECT_EQ(table(r, "reviews").loaded, 1u);
  EXPECT_EQ(table(r, "reviews").rejected, 2u);
  EXPECT_EQ(table(r, "missing").loaded, 1u);
  const auto rejected = of_kind(r, finding_kind::rejected);
  ASSERT_EQ(rejected.size(), 3u);
  EXPECT_EQ(rejected[0].file(), "reviews.csv");
  EXPECT_EQ(rejected[0].child_id(), "Z");
  EXPECT_EQ(rejected[1].line(), 3u);
  EXPECT_EQ(rejected[1].field(), "REVIEW");
  const child_case a = r.case_at(0);
  EXPECT_EQ(std::count_if(a.history().begin(), a.history().end(), [](const event& e) { return e.kind() == "lac_review"; }), 1);
  EXPECT_EQ(std::count_if(a.history().begin(), a.history().end(), [](const event& e) { return e.kind() == "missing_episode"; }), 1);
}

TEST(InteropSsda903, FindingsNeverShowADateOfBirth) {
  const std::string eps = episodes_header + "A,06/01/2020,S,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\nA,17/09/2011,xx/02/2020,PN1\n";
  ssda903_csv in = tables(eps, revs);
  in.header = csv_source{.name = "header.csv", .text = "CHILD,SEX,DOB\nA,1,31/31/2011\n"};
  const auto r = import_ssda903(in);
  ASSERT_FALSE(r.findings.empty());
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.reason().find("2011"), std::string::npos) << f.reason();
    EXPECT_EQ(f.reason().find("31/31"), std::string::npos) << f.reason();
  }
}

TEST(InteropSsda903, SampleCsvLoadsWithEveryRowAccountedFor) {
  const auto r = import_ssda903(data_path("ssda903"));
  expect_consistent(r);
  EXPECT_EQ(table(r, "episodes").read, 5050u);
  EXPECT_EQ(table(r, "reviews").read, 12582u);
  EXPECT_EQ(table(r, "header").read, 2675u);
  EXPECT_EQ(table(r, "missing").read, 43u);
  EXPECT_EQ(table(r, "episodes").rejected, 0u);
  EXPECT_GE(r.to_caseload().cases.size(), 2123u);  // one per child at least
  std::set<std::string> children;
  for (const auto& c : r.to_caseload().cases) children.insert(c.child().str());
  EXPECT_EQ(children.size(), 2123u);
  // Reviews: loaded ones are on a case, rejected ones have a finding each.
  std::size_t on_cases = 0;
  for (const auto& c : r.to_caseload().cases) {
    on_cases += static_cast<std::size_t>(std::count_if(c.history().begin(), c.history().end(), [](const event& e) { return e.kind() == "lac_review"; }));
  }
  EXPECT_EQ(on_cases, table(r, "reviews").loaded);
  const auto review_findings = std::count_if(r.findings.begin(), r.findings.end(), [](const import_finding& f) {
    return f.kind() == finding_kind::rejected && f.file() == "reviews.csv";
  });
  EXPECT_EQ(static_cast<std::size_t>(review_findings), table(r, "reviews").rejected);
}

TEST(InteropSsda903, SampleXmlLoads) {
  const auto r = import_ssda903(data_path("ssda903/fake_903.xml"));
  expect_consistent(r);
  EXPECT_EQ(table(r, "header").read, 253u);
  EXPECT_EQ(table(r, "episodes").read, 459u);
  EXPECT_EQ(table(r, "reviews").read, 1206u);
  EXPECT_FALSE(r.to_caseload().cases.empty());
  for (const auto& f : of_kind(r, finding_kind::rejected)) {
    EXPECT_EQ(f.path().rfind("/EXPSSDA903/CHILD[", 0), 0u) << f.path();
    EXPECT_GT(f.line(), 0u);
  }
}

// Threads split the reading and the join; the result must not depend on how many there are.
TEST(InteropSsda903, EveryThreadCountGivesTheSameResult) {
  const std::string eps = episodes_header + "A,06/01/2020,S,C2,N1,U1,PR1,01/06/2020,E11\n"
                                            "B,06/01/2020,Q,C2,N1,U1,PR1,,\n"  // unknown RNE: warning
                                            "C,31/02/2020,S,C2,N1,U1,PR1,,\n"  // bad DECOM: rejected
                                            "A,01/07/2020,S,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           "A,01/01/2010,03/02/2020,PN0\n"   // 440
                           "Z,01/01/2010,01/03/2020,PN1\n"   // no episode: rejected
                           "B,01/01/2019,01/03/2020,PN3\n";  // 441
  ssda903_csv small;
  small.episodes = csv_source{.name = "episodes.csv", .text = eps};
  small.reviews = csv_source{.name = "reviews.csv", .text = revs};
  const std::vector<std::function<import_result(unsigned)>> inputs{
      [](unsigned t) { return import_ssda903(data_path("ssda903"), import_options{.threads = t}); },
      [](unsigned t) { return import_ssda903(data_path("ssda903/fake_903.xml"), import_options{.threads = t}); },
      [&](unsigned t) { return import_ssda903(small, import_options{.threads = t}); },
      [](unsigned t) { return import_ssda903(ssda903_csv{}, import_options{.threads = t}); },
  };
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const import_result one = inputs[k](1);
    for (const unsigned threads : {0u, 2u, 3u, 8u}) {
      const import_result many = inputs[k](threads);
      EXPECT_EQ(many.columns, one.columns);
      EXPECT_EQ(many.to_caseload(), one.to_caseload()) << "input " << k << ", threads " << threads;
      EXPECT_EQ(many.findings, one.findings) << "input " << k << ", threads " << threads;
      EXPECT_EQ(many.tables, one.tables) << "input " << k << ", threads " << threads;
    }
  }
  const import_result r = import_ssda903(small, import_options{.threads = 2});
  EXPECT_EQ(r.count(finding_kind::rejected), 2u);  // C's DECOM, Z's review
  EXPECT_EQ(r.count_rule("440"), 1u);
  EXPECT_EQ(r.count_rule("441"), 1u);
  EXPECT_EQ(r.to_caseload().cases.size(), 3u);  // A twice (two periods), B
}

TEST(InteropSsda903, MalformedXmlIsAFindingNotAnException) {
  const auto r = import_ssda903_xml("<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER>\n<EPISODE><DECOM>01/01/2020", "bad.xml");
  const auto rejected = of_kind(r, finding_kind::rejected);
  ASSERT_FALSE(rejected.empty());
  EXPECT_NE(rejected[0].reason().find("malformed XML"), std::string::npos);
  EXPECT_EQ(rejected[0].file(), "bad.xml");
  EXPECT_EQ(rejected[0].line(), 2u);
}

TEST(InteropSsda903, MissingPathIsNotFound) {
  EXPECT_THROW(import_ssda903(std::filesystem::path(data_path("no-such-dir"))), not_found_error);
}

// ---- SSDA903 validator parity: 166, 167, 440, 441 ----

TEST(InteropSsda903Rules, EachRuleTriggeredAndNotTriggered) {
  const std::string eps = episodes_header + "A,01/01/2010,S,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           "A,01/01/2006,01/01/2011,PN1\n"    // 2: fine (over 4)
                           "A,01/01/2006,38/04/2011,PN1\n"    // 3: 166 (invalid date)
                           "A,01/01/2006,,\n"                 // 4: 166 only (blank both: 167 passes)
                           "A,01/01/2006,01/02/2011,PN9\n"    // 5: 167 (bad code)
                           "A,01/01/2006,01/03/2011,\n"       // 6: 167 (no code)
                           "A,01/01/2006,01/04/2011,PN0\n"    // 7: 440 (PN0 at 5)
                           "A,01/01/2008,01/05/2011,PN0\n"    // 8: fine (PN0 at 3)
                           "A,01/01/2008,01/06/2011,PN3\n"    // 9: 441 (PN3 at 3)
                           "A,01/01/2007,01/01/2011,PN0\n";   // 10: fine: the 4th birthday itself is not after it
  const auto r = import_ssda903(tables(eps, revs));
  auto lines = [&](std::string_view rule) {
    std::set<std::size_t> out;
    for (const auto& f : of_kind(r, finding_kind::rule, rule)) out.insert(f.line());
    return out;
  };
  EXPECT_EQ(lines("166"), (std::set<std::size_t>{3, 4}));
  EXPECT_EQ(lines("167"), (std::set<std::size_t>{5, 6}));
  EXPECT_EQ(lines("440"), (std::set<std::size_t>{7}));
  EXPECT_EQ(lines("441"), (std::set<std::size_t>{9}));
  for (const auto& f : of_kind(r, finding_kind::rule)) {
    EXPECT_EQ(f.child_id(), "A");
    EXPECT_EQ(f.file(), "reviews.csv");
  }
  import_options off;
  off.validator_rules = false;
  EXPECT_TRUE(of_kind(import_ssda903(tables(eps, revs), off), finding_kind::rule).empty());
}

TEST(InteropSsda903Rules, SampleGivesTheValidatorsCounts) {
  // Counts from the DfE validator's logic (rules 440/441 of csc-validator-be-903) run on
  // the same file; tests/python/test_interop.py recomputes them with pandas.
  const auto r = import_ssda903(data_path("ssda903"));
  EXPECT_EQ(r.count_rule("166"), 0u);
  EXPECT_EQ(r.count_rule("167"), 0u);
  EXPECT_EQ(r.count_rule("440"), 1435u);
  EXPECT_EQ(r.count_rule("441"), 663u);
}

// Issue 14: the DfE validator reads every value as written and upper-cased; midway matches it
// (tests/data/validator_parity/expected.json holds the real validators' flags on these and
// more boundary rows; tests/python/test_validator_parity.py compares them all).
namespace {
std::set<std::pair<std::string, std::size_t>> rule_lines(const import_result& r) {
  std::set<std::pair<std::string, std::size_t>> out;
  for (const auto& f : r.findings) {
    if (f.kind() == finding_kind::rule) out.emplace(f.rule(), f.line());
  }
  return out;
}
}  // namespace

TEST(InteropSsda903Rules, LowerCaseCodesAreUpperCasedLikeTheValidator) {
  const std::string eps = episodes_header + "A,01/01/2010,s,c2,n1,u1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           "A,01/01/2006,01/01/2011,pn3\n"    // 2: PN3 at 5: fine
                           "A,01/01/2004,16/09/2016,pn0\n";   // 3: PN0 at 12: 440, not 167
  const auto r = import_ssda903(tables(eps, revs));
  using flag = std::pair<std::string, std::size_t>;
  EXPECT_EQ(rule_lines(r), (std::set<flag>{{"440", 3}}));
  ASSERT_EQ(r.to_caseload().cases.size(), 1u);
  const child_case c = r.case_at(0);
  EXPECT_FALSE(c.partial_history());  // rne 's' is S: the period starts in the return
  EXPECT_EQ(c.extra.at("legal_status"), "\"C2\"");
  EXPECT_EQ(c.history()[1].extra.at("place"), "\"U1\"");
}

TEST(InteropSsda903Rules, DateOfBirthOnlyFromTheReviewsRow) {
  const std::string eps = episodes_header + "A,01/01/2010,S,C2,N1,U1,PR1,,\n";
  ssda903_csv in = tables(eps, "CHILD,DOB,REVIEW,REVIEW_CODE\nA,,01/04/2011,PN0\nA,01/01/2006,01/04/2011,PN0\n");
  in.header = csv_source{.name = "header.csv", .text = "CHILD,SEX,DOB\nA,1,01/01/2006\n"};
  using flag = std::pair<std::string, std::size_t>;
  EXPECT_EQ(rule_lines(import_ssda903(in)), (std::set<flag>{{"440", 3}}));  // line 2's blank DOB does not fall back
}

TEST(InteropSsda903Rules, BlankChildAndRaggedRowsGetTheRuleFlagsToo) {
  const std::string eps = episodes_header + "A,01/01/2010,S,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           ",01/01/2006,01/02/2011,PN9\n"   // 2: blank CHILD: rejected, and 167
                           "A,01/01/2006,01/03/2011\n"      // 3: too few fields: rejected, and 167
                           "A,01/01/2006\n";                // 4: too few fields: rejected, and 166
  const auto r = import_ssda903(tables(eps, revs));
  expect_consistent(r);
  using flag = std::pair<std::string, std::size_t>;
  EXPECT_EQ(rule_lines(r), (std::set<flag>{{"167", 2}, {"167", 3}, {"166", 4}}));
  EXPECT_EQ(table(r, "reviews").rejected, 3u);
  std::set<std::size_t> rejected;
  for (const auto& f : of_kind(r, finding_kind::rejected)) rejected.insert(f.line());
  EXPECT_EQ(rejected, (std::set<std::size_t>{2, 3, 4}));
  for (const auto& f : of_kind(r, finding_kind::rule, "167")) {
    if (f.line() == 2) {
      EXPECT_EQ(f.child_id(), "");
    }
  }
}

TEST(InteropSsda903Rules, WhitespaceIsFlaggedLikeTheValidatorAndNeverTrimmedSilently) {
  const std::string eps = episodes_header + "A,01/01/2010,S,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
                           "A,01/01/2006,01/01/2011, PN3\n"    // 2: 167
                           "A,01/01/2006, 16/09/2016,PN3\n";   // 3: 166
  const auto r = import_ssda903(tables(eps, revs));
  using flag = std::pair<std::string, std::size_t>;
  EXPECT_EQ(rule_lines(r), (std::set<flag>{{"167", 2}, {"166", 3}}));
  std::set<std::pair<std::size_t, std::string>> warned;
  for (const auto& f : of_kind(r, finding_kind::warning)) warned.emplace(f.line(), f.field());
  EXPECT_TRUE(warned.count({2, "REVIEW_CODE"}));
  EXPECT_TRUE(warned.count({3, "REVIEW"}));
  EXPECT_EQ(table(r, "reviews").loaded, 2u);  // loaded trimmed, with the warning
}

TEST(InteropSsda903, XmlMissingEpisodesUnderHeaderAreRead) {
  const auto r = import_ssda903(data_path("ssda903/fake_903.xml"));
  EXPECT_EQ(table(r, "missing").read, 6u);
  std::size_t on_cases = 0;
  for (const auto& c : r.to_caseload().cases) {
    on_cases += static_cast<std::size_t>(std::count_if(c.history().begin(), c.history().end(), [](const event& e) { return e.kind() == "missing_episode"; }));
  }
  EXPECT_EQ(on_cases + table(r, "missing").rejected, 6u);
  for (const auto& f : r.findings) {
    if (f.field().rfind("MIS", 0) == 0) {
      EXPECT_NE(f.path().find("/HEADER/AMISSING["), std::string::npos) << f.path();
    }
  }
}

TEST(InteropSsda903, BytesThatAreNotUtf8AreAFindingOrDecodedByTheEncoding) {
  const std::string eps = episodes_header + "A\xE9,01/01/2010,S,C2,N1,U1,PR1,,\n" + "B,01/01/2010,S,C2,N1,U1,PR1,,\n";
  const auto r = import_ssda903(tables(eps));
  const auto warnings = of_kind(r, finding_kind::warning);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].line(), 2u);
  EXPECT_NE(warnings[0].reason().find("byte 0xE9 at byte offset " + std::to_string(episodes_header.size() + 1)), std::string::npos)
      << warnings[0].reason();
  ASSERT_EQ(r.to_caseload().cases.size(), 2u);
  EXPECT_EQ(r.to_caseload().cases[0].child().str(), "A\xEF\xBF\xBD");  // U+FFFD: valid UTF-8
  import_options cp1252;
  cp1252.encoding = text_encoding_from_string("cp1252");
  const auto decoded = import_ssda903(tables(eps + "\x80,01/01/2010,S,C2,N1,U1,PR1,,\n"), cp1252);
  EXPECT_TRUE(of_kind(decoded, finding_kind::warning).empty());
  EXPECT_EQ(decoded.to_caseload().cases[0].child().str(), "A\xC3\xA9");      // é
  EXPECT_EQ(decoded.to_caseload().cases[2].child().str(), "\xE2\x82\xAC");   // € (Windows-1252 0x80)
  import_options latin1;
  latin1.encoding = text_encoding::latin1;
  EXPECT_EQ(import_ssda903(tables(eps), latin1).to_caseload().cases[0].child().str(), "A\xC3\xA9");
  EXPECT_THROW(text_encoding_from_string("ebcdic"), invalid_argument_error);
  // The CIN census reader too.
  const std::string cin = read_text(data_path("cin_census/CIN_Census_2026.xml"));
  const auto bad = import_cin_census_xml(replace(cin, "DfEX0000001", "DfEX000000\xFF"), "c.xml");
  ASSERT_FALSE(of_kind(bad, finding_kind::warning).empty());
  EXPECT_NE(of_kind(bad, finding_kind::warning)[0].reason().find("0xFF"), std::string::npos);
}

TEST(InteropSsda903, EntityReferencesAreFindingsNotChildIds) {
  // A document with a DOCTYPE (entity declarations: XXE, billion laughs) is refused whole.
  const std::string with_dtd =
      "<?xml version='1.0'?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<EXPSSDA903>\n"
      "<CHILD><HEADER><CHILDID>&xxe;</CHILDID></HEADER><EPISODE><DECOM>01/01/2010</DECOM><RNE>S</RNE><LS>C2</LS></EPISODE></CHILD>\n"
      "</EXPSSDA903>\n";
  const auto d = import_ssda903_xml(with_dtd);
  EXPECT_TRUE(d.to_caseload().cases.empty());
  ASSERT_EQ(of_kind(d, finding_kind::rejected).size(), 1u);
  EXPECT_NE(of_kind(d, finding_kind::rejected)[0].reason().find("DOCTYPE"), std::string::npos);
  // An entity reference with no declaration is never expanded, nor loaded as a child id.
  const std::string xml =
      "<?xml version='1.0'?>\n<EXPSSDA903>\n"
      "<CHILD><HEADER><CHILDID>&xxe;</CHILDID></HEADER><EPISODE><DECOM>01/01/2010</DECOM><RNE>S</RNE><LS>C2</LS></EPISODE></CHILD>\n"
      "<CHILD><HEADER><CHILDID>B</CHILDID></HEADER><EPISODE><DECOM>01/01/2010</DECOM><RNE>S</RNE><LS>C2</LS></EPISODE></CHILD>\n"
      "</EXPSSDA903>\n";
  const auto r = import_ssda903_xml(xml);
  ASSERT_EQ(r.to_caseload().cases.size(), 1u);
  EXPECT_EQ(r.to_caseload().cases[0].child().str(), "B");
  const auto rejected = of_kind(r, finding_kind::rejected);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_NE(rejected[0].reason().find("entity reference"), std::string::npos);
  const std::string cin = read_text(data_path("cin_census/CIN_Census_2026.xml"));
  const auto c = import_cin_census_xml(replace(cin, "<LAchildID>DfEX0000001<", "<LAchildID>&lol9;<"), "c.xml");
  for (const auto& k : c.to_caseload().cases) EXPECT_EQ(k.child().str().find('&'), std::string::npos);
  EXPECT_FALSE(of_kind(c, finding_kind::rejected).empty());
}

// ---- CIN census ----

TEST(InteropCin, Census2026SampleBuildsACpCase) {
  const auto r = import_cin_census(data_path("cin_census/CIN_Census_2026.xml"));
  expect_consistent(r);
  ASSERT_TRUE(r.reference_date);
  EXPECT_EQ(*r.reference_date, iso("2024-03-31"));
  EXPECT_EQ(table(r, "Child").read, 2u);
  ASSERT_EQ(r.to_caseload().cases.size(), 2u);
  const child_case plan = r.case_at(0);
  EXPECT_EQ(plan.id().str(), "CP-DfEX0000001-1");
  EXPECT_EQ(plan.kind(), case_kind::cp);
  std::vector<std::string> kinds;
  for (const auto& e : plan.history()) kinds.emplace_back(e.kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"initial_conference", "review_conference", "plan_ended"}));
  EXPECT_EQ(plan.extra.at("latest_category_of_abuse"), "\"PHY\"");
  // The Section47 starts after the plan and its ICPC is not the plan's: a case of its own,
  // an ICPC held without a plan.
  const child_case s47 = r.case_at(1);
  ASSERT_EQ(s47.history().size(), 2u);
  EXPECT_EQ(s47.history()[0].kind(), "s47_enquiry");
  EXPECT_FALSE(std::get<initial_conference>(s47.history()[1].data).plan_started);
  EXPECT_TRUE(of_kind(r, finding_kind::rejected).empty());
}

TEST(InteropCin, OutOfRangeDatesAndMalformedXmlAreFindings) {
  const auto old = import_cin_census(data_path("cin_census/CIN_Census_2021.xml"));
  expect_consistent(old);
  const auto rejected = of_kind(old, finding_kind::rejected);
  ASSERT_FALSE(rejected.empty());
  EXPECT_EQ(rejected[0].child_id(), "DfEX0000001");
  EXPECT_EQ(rejected[0].path().rfind("/Message/Children/Child[1]/CINdetails[1]/", 0), 0u) << rejected[0].path();
  EXPECT_NE(rejected[0].reason().find("outside the supported range"), std::string::npos);
  const auto bad = import_cin_census_xml("<Message><Children><Child>", "x.xml");
  EXPECT_FALSE(of_kind(bad, finding_kind::rejected).empty());
}

TEST(InteropCin, LargeSampleWithoutCpDataLoads) {
  const auto r = import_cin_census(data_path("cin_census/fake_CIN_data.xml"));
  expect_consistent(r);
  EXPECT_EQ(table(r, "Child").read, 332u);
  EXPECT_TRUE(r.to_caseload().cases.empty());
}

class InteropCinRules : public testing::Test {
 protected:
  // CIN_Census_2024.xml: ReferenceDate 2024-03-31; Section47 S47ActualStartDate 2022-06-02,
  // InitialCPCtarget 2022-06-23 (Thu), DateOfInitialCPC 2022-06-17 (Fri); plan 2022-02-17 to
  // 2023-03-14 with a review on 2023-02-15.
  std::string sample = read_text(data_path("cin_census/CIN_Census_2024.xml"));
  std::size_t flags(const std::string& text, std::string_view rule) { return import_cin_census_xml(text, "t.xml").count_rule(rule); }
};

TEST_F(InteropCinRules, SampleFlagsNothing) {
  const auto r = import_cin_census_xml(sample, "t.xml");
  EXPECT_TRUE(of_kind(r, finding_kind::rule).empty());
}

TEST_F(InteropCinRules, Rule2885PlanStartsOnTheIcpcDate) {
  const std::string in_year = replace(sample, "<CPPstartDate>2022-02-17", "<CPPstartDate>2023-06-01");
  EXPECT_EQ(flags(in_year, "2885"), 1u);
  EXPECT_EQ(flags(replace(in_year, "<DateOfInitialCPC>2022-06-17", "<DateOfInitialCPC>2023-06-01"), "2885"), 0u);
  EXPECT_EQ(flags(sample, "2885"), 0u);  // the plan started before the census year
  // The year starts on ReferenceDate (2024-03-31) - 1 year + 1 day (validator PR #510).
  EXPECT_EQ(flags(replace(sample, "<CPPstartDate>2022-02-17", "<CPPstartDate>2023-03-31"), "2885"), 0u);
  EXPECT_EQ(flags(replace(sample, "<CPPstartDate>2022-02-17", "<CPPstartDate>2023-04-01"), "2885"), 1u);
  // A Section47 with ICPCnotRequired 1 is left out: the CINdetails' DateOfInitialCPC decides.
  const std::string not_required = replace(in_year, "<ICPCnotRequired>false", "<ICPCnotRequired>1");
  EXPECT_EQ(flags(replace(not_required, "<DateOfInitialCPC>2022-12-06", "<DateOfInitialCPC>2023-06-01"), "2885"), 0u);
  EXPECT_EQ(flags(replace(not_required, "<DateOfInitialCPC>2022-06-17", "<DateOfInitialCPC>2023-06-01"), "2885"), 1u);
}

TEST_F(InteropCinRules, Rule8841ReviewAfterPlanStart) {
  EXPECT_EQ(flags(replace(sample, "<CPPreviewDate>2023-02-15", "<CPPreviewDate>2022-02-17"), "8841"), 1u);
  EXPECT_EQ(flags(replace(sample, "<CPPreviewDate>2023-02-15", "<CPPreviewDate>2022-02-18"), "8841"), 0u);
}

TEST_F(InteropCinRules, Rule8842QReviewHasADate) {
  const auto r = import_cin_census_xml(replace(sample, "<CPPreviewDate>2023-02-15</CPPreviewDate>", ""), "t.xml");
  const auto f = of_kind(r, finding_kind::rule, "8842Q");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field(), "CPPreviewDate");
  EXPECT_EQ(f[0].child_id(), "DfEX0000001");
  EXPECT_EQ(flags(sample, "8842Q"), 0u);
}

TEST_F(InteropCinRules, Rules8870QAnd8875NotAtAWeekend) {
  EXPECT_EQ(flags(replace(sample, "<InitialCPCtarget>2022-06-23", "<InitialCPCtarget>2022-06-25"), "8870Q"), 1u);  // Saturday
  EXPECT_EQ(flags(replace(sample, "<DateOfInitialCPC>2022-06-17", "<DateOfInitialCPC>2022-06-19"), "8875"), 1u);    // Sunday
  EXPECT_EQ(flags(sample, "8870Q"), 0u);
  EXPECT_EQ(flags(sample, "8875"), 0u);
}

TEST_F(InteropCinRules, Rule8675QNoIcpcMoreThan15WorkingDaysBeforeYearEnd) {
  const std::string no_icpc = replace(sample, "<DateOfInitialCPC>2022-06-17</DateOfInitialCPC>", "");
  EXPECT_EQ(flags(no_icpc, "8675Q"), 1u);
  EXPECT_EQ(flags(replace(no_icpc, "<ICPCnotRequired>false", "<ICPCnotRequired>true"), "8675Q"), 0u);
  // Reference 2024-03-31 (Easter Sunday): the validator's threshold is 14 England working days
  // back, 2024-03-11 (Good Friday and Easter Monday are holidays). Before it flags; on it does not.
  EXPECT_EQ(flags(replace(no_icpc, "<S47ActualStartDate>2022-06-02", "<S47ActualStartDate>2024-03-08"), "8675Q"), 1u);
  EXPECT_EQ(flags(replace(no_icpc, "<S47ActualStartDate>2022-06-02", "<S47ActualStartDate>2024-03-11"), "8675Q"), 0u);
  EXPECT_EQ(flags(sample, "8675Q"), 0u);
  // A DateOfInitialCPC that is not a date counts as absent.
  EXPECT_EQ(flags(replace(sample, "<DateOfInitialCPC>2022-06-17<", "<DateOfInitialCPC>17/06/2022<"), "8675Q"), 1u);
}

// ---- timeliness ----

namespace {

child_case lac_case() {
  child_case c(case_id("LAC-1"), child_id("C-1"), case_kind::lac);
  c.record(started_looked_after{.date = iso("2020-01-06")});
  c.record(lac_review{.date = iso("2020-02-03")});
  c.record(lac_review{.date = iso("2020-05-11")});
  return c;
}

}  // namespace

TEST(InteropTimeliness, LacReviewsFirstSecondAndLater) {
  const auto r = review_timeliness(caseload{.cases = {lac_case()}, .extra = {}}, iso("2020-12-01"), policy::england(), calendar());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].anchor, "started_looked_after");
  EXPECT_EQ(r.rows[0].due, iso("2020-02-03"));  // 20 working days after Mon 6 Jan
  EXPECT_EQ(r.rows[0].status, timeliness_status::on_time);
  EXPECT_EQ(r.rows[1].due, iso("2020-05-01"));  // 3 months: Sun 3 May, brought back to Fri 1 May
  EXPECT_EQ(r.rows[1].status, timeliness_status::late);
  EXPECT_EQ(r.rows[1].days_late, 10);
  EXPECT_EQ(r.rows[2].anchor, "lac_review");
  EXPECT_EQ(r.rows[2].due, iso("2020-11-11"));  // 6 months after the late review
  EXPECT_EQ(r.rows[2].status, timeliness_status::overdue);
  EXPECT_EQ(r.rows[2].days_late, 20);
  EXPECT_EQ(r.count(timeliness_status::late), 1u);
  EXPECT_NE(to_table(r).find("Summary"), std::string::npos);
  EXPECT_EQ(to_csv(r).rfind("case_id,child_id,case_kind,item,number,anchor", 0), 0u);
}

TEST(InteropTimeliness, IcpcAnchorIsRecordedAndSelectable) {
  child_case c(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  c.record(strategy_discussion{.date = iso("2024-02-28"), .s47_started = true});
  c.record(s47_enquiry{.date = iso("2024-03-01")});
  c.record(initial_conference{.date = iso("2024-03-21")});
  c.record(review_conference{.date = iso("2024-06-20")});
  c.record(plan_ended{.date = iso("2024-12-31")});
  const caseload cl{.cases = {c}, .extra = {}};
  const auto guidance = review_timeliness(cl, iso("2025-01-31"), policy::england(), calendar());
  ASSERT_EQ(guidance.rows.size(), 3u);
  EXPECT_EQ(guidance.rows[0].item, item_kind::icpc);
  EXPECT_EQ(guidance.rows[0].anchor, "strategy_discussion");
  EXPECT_EQ(guidance.rows[0].due, iso("2024-03-20"));
  EXPECT_EQ(guidance.rows[0].status, timeliness_status::late);
  EXPECT_EQ(guidance.rows[1].due, iso("2024-06-21"));
  EXPECT_EQ(guidance.rows[1].status, timeliness_status::on_time);
  EXPECT_EQ(guidance.rows[2].due, iso("2024-12-20"));
  EXPECT_EQ(guidance.rows[2].status, timeliness_status::missed);
  EXPECT_EQ(guidance.rows[2].days_late, 11);
  const auto dfe = review_timeliness(cl, iso("2025-01-31"), policy::england(), calendar(), {.anchor = icpc_anchor::s47_start});
  EXPECT_EQ(dfe.rows[0].anchor, "s47_start");
  EXPECT_EQ(dfe.rows[0].due, iso("2024-03-22"));
  EXPECT_EQ(dfe.rows[0].status, timeliness_status::on_time);
}

TEST(InteropTimeliness, ShortBreaksAndPartialHistories) {
  const std::string eps = episodes_header +
                          "A,01/05/2020,S,V3,N1,U1,PR1,,\n"
                          "B,01/05/2020,P,C2,N1,U1,PR1,,\n";
  const std::string revs = "CHILD,DOB,REVIEW,REVIEW_CODE\nB,01/01/2010,01/06/2020,PN1\nB,01/01/2010,01/10/2020,PN1\n";
  const auto r = import_ssda903(tables(eps, revs));
  const auto t = review_timeliness(r.to_caseload(), iso("2020-12-01"), policy::england(), calendar());
  // A: a series of short breaks from 2020-05-01 (V3). The return has no reviews for it, but
  // reg 48 still applies: the first review within 3 months of the start, 2020-08-01, a
  // Saturday, so brought forward to Friday 2020-07-31; not held by 2020-12-01: overdue by
  // 1 + 30 + 31 + 30 + 31 = 123 days (31 Jul to 1 Dec).
  // B's history is partial (its first episode is not RNE S): its first review (2020-06-01)
  // cannot be measured; the second (2020-10-01) is within 6 months of it; the next is due 6
  // months after that, 2021-04-01.
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0].case_id.str(), "LAC-A-1");
  EXPECT_EQ(t.rows[0].status, timeliness_status::overdue);
  EXPECT_EQ(t.rows[0].due, iso("2020-07-31"));
  EXPECT_EQ(t.rows[0].days_late, 123);
  EXPECT_EQ(t.rows[1].status, timeliness_status::not_assessed);
  EXPECT_EQ(t.rows[2].status, timeliness_status::on_time);
  EXPECT_EQ(t.rows[3].status, timeliness_status::pending);
  EXPECT_EQ(t.rows[3].due, iso("2021-04-01"));
  EXPECT_TRUE(of_kind(r, finding_kind::rejected).empty());
  EXPECT_EQ(table(r, "reviews").rejected, 0u);
}

TEST(InteropTimeliness, CinSampleAnchorsOnTheS47Start) {
  const auto r = import_cin_census(data_path("cin_census/CIN_Census_2026.xml"));
  const auto t = review_timeliness(r.to_caseload(), *r.reference_date, policy::england(), calendar());
  const auto icpc = std::find_if(t.rows.begin(), t.rows.end(), [](const timeliness_row& x) { return x.item == item_kind::icpc; });
  ASSERT_NE(icpc, t.rows.end());
  EXPECT_EQ(icpc->anchor, "s47_start");
  EXPECT_EQ(icpc->due, iso("2022-06-24"));  // 2 and 3 June 2022 were bank holidays
  EXPECT_EQ(icpc->status, timeliness_status::on_time);
}

TEST(InteropTimeliness, SampleHasEveryStatusAndNoProblems) {
  const auto r = import_ssda903(data_path("ssda903"));
  const auto t = review_timeliness(r.to_caseload(), iso("2018-03-31"), policy::england(), calendar());
  EXPECT_TRUE(t.problems.empty());
  for (auto s : {timeliness_status::on_time, timeliness_status::late, timeliness_status::missed, timeliness_status::overdue,
                 timeliness_status::not_assessed}) {
    EXPECT_GT(t.count(s), 0u) << to_string(s);
  }
}

TEST(InteropTimeliness, EnumsRoundTrip) {
  for (auto s : {timeliness_status::on_time, timeliness_status::late, timeliness_status::missed, timeliness_status::overdue,
                 timeliness_status::pending, timeliness_status::not_assessed, timeliness_status::not_required}) {
    EXPECT_EQ(timeliness_status_from_string(to_string(s)), s);
  }
  for (auto a : {icpc_anchor::strategy_discussion, icpc_anchor::s47_start}) EXPECT_EQ(icpc_anchor_from_string(to_string(a)), a);
  for (auto k : {finding_kind::rejected, finding_kind::warning, finding_kind::rule}) EXPECT_EQ(finding_kind_from_string(to_string(k)), k);
  EXPECT_THROW(icpc_anchor_from_string("referral"), unknown_code_error);
}

// ---- Annex A ----

namespace {

std::vector<std::string> header_of(const std::string& csv) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (char c : csv.substr(0, csv.find('\n'))) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.push_back(std::exchange(cell, {}));
    else if (c != '\r') cell += c;
  }
  out.push_back(cell);
  return out;
}

// `sub` appears in `all` in the same order.
bool ordered_subset(const std::vector<std::string>& sub, const std::vector<std::string>& all) {
  std::size_t at = 0;
  for (const auto& s : sub) {
    auto it = std::find(all.begin() + static_cast<std::ptrdiff_t>(at), all.end(), s);
    if (it == all.end()) return false;
    at = static_cast<std::size_t>(it - all.begin()) + 1;
  }
  return true;
}

}  // namespace

TEST(InteropAnnexA, ColumnsAreAnnexAsOwnInItsOrder) {
  EXPECT_TRUE(ordered_subset(annex_a_list7_columns(), header_of(read_text(data_path("annex_a/List_7.csv")))));
  EXPECT_TRUE(ordered_subset(annex_a_list8_columns(), header_of(read_text(data_path("annex_a/List_8.csv")))));
}

TEST(InteropAnnexA, TemplateColumnsAreTheSampleListsHeadings) {
  EXPECT_EQ(annex_a_list7_template_columns(), header_of(read_text(data_path("annex_a/List_7.csv"))));
  EXPECT_EQ(annex_a_list8_template_columns(), header_of(read_text(data_path("annex_a/List_8.csv"))));
  EXPECT_TRUE(ordered_subset(annex_a_list7_columns(), annex_a_list7_template_columns()));
  EXPECT_TRUE(ordered_subset(annex_a_list8_columns(), annex_a_list8_template_columns()));
}

TEST(InteropAnnexA, TheTableHoldsTypedCellsAndTheCsvRendersIt) {
  child_case c(case_id("CP-1"), child_id("C-9"), case_kind::cp);
  c.record(initial_conference{.date = iso("2024-03-21")});
  c.extra["number_of_previous_cpp"] = "\"2\"";
  const caseload cl{.cases = {c}, .extra = {}};
  const annex_a_table t = annex_a_list7_table(cl, iso("2024-07-01"));
  EXPECT_EQ(t.columns, annex_a_list7_columns());
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_EQ(t.rows[0].size(), t.columns.size());
  EXPECT_EQ(std::get<std::string>(t.rows[0][0]), "C-9");
  EXPECT_EQ(std::get<date>(t.rows[0][1]), iso("2024-03-21"));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][2]));
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][8]), 2);
  EXPECT_EQ(to_csv(t), annex_a_list7(cl, iso("2024-07-01")));
}

TEST(InteropAnnexA, List7FromACpCase) {
  child_case c(case_id("CP-1"), child_id("C-9"), case_kind::cp);
  c.record(initial_conference{.date = iso("2024-03-21")});
  c.record(visit{.date = iso("2024-03-28"), .seen = true, .seen_alone = true});
  c.record(review_conference{.date = iso("2024-06-20")});
  c.extra["initial_category_of_abuse"] = "\"NEG\"";
  const std::string csv = annex_a_list7(caseload{.cases = {c}, .extra = {}}, iso("2024-07-01"));
  EXPECT_NE(csv.find("\r\nC-9,21/03/2024,Neglect,,28/03/2024,a) Yes,20/06/2024,,\r\n"), std::string::npos) << csv;
  const std::string iso_csv = annex_a_list7(caseload{.cases = {c}, .extra = {}}, iso("2024-07-01"), {.lookback_months = 6, .uk_dates = false});
  EXPECT_NE(iso_csv.find("C-9,2024-03-21"), std::string::npos);
}

TEST(InteropAnnexA, List8FromTheSsda903Sample) {
  const auto r = import_ssda903(data_path("ssda903"));
  const std::string csv = annex_a_list8(r.to_caseload(), iso("2018-03-31"));
  EXPECT_GT(std::count(csv.begin(), csv.end(), '\n'), 100);
  EXPECT_EQ(header_of(csv), annex_a_list8_columns());
}

// ---- command line ----

TEST(InteropCli, ImportTimelinessAndAnnexA) {
  std::ostringstream out, err;
  const std::string dir = data_path("ssda903").string();
  EXPECT_EQ(cli::run({"midway", "import", "ssda903", dir}, out, err), 0);
  const caseload cl = caseload_from_json(out.str());
  EXPECT_GE(cl.cases.size(), 2123u);
  EXPECT_NE(err.str().find("episodes.csv          episodes                    5050      5050         0"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("440: 1435"), std::string::npos);
  std::ostringstream out2, err2;  // --threads: the same caseload and report
  EXPECT_EQ(cli::run({"midway", "import", "ssda903", dir, "--threads", "2"}, out2, err2), 0);
  EXPECT_EQ(out2.str(), out.str());
  EXPECT_EQ(err2.str(), err.str());
  EXPECT_EQ(cli::run({"midway", "import", "ssda903", dir, "--threads", "two"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("--threads: Value two not in range 0 to 1024\nsee `midway import --help`\n"), std::string::npos) << err2.str();

  std::ostringstream t_out, t_err;
  EXPECT_EQ(cli::run({"midway", "timeliness", "cin", data_path("cin_census/CIN_Census_2026.xml").string(), "--anchor", "s47_start"}, t_out, t_err), 0);
  EXPECT_NE(t_out.str().find("Review timeliness as of 2024-03-31"), std::string::npos) << t_out.str() << t_err.str();
  EXPECT_NE(t_out.str().find("CP-DfEX0000001-2      DfEX0000001   icpc        2022-06-24  2022-06-17  on_time"), std::string::npos) << t_out.str();

  std::ostringstream a_out, a_err;
  EXPECT_EQ(cli::run({"midway", "annex-a", "7", "cin", data_path("cin_census/CIN_Census_2026.xml").string(), "--as-of", "2023-04-01"}, a_out, a_err), 0);
  EXPECT_NE(a_out.str().find("DfEX0000001,17/02/2022,Physical abuse,Physical abuse,,,15/02/2023,14/03/2023,10"), std::string::npos) << a_out.str();

  std::ostringstream u_out, u_err;
  EXPECT_EQ(cli::run({"midway", "import", "903", dir}, u_out, u_err), 2);
  EXPECT_EQ(cli::run({"midway", "import", "cin", "/no/such.xml"}, u_out, u_err), 3);
}
