// midway/detail/fields.hpp: a record type lists its fields once, as a tuple of
// (name, member pointer) pairs; JSON, the Python bindings and equality all walk that list,
// so adding a field to a record is one line.
#pragma once

#include <string_view>
#include <tuple>
#include <utility>

namespace midway::detail {

template <class T, class M>
struct field_desc {
  std::string_view name;
  M T::*member;
  using record_type = T;
  using member_type = M;
};

template <class T, class M>
constexpr field_desc<T, M> field(std::string_view name, M T::*member) noexcept {
  return {name, member};
}

// Calls f(descriptor) for every field of record type T.
template <class T, class F>
constexpr void for_each_field(F&& f) {
  std::apply([&](const auto&... desc) { (f(desc), ...); }, T::fields());
}

}  // namespace midway::detail
