// libFuzzer target: arbitrary bytes as the SSDA903 episodes, reviews and missing tables
// (split at the first two NUL bytes). No input may throw, crash or break an invariant. The
// whole-result checks (three threads against one, re-serialisation) are in fuzz_import_checks.
#include "fuzz_interop_common.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string parts[3];
  for (int i = 0; i < 3; ++i) {
    const auto nul = text.find('\0');
    parts[i] = std::string(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  midway::ssda903_csv in;
  in.episodes = midway::csv_source{.name = "episodes.csv", .text = parts[0]};
  if (!parts[1].empty()) in.reviews = midway::csv_source{.name = "reviews.csv", .text = parts[1]};
  if (!parts[2].empty()) in.missing = midway::csv_source{.name = "missing.csv", .text = parts[2]};
  check_counts(midway::import_ssda903(in, midway::import_options{.validator_rules = true, .calendar = {}, .threads = 1}));
  return 0;
}
