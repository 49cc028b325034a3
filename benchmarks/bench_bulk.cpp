// Bulk evaluation (bulk.hpp) of synthetic caseloads (synthetic.hpp) at 1,000, 10,000 and
// 130,000 cases (England: every looked after child and every CP plan), on 1 thread and on all.
// Counters: ns per event and per case, and the memory the run allocates beyond its input
// (peak_bytes: the result and the per-case offsets; getrusage's maxrss growth is also shown).
#include <midway/midway.hpp>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <map>
#include <memory>
#include <thread>

namespace {

using namespace midway;

const date as_of(2026, 11, 22);

const caseload_columns& columns(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<caseload_columns>> cache;
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<caseload_columns>(synthetic_columns({.n_cases = n, .seed = 2026}));
  return *slot;
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::size_t input_bytes(const caseload_columns& c) {
  const auto& e = c.events;
  std::size_t bytes = e.case_index.capacity() * 4 + e.kind.capacity() + e.date.capacity() * 4 + e.flags.capacity() * 2 +
                      e.other_date.capacity() * 4;
  for (const auto& s : c.cases.case_id) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() : 0);
  for (const auto& s : c.cases.child_id) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() : 0);
  return bytes + c.cases.kind.capacity() * sizeof(case_kind) + c.cases.partial_history.capacity();
}

std::size_t result_bytes(const bulk_result& r) {
  return r.review_kind.capacity() + r.review_status.capacity() + r.midway_status.capacity() + r.visit_status.capacity() +
         r.core_group_status.capacity() +
         4 * (r.review_due.capacity() + r.midway_due.capacity() + r.visit_due.capacity() + r.core_group_due.capacity() +
              r.visit_gaps.capacity() + r.core_group_gaps.capacity() + r.findings.capacity()) +
         2 * r.finding_rules.capacity();
}

void BM_Evaluate(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const unsigned threads = state.range(1) == 0 ? std::max(1u, std::thread::hardware_concurrency()) : 1u;
  const caseload_columns& cols = columns(n);
  const calendar cal;
  const policy pol = policy::england();
  const long rss_before = max_rss_kib();
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    bulk_result r = evaluate(cols.events, cols.cases, as_of, pol, cal, {.threads = threads});
    out_bytes = result_bytes(r) + (n + 1) * sizeof(std::uint32_t);  // + the offsets evaluate() builds
    benchmark::DoNotOptimize(r);
  }
  const auto events = static_cast<double>(cols.events.size());
  state.counters["threads"] = threads;
  state.counters["events"] = events;
  state.counters["ns_per_event"] =
      benchmark::Counter(events * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["ns_per_case"] =
      benchmark::Counter(static_cast<double>(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["input_B_per_event"] = static_cast<double>(input_bytes(cols)) / events;
  state.counters["run_B_per_event"] = static_cast<double>(out_bytes) / events;
  state.counters["maxrss_growth_KiB"] = static_cast<double>(max_rss_kib() - rss_before);
}
BENCHMARK(BM_Evaluate)
    ->ArgNames({"cases", "one_thread"})
    ->Args({1000, 1})
    ->Args({1000, 0})
    ->Args({10000, 1})
    ->Args({10000, 0})
    ->Args({130000, 1})
    ->Args({130000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_SyntheticColumns(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::size_t events = 0;
  for (auto _ : state) {
    auto c = synthetic_columns({.n_cases = n, .seed = 2026});
    events = c.events.size();
    benchmark::DoNotOptimize(c);
  }
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_SyntheticColumns)->Arg(10000)->Unit(benchmark::kMillisecond);

// The per-case route for comparison: schedule() and drift() on child_case objects.
void BM_ScheduleAndDriftPerCase(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const caseload cl = synthetic_caseload({.n_cases = n, .seed = 2026});
  const calendar cal;
  const policy pol = policy::england();
  std::size_t events = 0;
  for (const auto& c : cl.cases) events += c.history().size();
  for (auto _ : state) {
    for (const auto& c : cl.cases) {
      benchmark::DoNotOptimize(schedule(c, as_of, pol, cal));
      benchmark::DoNotOptimize(drift(c, as_of, pol, cal));
    }
  }
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(events) * 1e-9,
                                                      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScheduleAndDriftPerCase)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
