// The `midway` command line, as a function so that the C++ binary and `python -m midway`
// run the same code.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace midway::cli {

// Runs `midway <args...>` writing to `out` and `err`; returns the exit status
// (0 success, 1 bad input, 2 usage error).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace midway::cli
