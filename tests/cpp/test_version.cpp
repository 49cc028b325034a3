// midway/version.hpp is kept equal to project(VERSION) in the top-level CMakeLists.txt.
#include "test_support.hpp"

#include "cli.hpp"

#include <sstream>
#include <string>

#ifndef MIDWAY_PROJECT_VERSION
#error "MIDWAY_PROJECT_VERSION must be defined by tests/cpp/CMakeLists.txt"
#endif

namespace {

TEST(Version, MatchesTheCMakeProjectVersion) {
  EXPECT_STREQ(midway::version, MIDWAY_PROJECT_VERSION);
  EXPECT_STREQ(MIDWAY_VERSION_STRING, MIDWAY_PROJECT_VERSION);
}

TEST(Version, ComponentMacrosMatchTheString) {
  const std::string parts = std::to_string(MIDWAY_VERSION_MAJOR) + "." + std::to_string(MIDWAY_VERSION_MINOR) + "." +
                            std::to_string(MIDWAY_VERSION_PATCH);
  EXPECT_EQ(parts, MIDWAY_VERSION_STRING);
}

TEST(Version, CliPrintsIt) {
  std::ostringstream out, err;
  EXPECT_EQ(midway::cli::run({"midway", "version"}, out, err), 0);
  EXPECT_EQ(out.str(), std::string("midway ") + MIDWAY_PROJECT_VERSION + "\n");
  EXPECT_EQ(err.str(), "");
}

}  // namespace
