// libFuzzer target: arbitrary bytes into date::from_iso; a date it accepts must print back
// as the same text. Only invalid_date_error may escape from_iso.
#include "fuzz_check.hpp"
#include <midway/date.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>


extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const midway::date d = midway::date::from_iso(text, "when", "R-1");
    // Strict ISO: exactly YYYY-MM-DD, so printing it gives the input back.
    FUZZ_CHECK(size == 10);
    FUZZ_CHECK(d.to_iso() == text);
    FUZZ_CHECK(midway::date::from_iso(d.to_iso()) == d);
    FUZZ_CHECK(midway::date(d.year(), d.month(), d.day()) == d);
    FUZZ_CHECK(midway::date::from_days_since_epoch(d.days_since_epoch()) == d);
    FUZZ_CHECK(d.day() <= midway::days_in_month(d.year(), d.month()));
    FUZZ_CHECK(d + midway::months(0) == d);
    if (d < midway::date(9999, 12, 31)) {
      const midway::date next = d + midway::calendar_days(1);
      FUZZ_CHECK((next - d).count() == 1);
      FUZZ_CHECK(static_cast<int>(next.day_of_week()) % 7 == (static_cast<int>(d.day_of_week()) + 1) % 7);
    }
  } catch (const midway::invalid_date_error& e) {
    FUZZ_CHECK(e.field() == "when");
    FUZZ_CHECK(e.record_id() == "R-1");
  }
  return 0;
}
