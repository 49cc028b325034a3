#include "cli.hpp"

#include <midway/midway.hpp>

#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

namespace midway::cli {

namespace {

constexpr const char* usage = R"(usage: midway <command> [options]

commands:
  calendar   working days and holidays around a date
  holidays   the bank holidays of a year
  version    print the library version

midway calendar [--division D] [--date YYYY-MM-DD] [--days N] [--add N]
                [--closure YYYY-MM-DD]... [--feed FILE] [--counting day_zero|inclusive]
  Lists the N days (default 14) either side of --date (default today) with the
  holidays, and the working day N working days after --date for each N in --add
  (default 10, 15 and 20).

midway holidays [--division D] --year YYYY [--feed FILE]

divisions: england-and-wales (default), scotland, northern-ireland
)";

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct options {
  std::map<std::string, std::vector<std::string>> values;
  const std::string* one(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second.back();
  }
};

options parse(const std::vector<std::string>& args, std::size_t from, const std::vector<std::string>& known) {
  options o;
  for (std::size_t i = from; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) throw usage_error("unexpected argument '" + a + "'");
    std::string key = a.substr(2), value;
    if (auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) throw usage_error("option --" + key + " needs a value");
      value = args[++i];
    }
    if (std::find(known.begin(), known.end(), key) == known.end()) throw usage_error("unknown option --" + key);
    o.values[key].push_back(value);
  }
  return o;
}

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

int cmd_holidays(const std::vector<std::string>& args, std::ostream& out) {
  const options o = parse(args, 2, {"division", "year", "feed", "closure"});
  if (!o.one("year")) throw usage_error("midway holidays needs --year");
  const calendar cal = make_calendar(o);
  const int year = to_int(*o.one("year"), "year");
  out << "Bank holidays " << year << ", " << to_string(cal.division()) << " (" << cal.source() << ")\n";
  for (const holiday& h : cal.holidays(year)) {
    out << h.date << "  " << std::left << std::setw(9) << to_string(h.date.day_of_week()) << "  " << h.name
        << (h.substitute ? " (substitute day)" : "") << "\n";
  }
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
      (args.size() < 2 ? err : out) << usage;
      return args.size() < 2 ? 2 : 0;
    }
    const std::string& command = args[1];
    if (command == "calendar") return cmd_calendar(args, out);
    if (command == "holidays") return cmd_holidays(args, out);
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
