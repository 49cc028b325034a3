// midway/detail/blank.hpp: a value of a record type to fill in field by field (JSON readers,
// Python constructors). Dates and ids have no default, so a record whose leading members are
// dates or ids is started with fixed values there (2000-01-01, "_"); every reader requires
// those fields (required_field below) and overwrites them before the record is returned.
#pragma once

#include <midway/date.hpp>
#include <midway/ids.hpp>

#include <type_traits>

namespace midway::detail {

template <class T>
T blank() {
  if constexpr (std::is_default_constructible_v<T>) {
    return T{};
  } else if constexpr (requires { T{record_id("_"), event_id("_"), date(2000, 1, 1)}; }) {
    return T{record_id("_"), event_id("_"), date(2000, 1, 1)};
  } else if constexpr (requires { T{record_id("_"), date(2000, 1, 1)}; }) {
    return T{record_id("_"), date(2000, 1, 1)};
  } else if constexpr (requires { T{date(2000, 1, 1)}; }) {
    return T{date(2000, 1, 1)};
  } else {
    return T{date(2000, 1, 1), date(2000, 1, 1)};
  }
}

template <class M>
struct is_id : std::false_type {};
template <class Tag>
struct is_id<strong_id<Tag>> : std::true_type {};

// Whether a field of type M must be given (a date or an id has no sensible default).
template <class M>
inline constexpr bool required_field = std::is_same_v<M, date> || is_id<M>::value;

}  // namespace midway::detail
