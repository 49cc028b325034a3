// The data-return commands of the command line: import, timeliness, annex-a (docs/cli.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace midway::cli {

// Each runs `midway <command> ...` from args[1]; returns the exit status (0 success, 1 bad
// input, 2 usage error, with the message on `err`). midway::error propagates to cli::run.
int cmd_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_timeliness(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_annex_a(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The usage lines for the three commands.
extern const char* const interop_usage;

}  // namespace midway::cli
