// midway/detail/enum_table.hpp: to_string, from_string and "all values" from an enum's one
// table (enum_traits.hpp; Abseil's habit). An unknown string is an error, never a silent default.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace midway::detail {

template <class E, std::size_t N>
constexpr std::string_view name_of(const std::array<enum_name<E>, N>& table, E value) noexcept {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

// "'wales' is not a division; expected one of: england-and-wales, scotland, northern-ireland"
// ("is not an item status" where what a value is begins with a vowel)
template <class E, std::size_t N>
std::string unknown_message(const std::array<enum_name<E>, N>& table, std::string_view text, std::string_view what) {
  const bool vowel = !what.empty() && std::string_view("aeiouAEIOU").find(what.front()) != std::string_view::npos;
  std::string msg = "'" + std::string(text.substr(0, 60)) + (vowel ? "' is not an " : "' is not a ") + std::string(what) + "; expected one of: ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i) msg += ", ";
    msg += table[i].name;
  }
  return msg;
}

template <class E, std::size_t N>
E value_of(const std::array<enum_name<E>, N>& table, std::string_view text, std::string_view field,
           std::string_view what, std::string_view record_id = {}) {
  for (const auto& entry : table) {
    if (entry.name == text) return entry.value;
  }
  throw unknown_code_error(unknown_message(table, text, what), std::string(field), std::string(record_id));
}

// E's value named `text` in its one table (enum_traits<E>), or unknown_code_error naming `field`
// and what a value of E is (enum_description<E>, the table's `what`): every public
// *_from_string is this.
//   enum_from_string<division>("scotland", "division") == division::scotland
//   enum_from_string<division>("wales", "division") throws "'wales' is not a division; expected
//   one of: england-and-wales, scotland, northern-ireland" at field "division"
template <class E>
E enum_from_string(std::string_view text, std::string_view field, std::string_view record_id = {}) {
  return value_of(enum_traits<E>::table, text, field, enum_description<E>(), record_id);
}

template <class E, std::size_t N>
constexpr std::array<E, N> values_of(const std::array<enum_name<E>, N>& table) noexcept {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].value;
  return out;
}

}  // namespace midway::detail
