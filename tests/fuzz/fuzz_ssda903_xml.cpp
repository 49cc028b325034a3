// libFuzzer target: arbitrary bytes as an SSDA903 return in the XML layout.
#include "fuzz_interop_common.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_import(midway::import_ssda903_xml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml"));
  return 0;
}
