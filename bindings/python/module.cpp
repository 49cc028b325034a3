#include "register.hpp"

#include <midway/calendar.hpp>
#include <midway/version.hpp>

#include <pybind11/stl.h>

namespace py = pybind11;

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
  m.doc() = "midway's native core. Import `midway`, not this module.";
  m.attr("__version__") = midway::version;
  midway::python::register_errors(m);
  midway::python::register_calendar(m);
  midway::python::register_meeting(m);
  midway::python::register_case(m);
  midway::python::register_schedule(m);
  midway::python::register_drift(m);
  midway::python::register_bulk(m);
  midway::python::register_interop(m);

  // Every class pickles with protocol 2's reduction, whatever protocol is asked for (register.hpp,
  // reduce_ex_any_protocol): one that cannot be pickled raises TypeError instead of aborting.
  const py::handle pybind11_type = py::type::of<midway::calendar>().get_type();
  for (const auto& item : m.attr("__dict__").cast<py::dict>()) {
    py::handle cls = item.second;
    if (!py::isinstance(cls, pybind11_type) || cls.attr("__dict__").contains("__reduce_ex__")) continue;
    py::setattr(cls, "__reduce_ex__",
                py::cpp_function(&midway::python::reduce_ex_any_protocol, py::name("__reduce_ex__"), py::is_method(cls),
                                 py::arg("protocol")));
  }
}
