// The caseload report (midway/report.hpp). tests/python/test_report.py opens it in headless Chromium.
#include "test_support.hpp"

#include "cli.hpp"

#include <sstream>
#include <string>

namespace {

using namespace midway;
using midway_test::iso;

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

caseload sample() { return load_caseload(std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json"); }

TEST(Report, OneSelfContainedPageWithATimelinePerCase) {
  const caseload cl = sample();
  const std::string html = html_report(cl, iso("2026-11-22"), policy::england(), calendar());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">")) << html.substr(0, 100);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_EQ(count(html, "<svg class=\"timeline\" role=\"img\""), cl.cases.size());
  EXPECT_EQ(count(html, "<desc id=\"tl-"), cl.cases.size());  // a text alternative for each
  EXPECT_EQ(count(html, "<section class=\"case\""), cl.cases.size());
  // Nothing fetched: no script, no stylesheet link, no image, no address but the SVG namespace.
  for (const char* external : {"<script", "<link", "<img", "<iframe", "url("}) EXPECT_EQ(count(html, external), 0u) << external;
  EXPECT_EQ(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  for (const char* heading : {"id=\"summary\"", "id=\"team-managers\"", "id=\"workers\"", "id=\"people\"", "id=\"cases\""}) {
    EXPECT_EQ(count(html, heading), 1u) << heading;
  }
  // Gaps over policy are drawn, and the next due items marked.
  EXPECT_GT(count(html, "<rect class=\"gap\""), 0u);
  EXPECT_GT(count(html, "<path class=\"due overdue\""), 0u);
  // The same input gives the same page.
  EXPECT_EQ(html_report(cl, iso("2026-11-22"), policy::england(), calendar()), html);
}

TEST(Report, NoChildsNameOrDateOfBirth) {
  const caseload cl = sample();
  std::vector<std::string> personal;
  const std::string html = html_report(cl, iso("2026-11-22"), policy::england(), calendar());
  const std::string text = midway_test::read_text(std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json");
  // Every name under "personal" in the sample file.
  for (std::size_t at = text.find("\"personal\""); at != std::string::npos; at = text.find("\"personal\"", at + 1)) {
    const auto name_at = text.find("\"name\": \"", at);
    const auto end = text.find('"', name_at + 9);
    personal.push_back(text.substr(name_at + 9, end - name_at - 9));
  }
  ASSERT_FALSE(personal.empty());
  for (const auto& name : personal) EXPECT_EQ(count(html, name), 0u) << name;
}

TEST(Report, ScheduleAndCaseFragments) {
  const caseload cl = sample();
  const child_case& c = cl.cases.front();
  const std::string s = to_html(schedule(c, iso("2026-11-22"), policy::england(), calendar()));
  EXPECT_TRUE(s.starts_with("<table class=\"midway-schedule\">")) << s;
  EXPECT_TRUE(s.find("<span class=\"status ") != std::string::npos);
  const std::string h = to_html(c);
  EXPECT_TRUE(h.starts_with("<table class=\"midway-case\">")) << h;
  EXPECT_EQ(count(h, "<tr><td>"), c.history().size());
}

TEST(Report, TheCommand) {
  std::ostringstream out, err;
  const std::string path = (std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json").string();
  EXPECT_EQ(cli::run({"midway", "report", path, "--as-of", "2026-11-22"}, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), html_report(sample(), iso("2026-11-22"), policy::england(), calendar()));
  EXPECT_EQ(err.str(), "");
}

}  // namespace
