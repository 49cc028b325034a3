// midway/detail/blank.hpp: a value of a record type to fill in field by field (JSON readers,
// Python constructors). Records whose leading members are dates (which have no default) get
// a placeholder there; the readers then require those fields, so it never survives.
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
