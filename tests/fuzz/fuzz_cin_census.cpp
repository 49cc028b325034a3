// libFuzzer target: arbitrary bytes as a CIN census XML return.
#include "fuzz_interop_common.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_counts(midway::import_cin_census_xml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml"));
  return 0;
}
