// The bulk command of the command line: evaluate (docs/cli.md, docs/bulk.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace midway::cli {

// `midway evaluate CASELOAD.json | --synthetic N [--seed S] --as-of D [--threads N] [--progress] ...`:
// evaluates every case (bulk.hpp) and prints a summary; the progress bar goes to `err`, only
// with --progress. Returns 0, or 2 for a usage error (message on `err`); midway::error
// propagates to cli::run.
int cmd_evaluate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The usage lines for the command.
extern const char* const bulk_usage;

}  // namespace midway::cli
