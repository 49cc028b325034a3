// Inside the command line: what the parser (app.cpp) fills in for a command, what a command
// gets to write to, and the helpers the commands share. Not installed.
#pragma once

#include <midway/midway.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace midway::cli {

// A mistake on the command line found after parsing (an option that needs another): the
// command exits with status 2 and the message, pointing at `midway COMMAND --help`.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Every option and argument any command takes. The parser of each command fills the ones that
// command has (docs/cli.md); the rest stay empty. Values are already checked against their
// fixed choices and ranges when a command runs.
struct invocation {
  std::string command;
  std::vector<std::string> positional;  // CASELOAD.json (none or one for evaluate)
  std::string source;                   // import, timeliness, annex-a: ssda903, cin or CASELOAD.json ...
  std::optional<std::string> source_path;  // ... and after ssda903 or cin, the return's path
  std::optional<std::string> as_of, policy, division, feed, format, case_id, id, form, date, counting, anchor, person;
  std::optional<std::string> out, findings, shell, topic, list, encoding;
  std::vector<std::string> closures;
  std::optional<int> horizon, days, year, remind;
  std::vector<int> add;
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> synthetic, seed;
  bool no_rules = false, iso_dates = false, progress = false, no_progress = false;
};

// Where a command writes. `out` is its main output, kept in memory: run() writes it to standard
// output or atomically to --out only when the command succeeded. `files` are its other outputs
// (path, bytes), written the same way after `out`. `progress` is a terminal, or nullptr.
struct context {
  std::ostream& out;
  std::ostream& err;
  std::ostream* progress;
  std::vector<std::pair<std::string, std::string>> files{};
};

// Exit statuses (docs/cli.md, "Exit status"): the same for every command, and in `python -m midway`.
inline constexpr int exit_done = 0;           // done, nothing to report
inline constexpr int exit_findings = 1;       // done, and found something that needs acting on
inline constexpr int exit_usage = 2;          // the command line is wrong: nothing read or written
inline constexpr int exit_bad_input = 3;      // an input could not be read or is not valid: nothing written
inline constexpr int exit_output_failed = 4;  // an output could not be written: existing files left as they were

// --- helpers the commands share (common.cpp) ---

date today();
// --as-of, else `fallback`, else today.
date as_of_date(const invocation& inv, const std::optional<date>& fallback = std::nullopt);
// --division, --closure..., --feed.
calendar make_calendar(const invocation& inv);
// --policy: a preset name or a policy JSON file; england when absent.
policy make_policy(const invocation& inv);
// The caseload file named by the CASELOAD argument (load_caseload).
caseload caseload_arg(const invocation& inv);
// The case --case names; not_found_error naming --case when absent from the caseload.
const child_case& case_arg(const caseload& cl, const invocation& inv);

// Where a long command draws its progress: standard error with --progress, nowhere with
// --no-progress, else the terminal run() was given (none when standard error is not a terminal).
std::ostream* progress_stream(const invocation& inv, const context& ctx);

// A DfE return for `evaluate RETURN`: an SSDA903 directory or CSV table, or an XML file (SSDA903
// or CIN census, by its root element). Its findings report goes to `report` (counts only);
// malformed XML is unreadable input (parse_error, status 3).
import_result read_return_for_evaluate(const invocation& inv, const std::string& path, std::ostream* progress, std::ostream& report);
// Whether PATH names a return (a directory, or a .csv or .xml file) rather than a caseload JSON.
bool is_return_path(const std::string& path);

// The commands; each returns exit_done or exit_findings, and throws usage_error or
// midway::error (run() turns them into statuses 2 and 3).
int cmd_worklist(const invocation&, context&);
int cmd_schedule(const invocation&, context&);
int cmd_ics(const invocation&, context&);
int cmd_report(const invocation&, context&);
int cmd_drift(const invocation&, context&);
int cmd_checklist(const invocation&, context&);
int cmd_note(const invocation&, context&);
int cmd_calendar(const invocation&, context&);
int cmd_holidays(const invocation&, context&);
int cmd_evaluate(const invocation&, context&);
int cmd_import(const invocation&, context&);
int cmd_timeliness(const invocation&, context&);
int cmd_annex_a(const invocation&, context&);

}  // namespace midway::cli
