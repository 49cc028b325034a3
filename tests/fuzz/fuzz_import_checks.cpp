// libFuzzer target: the whole-result checks of the data-return readers, kept out of the parser
// targets (fuzz_ssda903_csv, fuzz_ssda903_xml, fuzz_cin_census) because they cost 50-100 times a
// parse. The first byte picks the reader (0: SSDA903 CSV tables split at NUL bytes as in
// fuzz_ssda903_csv, 1: SSDA903 XML, 2: CIN census XML); the rest is the return. Checks: three
// threads give what one gives; every case serialises to JSON and reads back to the same text;
// timeliness, the Annex A lists and the findings report render (fuzz_interop_common.hpp).
// scripts/dev.sh fuzz seeds it with a sample of the parser targets' corpora.
#include "fuzz_interop_common.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const unsigned which = data[0] % 3u;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (which == 0) {
    const midway::ssda903_csv in = ssda903_tables(text);
    const midway::import_result r = midway::import_ssda903(in);
    check_whole(r);
    check_same_on_threads(r, midway::import_ssda903(in, midway::import_options{.threads = 3}));
  } else if (which == 1) {
    const midway::import_result r = midway::import_ssda903_xml(text, "fuzz.xml");
    check_whole(r);
    check_same_on_threads(r, midway::import_ssda903_xml(text, "fuzz.xml", midway::import_options{.threads = 3}));
  } else {
    check_whole(midway::import_cin_census_xml(text, "fuzz.xml"));
  }
  return 0;
}
