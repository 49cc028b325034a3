// The `midway` command line (src/cli/cli.hpp), run in-process.
#include "test_support.hpp"

#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

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

// ---- exit statuses (docs/cli.md, "Exit status") ----

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A usage error: status 2, nothing on standard output, one to three lines ending with the pointer
// to the command's help.
void expect_usage_error(const result& r, const std::string& command) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  const auto lines = lines_of(r.err);
  ASSERT_GE(lines.size(), 1u) << r.err;
  EXPECT_LE(lines.size(), 3u) << r.err;
  EXPECT_EQ(lines.back(), "see `midway " + (command.empty() ? "" : command + " ") + "--help`") << r.err;
}

TEST(Cli, OptionValuesAreCheckedAsUsageErrors) {
  // Values the library's own parsers refuse: the same status as an unknown --format.
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"calendar", "--date", "2026-02-30"}, "--date: 2026-02 has no day 30"},
      {{"calendar", "--date", "26/02/2026"}, "--date: "},
      {{"calendar", "--division", "wales", "--date", "2026-01-05"}, "--division: wales not in {england-and-wales,scotland,northern-ireland}"},
      {{"calendar", "--closure", "2026-13-01", "--date", "2026-01-05"}, "--closure: "},
      {{"calendar", "--counting", "weekdays", "--date", "2026-01-05"}, "--counting: weekdays not in {day_zero,inclusive}"},
      {{"holidays", "--year", "1977"}, "--year: Value 1977 not in range 1978 to 2199"},
      {{"worklist", "examples/caseload.json", "--format", "pdf"}, "--format: pdf not in {table,json,csv}"},
      {{"worklist", "examples/caseload.json", "--format", "xml"}, "--format: xml not in {table,json,csv}"},
      {{"note", "examples/caseload.json", "--case", "CP-1", "--id", "MR-1", "--format", "pdf"}, "--format: pdf not in"},
  };
  for (const auto& [args, message] : cases) {
    const result r = run(args);
    expect_usage_error(r, args[0]);
    EXPECT_TRUE(contains(r.err, "midway " + args[0] + ": " + message)) << r.err;
  }
}

TEST(Cli, UnreadableOrInvalidInputExitsThree) {
  result r = run({"holidays", "--year", "2026", "--feed", midway_test::data_path("missing.json").string()});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(contains(r.err, "midway: error [not_found]")) << r.err;
  EXPECT_EQ(r.out, "");

  r = run({"worklist", midway_test::data_path("no-such-caseload.json").string()});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(contains(r.err, "error [not_found]")) << r.err;

  r = run({"worklist", midway_test::govuk_feed_path().string()});  // JSON, but not a caseload
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;

  r = run({"schedule", std::string(MIDWAY_SOURCE_DIR) + "/examples/caseload.json", "--case", "NOPE", "--as-of", "2026-11-22"});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(contains(r.err, "error [not_found]: no case with this id in the caseload (field '--case')")) << r.err;
  EXPECT_EQ(r.out, "");  // nothing half-written
}

TEST(Cli, FindingsExitOne) {
  const std::string caseload = std::string(MIDWAY_SOURCE_DIR) + "/examples/caseload.json";
  result r = run({"drift", caseload, "--as-of", "2026-11-22", "--format", "csv"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(r.out.starts_with("team_manager,case_id,")) << r.out;
  r = run({"worklist", caseload, "--as-of", "2026-11-22"});
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"calendar", "--colour", "red"},
           {"calendar", "--days"},
           {"calendar", "--date", "2026-01-05", "--days", "abc"},
           {"calendar", "--date", "2026-01-05", "--days", "3x"},
           {"calendar", "--date", "2026-01-05", "--days", "400"},
           {"calendar", "--date", "2026-01-05", "--add", "ten"},
           {"calendar", "--date", "2026-01-05", "--date", "2026-01-06"},
           {"calendar", "stray"},
           {"holidays"},
           {"holidays", "--year", "2026", "--date", "2026-01-01"},
           {"worklist"},
           {"worklist", "a.json", "b.json"},
           {"worklist", "a.json", "--horizon", "-1"},
           {"checklist", "a.json"},
           {"note", "a.json", "--case", "CP-1"},
           {"import", "903", "dir"},
           {"import", "cin"},
           {"import", "cin", "a.xml", "b.xml"},
           {"annex-a", "9", "a.json"},
           {"annex-a", "7", "a.json", "b.json"},
           {"timeliness", "a.json", "extra"},
           {"evaluate"},
           {"evaluate", "a.json", "--synthetic", "5"},
           {"evaluate", "--synthetic", "5", "--progress", "--no-progress"},
           {"version", "extra"},
           {"completion", "zsh"},
       }) {
    expect_usage_error(run(args), args[0]);
  }
  result r = run({"frobnicate"});
  expect_usage_error(r, "");
  EXPECT_EQ(r.err, "midway: unknown command 'frobnicate'\nsee `midway --help`\n");
  r = run({"calendar", "--colour", "red"});
  EXPECT_EQ(r.err, "midway calendar: unexpected arguments: --colour red\nsee `midway calendar --help`\n");
  r = run({"worklist", "a.json", "b.json"});
  EXPECT_EQ(r.err, "midway worklist: unexpected argument: b.json\nsee `midway worklist --help`\n");
  r = run({"help", "frobnicate"});
  expect_usage_error(r, "help");
}

TEST(Cli, NoArgumentsIsAUsageError) {
  const result r = run({});
  expect_usage_error(r, "");
  EXPECT_EQ(r.err, "midway: no command given\nsee `midway --help`\n");
}

TEST(Cli, GeneralHelp) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"--help"}, {"-h"}, {"help"}}) {
    const result r = run(args);
    EXPECT_EQ(r.status, 0) << args[0];
    EXPECT_EQ(r.err, "") << args[0];
    EXPECT_TRUE(r.out.starts_with("midway " + std::string(midway::version) + ": ")) << r.out;
    EXPECT_TRUE(contains(r.out, "Usage: midway [OPTIONS] SUBCOMMAND")) << r.out;
    for (const auto& c : midway::cli::describe_commands()) EXPECT_TRUE(contains(r.out, "  " + c.name + " ")) << c.name;
    EXPECT_TRUE(contains(r.out, "Exit status: 0 done, 1 findings, 2 usage error, 3 unreadable or invalid input, 4 output failed."));
  }
}

TEST(Cli, EachCommandsHelpThreeWays) {
  for (const auto& c : midway::cli::describe_commands()) {
    const result long_form = run({c.name, "--help"});
    EXPECT_EQ(long_form.status, 0) << c.name;
    EXPECT_EQ(long_form.err, "") << c.name;
    EXPECT_TRUE(long_form.out.starts_with(c.summary + "\nUsage: midway " + c.name + " [OPTIONS]")) << long_form.out;
    for (const auto& o : c.options) EXPECT_TRUE(contains(long_form.out, "  " + o + " ")) << c.name << " " << o;
    const result short_form = run({c.name, "-h"});
    const result help_form = run({"help", c.name});
    EXPECT_EQ(short_form.status, 0);
    EXPECT_EQ(help_form.status, 0);
    EXPECT_EQ(short_form.out, long_form.out) << c.name;
    EXPECT_EQ(help_form.out, long_form.out) << c.name;
  }
  // Help comes before the checks of what is required.
  EXPECT_EQ(run({"checklist", "--help"}).status, 0);
  EXPECT_EQ(run({"note", "caseload.json", "--help"}).status, 0);
}

TEST(Cli, Version) {
  const std::string expected = "midway " + std::string(midway::version) + "\n";
  for (const char* v : {"--version", "version"}) {
    const result r = run({v});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, expected);
    EXPECT_EQ(r.err, "");
  }
}

// ---- outputs (docs/cli.md, "Outputs") ----

class CliOutput : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("midway-cli-" + std::to_string(::getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name, std::ios::binary) << text; }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::filesystem::path dir_;
};

TEST_F(CliOutput, AFailedImportLeavesTheOutputUntouched) {
  write("bad.xml", "<Message><Children>");
  write("keep.json", "{\"keep\": true}\n");
  write("keep.csv", "kept\n");
  const result r = run({"import", "cin", path("bad.xml"), "--out", path("keep.json"), "--findings", path("keep.csv")});
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(contains(r.err, "midway: error [parse_error]: bad.xml:1: malformed XML")) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(midway_test::read_text(path("keep.json")), "{\"keep\": true}\n");
  EXPECT_EQ(midway_test::read_text(path("keep.csv")), "kept\n");
  EXPECT_EQ(files(), (std::vector<std::string>{"bad.xml", "keep.csv", "keep.json"}));  // no temporary file left

  const result missing = run({"import", "cin", path("missing.xml"), "--out", path("keep.json")});
  EXPECT_EQ(missing.status, 3);
  EXPECT_EQ(midway_test::read_text(path("keep.json")), "{\"keep\": true}\n");
}

TEST_F(CliOutput, ASuccessfulCommandReplacesTheOutputWhole) {
  write("out.json", std::string(100000, 'x'));  // longer than the new content: nothing of it may remain
  const std::string caseload = std::string(MIDWAY_SOURCE_DIR) + "/examples/caseload.json";
  const result r = run({"worklist", caseload, "--as-of", "2026-11-22", "--format", "json", "--out", path("out.json")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const result to_stdout = run({"worklist", caseload, "--as-of", "2026-11-22", "--format", "json"});
  EXPECT_EQ(midway_test::read_text(path("out.json")), to_stdout.out);
  EXPECT_EQ(files(), std::vector<std::string>{"out.json"});

  const result import = run({"import", "cin", midway_test::data_path("cin_census/CIN2rows.xml").string(), "--out", path("cases.json"),
                             "--findings", path("findings.csv")});
  EXPECT_EQ(import.status, 0) << import.err;
  EXPECT_NO_THROW(midway::caseload_from_json(midway_test::read_text(path("cases.json"))));
  EXPECT_TRUE(midway_test::read_text(path("findings.csv")).starts_with("kind,")) << midway_test::read_text(path("findings.csv"));
}

TEST_F(CliOutput, ASymbolicLinkIsFollowedAndKept) {
  write("real.txt", "old\n");
  std::filesystem::create_symlink(path("real.txt"), path("link.txt"));
  const result r = run({"holidays", "--year", "2026", "--out", path("link.txt")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_symlink(path("link.txt")));
  EXPECT_TRUE(midway_test::read_text(path("real.txt")).starts_with("Bank holidays 2026"));
  EXPECT_EQ(files(), (std::vector<std::string>{"link.txt", "real.txt"}));
}

TEST_F(CliOutput, AnOutputThatCannotBeWrittenExitsFour) {
  // A directory that does not exist: the temporary file cannot be made.
  result r = run({"holidays", "--year", "2026", "--out", path("no-such-dir/out.txt")});
  EXPECT_EQ(r.status, 4);
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_TRUE(r.err.starts_with("midway: cannot write '" + path("no-such-dir/out.txt") + "': No such file or directory")) << r.err;
  if (std::filesystem::exists("/dev/full")) {  // a full device, written directly (it cannot be replaced)
    r = run({"holidays", "--year", "2026", "--out", "/dev/full"});
    EXPECT_EQ(r.status, 4);
    EXPECT_EQ(r.err, "midway: cannot write '/dev/full': No space left on device\n");
  }
}

// A standard output that fails (as a full disk or a closed pipe makes it).
TEST(Cli, AStandardOutputThatFailsExitsFour) {
  struct failing_buffer : std::streambuf {
    int overflow(int) override { return traits_type::eof(); }
    std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
  } buffer;
  std::ostream out(&buffer);
  std::ostringstream err;
  EXPECT_EQ(midway::cli::run({"midway", "holidays", "--year", "2026"}, out, err), 4);
  EXPECT_TRUE(err.str().starts_with("midway: cannot write to standard output")) << err.str();
  EXPECT_EQ(lines_of(err.str()).size(), 1u);
}

// ---- docs/cli.md against the parser ----

// The options and arguments docs/cli.md shows for `midway NAME`: the words of the first code
// block under its "## `midway NAME`" heading.
std::optional<std::string> synopsis(const std::string& page, const std::string& name) {
  const std::string heading = "\n## `midway " + name + "`\n";
  const auto at = page.find(heading);
  if (at == std::string::npos) return std::nullopt;
  const auto open = page.find("```\n", at + heading.size());
  const auto close = page.find("```\n", open + 4);
  return page.substr(open + 4, close - open - 4);
}

TEST(Cli, TheDocsPageShowsEveryCommandAndOption) {
  const std::string page = midway_test::read_text(std::filesystem::path(MIDWAY_SOURCE_DIR) / "docs" / "cli.md");
  std::set<std::string> documented_commands;
  for (std::size_t at = page.find("\n## `midway "); at != std::string::npos; at = page.find("\n## `midway ", at + 1)) {
    const auto start = at + 12, end = page.find('`', start);
    documented_commands.insert(page.substr(start, end - start));
  }
  std::set<std::string> commands;
  for (const auto& c : midway::cli::describe_commands()) {
    commands.insert(c.name);
    const auto text = synopsis(page, c.name);
    ASSERT_TRUE(text.has_value()) << "docs/cli.md has no section for midway " << c.name;
    EXPECT_TRUE(text->starts_with("midway " + c.name)) << *text;
    // Every option of the parser is in the synopsis, and the synopsis names no other.
    std::set<std::string> shown;
    for (std::size_t i = text->find("--"); i != std::string::npos; i = text->find("--", i + 2)) {
      std::size_t j = i + 2;
      while (j < text->size() && (std::isalnum(static_cast<unsigned char>((*text)[j])) || (*text)[j] == '-')) ++j;
      shown.insert(text->substr(i, j - i));
    }
    shown.erase("--help");
    const std::set<std::string> parsed(c.options.begin(), c.options.end());
    EXPECT_EQ(shown, parsed) << "midway " << c.name;
    for (const auto& p : c.positionals) EXPECT_TRUE(contains(*text, p)) << "midway " << c.name << " " << p;
  }
  EXPECT_EQ(documented_commands, commands);
}

// ---- midway ics (tests/python/test_ics.py reads the feeds back with the icalendar package) ----

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

TEST(Cli, IcsFeedOfOnePerson) {
  const std::string caseload = std::string(MIDWAY_SOURCE_DIR) + "/examples/caseload.json";
  const result r = run({"ics", caseload, "--person", "SW-01", "--as-of", "2026-11-22"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) << r.out;
  EXPECT_TRUE(r.out.ends_with("END:VCALENDAR\r\n"));
  // One event per worklist entry of SW-01, each with one reminder.
  const midway::worklist w = midway::make_worklist(midway::load_caseload(caseload), midway_test::iso("2026-11-22"),
                                                   midway::policy::england(), midway::calendar(midway::division::england_and_wales));
  std::size_t entries = 0;
  for (const auto& g : w.groups) {
    if (g.person && g.person->str() == "SW-01") entries += g.entries.size();
  }
  EXPECT_GT(entries, 0u);
  EXPECT_EQ(count(r.out, "BEGIN:VEVENT"), entries);
  EXPECT_EQ(count(r.out, "BEGIN:VALARM"), entries);
  EXPECT_EQ(count(r.out, "TRIGGER:-P2D"), entries);
  EXPECT_TRUE(contains(r.out, "DTSTAMP:20261122T000000Z")) << r.out;
  EXPECT_EQ(run({"ics", caseload, "--person", "SW-01", "--as-of", "2026-11-22"}).out, r.out);  // stable
  for (const char* personal : {"Child C", "2017-06-01", "Alex Example"}) EXPECT_FALSE(contains(r.out, personal)) << personal;

  const result unknown = run({"ics", caseload, "--person", "SW-99", "--as-of", "2026-11-22"});
  EXPECT_EQ(unknown.status, 3);
  EXPECT_EQ(unknown.out, "");
}

// ---- bash completion ----

TEST(Cli, CompletionScriptComesFromTheParser) {
  const result r = run({"completion", "bash"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, midway::cli::bash_completion());
  EXPECT_TRUE(contains(r.out, "complete -o filenames -o bashdefault -F _midway midway\n"));
  for (const auto& c : midway::cli::describe_commands()) {
    EXPECT_TRUE(contains(r.out, "    " + c.name + ")\n")) << c.name;
    for (const auto& o : c.options) EXPECT_TRUE(contains(r.out, o)) << o;
  }
  EXPECT_TRUE(contains(r.out, "--format) COMPREPLY=($(compgen -W \"table json csv\" -- \"$cur\")); return ;;")) << r.out;
}

}  // namespace
