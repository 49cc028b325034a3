// The command line's parser (CLI11): every command, its options and their checks, in one place;
// run() dispatches, maps errors to the exit statuses and writes the outputs (cli.hpp).
#include "cli.hpp"
#include "command.hpp"
#include "output.hpp"

#include <midway/midway.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <sstream>

namespace midway::cli {

namespace {

using command_fn = int (*)(const invocation&, context&);

struct command_entry {
  std::string name;
  command_fn fn = nullptr;
  CLI::App* app = nullptr;
  std::vector<std::pair<std::string, std::vector<std::string>>> choices;  // option -> its fixed values
};

// A check that runs the library's own parser for the value (date::from_iso, division_from_string,
// ...), so that the CLI has no second list of what is valid; its message becomes a usage error.
CLI::Validator parsed_by(std::function<void(const std::string&)> parse) {
  return CLI::Validator(
      [parse = std::move(parse)](std::string& value) -> std::string {
        try {
          parse(value);
          return {};
        } catch (const midway::error& e) {
          return e.message();
        }
      },
      "", "");
}

template <class E, class Values>
std::vector<std::string> names_of(const Values& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(to_string(v));
  return out;
}

// A date option: ISO 8601, and within the years the calendar covers.
const CLI::Validator iso_date = parsed_by([](const std::string& s) {
  const date d = date::from_iso(s);
  if (d.year() < first_supported_year || d.year() > last_supported_year) {
    throw out_of_range_error("the date is outside the supported years " + std::to_string(first_supported_year) + ".." +
                             std::to_string(last_supported_year));
  }
});

// The whole parser. Built for each run (it holds the values it parses into).
class parser {
 public:
  parser() {
    app_.name("midway");
    app_.description("midway " + std::string(version) +
                     ": when statutory reviews, midway reviews, visits and core groups are due (docs/cli.md)");
    app_.set_version_flag("--version", "midway " + std::string(version), "print the version and exit");
    app_.require_subcommand(1);
    app_.footer(
        "Run `midway COMMAND --help` (or `midway help COMMAND`) for a command's options.\n"
        "Exit status: 0 done, 1 findings, 2 usage error, 3 unreadable or invalid input, 4 output failed.");

    {
      auto& c = command("worklist", "what is overdue, due soon or coming up across a caseload, by person", cmd_worklist);
      caseload_positional(c);
      dating(c);
      choice(c, "--format", inv_.format, "how to print it (default table)", {"table", "json", "csv"});
      horizon(c, "list upcoming items due within this many days (default 28)");
      output(c);
    }
    {
      auto& c = command("schedule", "every due item and history interval of each case, as JSON", cmd_schedule);
      caseload_positional(c);
      c.app->add_option("--case", inv_.case_id, "only the case with this id")->type_name("ID");
      dating(c);
      output(c);
    }
    {
      auto& c = command("drift", "drift and delay findings by team manager (exit status 1 when there are findings)", cmd_drift);
      caseload_positional(c);
      dating(c);
      choice(c, "--format", inv_.format, "how to print it (default table)", {"table", "json", "csv"});
      output(c);
    }
    {
      auto& c = command("report", "the caseload report: one self-contained HTML page with timelines", cmd_report);
      caseload_positional(c);
      dating(c);
      horizon(c, "count and mark upcoming items due within this many days (default 28)");
      output(c);
    }
    {
      auto& c = command("ics", "a person's due items as an iCalendar feed (all-day events with reminders)", cmd_ics);
      caseload_positional(c);
      c.app->add_option("--person", inv_.person, "the practitioner (their id in the caseload)")->type_name("ID")->required();
      dating(c);
      horizon(c, "include upcoming items due within this many days (default 28)");
      c.app->add_option("--remind", inv_.remind, "remind this many days before each item (default 2)")
          ->type_name("DAYS")
          ->check(CLI::Range(0, 60));
      output(c);
    }
    {
      auto& c = command("checklist", "the CPA midway monitoring checklist proposed for a CP case, as a note", cmd_checklist);
      caseload_positional(c);
      c.app->add_option("--case", inv_.case_id, "the case")->type_name("ID")->required();
      c.app->add_option("--id", inv_.id, "a checklist recorded on the case, as recorded (instead of the proposal)")
          ->type_name("CHECKLIST_ID");
      note_format_option(c);
      dating(c);
      output(c);
    }
    {
      auto& c = command("note", "the Midway Review case note or IRO contact form of a recorded midway review", cmd_note);
      caseload_positional(c);
      c.app->add_option("--case", inv_.case_id, "the case")->type_name("ID")->required();
      c.app->add_option("--id", inv_.id, "the midway review")->type_name("MIDWAY_REVIEW_ID")->required();
      choice(c, "--form", inv_.form, "which note (default case-note)", {"case-note", "contact-form"});
      note_format_option(c);
      output(c);
    }
    {
      auto& c = command("calendar", "working days and holidays around a date", cmd_calendar);
      division_option(c);
      c.app->add_option("--date", inv_.date, "the date in the middle (default today)")->type_name("DATE")->check(iso_date);
      c.app->add_option("--days", inv_.days, "how many days either side to list (default 14)")->type_name("N")->check(CLI::Range(0, 366));
      repeated(c.app->add_option("--add", inv_.add, "print the date N working days after --date (repeatable; default 10, 15, 20)")
                   ->type_name("N")
                   ->check(CLI::Range(-100000, 100000)));
      closures(c);
      feed(c);
      choice(c, "--counting", inv_.counting, "how working days are counted (default day_zero)",
             names_of<day_count>(std::vector{day_count::day_zero, day_count::inclusive}));
      output(c);
    }
    {
      auto& c = command("holidays", "the bank holidays of a year", cmd_holidays);
      division_option(c);
      c.app->add_option("--year", inv_.year, "the year")
          ->type_name("YYYY")
          ->required()
          ->check(CLI::Range(first_supported_year, last_supported_year));
      feed(c);
      closures(c);
      output(c);
    }
    {
      auto& c = command("evaluate", "every case of a caseload (or a synthetic one) at once: a summary of what is due and drift",
                        cmd_evaluate);
      c.app->add_option("CASELOAD", inv_.positional,
                        "the caseload JSON file (docs/json.md), or a DfE return: an SSDA903 directory or CSV table, or an XML "
                        "file (SSDA903 or CIN census), read straight into columns")
          ->expected(0, 1);
      c.app->add_option("--synthetic", inv_.synthetic, "evaluate a fully synthetic caseload of N cases instead")
          ->type_name("N")
          ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{10'000'000}));
      c.app->add_option("--seed", inv_.seed, "the synthetic caseload's seed (default 1)")->type_name("S");
      choice(c, "--format", inv_.format, "summary (default), or one row per case: csv or json", {"summary", "csv", "json"});
      encoding_option(c);
      threads(c);
      progress(c);
      dating(c);
      output(c);
    }
    {
      auto& c = command("import", "read an SSDA903 or CIN census return into a caseload, with a findings report", cmd_import);
      c.app->add_option("KIND", inv_.source, "the return: ssda903 or cin")->required()->check(CLI::IsMember({"ssda903", "cin"}));
      c.app->add_option("PATH", inv_.source_path, "its directory or file (SSDA903), or its XML file (CIN census)")->required();
      output(c);
      c.app->add_option("--findings", inv_.findings, "write every finding as CSV to FILE")->type_name("FILE");
      c.app->add_flag("--no-rules", inv_.no_rules, "do not run the DfE validator rules");
      encoding_option(c);
      threads(c);
      progress(c);
    }
    {
      auto& c = command("timeliness", "review timeliness per child (from a return or a caseload), with a summary", cmd_timeliness);
      source_positional(c);
      dating(c);
      choice(c, "--anchor", inv_.anchor, "what the ICPC's 15 working days count from (default strategy_discussion)",
             names_of<icpc_anchor>(std::vector{icpc_anchor::strategy_discussion, icpc_anchor::s47_start}));
      choice(c, "--format", inv_.format, "how to print it (default table)", {"table", "csv"});
      output(c);
    }
    {
      auto& c = command("annex-a", "Ofsted Annex A List 7 (CP) or List 8 (LAC): the columns midway fills", cmd_annex_a);
      c.app->add_option("LIST", inv_.list, "7 (children on a CP plan), 8 (children looked after), or all (a workbook of both)")
          ->required()
          ->check(CLI::IsMember({"7", "8", "all"}));
      source_positional(c);
      c.app->add_option("--as-of", inv_.as_of, "the date of the lists (default the CIN census reference date, else today)")
          ->type_name("DATE")
          ->check(iso_date);
      c.app->add_flag("--iso-dates", inv_.iso_dates, "CSV dates as YYYY-MM-DD instead of dd/mm/yyyy");
      choice(c, "--format", inv_.format, "csv (default), or xlsx: a workbook in the template's layout (needs --out)", {"csv", "xlsx"});
      output(c);
    }
    {
      auto& c = command("version", "print the library version", nullptr);
      (void)c;
    }
    {
      auto& c = command("help", "print the help of a command", nullptr);
      c.app->add_option("COMMAND", inv_.topic, "the command");
    }
    {
      auto& c = command("completion", "print the shell completion script (bash)", nullptr);
      c.app->add_option("SHELL", inv_.shell, "the shell")->required()->check(CLI::IsMember({"bash"}));
    }
  }

  CLI::App& app() { return app_; }
  invocation& inv() { return inv_; }
  const std::vector<std::unique_ptr<command_entry>>& entries() const { return entries_; }
  const command_entry* find(const std::string& name) const {
    for (const auto& e : entries_) {
      if (e->name == name) return e.get();
    }
    return nullptr;
  }

 private:
  command_entry& command(const std::string& name, const std::string& summary, command_fn fn) {
    auto entry = std::make_unique<command_entry>();
    entry->name = name;
    entry->fn = fn;
    entry->app = app_.add_subcommand(name, summary);
    entry->app->callback([this, name] { inv_.command = name; });
    entries_.push_back(std::move(entry));
    return *entries_.back();
  }
  static void repeated(CLI::Option* o) {
    o->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
  void caseload_positional(command_entry& c) {
    c.app->add_option("CASELOAD", inv_.positional, "the caseload JSON file (docs/json.md)")->required()->expected(1)->allow_extra_args(false);
  }
  void source_positional(command_entry& c) {
    c.app->add_option("SOURCE", inv_.source, "ssda903 or cin (a DfE return at PATH), or a caseload JSON file")->required();
    c.app->add_option("PATH", inv_.source_path, "the return's directory or file, after ssda903 or cin");
    encoding_option(c);
  }
  void encoding_option(command_entry& c) {
    choice(c, "--encoding", inv_.encoding, "how the return's bytes are read (default utf-8: bytes that are not UTF-8 are reported)",
           {"utf-8", "latin-1", "cp1252"});
  }
  void choice(command_entry& c, const std::string& name, std::optional<std::string>& target, const std::string& help,
              std::vector<std::string> values) {
    c.app->add_option(name, target, help)->check(CLI::IsMember(values));
    c.choices.emplace_back(name, std::move(values));
  }
  void note_format_option(command_entry& c) {
    choice(c, "--format", inv_.format, "the note's format (default text)",
           names_of<note_format>(std::vector{note_format::text, note_format::markdown, note_format::html, note_format::json}));
  }
  void division_option(command_entry& c) {
    choice(c, "--division", inv_.division, "the bank holidays (default england-and-wales)", names_of<division>(all_divisions()));
  }
  void closures(command_entry& c) {
    repeated(c.app->add_option("--closure", inv_.closures, "a local closure day (repeatable)")->type_name("DATE")->check(iso_date));
  }
  void feed(command_entry& c) {
    c.app->add_option("--feed", inv_.feed, "a GOV.UK bank-holidays JSON file")->type_name("FILE");
  }
  // The options of every command that works out dates against policy.
  void dating(command_entry& c) {
    c.app->add_option("--as-of", inv_.as_of, "the date to work it out on (default today)")->type_name("DATE")->check(iso_date);
    c.app->add_option("--policy", inv_.policy, "england, wales, scotland or a policy JSON file (default england)")->type_name("P");
    division_option(c);
    closures(c);
    feed(c);
  }
  // --horizon DAYS, 0..3660; `what` says what the command does with it.
  void horizon(command_entry& c, const std::string& what) {
    c.app->add_option("--horizon", inv_.horizon, what)->type_name("DAYS")->check(CLI::Range(0, 3660));
  }
  void threads(command_entry& c) {
    c.app->add_option("--threads", inv_.threads, "threads to use, 0 for every core (default 1)")
        ->type_name("N")
        ->check(CLI::Range(0u, 1024u));
  }
  void progress(command_entry& c) {
    auto* on = c.app->add_flag("--progress", inv_.progress, "draw progress on standard error even when it is not a terminal");
    auto* off = c.app->add_flag("--no-progress", inv_.no_progress, "no progress, even on a terminal");
    on->excludes(off);
  }
  void output(command_entry& c) {
    c.app->add_option("--out", inv_.out, "write the output to FILE (atomically) instead of standard output")->type_name("FILE");
  }

  CLI::App app_;
  invocation inv_;
  std::vector<std::unique_ptr<command_entry>> entries_;
};

int usage_failure(std::ostream& err, const std::string& command, const std::string& message) {
  err << "midway" << (command.empty() ? "" : " " + command) << ": " << message << "\n"
      << "see `midway " << (command.empty() ? "" : command + " ") << "--help`\n";
  return exit_usage;
}

std::string parsed_command(CLI::App& app) {
  const auto subs = app.get_subcommands();
  return subs.empty() ? std::string() : subs.front()->get_name();
}

// What a help option or `midway help` prints: the command's help, or the general help.
std::string help_text(parser& p, const std::string& command) {
  if (const command_entry* e = p.find(command)) return e->app->help("midway");
  parser fresh;  // a parser with no command selected: CLI11 would print the selected command's help
  return fresh.app().help();
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::ostream* progress) {
  parser p;
  CLI::App& app = p.app();
  invocation& inv = p.inv();
  if (args.size() > 1 && !args[1].empty() && args[1][0] != '-' && !p.find(args[1])) {
    return usage_failure(err, "", "unknown command '" + args[1] + "'");
  }
  try {
    std::vector<const char*> argv{"midway"};
    for (std::size_t i = 1; i < args.size(); ++i) argv.push_back(args[i].c_str());
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    return write_stream(out, help_text(p, parsed_command(app)), "standard output"), exit_done;
  } catch (const CLI::CallForAllHelp&) {
    return write_stream(out, help_text(p, ""), "standard output"), exit_done;
  } catch (const CLI::CallForVersion& e) {
    return write_stream(out, std::string(e.what()) + "\n", "standard output"), exit_done;
  } catch (const CLI::ExtrasError&) {
    const std::vector<std::string> extra = app.remaining(true);
    std::string listed;
    for (const auto& a : extra) listed += (listed.empty() ? "" : " ") + a;
    return usage_failure(err, parsed_command(app), std::string(extra.size() == 1 ? "unexpected argument: " : "unexpected arguments: ") + listed);
  } catch (const CLI::ParseError& e) {
    if (args.size() < 2) return usage_failure(err, "", "no command given");
    return usage_failure(err, parsed_command(app), e.what());
  } catch (const CLI::Error& e) {
    return usage_failure(err, parsed_command(app), e.what());
  } catch (const output_error& e) {
    err << "midway: " << e.what() << "\n";
    return exit_output_failed;
  }

  try {
    const std::string& name = inv.command;
    if (name == "help") {
      if (inv.topic && !p.find(*inv.topic)) return usage_failure(err, "help", "no command '" + *inv.topic + "'");
      write_stream(out, help_text(p, inv.topic.value_or("")), "standard output");
      return exit_done;
    }
    if (name == "version") {
      write_stream(out, "midway " + std::string(version) + "\n", "standard output");
      return exit_done;
    }
    if (name == "completion") {
      write_stream(out, bash_completion(), "standard output");
      return exit_done;
    }
    const command_entry* entry = p.find(name);
    std::ostringstream buffer;
    context ctx{.out = buffer, .err = err, .progress = progress};
    int status = exit_done;
    try {
      status = entry->fn(inv, ctx);
    } catch (const usage_error& e) {
      return usage_failure(err, name, e.what());
    } catch (const midway::error& e) {
      err << "midway: error [" << to_string(e.code()) << "]: " << e.what() << "\n";
      return exit_bad_input;
    }
    if (inv.out) write_atomically(*inv.out, buffer.str());
    else write_stream(out, buffer.str(), "standard output");
    for (const auto& [path, bytes] : ctx.files) write_atomically(path, bytes);
    return status;
  } catch (const output_error& e) {
    err << "midway: " << e.what() << "\n";
    return exit_output_failed;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    err << "midway: error: " << e.what() << "\n";
    return exit_bad_input;
  }
}

std::vector<command_description> describe_commands() {
  parser p;
  std::vector<command_description> out;
  for (const auto& e : p.entries()) {
    command_description d{.name = e->name, .summary = e->app->get_description(), .options = {}, .positionals = {}};
    for (const CLI::Option* o : e->app->get_options()) {
      if (o->get_positional()) {
        d.positionals.push_back(o->get_name());
      } else if (o->get_lnames().front() != "help") {
        d.options.push_back("--" + o->get_lnames().front());
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string bash_completion() {
  parser p;
  std::string names;
  for (const auto& e : p.entries()) names += (names.empty() ? "" : " ") + e->name;
  std::ostringstream s;
  s << "# bash completion for midway " << version << ", generated by `midway completion bash` from its parser.\n"
    << "_midway() {\n"
    << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
    << "  local commands=\"" << names << "\"\n"
    << "  if ((COMP_CWORD == 1)); then\n"
    << "    COMPREPLY=($(compgen -W \"$commands --help --version\" -- \"$cur\"))\n"
    << "    return\n"
    << "  fi\n"
    << "  local options=\"\"\n"
    << "  case ${COMP_WORDS[1]} in\n";
  for (const auto& e : p.entries()) {
    s << "    " << e->name << ")\n";
    if (e->name == "help") {
      s << "      COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n      return ;;\n";
      continue;
    }
    std::string options;
    for (const CLI::Option* o : e->app->get_options()) {
      if (!o->get_positional()) options += (options.empty() ? "" : " ") + std::string("--") + o->get_lnames().front();
    }
    if (!e->choices.empty()) {
      s << "      case $prev in\n";
      for (const auto& [option, values] : e->choices) {
        std::string joined;
        for (const auto& v : values) joined += (joined.empty() ? "" : " ") + v;
        s << "        " << option << ") COMPREPLY=($(compgen -W \"" << joined << "\" -- \"$cur\")); return ;;\n";
      }
      s << "      esac\n";
    }
    s << "      options=\"" << options << "\" ;;\n";
  }
  s << "  esac\n"
    << "  if [[ $cur == -* ]]; then\n"
    << "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
    << "  else\n"
    << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
    << "  fi\n"
    << "}\n"
    << "complete -o filenames -o bashdefault -F _midway midway\n";
  return s.str();
}

}  // namespace midway::cli
