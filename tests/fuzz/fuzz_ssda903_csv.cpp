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
  const midway::ssda903_csv in = ssda903_tables(text);
  check_counts(midway::import_ssda903(in, midway::import_options{.validator_rules = true, .calendar = {}, .threads = 1}));
  return 0;
}
