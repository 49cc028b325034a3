// bind_enum<E>(m): the Python enum of a C++ enum, from its one table (detail::enum_traits<E>,
// next to the enum in its public header): the class name, the docstring, every member with
// the enum's own value. A member's name is the table's `python` when given, else the JSON
// name in UPPER_SNAKE ('-' as '_'), e.g. "england-and-wales" -> ENGLAND_AND_WALES.
// The module's private dict `_enum_names` maps each class to its JSON names in value order.
// The stubs' enum classes and name literals are written from the module by scripts/gen_stubs.py
// and checked by tests/python/test_enum_tables.py.
#pragma once

#include "convert.hpp"

#include <midway/detail/enum_traits.hpp>

#include <pybind11/native_enum.h>

#include <cctype>
#include <string>

namespace midway::python {

inline std::string python_member_name(std::string_view json, std::string_view given) {
  if (!given.empty()) return std::string(given);
  std::string out;
  out.reserve(json.size());
  for (const char c : json) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

template <class E>
void bind_enum(py::module_& m) {
  using traits = detail::enum_traits<E>;
  static_assert(detail::distinct(traits::table), "one entry per enumerator, names unique");
  static_assert(detail::dense_in_order(traits::table), "entries in value order 0..N-1");
  const std::string name(traits::python_name);
  python_names()[typeid(E)] = name;
  py::native_enum<E> e(m, name.c_str(), "enum.Enum", std::string(traits::doc).c_str());
  for (const auto& entry : traits::table) {
    e.value(python_member_name(entry.name, entry.python).c_str(), entry.value);
  }
  e.finalize();
  // The JSON names, in value order, for scripts/gen_stubs.py and the tests (the stubs'
  // `_ItemStatusName` literals); private, so not part of the API or the stubs.
  if (!py::hasattr(m, "_enum_names")) m.attr("_enum_names") = py::dict();
  py::list names;
  for (const auto& entry : traits::table) names.append(py::str(entry.name.data(), entry.name.size()));
  m.attr("_enum_names")[py::str(name)] = py::tuple(names);
}

// The JSON names of E in value order, as a Python list: the categories of a result column of
// E's codes.
template <class E>
py::list enum_names_list() {
  py::list l;
  for (const auto& n : detail::names_in_order<E>()) l.append(py::str(n.data(), n.size()));
  return l;
}

}  // namespace midway::python
