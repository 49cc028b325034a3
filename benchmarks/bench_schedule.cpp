// The schedule engine: one case with a year of history, and the bundled example caseload.
#include <midway/midway.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>

namespace {

using namespace midway;

// A CP case with a year of history: strategy discussion, ICPC, RCPCs at 3 and 9 months,
// visits every 2 weeks, core groups every 6 weeks, plan updates and oversight monthly.
child_case year_of_history() {
  child_case c(case_id("CP-BENCH"), child_id("C-BENCH"), case_kind::cp);
  const date start(2025, 11, 3);
  c.record(strategy_discussion{.date = start, .s47_started = true});
  c.record(initial_conference{.date = start + calendar_days(18)});
  for (int d = 21; d < 365; d += 14) c.record(visit{.date = start + calendar_days(d), .seen = true, .seen_alone = d % 28 == 0});
  for (int d = 28; d < 365; d += 42) c.record(core_group{.date = start + calendar_days(d), .agencies = {"school", "health"}});
  for (int d = 30; d < 365; d += 30) {
    c.record(plan_updated{.date = start + calendar_days(d + 1)});
    c.record(management_oversight{.date = start + calendar_days(d + 2)});
  }
  c.record(review_conference{.date = start + calendar_days(18) + months(3)});
  c.record(review_conference{.date = start + calendar_days(18) + months(9)});
  return c;
}

void BM_ScheduleOneCaseYearOfHistory(benchmark::State& state) {
  const child_case c = year_of_history();
  const calendar cal;
  const policy pol = policy::england();
  const date as_of(2026, 11, 22);
  for (auto _ : state) benchmark::DoNotOptimize(schedule(c, as_of, pol, cal));
  state.counters["events"] = static_cast<double>(c.history().size());
}
BENCHMARK(BM_ScheduleOneCaseYearOfHistory)->Unit(benchmark::kMicrosecond);

void BM_ScheduleExampleCaseload(benchmark::State& state) {
  const std::filesystem::path path = std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json";
  const caseload cl = load_caseload(path);
  const calendar cal;
  const policy pol = policy::england();
  const date as_of(2026, 11, 22);
  for (auto _ : state) {
    for (const auto& c : cl.cases) benchmark::DoNotOptimize(schedule(c, as_of, pol, cal));
  }
  state.counters["cases"] = static_cast<double>(cl.cases.size());
  state.counters["per_case"] = benchmark::Counter(static_cast<double>(cl.cases.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScheduleExampleCaseload)->Unit(benchmark::kMicrosecond);

void BM_LoadExampleCaseload(benchmark::State& state) {
  const std::filesystem::path path = std::filesystem::path(MIDWAY_SOURCE_DIR) / "examples" / "caseload.json";
  for (auto _ : state) benchmark::DoNotOptimize(load_caseload(path));
}
BENCHMARK(BM_LoadExampleCaseload)->Unit(benchmark::kMicrosecond);

}  // namespace
