// midway_bench: Google Benchmark programs for the working-day calendar.
//
// Scalar benchmarks cycle through pre-generated random inputs (fixed seed): dates uniform in
// 1990-01-01..2060-12-31, offsets uniform in 1..130 working days. For working_days_between
// the pair is (d, d + offset calendar days), so b >= a, as in benchmarks/bench_calendar.py.
// The *Naive benchmarks are the obvious implementation without precomputed tables (a
// day-by-day loop over an std::unordered_set of holiday day numbers plus a weekday check),
// run in the same binary so that the ratio is measured on the same machine in the same run.
// Bulk benchmarks run the span forms over 1,000,000 elements (items_per_second counts
// elements).
//
// Build and run (Release): scripts/dev.sh bench, or
//   cmake --preset release && cmake --build --preset release --target midway_bench
//   build/release/benchmarks/midway_bench
#include <midway/calendar.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <span>
#include <unordered_set>
#include <vector>

namespace {

using midway::calendar;
using midway::date;
using midway::working_days;

constexpr std::uint64_t seed = 20261218;
constexpr std::size_t scalar_inputs = std::size_t{1} << 14;  // cycled through; a power of two
constexpr std::size_t bulk_inputs = 1'000'000;
constexpr int first_year = 1990;  // random dates: 1990-01-01..2060-12-31
constexpr int last_year = 2060;
constexpr std::int64_t max_offset = 130;  // random offsets: 1..130

// Random inputs, generated once. days[j] and b_days[j] are days since 1970-01-01
// (numpy's datetime64[D]); b_days[j] = days[j] + offsets[j].
struct inputs {
  std::vector<std::int64_t> days;
  std::vector<std::int64_t> offsets;
  std::vector<std::int64_t> b_days;
  std::vector<date> dates;    // days, as midway::date
  std::vector<date> b_dates;  // b_days, as midway::date
};

inputs make_inputs(std::size_t n) {
  const std::int64_t lo = date(first_year, 1, 1).days_since_epoch();
  const std::int64_t hi = date(last_year, 12, 31).days_since_epoch();
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> day_dist(lo, hi);
  std::uniform_int_distribution<std::int64_t> offset_dist(1, max_offset);
  inputs in;
  in.days.reserve(n);
  in.offsets.reserve(n);
  in.b_days.reserve(n);
  in.dates.reserve(n);
  in.b_dates.reserve(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::int64_t d = day_dist(rng);
    const std::int64_t k = offset_dist(rng);
    in.days.push_back(d);
    in.offsets.push_back(k);
    in.b_days.push_back(d + k);
    in.dates.push_back(date::from_days_since_epoch(d));
    in.b_dates.push_back(date::from_days_since_epoch(d + k));
  }
  return in;
}

const inputs& scalar() {
  static const inputs in = make_inputs(scalar_inputs);
  return in;
}

const inputs& bulk() {
  static const inputs in = make_inputs(bulk_inputs);
  return in;
}

const calendar& england_and_wales() {
  static const calendar cal(midway::division::england_and_wales);
  return cal;
}

// ---- the naive peer: no tables, one step per calendar day ----

class naive_calendar {
 public:
  // The bank holidays of `cal` for 1990..2061 (offsets from 2060-12-31 reach into 2061).
  explicit naive_calendar(const calendar& cal) {
    for (int y = first_year; y <= last_year + 1; ++y) {
      for (const auto& h : cal.holidays(y)) holidays_.insert(h.date.day_number());
    }
  }

  bool is_working_day(std::uint32_t day_number) const {
    // Julian day numbers: day_number % 7 is 0 for Monday .. 6 for Sunday.
    return day_number % 7 < 5 && !holidays_.contains(day_number);
  }

  // The n-th working day after `d` (n > 0), day 0 convention.
  date add_working_days(date d, working_days n) const {
    std::uint32_t day = d.day_number();
    for (std::int32_t left = n.count(); left > 0;) {
      ++day;
      if (is_working_day(day)) --left;
    }
    return date(date::unchecked_t{}, day);
  }

  // The number of working days in (a, b], for b >= a.
  working_days working_days_between(date a, date b) const {
    std::int32_t count = 0;
    for (std::uint32_t day = a.day_number() + 1; day <= b.day_number(); ++day) count += is_working_day(day) ? 1 : 0;
    return working_days(count);
  }

 private:
  std::unordered_set<std::uint32_t> holidays_;
};

const naive_calendar& naive() {
  static const naive_calendar cal(england_and_wales());
  return cal;
}

// Checks once, before timing, that the naive peer computes what midway computes, so the
// ratio compares two implementations of the same function.
bool naive_agrees(benchmark::State& state) {
  static const bool agrees = [] {
    const calendar& cal = england_and_wales();
    const naive_calendar& nv = naive();
    const inputs& in = scalar();
    for (std::size_t j = 0; j < in.dates.size(); ++j) {
      const working_days n(static_cast<working_days::rep>(in.offsets[j]));
      if (nv.add_working_days(in.dates[j], n) != cal.add_working_days(in.dates[j], n)) return false;
      if (nv.working_days_between(in.dates[j], in.b_dates[j]) != cal.working_days_between(in.dates[j], in.b_dates[j])) {
        return false;
      }
      if (nv.is_working_day(in.dates[j].day_number()) != cal.is_working_day(in.dates[j])) return false;
    }
    return true;
  }();
  if (!agrees) state.SkipWithError("the naive peer disagrees with midway::calendar");
  return agrees;
}

// ---- scalar operations ----

void BM_AddWorkingDays(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    date r = cal.add_working_days(in.dates[j], working_days(static_cast<working_days::rep>(in.offsets[j])));
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_AddWorkingDays);

void BM_AddWorkingDaysNaive(benchmark::State& state) {
  if (!naive_agrees(state)) return;
  const naive_calendar& cal = naive();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    date r = cal.add_working_days(in.dates[j], working_days(static_cast<working_days::rep>(in.offsets[j])));
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_AddWorkingDaysNaive);

void BM_WorkingDaysBetween(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    working_days r = cal.working_days_between(in.dates[j], in.b_dates[j]);
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_WorkingDaysBetween);

void BM_WorkingDaysBetweenNaive(benchmark::State& state) {
  if (!naive_agrees(state)) return;
  const naive_calendar& cal = naive();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    working_days r = cal.working_days_between(in.dates[j], in.b_dates[j]);
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_WorkingDaysBetweenNaive);

void BM_IsWorkingDay(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    bool r = cal.is_working_day(in.dates[j]);
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_IsWorkingDay);

void BM_IsWorkingDayNaive(benchmark::State& state) {
  if (!naive_agrees(state)) return;
  const naive_calendar& cal = naive();
  const inputs& in = scalar();
  std::size_t j = 0;
  for (auto _ : state) {
    bool r = cal.is_working_day(in.dates[j].day_number());
    benchmark::DoNotOptimize(r);
    j = (j + 1) & (scalar_inputs - 1);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_IsWorkingDayNaive);

// Building a calendar: the bank holidays of 1978..2199 and the rank and working-day tables.
void BM_CalendarConstruction(benchmark::State& state) {
  for (auto _ : state) {
    calendar cal(midway::division::england_and_wales);
    benchmark::DoNotOptimize(cal);
  }
}
BENCHMARK(BM_CalendarConstruction)->Unit(benchmark::kMicrosecond);

// ---- bulk span forms, 1,000,000 elements a call ----

void BM_AddWorkingDaysBulk(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = bulk();
  std::vector<std::int64_t> out(in.days.size());
  for (auto _ : state) {
    cal.add_working_days(in.days, in.offsets, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(out.size()));
}
BENCHMARK(BM_AddWorkingDaysBulk)->Unit(benchmark::kMillisecond);

void BM_WorkingDaysBetweenBulk(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = bulk();
  std::vector<std::int64_t> out(in.days.size());
  for (auto _ : state) {
    cal.working_days_between(in.days, in.b_days, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(out.size()));
}
BENCHMARK(BM_WorkingDaysBetweenBulk)->Unit(benchmark::kMillisecond);

void BM_IsWorkingDayBulk(benchmark::State& state) {
  const calendar& cal = england_and_wales();
  const inputs& in = bulk();
  // std::vector<bool> is packed; the span form wants one bool per element.
  const auto out = std::make_unique<bool[]>(in.days.size());
  const std::span<bool> out_span(out.get(), in.days.size());
  for (auto _ : state) {
    cal.is_working_day(in.days, out_span);
    benchmark::DoNotOptimize(out.get());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(out_span.size()));
}
BENCHMARK(BM_IsWorkingDayBulk)->Unit(benchmark::kMillisecond);

}  // namespace
