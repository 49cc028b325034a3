// The `midway` command line, as a function so that the C++ binary and `python -m midway` run the
// same code (docs/cli.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace midway::cli {

// Runs `midway <args...>` (args[0] is the program name), writing the main output to `out` (or to
// --out), messages to `err`, and progress bars to `progress` when it is not null (give a terminal,
// never a pipe). Returns the exit status, the same for every command:
//   0 done; 1 done, with findings to act on (worklist problems, drift findings, timeliness problems);
//   2 usage error (one to three lines on `err`, the last "see `midway COMMAND --help`");
//   3 an input could not be read or is not valid ("midway: error [code]: message (field ...)");
//   4 an output could not be written (one line; an existing output file is left as it was).
// The main output is produced in full before any of it is written: a command that fails writes
// nothing to `out` and replaces no file. Never throws for any input (std::bad_alloc aside).
// Example: run({"midway", "holidays", "--year", "2026"}, std::cout, std::cerr) prints the bank
// holidays of 2026 in England and Wales and returns 0.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::ostream* progress = nullptr);

// One command as the parser knows it, for the docs check and the completion script.
struct command_description {
  std::string name;
  std::string summary;
  std::vector<std::string> options;     // long option names ("--as-of"), --help excluded, in order
  std::vector<std::string> positionals; // their names as the help shows them ("CASELOAD")
};
// Every command, in the order `midway --help` lists them.
std::vector<command_description> describe_commands();

// The bash completion script for `midway`, generated from the parser (`midway completion bash`;
// installed as share/bash-completion/completions/midway).
std::string bash_completion();

}  // namespace midway::cli
