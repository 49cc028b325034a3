#include <midway/calendar.hpp>

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <set>

namespace midway {

namespace {

constexpr auto& day_count_names = detail::enum_traits<day_count>::table;

const std::string range_text = "1978-01-01..2199-12-31";

void fill_tables(calendar::tables& table, const std::vector<std::uint8_t>& closed);

std::shared_ptr<const calendar::tables> build(division div, std::vector<closure> closures, const holiday_rules& rules,
                                              const govuk_feed* feed) {
  auto t = std::make_shared<calendar::tables>();
  t->div = div;
  t->rules_version = rules.version();
  t->source = "rules " + rules.version();

  std::optional<std::pair<int, int>> feed_years;
  if (feed) {
    feed_years = feed->years(div);
    if (!feed_years) throw not_found_error("the GOV.UK feed has no events for " + std::string(to_string(div)), "division");
    t->source += " + GOV.UK feed " + std::to_string(feed_years->first) + "-" + std::to_string(feed_years->second);
  }
  // The feed replaces the rules only for the years it has events in: a year missing from it
  // keeps the rules' holidays rather than having none.
  std::set<int> in_feed;
  if (feed_years) {
    for (const holiday& h : feed->divisions.at(div)) in_feed.insert(h.date.year());
  }
  for (int y = first_supported_year; y <= last_supported_year; ++y) {
    if (in_feed.contains(y)) continue;
    auto hs = rules.holidays(div, y);
    t->holidays.insert(t->holidays.end(), std::make_move_iterator(hs.begin()), std::make_move_iterator(hs.end()));
  }
  if (feed_years) {
    const auto& fh = feed->divisions.at(div);
    t->holidays.insert(t->holidays.end(), fh.begin(), fh.end());
  }
  std::sort(t->holidays.begin(), t->holidays.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });

  const std::uint32_t n = calendar::day_span();
  std::vector<std::uint8_t> closed(n, 0);
  for (const holiday& h : t->holidays) closed[h.date.day_number() - calendar::first_day_number()] = 1;
  for (std::size_t k = 0; k < closures.size(); ++k) {
    const std::uint32_t i = detail::calendar_index(closures[k].date, "closures[" + std::to_string(k) + "]");
    if (closed[i]) continue;  // already a bank holiday: listed once, as the holiday
    closed[i] = 1;
    t->holidays.push_back({.date = closures[k].date, .name = std::move(closures[k].name), .substitute = false,
                           .origin = holiday_origin::closure});
  }
  std::stable_sort(t->holidays.begin(), t->holidays.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });
  fill_tables(*t, closed);
  return t;
}

// rank and working from `closed` (one flag per date of the range).
void fill_tables(calendar::tables& table, const std::vector<std::uint8_t>& closed) {
  calendar::tables* t = &table;
  const std::uint32_t n = calendar::day_span();
  t->rank.resize(n);
  t->working.reserve(n * 5 / 7 + 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    const date d(date::unchecked_t{}, calendar::first_day_number() + i);
    const bool working = !d.is_weekend() && !closed[i];
    t->rank[i] = static_cast<std::uint32_t>(t->working.size()) << 1 | static_cast<std::uint32_t>(working);
    if (working) t->working.push_back(i);
  }
}

std::string element(std::string_view name, std::size_t i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] void bulk_outside(std::int64_t v, std::string_view name, std::size_t i) {
  if (v == std::numeric_limits<std::int64_t>::min()) throw out_of_range_error("NaT is not a date", element(name, i));
  throw out_of_range_error("day " + std::to_string(v) + " since 1970-01-01 is outside the calendar's range " + range_text,
                           element(name, i));
}

// The calendar index of days-since-epoch value `v`, or throws naming `name[i]`. Inline with
// the throw out of line: this is the bulk kernels' hot path.
inline std::uint32_t bulk_index(std::int64_t v, std::string_view name, std::size_t i) {
  constexpr std::int64_t first = std::int64_t{detail::calendar_first_day} - std::int64_t{date::epoch_day_number};
  const std::uint64_t idx = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(first);  // wraps below the range
  if (idx >= detail::calendar_days_covered) [[unlikely]] bulk_outside(v, name, i);
  return static_cast<std::uint32_t>(idx);
}

void check_sizes(std::size_t x, std::size_t y, std::size_t out, std::string_view x_name, std::string_view y_name) {
  auto fits = [&](std::size_t s) { return s == out || s == 1; };
  if (!fits(x) || !fits(y)) {
    throw invalid_argument_error("sizes do not match: " + std::string(x_name) + " has " + std::to_string(x) + ", " +
                                     std::string(y_name) + " has " + std::to_string(y) + ", output has " +
                                     std::to_string(out),
                                 std::string(fits(x) ? y_name : x_name));
  }
}

}  // namespace

std::string_view to_string(day_count c) noexcept { return detail::name_of(day_count_names, c); }
day_count day_count_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<day_count>(text, field);
}

namespace detail {
void throw_outside_calendar(date d, std::string_view field) {
  throw out_of_range_error(d.to_iso() + " is outside the calendar's range " + range_text, std::string(field));
}
void throw_result_outside_calendar(date d, std::int64_t n, std::string_view field) {
  throw out_of_range_error(std::to_string(n) + " working days from " + d.to_iso() + " is outside the calendar's range " +
                               range_text,
                           std::string(field));
}
}  // namespace detail

calendar calendar::from_holidays(midway::division div, std::vector<holiday> holidays, std::string rules_version,
                                 std::string source) {
  auto t = std::make_shared<calendar::tables>();
  t->div = div;
  t->rules_version = std::move(rules_version);
  t->source = std::move(source);
  std::vector<std::uint8_t> closed(day_span(), 0);
  for (std::size_t k = 0; k < holidays.size(); ++k) {
    closed[detail::calendar_index(holidays[k].date, "holidays[" + std::to_string(k) + "]")] = 1;
  }
  std::stable_sort(holidays.begin(), holidays.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });
  t->holidays = std::move(holidays);
  fill_tables(*t, closed);
  calendar cal;
  cal.tables_ = std::move(t);
  return cal;
}

bool operator==(const calendar& a, const calendar& b) noexcept {
  if (a.tables_ == b.tables_) return true;
  const calendar::tables& x = *a.tables_;
  const calendar::tables& y = *b.tables_;
  return x.div == y.div && x.rules_version == y.rules_version && x.source == y.source && x.holidays == y.holidays;
}

calendar::calendar(midway::division div, std::vector<closure> closures, const holiday_rules& rules)
    : tables_(build(div, std::move(closures), rules, nullptr)) {}

calendar::calendar(const govuk_feed& feed, midway::division div, std::vector<closure> closures,
                   const holiday_rules& rules)
    : tables_(build(div, std::move(closures), rules, &feed)) {}

division calendar::division() const noexcept { return tables_->div; }
const std::string& calendar::rules_version() const noexcept { return tables_->rules_version; }
const std::string& calendar::source() const noexcept { return tables_->source; }
date calendar::first_date() noexcept { return date(date::unchecked_t{}, first_day_number()); }
date calendar::last_date() noexcept { return date(date::unchecked_t{}, first_day_number() + day_span() - 1); }

date calendar::next_working_day(date d) const {
  const tables& t = *tables_;
  const std::uint32_t i = detail::calendar_index(d, "date");
  const std::size_t ordinal = std::size_t{t.before(i)} + t.is_working(i);
  if (ordinal >= t.working.size()) detail::throw_result_outside_calendar(d, 1, "date");
  return date(date::unchecked_t{}, first_day_number() + t.working[ordinal]);
}

date calendar::previous_working_day(date d) const {
  const tables& t = *tables_;
  const std::uint32_t i = detail::calendar_index(d, "date");
  if (t.before(i) == 0) detail::throw_result_outside_calendar(d, -1, "date");
  return date(date::unchecked_t{}, first_day_number() + t.working[t.before(i) - 1]);
}

std::vector<holiday> calendar::holidays(int year) const {
  if (year < first_supported_year || year > last_supported_year) {
    throw out_of_range_error("year " + std::to_string(year) + " is outside the supported years 1978..2199", "year");
  }
  std::vector<holiday> out;
  for (const holiday& h : tables_->holidays) {
    if (h.date.year() == year) out.push_back(h);
  }
  return out;
}

void calendar::add_working_days(std::span<const std::int64_t> days, std::span<const std::int64_t> offsets,
                                std::span<std::int64_t> out, day_count counting, std::string_view days_name,
                                std::string_view offsets_name) const {
  check_sizes(days.size(), offsets.size(), out.size(), days_name, offsets_name);
  const tables& t = *tables_;
  const std::size_t ds = days.size() == 1 ? 0 : 1, os = offsets.size() == 1 ? 0 : 1;
  const std::int64_t total = static_cast<std::int64_t>(t.working.size());
  const std::uint32_t* const rank = t.rank.data();
  const std::uint32_t* const working = t.working.data();
  const std::int64_t base = std::int64_t{first_day_number()} - std::int64_t{date::epoch_day_number};
  for (std::size_t j = 0; j < out.size(); ++j) {
    const std::int64_t v = days[j * ds];
    const std::uint32_t i = bulk_index(v, days_name, j * ds);
    std::int64_t k = offsets[j * os];
    if (k < -total || k > total) throw out_of_range_error("offset " + std::to_string(k) + " is out of range", element(offsets_name, j * os));
    const std::uint32_t r = rank[i];
    const std::int64_t is_working = r & 1u, before = r >> 1;
    if (counting == day_count::inclusive && k != 0 && is_working) k += k > 0 ? -1 : 1;
    if (k == 0) {
      out[j] = v;
      continue;
    }
    const std::int64_t ordinal = before + (k > 0 ? is_working + k - 1 : k);
    if (ordinal < 0 || ordinal >= total) {
      throw out_of_range_error(std::to_string(offsets[j * os]) + " working days from day " + std::to_string(v) +
                                   " since 1970-01-01 is outside the calendar's range " + range_text,
                               element(offsets_name, j * os));
    }
    out[j] = std::int64_t{working[static_cast<std::size_t>(ordinal)]} + base;
  }
}

void calendar::working_days_between(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                                    std::span<std::int64_t> out, day_count counting, std::string_view a_name,
                                    std::string_view b_name) const {
  check_sizes(a.size(), b.size(), out.size(), a_name, b_name);
  const tables& t = *tables_;
  const std::size_t as = a.size() == 1 ? 0 : 1, bs = b.size() == 1 ? 0 : 1;
  const bool inclusive = counting == day_count::inclusive;
  const std::uint32_t* const rank = t.rank.data();
  for (std::size_t j = 0; j < out.size(); ++j) {
    const std::uint32_t ia = bulk_index(a[j * as], a_name, j * as);
    const std::uint32_t ib = bulk_index(b[j * bs], b_name, j * bs);
    const std::uint32_t ra = rank[ia], rb = rank[ib];
    const std::int64_t wa = ra & 1u;
    std::int64_t r = ib >= ia ? std::int64_t{(rb >> 1) + (rb & 1u)} - (std::int64_t{ra >> 1} + wa)
                              : std::int64_t{rb >> 1} - std::int64_t{ra >> 1};
    if (inclusive) r += ib >= ia ? wa : -wa;
    out[j] = r;
  }
}

void calendar::is_working_day(std::span<const std::int64_t> days, std::span<bool> out, std::string_view days_name) const {
  check_sizes(days.size(), 1, out.size(), days_name, days_name);
  const tables& t = *tables_;
  const std::size_t ds = days.size() == 1 ? 0 : 1;
  const std::uint32_t* const rank = t.rank.data();
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = (rank[bulk_index(days[j * ds], days_name, j * ds)] & 1u) != 0;
}

}  // namespace midway
