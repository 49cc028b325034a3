// The `midway` command line (src/cli/cli.hpp), run in-process.
#include "test_support.hpp"

#include "cli.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace {

struct result {
  int status;
  std::string out;
  std::string err;
};

result run(std::vector<std::string> args) {
  args.insert(args.begin(), "midway");
  std::ostringstream out, err;
  const int status = midway::cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Christmas 2026 is a Friday; Boxing Day (Sat 26) has its substitute on Mon 28. From Fri 25:
// Tue 29, Wed 30, Thu 31 are days 1-3; Fri 1 Jan 2027 is New Year's Day; Mon 4 .. Fri 8 are days
// 4-8; Mon 11, Tue 12 days 9-10; Wed 13 .. Tue 19 days 11-15; Wed 20 .. Tue 26 days 16-20.
TEST(Cli, CalendarAroundChristmas) {
  const result r = run({"calendar", "--date", "2026-12-25", "--days", "3"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "Working days, england-and-wales (rules 2023-05-08)\n"
            "\n"
            "date        day        working  note\n"
            "2026-12-22  Tuesday    yes\n"
            "2026-12-23  Wednesday  yes\n"
            "2026-12-24  Thursday   yes\n"
            "2026-12-25  Friday     no       Christmas Day  <- 2026-12-25\n"
            "2026-12-26  Saturday   no       weekend\n"
            "2026-12-27  Sunday     no       weekend\n"
            "2026-12-28  Monday     no       Boxing Day (substitute day)\n"
            "\n"
            "10 working days after 2026-12-25 (day_zero): 2027-01-12 (Tuesday)\n"
            "15 working days after 2026-12-25 (day_zero): 2027-01-19 (Tuesday)\n"
            "20 working days after 2026-12-25 (day_zero): 2027-01-26 (Tuesday)\n");
}

// Scotland 2026: 1 Jan Thu, 2 Jan Fri; Easter 5 April so Good Friday 3 April; first Monday of
// May the 4th, last the 25th; first Monday of August the 3rd; St Andrew's Day Mon 30 Nov;
// Christmas Fri 25 Dec; Boxing Day Sat 26 -> Mon 28.
TEST(Cli, HolidaysScotland2026) {
  const result r = run({"holidays", "--year", "2026", "--division", "scotland"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "Bank holidays 2026, scotland (rules 2023-05-08)\n"
            "2026-01-01  Thursday   New Year\u2019s Day\n"
            "2026-01-02  Friday     2nd January\n"
            "2026-04-03  Friday     Good Friday\n"
            "2026-05-04  Monday     Early May bank holiday\n"
            "2026-05-25  Monday     Spring bank holiday\n"
            "2026-08-03  Monday     Summer bank holiday\n"
            "2026-11-30  Monday     St Andrew\u2019s Day\n"
            "2026-12-25  Friday     Christmas Day\n"
            "2026-12-28  Monday     Boxing Day (substitute day)\n");
}

TEST(Cli, OptionsClosureCountingAddAndFeed) {
  // A closure on Thu 24 Dec, inclusive counting from Wed 23 (a working day, so day 1):
  // 2 working days -> day 2 is Tue 29.
  result r = run({"calendar", "--date=2026-12-23", "--days", "1", "--closure", "2026-12-24", "--add", "2", "--add", "1",
                  "--counting", "inclusive"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "2026-12-24  Thursday   no       Local closure\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "2 working days after 2026-12-23 (inclusive): 2026-12-29 (Tuesday)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "1 working days after 2026-12-23 (inclusive): 2026-12-23 (Wednesday)\n")) << r.out;
  EXPECT_FALSE(contains(r.out, "10 working days")) << r.out;

  r = run({"holidays", "--year", "2026", "--division", "northern-ireland", "--feed",
           midway_test::govuk_feed_path().string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "(rules 2023-05-08 + GOV.UK feed 2012-2028)")) << r.out;
  EXPECT_TRUE(contains(r.out, "2026-07-13  Monday     Battle of the Boyne (Orangemen\u2019s Day) (substitute day)\n")) << r.out;
}

TEST(Cli, BadInputExitsOneNamingTheField) {
  result r = run({"calendar", "--date", "2026-02-30"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error [invalid_date]")) << r.err;
  EXPECT_TRUE(contains(r.err, "field '--date'")) << r.err;
  EXPECT_EQ(r.out, "");

  r = run({"calendar", "--date", "26/02/2026"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "field '--date'")) << r.err;

  r = run({"calendar", "--division", "wales", "--date", "2026-01-05"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error [unknown_code]")) << r.err;
  EXPECT_TRUE(contains(r.err, "field '--division'")) << r.err;
  EXPECT_TRUE(contains(r.err, "england-and-wales")) << r.err;

  r = run({"calendar", "--closure", "2026-13-01", "--date", "2026-01-05"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "field '--closure'")) << r.err;

  r = run({"calendar", "--counting", "weekdays", "--date", "2026-01-05"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "field '--counting'")) << r.err;

  r = run({"holidays", "--year", "1977"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error [out_of_range]")) << r.err;
  EXPECT_TRUE(contains(r.err, "field 'year'")) << r.err;

  r = run({"holidays", "--year", "2026", "--feed", midway_test::data_path("missing.json").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "error [not_found]")) << r.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"frobnicate"},
           {"calendar", "--colour", "red"},
           {"calendar", "--days"},
           {"calendar", "--date", "2026-01-05", "--days", "abc"},
           {"calendar", "--date", "2026-01-05", "--days", "3x"},
           {"calendar", "--date", "2026-01-05", "--days", "400"},
           {"calendar", "--date", "2026-01-05", "--add", "ten"},
           {"calendar", "stray"},
           {"holidays"},
           {"holidays", "--year", "2026", "--date", "2026-01-01"},
       }) {
    const result r = run(args);
    EXPECT_EQ(r.status, 2) << args[0] << " " << (args.size() > 1 ? args[1] : "");
    EXPECT_TRUE(contains(r.err, "usage: midway")) << r.err;
  }
  result r = run({"frobnicate"});
  EXPECT_TRUE(contains(r.err, "unknown command 'frobnicate'")) << r.err;
  r = run({"calendar", "--colour", "red"});
  EXPECT_TRUE(contains(r.err, "unknown option --colour")) << r.err;
}

TEST(Cli, HelpAndNoArguments) {
  result r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "usage: midway")) << r.err;
  EXPECT_EQ(r.out, "");
  for (const char* help : {"--help", "-h", "help"}) {
    r = run({help});
    EXPECT_EQ(r.status, 0) << help;
    EXPECT_TRUE(contains(r.out, "usage: midway")) << help;
    EXPECT_EQ(r.err, "") << help;
  }
}

}  // namespace
