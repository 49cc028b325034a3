#include "register.hpp"

#include <midway/version.hpp>

#include <cli.hpp>

#include <pybind11/stl.h>

#include <sstream>

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

  m.def(
      "_cli_main",
      [](const std::vector<std::string>& argv) {
        std::ostringstream out, err;
        const int status = midway::cli::run(argv, out, err);
        return py::make_tuple(status, out.str(), err.str());
      },
      py::arg("argv"), "Runs the midway command line; returns (status, stdout, stderr).");
}
