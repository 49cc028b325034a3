// Type casters shared by the binding files: midway::date <-> datetime.date.
#pragma once

#include <midway/date.hpp>
#include <midway/error.hpp>

#include <pybind11/pybind11.h>

#include <datetime.h>

#include <optional>

namespace pybind11::detail {

// datetime.date in, datetime.date out. A datetime.datetime is refused with
// midway.InvalidArgumentError (its time would be silently dropped); a date before 1400 raises
// midway.InvalidDateError.
template <>
class type_caster<midway::date> {
 public:
  static constexpr auto name = const_name("datetime.date");
  template <typename T>
  using cast_op_type = movable_cast_op_type<T>;

  explicit operator midway::date*() { return &*value_; }
  explicit operator midway::date&() { return *value_; }
  explicit operator midway::date&&() && { return std::move(*value_); }

  bool load(handle src, bool convert) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    // The safety net of the argument checker (convert.hpp: entry points convert with date_arg,
    // which names the argument): a datetime is a typed error here too, not pybind11's TypeError.
    if (src && convert && PyDateTime_Check(src.ptr())) {
      throw midway::invalid_argument_error("expected a datetime.date, not a datetime.datetime (its time of day would be dropped)");
    }
    if (!src || !PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
    value_.emplace(PyDateTime_GET_YEAR(src.ptr()), PyDateTime_GET_MONTH(src.ptr()), PyDateTime_GET_DAY(src.ptr()));
    return true;
  }

  static handle cast(const midway::date& d, return_value_policy /*policy*/, handle /*parent*/) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    return PyDate_FromDate(d.year(), d.month(), d.day());
  }

 private:
  std::optional<midway::date> value_;
};

}  // namespace pybind11::detail
