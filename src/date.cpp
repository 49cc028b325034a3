#include <midway/date.hpp>

#include <array>
#include <charconv>
#include <cstdio>
#include <ostream>

namespace midway {

namespace {

constexpr int min_year = 1400;
constexpr int max_year = 9999;

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::string out = "'";
  for (char c : text.substr(0, shown)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
  if (text.size() > shown) out += "...";
  return out + "'";
}

}  // namespace

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return days[static_cast<std::size_t>(month - 1)];
}

std::string_view to_string(weekday day) noexcept {
  switch (day) {
    case weekday::monday: return "Monday";
    case weekday::tuesday: return "Tuesday";
    case weekday::wednesday: return "Wednesday";
    case weekday::thursday: return "Thursday";
    case weekday::friday: return "Friday";
    case weekday::saturday: return "Saturday";
    case weekday::sunday: return "Sunday";
  }
  return "?";
}

date::date(int year, int month, int day, std::string_view field) : d_(boost::gregorian::not_a_date_time) {
  if (year < min_year || year > max_year) {
    throw invalid_date_error("year " + std::to_string(year) + " is outside 1400..9999", std::string(field));
  }
  if (month < 1 || month > 12) {
    throw invalid_date_error("month " + std::to_string(month) + " is not 1..12", std::string(field));
  }
  if (day < 1 || day > days_in_month(year, month)) {
    throw invalid_date_error(std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) +
                                 " has no day " + std::to_string(day),
                             std::string(field));
  }
  d_ = boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                              static_cast<unsigned short>(day));
}

date date::from_iso(std::string_view text, std::string_view field, std::string_view record_id) {
  auto fail = [&](const std::string& why) -> date {
    throw invalid_date_error(quoted(text) + " is not an ISO 8601 date (YYYY-MM-DD): " + why, std::string(field),
                             std::string(record_id));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail("expected the form YYYY-MM-DD");
  auto number = [&](std::size_t pos, std::size_t len) {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') fail("expected digits");
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  try {
    return date(y, m, d, field);
  } catch (error& e) {
    e.set_record_id(record_id);
    throw;
  }
}

date date::from_boost(const boost::gregorian::date& d, std::string_view field) {
  if (d.is_special()) throw invalid_date_error("a special value (not a date or infinity) is not a date", std::string(field));
  return date(d);
}

date date::from_days_since_epoch(std::int64_t days, std::string_view field) {
  static const std::int64_t lo = date(min_year, 1, 1).days_since_epoch();
  static const std::int64_t hi = date(max_year, 12, 31).days_since_epoch();
  if (days < lo || days > hi) {
    throw out_of_range_error("day " + std::to_string(days) + " since 1970-01-01 is outside 1400-01-01..9999-12-31",
                             std::string(field));
  }
  return date(unchecked_t{}, static_cast<std::uint32_t>(days + epoch_day_number));
}

weekday date::day_of_week() const noexcept {
  // Julian day number 0 was a Monday.
  return static_cast<weekday>(day_number() % 7 + 1);
}

std::string date::to_iso() const {
  std::array<char, 11> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", year(), month(), day());
  return std::string(buf.data(), 10);
}

date operator+(date d, calendar_days n) {
  return date::from_days_since_epoch(d.days_since_epoch() + n.count());
}

date operator+(date d, months n) {
  const std::int64_t total = std::int64_t{d.year()} * 12 + (d.month() - 1) + n.count();  // no overflow, even where long is 32-bit
  const std::int64_t y = total / 12;
  const int m = static_cast<int>(total % 12) + 1;
  if (y < min_year || y > max_year) {
    throw out_of_range_error(d.to_iso() + " plus " + std::to_string(n.count()) + " months is outside 1400..9999");
  }
  const int year = static_cast<int>(y);
  return date(year, m, std::min(d.day(), days_in_month(year, m)));
}

std::ostream& operator<<(std::ostream& os, date d) { return os << d.to_iso(); }

}  // namespace midway
