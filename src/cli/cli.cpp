// The caseload and calendar commands, and the helpers every command shares (command.hpp).
#include "command.hpp"
#include "ics.hpp"

#include <midway/detail/io.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

namespace midway::cli {

date today() { return date::from_boost(boost::gregorian::day_clock::local_day()); }

date as_of_date(const invocation& inv, const std::optional<date>& fallback) {
  if (inv.as_of) return date::from_iso(*inv.as_of, "--as-of");
  if (fallback) return *fallback;
  return today();
}

calendar make_calendar(const invocation& inv) {
  const division div = inv.division ? division_from_string(*inv.division, "--division") : division::england_and_wales;
  std::vector<closure> closures;
  for (const auto& c : inv.closures) closures.emplace_back(date::from_iso(c, "--closure"));
  if (inv.feed) return calendar(govuk_feed::load(*inv.feed), div, closures);
  return calendar(div, closures);
}

policy make_policy(const invocation& inv) {
  if (!inv.policy) return policy::england();
  const std::string& p = *inv.policy;
  if (p == "england" || p == "wales" || p == "scotland") return policy::preset(p, "--policy");
  return policy_from_json(detail::read_text_file(p, "the policy file '" + p + "'", "--policy"));
}

caseload caseload_arg(const invocation& inv) { return load_caseload(inv.positional.at(0)); }

const child_case& case_arg(const caseload& cl, const invocation& inv) {
  if (!inv.case_id) throw usage_error("this command needs --case ID");
  for (const child_case& c : cl.cases) {
    if (c.id().str() == *inv.case_id) return c;
  }
  throw not_found_error("no case with this id in the caseload", "--case");
}

std::ostream* progress_stream(const invocation& inv, const context& ctx) {
  if (inv.no_progress) return nullptr;
  return inv.progress ? &ctx.err : ctx.progress;
}

namespace {

note_format format_arg(const invocation& inv) {
  return inv.format ? note_format_from_string(*inv.format, "--format") : note_format::text;
}

}  // namespace

int cmd_calendar(const invocation& inv, context& ctx) {
  const calendar cal = make_calendar(inv);
  const date centre = inv.date ? date::from_iso(*inv.date, "--date") : today();
  const int days = inv.days.value_or(14);
  const day_count counting = inv.counting ? day_count_from_string(*inv.counting, "--counting") : day_count::day_zero;

  std::map<date, holiday> named;
  for (int y = (centre - calendar_days(days)).year(); y <= (centre + calendar_days(days)).year(); ++y) {
    if (y < first_supported_year || y > last_supported_year) continue;
    for (auto& h : cal.holidays(y)) named.emplace(h.date, h);
  }
  std::ostream& out = ctx.out;
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
  const std::vector<int> adds = inv.add.empty() ? std::vector<int>{10, 15, 20} : inv.add;
  for (int n : adds) {
    const date due = cal.add_working_days(centre, working_days(n), counting);
    out << n << " working days after " << centre << " (" << to_string(counting) << "): " << due << " ("
        << to_string(due.day_of_week()) << ")\n";
  }
  return exit_done;
}

int cmd_holidays(const invocation& inv, context& ctx) {
  const calendar cal = make_calendar(inv);
  const int year = inv.year.value();
  const std::vector<holiday> holidays = cal.holidays(year);
  ctx.out << "Bank holidays " << year << ", " << to_string(cal.division()) << " (" << cal.source() << ")\n";
  for (const holiday& h : holidays) {
    ctx.out << h.date << "  " << std::left << std::setw(9) << to_string(h.date.day_of_week()) << "  " << h.name
            << (h.substitute ? " (substitute day)" : "") << "\n";
  }
  return exit_done;
}

int cmd_worklist(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const calendar cal = make_calendar(inv);
  worklist_options wo;
  if (inv.horizon) wo.horizon_days = *inv.horizon;
  const worklist w = make_worklist(cl, as_of_date(inv), make_policy(inv), cal, wo);
  const std::string format = inv.format.value_or("table");
  if (format == "json") ctx.out << to_json(w);
  else if (format == "csv") ctx.out << to_csv(w);
  else ctx.out << to_table(w);
  return w.problems.empty() ? exit_done : exit_findings;
}

int cmd_ics(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const person_id person(inv.person.value(), "--person");
  // A person assigned to no case is a mistake (a misspelt id), not an empty calendar.
  const bool assigned = std::any_of(cl.cases.begin(), cl.cases.end(), [&](const child_case& c) {
    return std::any_of(all_roles().begin(), all_roles().end(), [&](role r) {
      const midway::person* p = c.person_in(r);
      return p != nullptr && p->id == person;
    });
  });
  if (!assigned) throw not_found_error("no one with this id is assigned to a case in the caseload", "--person");
  worklist_options wo;
  if (inv.horizon) wo.horizon_days = *inv.horizon;
  const worklist w = make_worklist(cl, as_of_date(inv), make_policy(inv), make_calendar(inv), wo);
  ctx.out << ics_feed(w, person, ics_options{.remind_days = inv.remind.value_or(2)});
  return w.problems.empty() ? exit_done : exit_findings;
}

int cmd_report(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  report_options options;
  if (inv.horizon) options.horizon_days = *inv.horizon;
  ctx.out << html_report(cl, as_of_date(inv), make_policy(inv), make_calendar(inv), options);
  return exit_done;
}

int cmd_schedule(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const calendar cal = make_calendar(inv);
  const policy pol = make_policy(inv);
  const date as_of = as_of_date(inv);
  if (inv.case_id) {
    ctx.out << to_json(schedule(case_arg(cl, inv), as_of, pol, cal));
    return exit_done;
  }
  for (const child_case& c : cl.cases) ctx.out << to_json(schedule(c, as_of, pol, cal));
  return exit_done;
}

int cmd_drift(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const calendar cal = make_calendar(inv);
  const drift_report r = drift_report_for(cl, as_of_date(inv), make_policy(inv), cal);
  const std::string format = inv.format.value_or("table");
  if (format == "json") ctx.out << to_json(r);
  else if (format == "csv") ctx.out << to_csv(r);
  else ctx.out << to_table(r);
  return r.cases_with_findings == 0 ? exit_done : exit_findings;
}

int cmd_checklist(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const child_case& c = case_arg(cl, inv);
  const note_format f = format_arg(inv);
  if (inv.id) {
    ctx.out << cpa_monitoring_note(c, record_id(*inv.id, "--id")).render(f);
    return exit_done;
  }
  const calendar cal = make_calendar(inv);
  // The proposal as a draft, each item answered as proposed, the summary left for the CPA.
  ctx.out << cpa_proposal_note(c, as_of_date(inv), make_policy(inv), cal).render(f);
  return exit_done;
}

int cmd_note(const invocation& inv, context& ctx) {
  const caseload cl = caseload_arg(inv);
  const child_case& c = case_arg(cl, inv);
  const record_id id(inv.id.value(), "--id");
  ctx.out << midway_review_document(c, id, inv.form.value_or("case-note"), "--form").render(format_arg(inv));
  return exit_done;
}

}  // namespace midway::cli
