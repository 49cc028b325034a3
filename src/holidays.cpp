#include <midway/holidays.hpp>

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace midway {

namespace {

using namespace std::string_view_literals;

constexpr auto& division_names = detail::enum_traits<division>::table;

constexpr auto& holiday_id_names = detail::enum_traits<holiday_id>::table;

constexpr auto& holiday_origin_names = detail::enum_traits<holiday_origin>::table;

constexpr auto& action_names = detail::enum_traits<proclamation::action>::table;

// GOV.UK's titles, with its typographic apostrophes.
std::string_view usual_name(holiday_id id) noexcept {
  switch (id) {
    case holiday_id::new_years_day: return "New Year\u2019s Day";
    case holiday_id::second_january: return "2nd January";
    case holiday_id::st_patricks_day: return "St Patrick\u2019s Day";
    case holiday_id::good_friday: return "Good Friday";
    case holiday_id::easter_monday: return "Easter Monday";
    case holiday_id::early_may: return "Early May bank holiday";
    case holiday_id::spring: return "Spring bank holiday";
    case holiday_id::battle_of_the_boyne: return "Battle of the Boyne (Orangemen\u2019s Day)";
    case holiday_id::summer: return "Summer bank holiday";
    case holiday_id::st_andrews_day: return "St Andrew\u2019s Day";
    case holiday_id::christmas_day: return "Christmas Day";
    case holiday_id::boxing_day: return "Boxing Day";
  }
  return "";
}

date nth_weekday(int year, int month, weekday wd, int n) {
  date first(year, month, 1);
  const int shift = (static_cast<int>(wd) - static_cast<int>(first.day_of_week()) + 7) % 7;
  return first + calendar_days(shift + 7 * (n - 1));
}

date last_weekday(int year, int month, weekday wd) {
  date last(year, month, days_in_month(year, month));
  const int shift = (static_cast<int>(last.day_of_week()) - static_cast<int>(wd) + 7) % 7;
  return last - calendar_days(shift);
}

bool applies(const proclamation& p, division div) {
  return p.divisions.empty() || std::find(p.divisions.begin(), p.divisions.end(), div) != p.divisions.end();
}

struct regular {
  holiday_id id;
  date day;
  bool fixed;  // a fixed calendar date, substituted when it falls at a weekend
};

std::vector<regular> regular_holidays(division div, int year) {
  const bool scotland = div == division::scotland;
  const bool ni = div == division::northern_ireland;
  const date easter = easter_sunday(year);
  std::vector<regular> out;
  out.push_back({holiday_id::new_years_day, date(year, 1, 1), true});
  if (scotland) out.push_back({holiday_id::second_january, date(year, 1, 2), true});
  if (ni) out.push_back({holiday_id::st_patricks_day, date(year, 3, 17), true});
  out.push_back({holiday_id::good_friday, easter - calendar_days(2), false});
  if (!scotland) out.push_back({holiday_id::easter_monday, easter + calendar_days(1), false});
  out.push_back({holiday_id::early_may, nth_weekday(year, 5, weekday::monday, 1), false});
  out.push_back({holiday_id::spring, last_weekday(year, 5, weekday::monday), false});
  if (ni) out.push_back({holiday_id::battle_of_the_boyne, date(year, 7, 12), true});
  out.push_back({holiday_id::summer,
                 scotland ? nth_weekday(year, 8, weekday::monday, 1) : last_weekday(year, 8, weekday::monday), false});
  if (scotland && year >= 2007) out.push_back({holiday_id::st_andrews_day, date(year, 11, 30), true});
  out.push_back({holiday_id::christmas_day, date(year, 12, 25), true});
  out.push_back({holiday_id::boxing_day, date(year, 12, 26), true});
  return out;
}

proclamation move(holiday_id id, date to, std::string name, std::string source) {
  return {.what = proclamation::action::move, .date = to, .name = std::move(name), .moved = id, .divisions = {},
          .source = std::move(source)};
}
proclamation add(date day, std::string name, std::string source) {
  return {.what = proclamation::action::add, .date = day, .name = std::move(name), .moved = std::nullopt,
          .divisions = {}, .source = std::move(source)};
}

}  // namespace

std::string_view to_string(division d) noexcept { return detail::name_of(division_names, d); }
division division_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<division>(text, field);
}
std::span<const division> all_divisions() noexcept {
  static constexpr auto all = detail::values_of(division_names);
  return all;
}

std::string_view to_string(holiday_id id) noexcept { return detail::name_of(holiday_id_names, id); }
holiday_id holiday_id_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<holiday_id>(text, field);
}
std::span<const holiday_id> all_holiday_ids() noexcept {
  static constexpr auto all = detail::values_of(holiday_id_names);
  return all;
}

std::string_view to_string(holiday_origin origin) noexcept { return detail::name_of(holiday_origin_names, origin); }
std::string_view to_string(proclamation::action a) noexcept { return detail::name_of(action_names, a); }
proclamation::action proclamation_action_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<proclamation::action>(text, field);
}

date easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return date(year, month, day);
}

holiday_rules::holiday_rules(std::string version, std::vector<proclamation> proclamations)
    : version_(std::move(version)), proclamations_(std::move(proclamations)) {
  std::set<std::tuple<int, std::uint32_t, int>> seen;
  for (std::size_t i = 0; i < proclamations_.size(); ++i) {
    const auto& p = proclamations_[i];
    const std::string field = "proclamations[" + std::to_string(i) + "]";
    if (p.date.year() < first_supported_year || p.date.year() > last_supported_year) {
      throw invalid_argument_error("the date " + p.date.to_iso() + " is outside the supported years 1978..2199",
                                   field + ".date");
    }
    if (p.what == proclamation::action::move && !p.moved) {
      throw invalid_argument_error("a move must name the holiday it moves", field + ".moved");
    }
    if (p.what == proclamation::action::add && p.name.empty()) {
      throw invalid_argument_error("an added holiday needs a name", field + ".name");
    }
    for (division d : all_divisions()) {
      if (!applies(p, d)) continue;
      if (!seen.insert({static_cast<int>(p.what), p.date.day_number(), static_cast<int>(d)}).second) {
        throw invalid_argument_error("a second " + std::string(to_string(p.what)) + " on " + p.date.to_iso() +
                                         " for " + std::string(to_string(d)) + " repeats an earlier entry",
                                     field);
      }
    }
  }
}

const holiday_rules& holiday_rules::builtin() {
  static const holiday_rules rules(
      "2023-05-08",
      {
          add(date(1981, 7, 29), "Royal wedding", "Proclamation: wedding of the Prince of Wales, 29 July 1981"),
          move(holiday_id::early_may, date(1995, 5, 8), "Early May bank holiday (VE day)",
               "Proclamation: early May bank holiday moved to 8 May 1995, 50th anniversary of VE day"),
          add(date(1999, 12, 31), "Millennium celebrations", "Proclamation: extra bank holiday, 31 December 1999"),
          move(holiday_id::spring, date(2002, 6, 4), "", "Proclamation: spring bank holiday moved to 4 June 2002"),
          add(date(2002, 6, 3), "Queen\u2019s Golden Jubilee", "Proclamation: Golden Jubilee, 3 June 2002"),
          add(date(2011, 4, 29), "Royal wedding", "Proclamation: wedding of Prince William, 29 April 2011"),
          move(holiday_id::spring, date(2012, 6, 4), "", "Proclamation: spring bank holiday moved to 4 June 2012"),
          add(date(2012, 6, 5), "Queen\u2019s Diamond Jubilee", "Proclamation: Diamond Jubilee, 5 June 2012"),
          move(holiday_id::early_may, date(2020, 5, 8), "Early May bank holiday (VE day)",
               "Proclamation: early May bank holiday moved to Friday 8 May 2020, 75th anniversary of VE day"),
          move(holiday_id::spring, date(2022, 6, 2), "", "Proclamation: spring bank holiday moved to Thursday 2 June 2022"),
          add(date(2022, 6, 3), "Platinum Jubilee bank holiday", "Proclamation: Platinum Jubilee, 3 June 2022"),
          add(date(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II",
              "Proclamation: state funeral of Queen Elizabeth II, 19 September 2022"),
          add(date(2023, 5, 8), "Bank holiday for the coronation of King Charles III",
              "Proclamation: coronation of King Charles III, 8 May 2023"),
      });
  return rules;
}

holiday_rules holiday_rules::extended(std::string version, std::vector<proclamation> extra) const {
  std::vector<proclamation> all = proclamations_;
  // Later entries win: drop earlier entries with the same action, date and divisions.
  for (const auto& e : extra) {
    std::erase_if(all, [&](const proclamation& p) {
      return p.what == e.what && p.date == e.date && p.divisions == e.divisions;
    });
  }
  all.insert(all.end(), extra.begin(), extra.end());
  return holiday_rules(std::move(version), std::move(all));
}

std::vector<holiday> holiday_rules::holidays(division div, int year) const {
  if (year < first_supported_year || year > last_supported_year) {
    throw out_of_range_error("year " + std::to_string(year) + " is outside the supported years 1978..2199", "year");
  }
  std::vector<holiday> out;
  std::vector<std::pair<date, std::string>> at_weekend;  // fixed holidays needing a substitute
  for (const regular& r : regular_holidays(div, year)) {
    holiday h{.date = r.day, .name = std::string(usual_name(r.id)), .substitute = false, .origin = holiday_origin::rule};
    for (const auto& p : proclamations_) {
      if (p.what == proclamation::action::move && p.moved == r.id && p.date.year() == year && applies(p, div)) {
        h.date = p.date;
        if (!p.name.empty()) h.name = p.name;
        h.origin = holiday_origin::proclamation;
      }
    }
    if (r.fixed && h.origin == holiday_origin::rule && h.date.is_weekend()) {
      at_weekend.emplace_back(h.date, h.name);
    } else {
      out.push_back(std::move(h));
    }
  }
  for (const auto& p : proclamations_) {
    if (p.what == proclamation::action::add && p.date.year() == year && applies(p, div)) {
      std::erase_if(out, [&](const holiday& h) { return h.date == p.date; });
      out.push_back({.date = p.date, .name = p.name, .substitute = false, .origin = holiday_origin::proclamation});
    }
  }
  auto taken = [&](date d) {
    return std::any_of(out.begin(), out.end(), [&](const holiday& h) { return h.date == d; });
  };
  std::sort(at_weekend.begin(), at_weekend.end());
  for (auto& [day, name] : at_weekend) {
    date sub = day + calendar_days(1);
    while (sub.is_weekend() || taken(sub)) sub = sub + calendar_days(1);
    out.push_back({.date = sub, .name = std::move(name), .substitute = true, .origin = holiday_origin::rule});
  }
  for (const auto& p : proclamations_) {
    if (p.what == proclamation::action::remove && p.date.year() == year && applies(p, div)) {
      std::erase_if(out, [&](const holiday& h) { return h.date == p.date; });
    }
  }
  std::sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });
  return out;
}

}  // namespace midway
