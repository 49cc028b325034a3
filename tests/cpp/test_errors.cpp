// The error taxonomy (include/midway/error.hpp) and the errors each API raises.
#include "test_support.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

using midway::error;
using midway::error_code;
using midway::govuk_feed;
using midway_test::capture;

template <class E>
void check_error_class(error_code expected_code, std::string_view code_name) {
  static_assert(std::is_base_of_v<midway::error, E>);
  static_assert(std::is_base_of_v<std::exception, E>);
  SCOPED_TRACE(std::string(code_name));
  EXPECT_EQ(midway::to_string(expected_code), code_name);

  const E full("it is wrong", "closures[2]", "CP-1");
  EXPECT_EQ(full.code(), expected_code);
  EXPECT_EQ(full.message(), "it is wrong");
  EXPECT_EQ(full.field(), "closures[2]");
  EXPECT_EQ(full.record_id(), "CP-1");
  EXPECT_STREQ(full.what(), "it is wrong (field 'closures[2]', record 'CP-1')");

  const E field_only("bad", "date");
  EXPECT_EQ(field_only.record_id(), "");
  EXPECT_STREQ(field_only.what(), "bad (field 'date')");

  const E record_only("bad", "", "R-9");
  EXPECT_STREQ(record_only.what(), "bad (record 'R-9')");

  const E bare("bad");
  EXPECT_EQ(bare.field(), "");
  EXPECT_STREQ(bare.what(), "bad");

  // Thrown as the subclass, caught as midway::error and as std::exception.
  try {
    throw E("boom", "f");
  } catch (const midway::error& e) {
    EXPECT_EQ(e.code(), expected_code);
    EXPECT_STREQ(e.what(), "boom (field 'f')");
  }
  try {
    throw E("boom");
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "boom");
  }
}

TEST(Errors, EachClassHasItsCodeAndFormat) {
  check_error_class<midway::invalid_date_error>(error_code::invalid_date, "invalid_date");
  check_error_class<midway::out_of_range_error>(error_code::out_of_range, "out_of_range");
  check_error_class<midway::unknown_code_error>(error_code::unknown_code, "unknown_code");
  check_error_class<midway::parse_error>(error_code::parse_error, "parse_error");
  check_error_class<midway::invalid_argument_error>(error_code::invalid_argument, "invalid_argument");
  check_error_class<midway::rule_violation_error>(error_code::rule_violation, "rule_violation");
  check_error_class<midway::not_found_error>(error_code::not_found, "not_found");
}

TEST(Errors, PrefixFieldJoinsPaths) {
  midway::parse_error e("bad date", "date");
  e.prefix_field("events[3]");
  EXPECT_EQ(e.field(), "events[3].date");
  EXPECT_STREQ(e.what(), "bad date (field 'events[3].date')");
  e.prefix_field("$.cases[0]");
  EXPECT_EQ(e.field(), "$.cases[0].events[3].date");

  midway::parse_error index("bad element", "[2]");
  index.prefix_field("events");
  EXPECT_EQ(index.field(), "events[2]");  // an index joins without a dot
  EXPECT_STREQ(index.what(), "bad element (field 'events[2]')");

  midway::parse_error empty("whole record");
  empty.prefix_field("cases[1]");
  EXPECT_EQ(empty.field(), "cases[1]");
  EXPECT_STREQ(empty.what(), "whole record (field 'cases[1]')");

  midway::parse_error unchanged("x", "date");
  unchanged.prefix_field("");
  EXPECT_EQ(unchanged.field(), "date");
  EXPECT_STREQ(unchanged.what(), "x (field 'date')");
}

TEST(Errors, PrefixFieldInACatchBlockRetargetsTheThrownError) {
  try {
    try {
      (void)midway::date::from_iso("2026-02-30");
    } catch (midway::error& e) {
      e.prefix_field("events[3]");
      throw;
    }
  } catch (const midway::invalid_date_error& e) {
    EXPECT_EQ(e.field(), "events[3].date");
    return;
  }
  FAIL() << "no error";
}

TEST(Errors, SetRecordIdOnlyWhenUnset) {
  midway::rule_violation_error e("no initial conference", "events[0]");
  e.set_record_id("");
  EXPECT_EQ(e.record_id(), "");
  EXPECT_STREQ(e.what(), "no initial conference (field 'events[0]')");
  e.set_record_id("CP-1");
  EXPECT_EQ(e.record_id(), "CP-1");
  EXPECT_STREQ(e.what(), "no initial conference (field 'events[0]', record 'CP-1')");
  e.set_record_id("CP-2");  // the innermost record wins
  EXPECT_EQ(e.record_id(), "CP-1");
}

// ---- unknown codes ----

TEST(Errors, UnknownDivisionListsTheValidNames) {
  auto e = capture<midway::unknown_code_error>([] { (void)midway::division_from_string("wales"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), error_code::unknown_code);
  EXPECT_EQ(e->field(), "division");
  const std::string msg = e->message();
  EXPECT_NE(msg.find("'wales'"), std::string::npos) << msg;
  for (std::string_view name : {"england-and-wales", "scotland", "northern-ireland"}) {
    EXPECT_NE(msg.find(name), std::string::npos) << msg;
  }
  e = capture<midway::unknown_code_error>([] { (void)midway::division_from_string("Scotland", "cases[2].division"); });
  ASSERT_TRUE(e);  // case matters: the names are the feed's keys
  EXPECT_EQ(e->field(), "cases[2].division");
}

TEST(Errors, OtherUnknownCodes) {
  auto e = capture<midway::unknown_code_error>([] { (void)midway::holiday_id_from_string("easter_sunday"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "holiday");
  EXPECT_NE(e->message().find("good_friday"), std::string::npos);
  e = capture<midway::unknown_code_error>([] { (void)midway::proclamation_action_from_string("cancel", "p.action"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "p.action");
  e = capture<midway::unknown_code_error>([] { (void)midway::day_count_from_string("exclusive"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "counting");
  EXPECT_NE(e->message().find("day_zero, inclusive"), std::string::npos) << e->message();
}

// ---- GOV.UK feed parse errors: parse_error naming the JSON path ----

std::string feed(std::string_view events, std::string_view key = "scotland", std::string_view division = "\"scotland\"") {
  return "{\"" + std::string(key) + "\": {\"division\": " + std::string(division) + ", \"events\": " +
         std::string(events) + "}}";
}
std::string event(std::string_view date, std::string_view title = "\"St Andrew\\u2019s Day\"",
                  std::string_view extra = ", \"notes\": \"\", \"bunting\": true") {
  return "{\"title\": " + std::string(title) + ", \"date\": " + std::string(date) + std::string(extra) + "}";
}

void expect_parse_error(const std::string& json, std::string_view field) {
  SCOPED_TRACE(json);
  auto e = capture<midway::parse_error>([&] { (void)govuk_feed::parse(json); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), error_code::parse_error);
  EXPECT_EQ(e->field(), field);
  EXPECT_NE(std::string_view(e->what()).find("(field '" + std::string(field) + "')"), std::string_view::npos) << e->what();
}

TEST(Errors, GovukFeedAcceptsTheMinimalFeed) {
  // The fixtures below are each one change away from this valid feed.
  const govuk_feed f = govuk_feed::parse(feed("[" + event("\"2026-11-30\"") + "]"));
  ASSERT_EQ(f.divisions.size(), 1u);
  ASSERT_EQ(f.divisions.at(midway::division::scotland).size(), 1u);
  EXPECT_EQ(f.divisions.at(midway::division::scotland)[0].name, "St Andrew\u2019s Day");
  EXPECT_EQ(f.divisions.at(midway::division::scotland)[0].date, midway::date(2026, 11, 30));
}

TEST(Errors, GovukFeedMalformedJson) {
  expect_parse_error("", "$");
  expect_parse_error("{", "$");
  expect_parse_error("{\"scotland\": {\"division\": \"scotland\", \"events\": [}}", "$");
  expect_parse_error("{\"scotland\": nul}", "$");
  expect_parse_error(feed("[" + event("\"2026-11-30\"") + "]") + "x", "$");  // trailing garbage
  expect_parse_error(std::string("{\"scotland\xff\": {}}"), "$");           // invalid UTF-8
}

TEST(Errors, GovukFeedWrongShapes) {
  expect_parse_error("[]", "$");
  expect_parse_error("\"scotland\"", "$");
  expect_parse_error("{\"scotland\": []}", "$['scotland']");
  expect_parse_error("{\"scotland\": {\"events\": []}}", "$['scotland']");  // missing division
  expect_parse_error(feed("[]", "scotland", "5"), "$['scotland'].division");
  expect_parse_error(feed("[]", "scotland", "\"england-and-wales\""), "$['scotland'].division");
  expect_parse_error("{\"scotland\": {\"division\": \"scotland\"}}", "$['scotland']");  // missing events
  expect_parse_error(feed("{}"), "$['scotland'].events");
  expect_parse_error(feed("[5]"), "$['scotland'].events[0]");
  expect_parse_error(feed("[" + event("\"2026-11-30\"") + ", null]"), "$['scotland'].events[1]");
  expect_parse_error(feed("[{\"date\": \"2026-11-30\"}]"), "$['scotland'].events[0]");  // missing title
  expect_parse_error(feed("[{\"title\": \"x\"}]"), "$['scotland'].events[0]");          // missing date
  expect_parse_error(feed("[" + event("\"2026-11-30\"", "5") + "]"), "$['scotland'].events[0].title");
  expect_parse_error(feed("[" + event("\"2026-11-30\"", "\"\"") + "]"), "$['scotland'].events[0].title");
  expect_parse_error(feed("[" + event("20261130") + "]"), "$['scotland'].events[0].date");
  expect_parse_error(feed("[" + event("\"2026-11-30\"", "\"x\"", ", \"notes\": 1") + "]"),
                     "$['scotland'].events[0].notes");
  expect_parse_error(feed("[" + event("\"2026-11-30\"", "\"x\"", ", \"bunting\": \"yes\"") + "]"),
                     "$['scotland'].events[0].bunting");
}

TEST(Errors, GovukFeedUnknownDivisionKey) {
  auto e = capture<midway::parse_error>([] { (void)govuk_feed::parse(feed("[]", "wales", "\"wales\"")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "$['wales']");
  EXPECT_NE(e->message().find("england-and-wales"), std::string::npos) << e->message();
}

TEST(Errors, GovukFeedBadDates) {
  expect_parse_error(feed("[" + event("\"2026-02-30\"") + "]"), "$['scotland'].events[0].date");
  expect_parse_error(feed("[" + event("\"26/02/2026\"") + "]"), "$['scotland'].events[0].date");
  expect_parse_error(feed("[" + event("\"2026-11-30\"") + ", " + event("\"2026-1-3\"") + "]"),
                     "$['scotland'].events[1].date");
  // Real dates outside the supported years 1978..2199 (the 1977 Silver Jubilee).
  expect_parse_error(feed("[" + event("\"1977-06-07\"") + "]"), "$['scotland'].events[0].date");
  expect_parse_error(feed("[" + event("\"2200-01-01\"") + "]"), "$['scotland'].events[0].date");
  auto e = capture<midway::parse_error>([] { (void)govuk_feed::parse(feed("[" + event("\"2026-02-30\"") + "]")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), error_code::parse_error);  // translated from invalid_date
}

TEST(Errors, GovukFeedDuplicateDate) {
  expect_parse_error(feed("[" + event("\"2026-11-30\"") + ", " + event("\"2026-12-25\"", "\"Christmas Day\"") + ", " +
                          event("\"2026-11-30\"", "\"Again\"") + "]"),
                     "$['scotland'].events");
}

TEST(Errors, GovukFeedNumbersOutOfRangeAreParseErrors) {
  // nlohmann::json reports a number it cannot represent as json::out_of_range rather than
  // json::parse_error; it is still malformed input, and only midway errors may escape.
  expect_parse_error("{\"scotland\": {\"division\": \"scotland\", \"events\": [], \"x\": 1e999}}", "$");
  expect_parse_error("[-1e400]", "$");
}

TEST(Errors, GovukFeedLoadMissingFile) {
  auto e = capture<midway::not_found_error>(
      [] { (void)govuk_feed::load(midway_test::data_path("no-such-feed.json")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), error_code::not_found);
  EXPECT_EQ(e->field(), "path");
}

TEST(Errors, GovukFeedLoadReportsParseErrorsOfTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / "midway_tests_errors";
  std::filesystem::create_directories(dir);
  const auto path = dir / "truncated.json";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string text = midway_test::read_text(midway_test::govuk_feed_path());
    out << text.substr(0, text.size() / 2);
  }
  auto e = capture<midway::parse_error>([&] { (void)govuk_feed::load(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field(), "$");
  std::filesystem::remove_all(dir);
}

}  // namespace
