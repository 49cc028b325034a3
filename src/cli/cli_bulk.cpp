#include "command.hpp"

#include <midway/midway.hpp>
#include <midway/detail/threads.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>

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

  caseload_columns cols;
  if (inv.synthetic) {
    cols = synthetic_columns({.n_cases = static_cast<std::size_t>(*inv.synthetic), .seed = inv.seed.value_or(1), .as_of = as_of});
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
  summary(ctx.out, r, cols.cases, as_of, pol, threads, seconds);
  return exit_done;
}

}  // namespace midway::cli
