// One register_<area> function per binding file, called from module.cpp.
#pragma once

#include <pybind11/pybind11.h>

#include <string_view>

namespace midway::python {

void register_errors(pybind11::module_& m);
void register_calendar(pybind11::module_& m);
void register_case(pybind11::module_& m);
void register_schedule(pybind11::module_& m);
void register_interop(pybind11::module_& m);
void register_meeting(pybind11::module_& m);
void register_drift(pybind11::module_& m);
void register_bulk(pybind11::module_& m);

// __reduce_ex__ of every class of the module (module.cpp): pybind11's pickling (py::pickle) needs
// protocol 2's reduction (__newobj__, then __setstate__), and protocols 0 and 1 would build an
// object without its C++ part and abort the interpreter. Every protocol gets protocol 2's
// reduction instead, which raises TypeError for a class that cannot be pickled.
inline pybind11::object reduce_ex_any_protocol(pybind11::handle self, int protocol) {
  return pybind11::module_::import("builtins").attr("object").attr("__reduce_ex__")(self, protocol < 2 ? 2 : protocol);
}

// Raises the Python twin of a midway error (used by the translator and by binding code).
[[noreturn]] void raise_invalid_argument(const std::string& message, std::string_view field);

// An enum argument given as the enum or as its string name ("inclusive").
template <class E, class FromString>
E enum_arg(pybind11::handle value, std::string_view field, FromString from_string) {
  if (pybind11::isinstance<pybind11::str>(value)) return from_string(value.cast<std::string>(), field);
  try {
    return value.cast<E>();
  } catch (const pybind11::cast_error&) {
    raise_invalid_argument("expected an enum member or its name for '" + std::string(field) + "', not " +
                               std::string(pybind11::str(pybind11::type::handle_of(value).attr("__name__"))),
                           field);
  }
}

}  // namespace midway::python
