// libFuzzer target: arbitrary bytes as an SSDA903 return in the XML layout.
#include "fuzz_interop_common.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_counts(midway::import_ssda903_xml(text, "fuzz.xml"));
  return 0;
}
