#include <midway/policy.hpp>

#include <midway/detail/enum_table.hpp>

#include <array>
#include <cmath>

namespace midway {

namespace {

constexpr auto& period_unit_names = detail::enum_traits<period_unit>::table;
constexpr auto& month_basis_names = detail::enum_traits<month_basis>::table;
constexpr auto& non_working_due_names = detail::enum_traits<non_working_due>::table;
constexpr auto& midway_rule_names = detail::enum_traits<midway_rule>::table;

// n months as a fixed number of days: 3 -> 91, 6 -> 183.
std::int32_t month_days(std::int32_t n) { return static_cast<std::int32_t>(std::lround(n * 365.0 / 12.0)); }

}  // namespace

std::string_view to_string(period_unit u) noexcept { return detail::name_of(period_unit_names, u); }
period_unit period_unit_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<period_unit>(text, field);
}
std::string_view to_string(month_basis b) noexcept { return detail::name_of(month_basis_names, b); }
month_basis month_basis_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<month_basis>(text, field);
}
std::string_view to_string(non_working_due r) noexcept { return detail::name_of(non_working_due_names, r); }
non_working_due non_working_due_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<non_working_due>(text, field);
}
std::string_view to_string(midway_rule r) noexcept { return detail::name_of(midway_rule_names, r); }
midway_rule midway_rule_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<midway_rule>(text, field);
}

period checked_period(std::int32_t count, period_unit unit, std::string_view field) {
  if (count < 0) {
    throw out_of_range_error("a period's count cannot be negative (" + std::to_string(count) + ")", std::string(field));
  }
  return period{count, unit};
}

std::string to_string(const period& p) {
  const bool one = p.count == 1 || p.count == -1;
  switch (p.unit) {
    case period_unit::working_day: return std::to_string(p.count) + (one ? " working day" : " working days");
    case period_unit::calendar_day: return std::to_string(p.count) + (one ? " day" : " days");
    case period_unit::week: return std::to_string(p.count) + (one ? " week" : " weeks");
    case period_unit::month: return std::to_string(p.count) + (one ? " month" : " months");
  }
  return std::to_string(p.count);
}

policy policy::england() { return policy{}; }

policy policy::wales() {
  policy p;
  p.name = "wales";
  return p;
}

policy policy::scotland() {
  policy p;
  p.name = "scotland";
  p.icpc_after_strategy = {28, period_unit::calendar_day};
  p.transfer_in_after_notification = {28, period_unit::calendar_day};
  p.first_core_group_after_icpc = {15, period_unit::working_day};
  p.first_rcpc_after_icpc = {6, period_unit::month};
  p.pre_birth_first_rcpc = {3, period_unit::month};
  p.pre_birth_from_birth = false;  // "3 months for pre-birth": from the pre-birth conference
  p.first_lac_review = {6, period_unit::week};
  p.lac_visit_first_year = {3, period_unit::month};
  p.lac_visit_other = {3, period_unit::month};
  return p;
}

policy policy::preset(std::string_view name, std::string_view field) {
  if (name == "england") return england();
  if (name == "wales") return wales();
  if (name == "scotland") return scotland();
  throw unknown_code_error("'" + std::string(name.substr(0, 40)) + "' is not a policy preset; expected one of: england, wales, scotland",
                           std::string(field));
}

date add_period(date from, const period& p, const policy& pol, const calendar& cal) {
  date d = from;
  switch (p.unit) {
    case period_unit::working_day: return cal.add_working_days(from, working_days(p.count), pol.counting);
    case period_unit::calendar_day: d = from + calendar_days(p.count); break;
    case period_unit::week: d = from + weeks(p.count); break;
    case period_unit::month:
      d = pol.month_counting == month_basis::calendar_months ? from + months(p.count) : from + calendar_days(month_days(p.count));
      break;
  }
  if (cal.is_working_day(d)) return d;
  switch (pol.due_on_non_working_day) {
    case non_working_due::previous_working_day: return cal.previous_working_day(d);
    case non_working_due::next_working_day: return cal.next_working_day(d);
    case non_working_due::stands: return d;
  }
  return d;
}

bool within(date from, date to, const period& p, const policy& pol, const calendar& cal) {
  return to <= add_period(from, p, pol, cal);
}

std::int32_t length_in(date from, date to, period_unit unit, const policy& pol, const calendar& cal) {
  switch (unit) {
    case period_unit::working_day: return cal.working_days_between(from, to, pol.counting).count();
    case period_unit::calendar_day: return (to - from).count();
    case period_unit::week: return (to - from).count() / 7;
    case period_unit::month: {
      if (pol.month_counting == month_basis::fixed_days) {
        // The largest n with month_days(n) <= days, the inverse of add_period's rounding.
        const std::int32_t days = (to - from).count();
        std::int32_t n = std::max(0, days * 12 / 365);
        while (month_days(n + 1) <= days) ++n;
        while (n > 0 && month_days(n) > days) --n;
        return n;
      }
      std::int32_t n = (to.year() - from.year()) * 12 + (to.month() - from.month());
      while (n > 0 && from + months(n) > to) --n;
      return n;
    }
  }
  return 0;
}

}  // namespace midway
