// Strict conversions from Python values to the library's field types, naming the field on
// failure (midway.InvalidArgumentError / UnknownCodeError), and generic binding of record
// types from their field tables (detail/fields.hpp).
#pragma once

#include "casters.hpp"
#include "register.hpp"

#include <midway/case.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <pybind11/stl.h>

#include <deque>
#include <string>
#include <type_traits>

namespace midway::python {

namespace py = pybind11;

template <class E> E enum_from(std::string_view text, std::string_view field);
template <> inline role enum_from<role>(std::string_view t, std::string_view f) { return role_from_string(t, f); }
template <> inline midway_outcome enum_from<midway_outcome>(std::string_view t, std::string_view f) { return midway_outcome_from_string(t, f); }
template <> inline plan_end_reason enum_from<plan_end_reason>(std::string_view t, std::string_view f) { return plan_end_reason_from_string(t, f); }
template <> inline case_kind enum_from<case_kind>(std::string_view t, std::string_view f) { return case_kind_from_string(t, f); }
template <> inline recommendation_status enum_from<recommendation_status>(std::string_view t, std::string_view f) { return recommendation_status_from_string(t, f); }
template <> inline period_unit enum_from<period_unit>(std::string_view t, std::string_view f) { return period_unit_from_string(t, f); }
template <> inline month_basis enum_from<month_basis>(std::string_view t, std::string_view f) { return month_basis_from_string(t, f); }
template <> inline non_working_due enum_from<non_working_due>(std::string_view t, std::string_view f) { return non_working_due_from_string(t, f); }
template <> inline midway_rule enum_from<midway_rule>(std::string_view t, std::string_view f) { return midway_rule_from_string(t, f); }
template <> inline day_count enum_from<day_count>(std::string_view t, std::string_view f) { return day_count_from_string(t, f); }

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

inline std::string type_name(py::handle h) { return py::str(py::type::handle_of(h).attr("__name__")); }

// `value` as a T, strictly: no float for int, no int for bool; enums by value or name.
template <class T>
T from_py(py::handle value, std::string_view field) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!py::isinstance<py::bool_>(value)) raise_invalid_argument("expected True or False, not " + type_name(value), field);
    return value.cast<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
      raise_invalid_argument("expected an int, not " + type_name(value), field);
    }
    return value.cast<T>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!py::isinstance<py::str>(value)) raise_invalid_argument("expected a str, not " + type_name(value), field);
    return value.cast<std::string>();
  } else if constexpr (std::is_same_v<T, date>) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (!PyDate_Check(value.ptr()) || PyDateTime_Check(value.ptr())) {
      raise_invalid_argument("expected a datetime.date, not " + type_name(value), field);
    }
    return value.cast<date>();
  } else if constexpr (std::is_enum_v<T>) {
    return enum_arg<T>(value, field, enum_from<T>);
  } else if constexpr (std::is_same_v<T, period>) {
    if (py::isinstance<period>(value)) return value.cast<period>();
    if (py::isinstance<py::tuple>(value) && py::len(value) == 2) {
      auto t = value.cast<py::tuple>();
      return period{from_py<std::int32_t>(t[0], std::string(field) + "[0]"), from_py<period_unit>(t[1], std::string(field) + "[1]")};
    }
    raise_invalid_argument("expected a Period or a (count, unit) pair, not " + type_name(value), field);
  } else if constexpr (is_optional<T>::value) {
    if (value.is_none()) return std::nullopt;
    return from_py<typename T::value_type>(value, field);
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (py::isinstance<py::str>(value)) raise_invalid_argument("expected a list of str, not a str", field);
    std::vector<std::string> out;
    std::size_t i = 0;
    for (py::handle item : py::iter(value)) out.push_back(from_py<std::string>(item, std::string(field) + "[" + std::to_string(i++) + "]"));
    return out;
  } else {
    return value.cast<T>();
  }
}

// Names that outlive the module (pybind11 keeps the pointers it is given).
inline const char* keep(std::string s) {
  static std::deque<std::string> names;
  return names.emplace_back(std::move(s)).c_str();
}

// "strategy_discussion" -> "StrategyDiscussion", "s47_enquiry" -> "S47Enquiry".
inline std::string camel(std::string_view snake) {
  std::string out;
  bool up = true;
  for (char c : snake) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

// Sets the fields of `x` named in `kwargs`; any other keyword is an error naming it.
template <class T>
void assign_fields(T& x, const py::kwargs& kwargs, std::string_view what) {
  std::size_t used = 0;
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    if (kwargs.contains(f.name.data())) {
      x.*(f.member) = from_py<M>(kwargs[f.name.data()], f.name);
      ++used;
    }
  });
  if (used == py::len(kwargs)) return;
  for (auto item : kwargs) {
    bool known = false;
    detail::for_each_field<T>([&](const auto& f) { known = known || f.name == item.first.cast<std::string>(); });
    if (!known) {
      throw unknown_code_error("'" + item.first.cast<std::string>() + "' is not a field of " + std::string(what),
                               item.first.cast<std::string>());
    }
  }
}

// "Visit(date=datetime.date(2026, 1, 5), seen=True, seen_alone=False)"
template <class T>
std::string fields_repr(const T& x, std::string_view name) {
  std::string out = std::string(name) + "(";
  bool first = true;
  detail::for_each_field<T>([&](const auto& f) {
    out += (first ? "" : ", ") + std::string(f.name) + "=" + std::string(py::repr(py::cast(x.*(f.member))));
    first = false;
  });
  return out + ")";
}

template <class T, std::size_t I>
auto init_arg(const T& prototype) {
  const auto desc = std::get<I>(T::fields());
  if constexpr (I == 0) {
    return py::arg(desc.name.data());  // the date: required
  } else {
    return py::arg_v(desc.name.data(), py::cast(prototype.*(desc.member)));
  }
}

template <std::size_t I>
using py_object_for = py::object;

template <class T, std::size_t... I>
void def_fields_init(py::class_<T>& cls, const T& prototype, std::index_sequence<I...>) {
  cls.def(py::init([prototype](py_object_for<I>... values) {
            T x = prototype;
            const auto fields = T::fields();
            ((x.*(std::get<I>(fields).member) =
                  from_py<typename std::tuple_element_t<I, decltype(T::fields())>::member_type>(values, std::get<I>(fields).name)),
             ...);
            return x;
          }),
          py::kw_only(), init_arg<T, I>(prototype)...);
}

// Binds event type T as Python class `name`: a keyword-only constructor (date required, the
// other fields defaulting as in C++), read-write fields, ==, repr.
template <class T>
py::class_<T> bind_event(py::module_& m, const char* name, const char* doc) {
  py::class_<T> cls(m, name, doc);
  const T prototype{date(2000, 1, 1)};
  def_fields_init(cls, prototype, std::make_index_sequence<std::tuple_size_v<decltype(T::fields())>>{});
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    const auto member = f.member;
    const std::string field(f.name);
    cls.def_property(
        f.name.data(), [member](const T& x) { return x.*member; },
        [member, field](T& x, py::handle v) { x.*member = from_py<M>(v, field); });
  });
  cls.attr("kind") = std::string(T::kind);
  cls.def("__eq__", [](const T& a, py::handle b) { return py::isinstance<T>(b) && a == b.cast<const T&>(); }, py::is_operator());
  cls.def("__repr__", [name](const T& x) { return fields_repr(x, name); });
  cls.attr("__hash__") = py::none();
  return cls;
}

}  // namespace midway::python
