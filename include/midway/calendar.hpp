// midway/calendar.hpp: working-day arithmetic for one UK division.
//
// A working day is a weekday that is neither a bank holiday of the division nor one of the
// calendar's extra closure days. Every operation is O(1): construction precomputes, for
// every date of 1978-01-01..2199-12-31, whether it is a working day and how many working
// days precede it. A calendar is immutable, cheap to copy (the tables are shared) and safe
// to use from any number of threads at once.
//
// Counting conventions (docs/calendar.md):
//   day_count::day_zero  (default) `d` is day 0; the deadline "within N working days of d" is
//                        the N-th working day after d, whether or not d is a working day.
//                        This is the reading of numpy.busday_offset, workalendar and GOV.UK.
//   day_count::inclusive `d` counts as day 1 when it is a working day, as the DfE CIN census
//                        validator counts (it steps N-1 working days from d).
// Dates outside 1978-01-01..2199-12-31, as input or result, throw out_of_range_error
// naming the argument.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/date.hpp>
#include <midway/holidays.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

enum class day_count { day_zero, inclusive };
MIDWAY_ENUM_TRAITS_DESCRIBED(day_count, 2, "DayCount", "day count convention", "DAY_ZERO: the start date is day 0 (default). INCLUSIVE: it is day 1 when a working day (the DfE CIN validator's convention).",
                   {day_count::day_zero, "day_zero"},
                   {day_count::inclusive, "inclusive"});
std::string_view to_string(day_count c) noexcept;  // "day_zero", "inclusive"
day_count day_count_from_string(std::string_view text, std::string_view field = "counting");

// A day the calendar's owner is closed although it is not a bank holiday: an LA's
// Christmas closure, Christmas Eve, a day of mourning.
struct closure {
  closure(midway::date d, std::string n = "Local closure") : date(d), name(std::move(n)) {}  // NOLINT: implicit from date
  midway::date date;
  std::string name;
};

class calendar {
 public:
  // Bank holidays of `div` by `rules`, plus `closures`.
  // Throws out_of_range_error naming "closures[i]" for a closure outside the supported range.
  // Example: calendar cal(division::england_and_wales, {date(2026, 12, 24)});
  explicit calendar(midway::division div = midway::division::england_and_wales, std::vector<closure> closures = {},
                    const holiday_rules& rules = holiday_rules::builtin());

  // As above, but for every year in which the feed has events for `div` the feed's holidays
  // replace the rules' (the feed overrides); other years come from `rules` (the feed extends them).
  // Throws not_found_error naming "division" if the feed lacks `div`.
  calendar(const govuk_feed& feed, midway::division div, std::vector<closure> closures = {},
           const holiday_rules& rules = holiday_rules::builtin());

  // The calendar whose non-working weekdays are exactly `holidays` (bank holidays and closures,
  // in any order; as raw().holidays lists them), with the given rules version and source: for
  // restoring a calendar saved elsewhere (Python's pickle), whatever rules, feed and closures built it.
  // Throws out_of_range_error naming "holidays[i]" for a date outside the supported range.
  // Example: calendar::from_holidays(cal.division(), cal.raw().holidays, cal.rules_version(), cal.source()) == cal
  static calendar from_holidays(midway::division div, std::vector<holiday> holidays, std::string rules_version,
                                std::string source);

  // Equal: the same division, rules version, source and holidays (hence the same working days).
  friend bool operator==(const calendar& a, const calendar& b) noexcept;

  midway::division division() const noexcept;
  const std::string& rules_version() const noexcept;
  // "rules <version>" or "rules <version> + GOV.UK feed 2012-2028".
  const std::string& source() const noexcept;
  static date first_date() noexcept;  // 1978-01-01
  static date last_date() noexcept;   // 2199-12-31

  // Example: is_working_day(date(2026, 12, 25)) == false.
  bool is_working_day(date d) const;
  // The first working day strictly after `d`.
  date next_working_day(date d) const;
  // The last working day strictly before `d`.
  date previous_working_day(date d) const;

  // The n-th working day after `d` (n > 0) or before it (n < 0); `d` itself for n == 0.
  // With day_count::inclusive, `d` is day 1 (or day -1) when it is a working day.
  // Example (england-and-wales): add_working_days(date(2026, 12, 18), working_days(5))
  //   == date(2026, 12, 29): Mon 21 to Thu 24 are days 1-4; Fri 25 (Christmas Day) and
  //   Mon 28 (Boxing Day, substitute for Sat 26) are holidays; Tue 29 is day 5.
  date add_working_days(date d, working_days n, day_count counting = day_count::day_zero) const;

  // Signed count of working-day steps from `a` to `b`:
  //   b >= a: the number of working days in (a, b];
  //   b <  a: minus the number in [b, a).
  // So working_days_between(d, add_working_days(d, n)) == n for every d and n, and
  // add_working_days(a, working_days_between(a, b)) == b for every working day b.
  // With day_count::inclusive, `a` is counted too when it is a working day.
  working_days working_days_between(date a, date b, day_count counting = day_count::day_zero) const;

  // Bank holidays and closures of `year`, by date. A closure on a bank holiday is listed once,
  // as the bank holiday. Throws out_of_range_error naming "year" outside 1978..2199.
  std::vector<holiday> holidays(int year) const;

  // ---- bulk forms, over days since 1970-01-01 (numpy's datetime64[D] values) ----
  // Each input is either of the output's size or of size 1 (broadcast). An element
  // outside the supported range, or numpy's NaT (INT64_MIN), throws out_of_range_error
  // naming "<name>[i]" with the names given; nothing is written past that element.
  // Throws invalid_argument_error if the sizes do not fit.
  void add_working_days(std::span<const std::int64_t> days, std::span<const std::int64_t> offsets,
                        std::span<std::int64_t> out, day_count counting = day_count::day_zero,
                        std::string_view days_name = "date", std::string_view offsets_name = "n") const;
  void working_days_between(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                            std::span<std::int64_t> out, day_count counting = day_count::day_zero,
                            std::string_view a_name = "a", std::string_view b_name = "b") const;
  void is_working_day(std::span<const std::int64_t> days, std::span<bool> out,
                      std::string_view days_name = "date") const;

  // ---- raw table access for bulk kernels (bindings, bulk evaluation) ----
  // Index of `d` in the tables: d.day_number() - first_day_number(). Unchecked.
  static std::uint32_t first_day_number() noexcept;
  static std::uint32_t day_span() noexcept;  // number of dates covered
  struct tables;
  const tables& raw() const noexcept { return *tables_; }

 private:
  std::shared_ptr<const tables> tables_;
};

// The precomputed tables. rank[i] = (working days strictly before date i) << 1 | is_working(i);
// working[k] = index of the k-th working day (0-based).
struct calendar::tables {
  midway::division div;
  std::string rules_version;
  std::string source;
  std::vector<std::uint32_t> rank;
  std::vector<std::uint32_t> working;
  std::vector<holiday> holidays;  // every year, sorted by date

  bool is_working(std::uint32_t i) const noexcept { return (rank[i] & 1u) != 0; }
  std::uint32_t before(std::uint32_t i) const noexcept { return rank[i] >> 1; }
};

namespace detail {
inline constexpr std::uint32_t calendar_first_day = 2443510;  // 1978-01-01
inline constexpr std::uint32_t calendar_days_covered = 81084;  // to 2199-12-31
[[noreturn]] void throw_outside_calendar(date d, std::string_view field);
[[noreturn]] void throw_result_outside_calendar(date d, std::int64_t n, std::string_view field = "n");

inline std::uint32_t calendar_index(date d, std::string_view field) {
  const std::uint32_t i = d.day_number() - calendar_first_day;  // wraps for earlier dates
  if (i >= calendar_days_covered) throw_outside_calendar(d, field);
  return i;
}
}  // namespace detail

inline std::uint32_t calendar::first_day_number() noexcept { return detail::calendar_first_day; }
inline std::uint32_t calendar::day_span() noexcept { return detail::calendar_days_covered; }

inline bool calendar::is_working_day(date d) const { return tables_->is_working(detail::calendar_index(d, "date")); }

inline date calendar::add_working_days(date d, working_days n, day_count counting) const {
  const tables& t = *tables_;
  const std::uint32_t i = detail::calendar_index(d, "date");
  std::int64_t k = n.count();
  if (counting == day_count::inclusive && k != 0 && t.is_working(i)) k += k > 0 ? -1 : 1;
  if (k == 0) return d;
  const std::int64_t ordinal = std::int64_t{t.before(i)} + (k > 0 ? std::int64_t{t.is_working(i)} + k - 1 : k);
  if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(t.working.size())) detail::throw_result_outside_calendar(d, n.count());
  return date(date::unchecked_t{}, detail::calendar_first_day + t.working[static_cast<std::size_t>(ordinal)]);
}

inline working_days calendar::working_days_between(date a, date b, day_count counting) const {
  const tables& t = *tables_;
  const std::uint32_t ia = detail::calendar_index(a, "a");
  const std::uint32_t ib = detail::calendar_index(b, "b");
  std::int64_t r = ib >= ia ? std::int64_t{t.before(ib) + t.is_working(ib)} - std::int64_t{t.before(ia) + t.is_working(ia)}
                            : std::int64_t{t.before(ib)} - std::int64_t{t.before(ia)};
  if (counting == day_count::inclusive && t.is_working(ia)) r += ib >= ia ? 1 : -1;
  return working_days(static_cast<working_days::rep>(r));
}

}  // namespace midway
