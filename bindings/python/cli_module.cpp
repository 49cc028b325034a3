// midway._cli: the command line for `python -m midway`, a module of its own so that the
// library's module (_core) does not carry the CLI (docs/architecture.md).
#include <midway/version.hpp>

#include <cli.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace py = pybind11;

PYBIND11_MODULE(_cli, m, py::mod_gil_not_used()) {
  m.doc() = "midway's command line, for `python -m midway`. Import `midway`, not this module.";
  m.def(
      "main",
      [](const std::vector<std::string>& argv, bool progress) {
        std::ostringstream out, err;
        int status = 0;
        {
          // Progress bars go straight to the process's standard error (a terminal), as the C++ tool's do.
          py::gil_scoped_release release;
          status = midway::cli::run(argv, out, err, progress ? &std::cerr : nullptr);
        }
        return py::make_tuple(status, py::bytes(out.str()), py::bytes(err.str()));
      },
      py::arg("argv"), py::arg("progress") = false,
      "Runs the midway command line; returns (status, stdout bytes, stderr bytes). progress: draw progress bars on\n"
      "the process's standard error (give True only when it is a terminal).");
}
