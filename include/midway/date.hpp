// midway/date.hpp: an always-valid calendar date and distinct duration types.
//
// `midway::date` wraps `boost::gregorian::date` and is never a special value
// (not_a_date_time, +/-infinity): every constructor checks, and throws
// `midway::invalid_date_error` otherwise. It has no default constructor, so a
// record field of type `date` must be given.
//
// Durations are distinct types, so only meaningful arithmetic compiles:
//   date + calendar_days -> date      date + weeks  -> date
//   date + months        -> date (corresponding day, clamped to the month's end)
//   date - date          -> calendar_days
//   date + working_days  -> does not compile: use calendar::add_working_days.
#pragma once

#include <midway/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <compare>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>

namespace midway {

// A signed count of some unit. The tag makes each unit its own type: a
// `working_days` cannot be passed where `calendar_days` is meant.
template <class Tag>
class span {
 public:
  using rep = std::int32_t;
  constexpr explicit span(rep count) noexcept : count_(count) {}
  constexpr rep count() const noexcept { return count_; }

  friend constexpr auto operator<=>(span, span) noexcept = default;
  friend constexpr span operator+(span a, span b) noexcept { return span(a.count_ + b.count_); }
  friend constexpr span operator-(span a, span b) noexcept { return span(a.count_ - b.count_); }
  friend constexpr span operator*(span a, rep k) noexcept { return span(a.count_ * k); }
  friend constexpr span operator*(rep k, span a) noexcept { return span(a.count_ * k); }
  constexpr span operator-() const noexcept { return span(-count_); }

 private:
  rep count_;
};

struct calendar_days_tag {};
struct weeks_tag {};
struct months_tag {};
struct working_days_tag {};

using calendar_days = span<calendar_days_tag>;
using weeks = span<weeks_tag>;
using months = span<months_tag>;
using working_days = span<working_days_tag>;

// ISO 8601 weekday numbers.
enum class weekday { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };
std::string_view to_string(weekday day) noexcept;  // "Monday"

class date {
 public:
  // Throws invalid_date_error naming `field` if (year, month, day) is not a
  // Gregorian date in 1400-01-01..9999-12-31.
  // Example: date(2024, 2, 29) is valid; date(2026, 2, 30) throws.
  date(int year, int month, int day, std::string_view field = "date");

  // Strict ISO 8601 calendar date, "YYYY-MM-DD" and nothing else.
  // Throws invalid_date_error naming `field` (and `record_id`, if given).
  // Example: date::from_iso("2026-11-22").
  static date from_iso(std::string_view text, std::string_view field = "date", std::string_view record_id = {});

  // Throws invalid_date_error if `d` is a special value.
  static date from_boost(const boost::gregorian::date& d, std::string_view field = "date");

  // Days since 1970-01-01 (numpy's datetime64[D] representation).
  // Throws out_of_range_error outside 1400-01-01..9999-12-31.
  static date from_days_since_epoch(std::int64_t days, std::string_view field = "date");

  const boost::gregorian::date& boost() const noexcept { return d_; }

  int year() const noexcept { return static_cast<int>(d_.year()); }
  int month() const noexcept { return static_cast<int>(d_.month().as_number()); }
  int day() const noexcept { return static_cast<int>(d_.day().as_number()); }
  weekday day_of_week() const noexcept;
  bool is_weekend() const noexcept { return day_of_week() >= weekday::saturday; }

  // Julian day number; consecutive dates have consecutive numbers.
  std::uint32_t day_number() const noexcept { return d_.day_count().as_number(); }
  std::int64_t days_since_epoch() const noexcept { return std::int64_t{day_number()} - epoch_day_number; }

  // "YYYY-MM-DD".
  std::string to_iso() const;

  friend bool operator==(date a, date b) noexcept { return a.day_number() == b.day_number(); }
  friend std::strong_ordering operator<=>(date a, date b) noexcept { return a.day_number() <=> b.day_number(); }

  static constexpr std::uint32_t epoch_day_number = 2440588;  // 1970-01-01

  // Unchecked construction from a Julian day number known to be valid; for the
  // library's precomputed tables.
  struct unchecked_t {};
  constexpr date(unchecked_t, std::uint32_t day_number) noexcept
      : d_(static_cast<boost::gregorian::date::date_int_type>(day_number)) {}

 private:
  explicit date(boost::gregorian::date d) noexcept : d_(d) {}
  boost::gregorian::date d_;

  friend date operator+(date d, calendar_days n);
  friend date operator+(date d, months n);
};

// Throws out_of_range_error if the result leaves 1400-01-01..9999-12-31.
// (The others go through days_since_epoch in 64 bits: negating or multiplying the 32-bit
// count could overflow.)
date operator+(date d, calendar_days n);
inline date operator-(date d, calendar_days n) {
  return date::from_days_since_epoch(d.days_since_epoch() - std::int64_t{n.count()});
}
inline date operator+(date d, weeks n) {
  return date::from_days_since_epoch(d.days_since_epoch() + std::int64_t{n.count()} * 7);
}
inline date operator-(date d, weeks n) {
  return date::from_days_since_epoch(d.days_since_epoch() - std::int64_t{n.count()} * 7);
}

// Calendar months: the same day of the month `n` months on, clamped to that
// month's last day. Unlike boost's month arithmetic, the end of a month does
// not "snap": 2023-02-28 + 1 month = 2023-03-28.
// Example: date(2023, 11, 30) + months(3) == date(2024, 2, 29).
date operator+(date d, months n);
inline date operator-(date d, months n) {
  // -n would overflow for the most negative count, which is far outside 1400..9999 anyway.
  if (n.count() == std::numeric_limits<months::rep>::min()) {
    throw out_of_range_error(d.to_iso() + " minus " + std::to_string(n.count()) + " months is outside 1400..9999");
  }
  return d + (-n);
}

inline calendar_days operator-(date a, date b) noexcept {
  return calendar_days(static_cast<calendar_days::rep>(std::int64_t{a.day_number()} - std::int64_t{b.day_number()}));
}

std::ostream& operator<<(std::ostream& os, date d);

// Days in `month` of `year` (28..31).
int days_in_month(int year, int month) noexcept;

}  // namespace midway

template <>
struct std::hash<midway::date> {
  std::size_t operator()(midway::date d) const noexcept { return std::hash<std::uint32_t>{}(d.day_number()); }
};
