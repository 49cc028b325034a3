#include "cli_interop.hpp"
#include "options.hpp"

#include <midway/midway.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

namespace midway::cli {

const char* const interop_usage = R"(midway import ssda903 DIR|FILE [--out CASELOAD.json] [--findings FINDINGS.csv] [--no-rules] [--threads N]
midway import cin FILE.xml [--out CASELOAD.json] [--findings FINDINGS.csv] [--no-rules]
  Reads a DfE return into LAC or CP cases: the caseload JSON goes to --out (default
  standard output), the findings report to standard error (all findings as CSV to --findings).
  --threads N reads an SSDA903 return on N threads (0: every core; default 1): same result.
midway timeliness ssda903 DIR|FILE | cin FILE.xml | CASELOAD.json [--as-of YYYY-MM-DD]
                [--policy ...] [--anchor strategy_discussion|s47_start] [--format table|csv]
                [--division D] [--closure YYYY-MM-DD]...
  Review timeliness per child and a summary; --as-of defaults to the CIN census
  reference date, else today.
midway annex-a 7|8 ssda903 DIR|FILE | cin FILE.xml | CASELOAD.json [--as-of YYYY-MM-DD] [--iso-dates]
  Ofsted Annex A List 7 (CP) or List 8 (LAC): the columns midway fills, as CSV.
)";

namespace {


int usage_failure(std::ostream& err, const std::string& message) {
  err << "midway: " << message << "\n\n" << interop_usage;
  return 2;
}

struct loaded {
  caseload cases;
  std::optional<date> reference_date;
};

// SOURCE is "ssda903 PATH", "cin PATH" or "CASELOAD.json"; from positional[first].
loaded load_source(const options& p, std::size_t first, std::ostream& err, bool report) {
  const auto& pos = p.positional;
  if (pos.size() == first + 2 && (pos[first] == "ssda903" || pos[first] == "cin")) {
    import_result r = pos[first] == "cin" ? import_cin_census(pos[first + 1]) : import_ssda903(std::filesystem::path(pos[first + 1]));
    if (report) err << findings_report(r, 20);
    return loaded{.cases = std::move(r.cases), .reference_date = r.reference_date};
  }
  if (pos.size() == first + 1) return loaded{.cases = load_caseload(pos[first]), .reference_date = std::nullopt};
  throw usage_error("expected ssda903 DIR|FILE, cin FILE.xml or CASELOAD.json");
}

date as_of_date(const options& p, const std::optional<date>& fallback) {
  if (const std::string* s = p.one("as-of")) return date::from_iso(*s, "--as-of");
  if (fallback) return *fallback;
  return date::from_boost(boost::gregorian::day_clock::local_day());
}

void write_file(const std::string& path, const std::string& text, const std::string& option) {
  std::ofstream f(path, std::ios::binary);
  if (!f || !(f << text)) throw not_found_error("cannot write '" + path + "'", option);
}

}  // namespace

int cmd_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const options p = parse(args, 2, {"out", "findings", "threads"}, {"no-rules"});
    if (p.positional.size() != 2 || (p.positional[0] != "ssda903" && p.positional[0] != "cin")) {
      throw usage_error("midway import needs ssda903 DIR|FILE or cin FILE.xml");
    }
    import_options options;
    options.validator_rules = !p.flag("no-rules");
    options.threads = thread_option(p);
    const import_result r = p.positional[0] == "cin" ? import_cin_census(p.positional[1], options)
                                                     : import_ssda903(std::filesystem::path(p.positional[1]), options);
    const std::string json = to_json(r.cases);
    if (const std::string* o = p.one("out")) {
      write_file(*o, json, "--out");
    } else {
      out << json << "\n";
    }
    if (const std::string* f = p.one("findings")) {
      write_file(*f, findings_to_csv(r.findings), "--findings");
      err << findings_report(r, 0);
    } else {
      err << findings_report(r);
    }
    return 0;
  } catch (const usage_error& e) {
    return usage_failure(err, e.what());
  }
}

int cmd_timeliness(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const options p = parse(args, 2, {"as-of", "policy", "anchor", "format", "division", "closure"}, {});
    const loaded in = load_source(p, 0, err, false);
    const division div = p.one("division") ? division_from_string(*p.one("division"), "--division") : division::england_and_wales;
    std::vector<closure> closures;
    if (auto it = p.values.find("closure"); it != p.values.end()) {
      for (const auto& c : it->second) closures.emplace_back(date::from_iso(c, "--closure"));
    }
    const calendar cal(div, closures);
    policy pol = policy::england();
    if (const std::string* s = p.one("policy")) {
      if (*s == "england" || *s == "wales" || *s == "scotland") {
        pol = policy::preset(*s, "--policy");
      } else {
        std::ifstream f(*s, std::ios::binary);
        if (!f) throw not_found_error("cannot open the policy file '" + *s + "'", "--policy");
        pol = policy_from_json(std::string(std::istreambuf_iterator<char>(f), {}));
      }
    }
    timeliness_options options;
    if (const std::string* a = p.one("anchor")) options.anchor = icpc_anchor_from_string(*a, "--anchor");
    const timeliness_report r = review_timeliness(in.cases, as_of_date(p, in.reference_date), pol, cal, options);
    const std::string format = p.one("format") ? *p.one("format") : "table";
    if (format == "table") out << to_table(r);
    else if (format == "csv") out << to_csv(r);
    else throw usage_error("option --format must be table or csv");
    return r.problems.empty() ? 0 : 1;
  } catch (const usage_error& e) {
    return usage_failure(err, e.what());
  }
}

int cmd_annex_a(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const options p = parse(args, 2, {"as-of"}, {"iso-dates"});
    if (p.positional.empty() || (p.positional[0] != "7" && p.positional[0] != "8")) throw usage_error("midway annex-a needs the list, 7 or 8");
    const loaded in = load_source(p, 1, err, false);
    annex_a_options options;
    options.uk_dates = !p.flag("iso-dates");
    const date as_of = as_of_date(p, in.reference_date);
    out << (p.positional[0] == "7" ? annex_a_list7(in.cases, as_of, options) : annex_a_list8(in.cases, as_of, options));
    return 0;
  } catch (const usage_error& e) {
    return usage_failure(err, e.what());
  }
}

}  // namespace midway::cli
