// Every public enum's one table (detail::enum_traits<E>, next to the enum) covers every
// enumerator exactly once, in value order, with unique JSON and Python names, and drives
// to_string/from_string. The coverage check reads the compiler's spelling of a value (as
// magic_enum does): a named enumerator prints as its name, a value with no enumerator as a cast.
#include <midway/detail/enum_table.hpp>
#include <midway/midway.hpp>
#include <midway/interop.hpp>
#include <midway/note.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace {

using namespace midway;

template <auto V>
constexpr std::string_view spelled() noexcept {
  return __PRETTY_FUNCTION__;
}

// True when V is a named enumerator of its enum: GCC and clang print "V = midway::item_status::done"
// for an enumerator and "V = (midway::item_status)6" for a value without one.
template <auto V>
constexpr bool is_enumerator() noexcept {
  constexpr std::string_view s = spelled<V>();
  constexpr auto at = s.find("V = ");
  static_assert(at != std::string_view::npos);
  return s[at + 4] != '(';
}

template <class E, std::size_t... I>
constexpr bool all_named(std::index_sequence<I...>) noexcept {
  return (is_enumerator<static_cast<E>(I)>() && ...);
}

// The table lists 0..N-1 in order and the enum has no enumerator at N (nor just below 0 for
// a signed type): so every enumerator is in the table exactly once.
template <class E>
constexpr bool covers_every_enumerator() noexcept {
  constexpr auto& table = detail::enum_traits<E>::table;
  constexpr std::size_t n = table.size();
  if (!detail::dense_in_order(table) || !detail::distinct(table)) return false;
  if (!all_named<E>(std::make_index_sequence<n>{})) return false;
  if constexpr (std::is_signed_v<std::underlying_type_t<E>>) {
    if (is_enumerator<static_cast<E>(-1)>()) return false;
  }
  return !is_enumerator<static_cast<E>(n)>() && !is_enumerator<static_cast<E>(n + 1)>();
}

// Every enum with a table. Adding an enum to the library: give it a table and add it here.
using all_enums = std::tuple<day_count, case_kind, answer, severity, role, midway_outcome, plan_end_reason, division,
                             holiday_id, holiday_origin, proclamation::action, finding_kind, timeliness_status,
                             meeting_status, attendance, change_area, progress, note_format, recommendation_status,
                             period_unit, month_basis, non_working_due, midway_rule, icpc_anchor, item_kind, item_status,
                             trend_direction, sos_context, sos_heading, error_code>;

template <class... E>
constexpr bool all_cover(std::tuple<E...>*) noexcept {
  return (covers_every_enumerator<E>() && ...);
}
static_assert(all_cover(static_cast<all_enums*>(nullptr)), "an enum's table misses, repeats or reorders an enumerator");

// drift_rule_id's table is drift_rules() (ids, severities, titles; drift.cpp checks its order):
// drift_rule_count is every enumerator.
static_assert(all_named<drift_rule_id>(std::make_index_sequence<drift_rule_count>{}) &&
              !is_enumerator<static_cast<drift_rule_id>(drift_rule_count)>());

// event_flag's table lists every bit flag once, bit i at index i, and no flag beyond.
template <std::size_t... I>
constexpr bool flags_named(std::index_sequence<I...>) noexcept {
  return ((is_enumerator<static_cast<event_flag>(1u << I)>() &&
           detail::enum_traits<event_flag>::table[I].value == static_cast<event_flag>(1u << I)) && ...);
}
static_assert(flags_named(std::make_index_sequence<detail::enum_traits<event_flag>::table.size()>{}) &&
              !is_enumerator<static_cast<event_flag>(1u << detail::enum_traits<event_flag>::table.size())>() &&
              detail::distinct(detail::enum_traits<event_flag>::table));

}  // namespace

// The check itself: a table one short, or out of order, is caught. (In a named namespace: clang
// spells a value of an enum in an anonymous namespace "(anonymous namespace)::three::c", which
// the check would read as a cast.)
namespace midway_enum_check {
enum class three { a, b, c };
enum class swapped { a, b };
}  // namespace midway_enum_check
using midway_enum_check::swapped;
using midway_enum_check::three;
template <>
struct midway::detail::enum_traits<three> {
  static constexpr std::array<enum_name<three>, 2> table{{{three::a, "a"}, {three::b, "b"}}};
};
template <>
struct midway::detail::enum_traits<swapped> {
  static constexpr std::array<enum_name<swapped>, 2> table{{{swapped::b, "b"}, {swapped::a, "a"}}};
};
namespace {
static_assert(is_enumerator<three::c>() && !is_enumerator<static_cast<three>(3)>());
static_assert(!covers_every_enumerator<three>() && !covers_every_enumerator<swapped>());

template <class E>
void check_names(std::set<std::string>& python_classes) {
  using traits = detail::enum_traits<E>;
  EXPECT_TRUE(python_classes.insert(std::string(traits::python_name)).second) << traits::python_name << " twice";
  EXPECT_FALSE(traits::doc.empty()) << traits::python_name;
  std::set<std::string_view> names;
  for (const auto& entry : traits::table) {
    EXPECT_TRUE(names.insert(entry.name).second) << traits::python_name << "." << entry.name;
    EXPECT_EQ(entry.name, detail::name_of(traits::table, entry.value));
    EXPECT_EQ(entry.value, detail::value_of(traits::table, entry.name, "field", "value"));
  }
}

TEST(EnumTables, EveryTableHasUniqueNamesAndAPythonClass) {
  std::set<std::string> python_classes;
  std::apply([&](auto... e) { (check_names<decltype(e)>(python_classes), ...); }, all_enums{});
  EXPECT_EQ(python_classes.size(), std::tuple_size_v<all_enums>);
}

TEST(EnumTables, ToStringAndFromStringReadTheTable) {
  for (const auto& e : detail::enum_traits<item_status>::table) {
    EXPECT_EQ(to_string(e.value), e.name);
    EXPECT_EQ(item_status_from_string(e.name), e.value);
  }
  for (const auto& e : detail::enum_traits<division>::table) EXPECT_EQ(division_from_string(e.name), e.value);
  for (const auto& e : detail::enum_traits<period_unit>::table) EXPECT_EQ(period_unit_from_string(e.name), e.value);
  for (const auto& e : detail::enum_traits<proclamation::action>::table) EXPECT_EQ(to_string(e.value), e.name);
  EXPECT_EQ(to_string(case_kind::lac), "LAC");
  EXPECT_EQ(detail::names_in_order<item_kind>()[static_cast<int>(item_kind::core_group)], "core_group");
  EXPECT_THROW((void)item_status_from_string("soon"), unknown_code_error);
}

}  // namespace
