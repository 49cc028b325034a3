// midway/detail/enum_traits.hpp: the one table per public enum. Each enum's header specializes
// enum_traits<E> next to the enum:
//
//   table        every enumerator once, in value order, with its name as in JSON (to_string,
//                from_string), and optionally the Python member name when it is not the JSON
//                name in UPPER_SNAKE ('-' as '_')
//   python_name  the Python class in midway._core ("ItemStatus")
//   what         what a value is, for messages ("'x' is not an item status"); declared with
//                MIDWAY_ENUM_TRAITS_DESCRIBED, else derived from python_name (enum_description)
//   doc          the Python class's docstring
//
// From that one table: to_string/from_string and JSON (enum_table.hpp), the pybind11 enum
// (bindings/python/enums.hpp bind_enum<E>), the stubs (scripts/gen_stubs.py, checked by
// tests/python/test_enum_tables.py) and the categories of evaluate()'s result columns.
// tests/cpp/test_enum_tables.cpp checks every table covers every enumerator exactly once.
// This header includes nothing of midway's, so any header can use it.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace midway::detail {

template <class E>
struct enum_name {
  E value;
  std::string_view name;           // as in JSON and to_string()
  std::string_view python = {};    // the Python member; empty: UPPER_SNAKE of name
};

// Specialized next to each public enum with a table.
template <class E>
struct enum_traits;

template <class E, class = void>
struct has_enum_traits : std::false_type {};
template <class E>
struct has_enum_traits<E, std::void_t<decltype(enum_traits<E>::table)>> : std::true_type {};
template <class E>
inline constexpr bool has_enum_traits_v = has_enum_traits<E>::value;

template <class E>
inline constexpr auto& enum_table_of = enum_traits<E>::table;

// True when the table lists the values 0, 1, ..., N-1 in order, each once: then a value's
// underlying integer is its index (the columnar codes and the Python values).
template <class E, std::size_t N>
constexpr bool dense_in_order(const std::array<enum_name<E>, N>& table) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(table[i].value)) != i) return false;
  }
  return true;
}

// No two entries share a value, a JSON name or a Python member name.
template <class E, std::size_t N>
constexpr bool distinct(const std::array<enum_name<E>, N>& table) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].name.empty()) return false;
    for (std::size_t j = i + 1; j < N; ++j) {
      if (table[i].value == table[j].value || table[i].name == table[j].name) return false;
      if (!table[i].python.empty() && table[i].python == table[j].python) return false;
    }
  }
  return true;
}

// The JSON names in value order: the categories of a result column of codes.
template <class E>
constexpr auto names_in_order() noexcept {
  constexpr auto& table = enum_traits<E>::table;
  static_assert(dense_in_order(table), "the enum's codes are its values 0..N-1");
  std::array<std::string_view, std::tuple_size_v<std::remove_cvref_t<decltype(table)>>> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = table[i].name;
  return out;
}

// What a value of E is, for messages: the table's `what`, or the Python class name in words
// ("TimelinessStatus" -> "timeliness status").
template <class E>
std::string enum_description() {
  if constexpr (requires { enum_traits<E>::what; }) {
    if (!enum_traits<E>::what.empty()) return std::string(enum_traits<E>::what);
  }
  std::string out;
  for (const char c : std::string_view(enum_traits<E>::python_name)) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += ' ';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace midway::detail

// Declares enum_traits<E> with its table (N entries), Python class name and docstring. Use at namespace midway scope, after the enum.
#define MIDWAY_ENUM_TRAITS(E, N, PY, DOC, ...)                                      \
  template <>                                                                             \
  struct detail::enum_traits<E> {                                                         \
    static constexpr std::array<detail::enum_name<E>, N> table{{__VA_ARGS__}};            \
    static constexpr std::string_view python_name = PY;                                   \
    static constexpr std::string_view doc = DOC;                                          \
    static constexpr std::string_view what = "";                                          \
  }

// As MIDWAY_ENUM_TRAITS, with what a value is for messages (WHAT: "day count convention").
#define MIDWAY_ENUM_TRAITS_DESCRIBED(E, N, PY, WHAT, DOC, ...)                           \
  template <>                                                                             \
  struct detail::enum_traits<E> {                                                         \
    static constexpr std::array<detail::enum_name<E>, N> table{{__VA_ARGS__}};            \
    static constexpr std::string_view python_name = PY;                                   \
    static constexpr std::string_view doc = DOC;                                          \
    static constexpr std::string_view what = WHAT;                                        \
  }
