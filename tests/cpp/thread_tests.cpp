// The tests that run threads, in a binary of their own so that the tsan preset
// (ThreadSanitizer) builds and runs only these: evaluate() with several threads, and the
// SSDA903 reader with several threads. Label "threads" (ctest --preset tsan).
#include "test_support.hpp"

#include <functional>

namespace {

using namespace midway;
using midway_test::data_path;

TEST(Threads, EvaluateGivesTheSameResultOnEveryThreadCount) {
  const caseload_columns cols = synthetic_columns({.n_cases = 1500, .seed = 3});
  const calendar cal;
  const date as_of(2026, 11, 22);
  const bulk_result one = evaluate(cols.events, cols.cases, as_of, policy::england(), cal, {.threads = 1});
  for (unsigned t : {2u, 3u, 8u}) {
    EXPECT_EQ(evaluate(cols.events, cols.cases, as_of, policy::england(), cal, {.threads = t}), one) << t << " threads";
  }
  std::size_t calls = 0;
  (void)evaluate(cols.events, cols.cases, as_of, policy::england(), cal,
                 {.threads = 3, .progress = [&](std::size_t, std::size_t) { ++calls; }});
  EXPECT_GT(calls, 0u);
}

TEST(Threads, Ssda903ReaderGivesTheSameResultOnEveryThreadCount) {
  const std::vector<std::function<import_result(unsigned)>> inputs{
      [](unsigned t) { return import_ssda903(data_path("ssda903"), import_options{.threads = t}); },
      [](unsigned t) { return import_ssda903(data_path("ssda903/fake_903.xml"), import_options{.threads = t}); },
  };
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const import_result one = inputs[k](1);
    for (const unsigned threads : {2u, 3u, 8u}) {
      const import_result many = inputs[k](threads);
      EXPECT_EQ(many.columns, one.columns);
      EXPECT_EQ(many.to_caseload(), one.to_caseload()) << "input " << k << ", threads " << threads;
      EXPECT_EQ(many.findings, one.findings) << "input " << k << ", threads " << threads;
    }
  }
}

}  // namespace
