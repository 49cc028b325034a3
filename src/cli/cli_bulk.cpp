#include "command.hpp"

#include <midway/midway.hpp>
#include <midway/detail/threads.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace midway::cli {


namespace {


std::string grouped(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string padded(std::string s, std::size_t width, bool right = true) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

void summary(std::ostream& out, const bulk_result& r, const case_columns& cases, date as_of, const policy& pol, unsigned threads,
             double seconds) {
  const std::size_t n = r.size();
  const auto lac = static_cast<std::size_t>(std::count(cases.kind.begin(), cases.kind.end(), case_kind::lac));
  out << "midway evaluate: " << grouped(n) << " cases (" << grouped(lac) << " LAC, " << grouped(n - lac) << " CP), "
      << grouped(r.events) << " events, as of " << as_of.to_iso() << ", policy " << pol.name << "\n";
  char timing[160];
  std::snprintf(timing, sizeof timing, "evaluated in %.3f s on %u thread%s (%.0f ns per event)\n", seconds, threads, threads == 1 ? "" : "s",
                r.events == 0 ? 0.0 : seconds * 1e9 / static_cast<double>(r.events));
  out << timing << "\n";
  constexpr std::array statuses{item_status::overdue, item_status::due_soon, item_status::upcoming, item_status::done,
                                item_status::not_required, item_status::not_applicable};
  out << padded("", 14, false);
  for (auto s : statuses) out << padded(std::string(to_string(s)), 16);
  out << "\n";
  const std::array<std::pair<const char*, const std::vector<std::uint8_t>*>, 4> items{{{"review", &r.review_status},
                                                                                       {"midway review", &r.midway_status},
                                                                                       {"visit", &r.visit_status},
                                                                                       {"core group", &r.core_group_status}}};
  for (const auto& [name, column] : items) {
    out << padded(name, 14, false);
    for (auto s : statuses) {
      out << padded(grouped(static_cast<std::size_t>(std::count(column->begin(), column->end(), static_cast<std::uint8_t>(s)))), 16);
    }
    out << "\n";
  }
  auto total = [](const std::vector<std::int32_t>& v) {
    std::size_t sum = 0, with = 0;
    for (auto x : v) {
      sum += static_cast<std::size_t>(x);
      with += x > 0 ? 1 : 0;
    }
    return std::pair{sum, with};
  };
  const auto [vg, vc] = total(r.visit_gaps);
  const auto [cg, cc] = total(r.core_group_gaps);
  const auto [fs, fc] = total(r.findings);
  out << "\nvisit gaps over policy: " << grouped(vg) << " in " << grouped(vc) << " cases\n";
  out << "core-group gaps over policy: " << grouped(cg) << " in " << grouped(cc) << " cases\n";
  out << "drift findings: " << grouped(fs) << " in " << grouped(fc) << " cases; cases by rule:\n";
  const auto rules = drift_rules();
  for (std::size_t k = 0; k < rules.size(); ++k) {
    const auto with = static_cast<std::size_t>(
        std::count_if(r.finding_rules.begin(), r.finding_rules.end(), [&](std::uint16_t m) { return (m >> k) & 1u; }));
    out << "  " << padded(std::string(rules[k].id), 26, false) << padded(grouped(with), 10) << "\n";
  }
}

std::string day_text(std::int32_t d) { return d == no_date ? std::string() : date::from_days_since_epoch(d).to_iso(); }

// The rules of drift_rules() whose bit is set, joined by ';'.
std::string rule_names(std::uint16_t bits) {
  std::string out;
  const auto rules = drift_rules();
  for (std::size_t k = 0; k < rules.size(); ++k) {
    if (((bits >> k) & 1u) == 0) continue;
    if (!out.empty()) out += ';';
    out += rules[k].id;
  }
  return out;
}

constexpr std::array<const char*, 16> row_columns{"case_id",      "child_id",         "case_kind",       "review_kind",
                                                  "review_due",   "review_status",    "midway_due",      "midway_status",
                                                  "visit_due",    "visit_status",     "core_group_due",  "core_group_status",
                                                  "visit_gaps",   "core_group_gaps",  "drift_findings",  "drift_rules"};

// One row per case: the row_columns above, as text.
std::array<std::string, 16> row_of(const bulk_result& r, const case_columns& cases, std::size_t i) {
  auto status = [](std::uint8_t s) { return std::string(to_string(static_cast<item_status>(s))); };
  return {cases.case_id[i],
          cases.child_id[i],
          std::string(to_string(cases.kind[i])),
          std::string(to_string(static_cast<item_kind>(r.review_kind[i]))),
          day_text(r.review_due[i]),
          status(r.review_status[i]),
          day_text(r.midway_due[i]),
          status(r.midway_status[i]),
          day_text(r.visit_due[i]),
          status(r.visit_status[i]),
          day_text(r.core_group_due[i]),
          status(r.core_group_status[i]),
          std::to_string(r.visit_gaps[i]),
          std::to_string(r.core_group_gaps[i]),
          std::to_string(r.findings[i]),
          rule_names(r.finding_rules[i])};
}

// RFC 4180: a field quoted when it holds a comma, quote, CR or LF; CRLF line ends.
void csv_field(std::ostream& out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out << v;
    return;
  }
  out << '"';
  for (char c : v) out << (c == '"' ? "\"\"" : std::string(1, c));
  out << '"';
}

void write_csv(std::ostream& out, const bulk_result& r, const case_columns& cases) {
  for (std::size_t k = 0; k < row_columns.size(); ++k) out << (k ? "," : "") << row_columns[k];
  out << "\r\n";
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = row_of(r, cases, i);
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k) out << ',';
      csv_field(out, row[k]);
    }
    out << "\r\n";
  }
}

// A JSON string (ids and codes are UTF-8 from the readers or the caseload's JSON).
std::string json_text(const std::string& v) {
  std::string out = "\"";
  for (const char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// {"schema": "midway.evaluation", "version": 1, "as_of": ..., "policy": ..., "cases": [{column: value}, ...]}:
// one object per case with the CSV's columns; dates with no due date as null, counts as
// numbers, drift_rules as a list of rule ids.
void write_json(std::ostream& out, const bulk_result& r, const case_columns& cases, date as_of, const policy& pol) {
  out << "{\n  \"schema\": \"midway.evaluation\",\n  \"version\": " << json_schema_version << ",\n  \"as_of\": \"" << as_of.to_iso()
      << "\",\n  \"policy\": " << json_text(pol.name) << ",\n  \"cases\": [";
  const auto rules = drift_rules();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = row_of(r, cases, i);
    out << (i ? ",\n    {" : "\n    {");
    for (std::size_t k = 0; k < row.size(); ++k) {
      const std::string_view name = row_columns[k];
      out << (k ? ", " : "") << '"' << name << "\": ";
      if (name.ends_with("_due")) {
        out << (row[k].empty() ? std::string("null") : json_text(row[k]));
      } else if (name.ends_with("_gaps") || name == "drift_findings") {
        out << row[k];
      } else if (name == "drift_rules") {
        out << '[';
        bool first = true;
        for (std::size_t b = 0; b < rules.size(); ++b) {
          if (((r.finding_rules[i] >> b) & 1u) == 0) continue;
          out << (first ? "" : ", ") << json_text(std::string(rules[b].id));
          first = false;
        }
        out << ']';
      } else {
        out << json_text(row[k]);
      }
    }
    out << '}';
  }
  out << (r.size() ? "\n  ]\n}\n" : "]\n}\n");
}

}  // namespace

int cmd_evaluate(const invocation& inv, context& ctx) {
  if (inv.synthetic ? !inv.positional.empty() : inv.positional.size() != 1) {
    throw usage_error("needs one CASELOAD.json or --synthetic N");
  }
  if (!inv.synthetic && inv.seed) throw usage_error("--seed goes with --synthetic");
  const date as_of = as_of_date(inv);
  const unsigned threads = detail::thread_count(inv.threads.value_or(1));
  const policy pol = make_policy(inv);
  const calendar cal = make_calendar(inv);

  // A DfE return is read straight into columns (no per-case object); a caseload file is converted.
  caseload_columns cols;
  if (inv.synthetic) {
    cols = synthetic_columns({.n_cases = static_cast<std::size_t>(*inv.synthetic), .seed = inv.seed.value_or(1), .as_of = as_of});
  } else if (is_return_path(inv.positional.front())) {
    cols = std::move(read_return_for_evaluate(inv, inv.positional.front(), progress_stream(inv, ctx), ctx.err).columns);
  } else {
    cols = to_columns(load_caseload(inv.positional.front()));
  }
  evaluate_options options{.threads = threads, .progress = {}};
  if (std::ostream* bar = progress_stream(inv, ctx)) {
    options.progress = [bar](std::size_t done, std::size_t total) {
      *bar << "\r" << progress_line(done, total) << (done == total ? "\n" : "") << std::flush;
    };
  }
  const auto t0 = std::chrono::steady_clock::now();
  const bulk_result r = evaluate(cols.events, cols.cases, as_of, pol, cal, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string format = inv.format.value_or("summary");
  if (format == "csv") {
    write_csv(ctx.out, r, cols.cases);
  } else if (format == "json") {
    write_json(ctx.out, r, cols.cases, as_of, pol);
  } else {
    summary(ctx.out, r, cols.cases, as_of, pol, threads, seconds);
  }
  return exit_done;
}

}  // namespace midway::cli
