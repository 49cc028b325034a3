// Loading the SSDA903 sample scaled 100x (505,000 episodes, 1,258,200 reviews): the CSV
// reader, the join into periods of care and LAC cases, and the validator rules, in one call.
// benchmarks/bench_interop.py compares the same load with pandas.read_csv in one run.
#include <midway/interop.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read(const std::string& name) {
  std::ifstream in(std::string(MIDWAY_SOURCE_DIR) + "/tests/data/ssda903/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The table `copies` times over, each copy's CHILD ids suffixed "_<copy>" so children stay distinct.
std::string scaled(const std::string& text, int copies) {
  const auto header_end = text.find('\n') + 1;
  std::string out = text.substr(0, header_end);
  out.reserve(text.size() * static_cast<std::size_t>(copies) + 16 * text.size() / 8);
  for (int k = 0; k < copies; ++k) {
    const std::string suffix = "_" + std::to_string(k);
    std::size_t at = header_end;
    while (at < text.size()) {
      const auto comma = text.find(',', at);
      auto eol = text.find('\n', at);
      if (eol == std::string::npos) eol = text.size();
      out.append(text, at, comma - at).append(suffix).append(text, comma, eol + 1 - comma);
      at = eol + 1;
    }
  }
  return out;
}

const midway::ssda903_csv& sample(int copies) {
  static const midway::ssda903_csv in = [&] {
    midway::ssda903_csv t;
    t.header = midway::csv_source{.name = "header.csv", .text = scaled(read("header.csv"), copies)};
    t.episodes = midway::csv_source{.name = "episodes.csv", .text = scaled(read("episodes.csv"), copies)};
    t.reviews = midway::csv_source{.name = "reviews.csv", .text = scaled(read("reviews.csv"), copies)};
    t.missing = midway::csv_source{.name = "missing.csv", .text = scaled(read("missing.csv"), copies)};
    return t;
  }();
  return in;
}

// Argument: import_options::threads.
void BM_ImportSsda903Scaled100(benchmark::State& state) {
  const auto& in = sample(100);
  const midway::import_options options{.threads = static_cast<unsigned>(state.range(0))};
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto r = midway::import_ssda903(in, options);
    rows = r.totals().read;
    benchmark::DoNotOptimize(r.columns.events.kind.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(rows));
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ImportSsda903Scaled100)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_ImportSsda903Sample(benchmark::State& state) {
  midway::ssda903_csv in;
  in.header = midway::csv_source{.name = "header.csv", .text = read("header.csv")};
  in.episodes = midway::csv_source{.name = "episodes.csv", .text = read("episodes.csv")};
  in.reviews = midway::csv_source{.name = "reviews.csv", .text = read("reviews.csv")};
  in.missing = midway::csv_source{.name = "missing.csv", .text = read("missing.csv")};
  for (auto _ : state) benchmark::DoNotOptimize(midway::import_ssda903(in).columns.events.kind.data());
}
BENCHMARK(BM_ImportSsda903Sample)->Unit(benchmark::kMillisecond);

}  // namespace
