#include "cli.hpp"
#include "cli_bulk.hpp"
#include "cli_interop.hpp"
#include "options.hpp"

#include <midway/midway.hpp>
#include <midway/detail/io.hpp>

#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

namespace midway::cli {

namespace {

constexpr const char* usage = R"(usage: midway <command> [options]

commands:
  worklist   what is overdue or due soon across a caseload, by person
  schedule   every due item and history interval of each case in a caseload
  drift      drift and delay findings, by team manager, with counts by rule, manager and worker
  evaluate   every case of a caseload (or a synthetic one) at once: a summary of what is due and drift
  checklist  the CPA midway monitoring checklist proposed for a CP case, as a note
  note       the Midway Review case note or IRO contact form of a recorded midway review
  calendar   working days and holidays around a date
  holidays   the bank holidays of a year
  import     read an SSDA903 or CIN census return into a caseload, with a findings report
  timeliness review timeliness per child (from a return or a caseload), with a summary
  annex-a    Ofsted Annex A List 7 or List 8, the columns midway fills, as CSV
  version    print the library version

midway calendar [--division D] [--date YYYY-MM-DD] [--days N] [--add N]
                [--closure YYYY-MM-DD]... [--feed FILE] [--counting day_zero|inclusive]
  Lists the N days (default 14) either side of --date (default today) with the
  holidays, and the working day N working days after --date for each N in --add
  (default 10, 15 and 20).

midway holidays [--division D] --year YYYY [--feed FILE]

midway worklist CASELOAD.json [--as-of YYYY-MM-DD] [--format table|json|csv]
                [--policy england|wales|scotland|POLICY.json] [--horizon DAYS]
                [--division D] [--closure YYYY-MM-DD]... [--feed FILE]
midway schedule CASELOAD.json [--as-of YYYY-MM-DD] [--case ID] [--policy ...]
                [--division D] [--closure YYYY-MM-DD]... [--feed FILE]
midway drift CASELOAD.json [--as-of YYYY-MM-DD] [--format table|json|csv] [--policy ...]
                [--division D] [--closure YYYY-MM-DD]... [--feed FILE]
  Exit status 1 when there are findings.
midway checklist CASELOAD.json --case ID [--as-of YYYY-MM-DD] [--id CHECKLIST_ID]
                [--format text|markdown|html|json] [--policy ...] [--division D] ...
  The proposal for each item, with its evidence; a recorded checklist (--id) as recorded.
midway note CASELOAD.json --case ID --id MIDWAY_REVIEW_ID [--form case-note|contact-form]
                [--format text|markdown|html|json]
  --as-of defaults to today; --policy to england; --horizon (days) to 28.

divisions: england-and-wales (default), scotland, northern-ireland
)";

int to_int(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw usage_error("option --" + option + " needs a whole number, not '" + text + "'");
}

date today() {
  return date::from_boost(boost::gregorian::day_clock::local_day());
}

calendar make_calendar(const options& o) {
  const division div = o.one("division") ? division_from_string(*o.one("division"), "--division") : division::england_and_wales;
  std::vector<closure> closures;
  if (auto it = o.values.find("closure"); it != o.values.end()) {
    for (const auto& c : it->second) closures.emplace_back(date::from_iso(c, "--closure"));
  }
  if (const std::string* feed = o.one("feed")) return calendar(govuk_feed::load(*feed), div, closures);
  return calendar(div, closures);
}

int cmd_calendar(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"division", "date", "days", "add", "closure", "feed", "counting"});
  if (!o.positional.empty()) throw usage_error("unexpected argument '" + o.positional.front() + "'");
  const calendar cal = make_calendar(o);
  const date centre = o.one("date") ? date::from_iso(*o.one("date"), "--date") : today();
  const int days = o.one("days") ? to_int(*o.one("days"), "days") : 14;
  if (days < 0 || days > 366) throw usage_error("option --days must be 0..366");
  const day_count counting = o.one("counting") ? day_count_from_string(*o.one("counting"), "--counting") : day_count::day_zero;

  std::map<date, holiday> named;
  for (int y = (centre - calendar_days(days)).year(); y <= (centre + calendar_days(days)).year(); ++y) {
    if (y < first_supported_year || y > last_supported_year) continue;
    for (auto& h : cal.holidays(y)) named.emplace(h.date, h);
  }
  out << "Working days, " << to_string(cal.division()) << " (" << cal.source() << ")\n\n";
  out << "date        day        working  note\n";
  for (int k = -days; k <= days; ++k) {
    const date d = centre + calendar_days(k);
    std::ostringstream row;
    row << d << "  " << std::left << std::setw(9) << to_string(d.day_of_week()) << "  " << std::setw(7)
        << (cal.is_working_day(d) ? "yes" : "no") << "  ";
    if (auto it = named.find(d); it != named.end()) {
      row << it->second.name << (it->second.substitute ? " (substitute day)" : "");
    } else if (d.is_weekend()) {
      row << "weekend";
    }
    row << (d == centre ? "  <- " + d.to_iso() : "");
    std::string line = row.str();
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
  out << "\n";
  std::vector<int> adds;
  if (auto it = o.values.find("add"); it != o.values.end()) {
    for (const auto& a : it->second) adds.push_back(to_int(a, "add"));
  } else {
    adds = {10, 15, 20};
  }
  for (int n : adds) {
    const date due = cal.add_working_days(centre, working_days(n), counting);
    out << n << " working days after " << centre << " (" << to_string(counting) << "): " << due << " ("
        << to_string(due.day_of_week()) << ")\n";
  }
  return 0;
}

std::string read_file(const std::string& path, const std::string& what) {
  return detail::read_text_file(path, "the " + what + " file '" + path + "'");
}

policy make_policy(const options& o) {
  const std::string* p = o.one("policy");
  if (!p) return policy::england();
  if (*p == "england" || *p == "wales" || *p == "scotland") return policy::preset(*p, "--policy");
  return policy_from_json(read_file(*p, "policy"));
}

caseload caseload_arg(const options& o, const std::string& command) {
  if (o.positional.size() != 1) throw usage_error("midway " + command + " needs exactly one CASELOAD.json");
  return caseload_from_json(read_file(o.positional.front(), "caseload"));
}

int cmd_worklist(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"as-of", "format", "policy", "horizon", "division", "closure", "feed"});
  const caseload cl = caseload_arg(o, "worklist");
  const calendar cal = make_calendar(o);
  const date as_of = o.one("as-of") ? date::from_iso(*o.one("as-of"), "--as-of") : today();
  worklist_options wo;
  if (o.one("horizon")) wo.horizon_days = to_int(*o.one("horizon"), "horizon");
  if (wo.horizon_days < 0 || wo.horizon_days > 3660) throw usage_error("option --horizon must be 0..3660 days");
  const worklist w = make_worklist(cl, as_of, make_policy(o), cal, wo);
  const std::string format = o.one("format") ? *o.one("format") : "table";
  if (format == "table") out << to_table(w);
  else if (format == "json") out << to_json(w);
  else if (format == "csv") out << to_csv(w);
  else throw usage_error("option --format must be table, json or csv");
  return w.problems.empty() ? 0 : 1;
}

int cmd_schedule(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"as-of", "case", "policy", "division", "closure", "feed"});
  const caseload cl = caseload_arg(o, "schedule");
  const calendar cal = make_calendar(o);
  const policy pol = make_policy(o);
  const date as_of = o.one("as-of") ? date::from_iso(*o.one("as-of"), "--as-of") : today();
  bool found = false;
  for (const child_case& c : cl.cases) {
    if (o.one("case") && c.id().str() != *o.one("case")) continue;
    found = true;
    out << to_json(schedule(c, as_of, pol, cal));
  }
  if (o.one("case") && !found) throw not_found_error("no case with this id in the caseload", "--case");
  return 0;
}

const child_case& case_arg(const caseload& cl, const options& o) {
  if (!o.one("case")) throw usage_error("this command needs --case ID");
  for (const child_case& c : cl.cases) {
    if (c.id().str() == *o.one("case")) return c;
  }
  throw not_found_error("no case with this id in the caseload", "--case");
}

note_format format_arg(const options& o) {
  return o.one("format") ? note_format_from_string(*o.one("format"), "--format") : note_format::text;
}

int cmd_drift(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"as-of", "format", "policy", "division", "closure", "feed"});
  const caseload cl = caseload_arg(o, "drift");
  const calendar cal = make_calendar(o);
  const date as_of = o.one("as-of") ? date::from_iso(*o.one("as-of"), "--as-of") : today();
  const drift_report r = drift_report_for(cl, as_of, make_policy(o), cal);
  const std::string format = o.one("format") ? *o.one("format") : "table";
  if (format == "table") out << to_table(r);
  else if (format == "json") out << to_json(r);
  else if (format == "csv") out << to_csv(r);
  else throw usage_error("option --format must be table, json or csv");
  return r.cases_with_findings == 0 ? 0 : 1;
}

int cmd_checklist(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"as-of", "case", "id", "format", "policy", "division", "closure", "feed"});
  const caseload cl = caseload_arg(o, "checklist");
  const child_case& c = case_arg(cl, o);
  const note_format f = format_arg(o);
  if (o.one("id")) {
    out << cpa_monitoring_note(c, record_id(*o.one("id"), "--id")).render(f);
    return 0;
  }
  const calendar cal = make_calendar(o);
  const date as_of = o.one("as-of") ? date::from_iso(*o.one("as-of"), "--as-of") : today();
  // The proposal as a draft, each item answered as proposed, the summary left for the CPA.
  out << cpa_proposal_note(c, as_of, make_policy(o), cal).render(f);
  return 0;
}

int cmd_note(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"case", "id", "form", "format"});
  const caseload cl = caseload_arg(o, "note");
  const child_case& c = case_arg(cl, o);
  if (!o.one("id")) throw usage_error("midway note needs --id MIDWAY_REVIEW_ID");
  const record_id id(*o.one("id"), "--id");
  const std::string form = o.one("form") ? *o.one("form") : "case-note";
  if (form != "case-note" && form != "contact-form") throw usage_error("option --form must be case-note or contact-form");
  out << midway_review_document(c, id, form, "--form").render(format_arg(o));
  return 0;
}

int cmd_holidays(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"division", "year", "feed", "closure"});
  if (!o.positional.empty()) throw usage_error("unexpected argument '" + o.positional.front() + "'");
  if (!o.one("year")) throw usage_error("midway holidays needs --year");
  const calendar cal = make_calendar(o);
  const int year = to_int(*o.one("year"), "year");
  const std::vector<holiday> holidays = cal.holidays(year);
  out << "Bank holidays " << year << ", " << to_string(cal.division()) << " (" << cal.source() << ")\n";
  for (const holiday& h : holidays) {
    out << h.date << "  " << std::left << std::setw(9) << to_string(h.date.day_of_week()) << "  " << h.name
        << (h.substitute ? " (substitute day)" : "") << "\n";
  }
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
      (args.size() < 2 ? err : out) << usage << "\n" << interop_usage << bulk_usage;
      return args.size() < 2 ? 2 : 0;
    }
    const std::string& command = args[1];
    if (command == "worklist") return cmd_worklist(args, out);
    if (command == "schedule") return cmd_schedule(args, out);
    if (command == "drift") return cmd_drift(args, out);
    if (command == "evaluate") return cmd_evaluate(args, out, err);
    if (command == "checklist") return cmd_checklist(args, out);
    if (command == "note") return cmd_note(args, out);
    if (command == "calendar") return cmd_calendar(args, out);
    if (command == "holidays") return cmd_holidays(args, out);
    if (command == "import") return cmd_import(args, out, err);
    if (command == "timeliness") return cmd_timeliness(args, out, err);
    if (command == "annex-a") return cmd_annex_a(args, out, err);
    if (command == "version") {
      out << "midway " << version << "\n";
      return 0;
    }
    throw usage_error("unknown command '" + command + "'");
  } catch (const usage_error& e) {
    err << "midway: " << e.what() << "\n\n" << usage;
    return 2;
  } catch (const midway::error& e) {
    err << "midway: error [" << to_string(e.code()) << "]: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace midway::cli
