#include "enums.hpp"
#include "register.hpp"

#include <midway/detail/enum_table.hpp>
#include <midway/error.hpp>

#include <boost/date_time/gregorian/greg_day.hpp>
#include <boost/date_time/gregorian/greg_month.hpp>
#include <boost/date_time/gregorian/greg_year.hpp>

#include <pybind11/gil_safe_call_once.h>

namespace py = pybind11;

namespace midway::python {

namespace {

// The Python class of an error code, from the code's name in its one table (error.hpp):
// CamelCase, with "Error" once at the end ("invalid_date" -> "InvalidDateError", "parse_error" ->
// "ParseError"). midway/errors.py defines the classes; importing the module checks they exist.
std::string class_name(error_code code) {
  std::string_view name = to_string(code);
  if (name.ends_with("_error")) name.remove_suffix(6);
  std::string out;
  bool upper = true;
  for (const char c : name) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
  }
  return out + "Error";
}

constexpr auto all_codes = detail::values_of(detail::enum_traits<error_code>::table);

py::module_& errors_module() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::module_> storage;
  return storage.call_once_and_store_result([] { return py::module_::import("midway.errors"); }).get_stored();
}

[[noreturn]] void raise(error_code code, const std::string& what, const std::string& message, const std::string& field,
                        const std::string& record_id) {
  py::object cls = errors_module().attr(class_name(code).c_str());
  py::object instance = cls(what, py::arg("code") = std::string(to_string(code)), py::arg("message") = message,
                            py::arg("field") = field.empty() ? py::object(py::none()) : py::object(py::str(field)),
                            py::arg("record_id") = record_id.empty() ? py::object(py::none()) : py::object(py::str(record_id)));
  PyErr_SetObject(cls.ptr(), instance.ptr());
  throw py::error_already_set();
}

}  // namespace

void raise_invalid_argument(const std::string& message, std::string_view field) {
  const invalid_argument_error e(message, std::string(field));
  raise(e.code(), e.what(), e.message(), e.field(), e.record_id());
}

void register_errors(py::module_& m) {
  // Fail at import, not at the first error, if midway.errors is missing or lacks a class.
  for (const auto code : all_codes) (void)errors_module().attr(class_name(code).c_str());
  bind_enum<error_code>(m);
  py::register_exception_translator([](std::exception_ptr p) {
    auto restore = [](const error& e) {
      try {
        raise(e.code(), e.what(), e.message(), e.field(), e.record_id());
      } catch (py::error_already_set& pending) {
        pending.restore();
      }
    };
    try {
      if (p) std::rethrow_exception(p);
    } catch (const error& e) {
      restore(e);
    } catch (const boost::gregorian::bad_year& e) {
      // Boost's bad-date exceptions derive from std::out_of_range, which pybind11 would
      // turn into IndexError. midway never lets them escape; this is a safety net.
      restore(invalid_date_error(e.what()));
    } catch (const boost::gregorian::bad_month& e) {
      restore(invalid_date_error(e.what()));
    } catch (const boost::gregorian::bad_day_of_month& e) {
      restore(invalid_date_error(e.what()));
    }
  });
  m.def("_error_classes", [] {
    py::dict out;
    for (const auto code : all_codes) {
      out[py::str(std::string(to_string(code)))] = py::str(class_name(code));
    }
    return out;
  }, "The Python error class raised for each C++ error code.");
  m.def(
      "_raise_error",
      [](const std::string& code, const std::string& message, const std::string& field, const std::string& record_id) {
        throw_error(detail::enum_from_string<error_code>(code, "code"), message, field, record_id);
      },
      py::arg("code"), py::arg("message"), py::arg("field") = "", py::arg("record_id") = "",
      "Raises a C++ midway::error through the translator (for tests).");
}

}  // namespace midway::python
