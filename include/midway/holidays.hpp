// midway/holidays.hpp: UK bank holidays by division, from rules and proclamations.
//
// Rules (Banking and Financial Dealings Act 1971, Schedule 1, and the annual
// proclamations; docs/calendar.md has the sources):
//   england-and-wales: New Year's Day, Good Friday, Easter Monday, Early May (first Monday
//       in May), Spring (last Monday in May), Summer (last Monday in August), Christmas Day,
//       Boxing Day.
//   scotland: New Year's Day, 2nd January, Good Friday, Early May, Spring, Summer (FIRST
//       Monday in August), St Andrew's Day (30 November, from 2007), Christmas Day, Boxing Day.
//   northern-ireland: england-and-wales plus St Patrick's Day (17 March) and the Battle of
//       the Boyne (12 July).
// Weekend rule: a fixed-date holiday on a Saturday or Sunday is replaced by the next weekday
// that is not already a holiday (25 Dec on a Saturday gives Mon 27 and Tue 28 Dec).
// Proclamations move a holiday (VE day 2020) or add a one-off day (2023 coronation); they
// live in a versioned table that callers can extend or replace.
//
// Supported years: 1978-2199 (the current set of holidays dates from 1978). Other years
// throw out_of_range_error.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/date.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

inline constexpr int first_supported_year = 1978;
inline constexpr int last_supported_year = 2199;

enum class division { england_and_wales, scotland, northern_ireland };
MIDWAY_ENUM_TRAITS_DESCRIBED(division, 3, "Division", "division", "A UK division with its own bank holidays.",
                   {division::england_and_wales, "england-and-wales"},
                   {division::scotland, "scotland"},
                   {division::northern_ireland, "northern-ireland"});

// "england-and-wales", "scotland", "northern-ireland": the GOV.UK feed's keys.
std::string_view to_string(division d) noexcept;
// Inverse of to_string; throws unknown_code_error naming `field` for any other text.
division division_from_string(std::string_view text, std::string_view field = "division");
std::span<const division> all_divisions() noexcept;

// The regular holidays, one id each. A proclamation that moves a holiday names it by id.
enum class holiday_id {
  new_years_day,
  second_january,       // scotland
  st_patricks_day,      // northern-ireland
  good_friday,
  easter_monday,        // not scotland
  early_may,
  spring,
  battle_of_the_boyne,  // northern-ireland
  summer,
  st_andrews_day,       // scotland, from 2007
  christmas_day,
  boxing_day,
};
MIDWAY_ENUM_TRAITS_DESCRIBED(holiday_id, 12, "HolidayId", "holiday id", "The regular UK bank holidays.",
                   {holiday_id::new_years_day, "new_years_day"},
                   {holiday_id::second_january, "second_january"},
                   {holiday_id::st_patricks_day, "st_patricks_day"},
                   {holiday_id::good_friday, "good_friday"},
                   {holiday_id::easter_monday, "easter_monday"},
                   {holiday_id::early_may, "early_may"},
                   {holiday_id::spring, "spring"},
                   {holiday_id::battle_of_the_boyne, "battle_of_the_boyne"},
                   {holiday_id::summer, "summer"},
                   {holiday_id::st_andrews_day, "st_andrews_day"},
                   {holiday_id::christmas_day, "christmas_day"},
                   {holiday_id::boxing_day, "boxing_day"});
std::string_view to_string(holiday_id id) noexcept;                  // "early_may"
holiday_id holiday_id_from_string(std::string_view text, std::string_view field = "holiday");
std::span<const holiday_id> all_holiday_ids() noexcept;

enum class holiday_origin {
  rule,          // from the statutory rules, including weekend substitution
  proclamation,  // moved or added by a proclamation in the rules table
  govuk_feed,    // taken from a loaded GOV.UK feed
  closure,       // an extra closure day of the calendar's owner (not a bank holiday)
};
MIDWAY_ENUM_TRAITS_DESCRIBED(holiday_origin, 4, "HolidayOrigin", "holiday origin", "Where a holiday in a calendar comes from.",
                   {holiday_origin::rule, "rule"},
                   {holiday_origin::proclamation, "proclamation"},
                   {holiday_origin::govuk_feed, "govuk_feed"},
                   {holiday_origin::closure, "closure"});
std::string_view to_string(holiday_origin origin) noexcept;  // "rule", ...

struct holiday {
  midway::date date;
  std::string name;         // as GOV.UK titles it: "Early May bank holiday (VE day)"
  bool substitute = false;  // a weekday standing in for a holiday that fell at a weekend
  holiday_origin origin = holiday_origin::rule;

  friend bool operator==(const holiday&, const holiday&) = default;
};

// One proclaimed change to a single year's holidays.
struct proclamation {
  enum class action {
    move,    // the regular holiday `moved` of date.year() falls on `date` instead
    add,     // `date` is an extra holiday called `name`
    remove,  // no holiday on `date` (cancels a rule or an earlier proclamation)
  };
  action what;
  midway::date date;
  std::string name;                    // for move: a new name, or empty to keep the usual one
  std::optional<holiday_id> moved;     // required for move
  std::vector<division> divisions;     // empty means all three
  std::string source;                  // citation, e.g. "Proclamation of 2019-06-10 (VE day)"
};
MIDWAY_ENUM_TRAITS_DESCRIBED(proclamation::action, 3, "ProclamationAction", "proclamation action", "What a proclamation does.",
                   {proclamation::action::move, "move"},
                   {proclamation::action::add, "add"},
                   {proclamation::action::remove, "remove"});
std::string_view to_string(proclamation::action a) noexcept;  // "move", "add", "remove"
proclamation::action proclamation_action_from_string(std::string_view text, std::string_view field = "action");

// The versioned table of proclamations; the rules themselves are code.
class holiday_rules {
 public:
  // Throws invalid_argument_error naming "proclamations[i]" for a move without a holiday id,
  // a date outside the supported years, or a duplicate (same action, date and division).
  holiday_rules(std::string version, std::vector<proclamation> proclamations);

  // The table shipped with this release: every proclamation 1978-2028 listed in
  // docs/calendar.md. Its version names the date of the latest entry it knows.
  static const holiday_rules& builtin();

  const std::string& version() const noexcept { return version_; }
  std::span<const proclamation> proclamations() const noexcept { return proclamations_; }

  // A copy with `extra` appended under a new version; later entries win over earlier
  // ones for the same date. Example: scotland's 2026-06-15 day, which the GOV.UK copy
  // shipped in tests/data lacks:
  //   holiday_rules::builtin().extended("builtin+scotland-2026-06-15",
  //       {{.what = proclamation::action::add, .date = date(2026, 6, 15),
  //         .name = "Bank holiday", .divisions = {division::scotland}}});
  holiday_rules extended(std::string version, std::vector<proclamation> extra) const;

  // The bank holidays of `year` in `div`, sorted by date, no two on one date.
  // Throws out_of_range_error naming "year" outside 1978..2199.
  std::vector<holiday> holidays(division div, int year) const;

 private:
  std::string version_;
  std::vector<proclamation> proclamations_;
};

// Easter Sunday (Gregorian, anonymous algorithm).
midway::date easter_sunday(int year);

// The GOV.UK bank-holidays feed (https://www.gov.uk/bank-holidays.json), parsed.
// Each division's holidays keep the feed's titles; "Substitute day" notes set `substitute`.
struct govuk_feed {
  std::map<division, std::vector<holiday>> divisions;

  // Throws parse_error naming the JSON path ("$['scotland'].events[3].date") for malformed
  // JSON, a missing or mistyped member, an unknown division key or an impossible date.
  static govuk_feed parse(std::string_view json_text);
  // Throws parse_error naming the path as well, or not_found_error if it cannot be read.
  static govuk_feed load(const std::filesystem::path& path);

  // First and last year with any event for `div`; nullopt when the feed lacks the division.
  std::optional<std::pair<int, int>> years(division div) const;
};

}  // namespace midway
