// Arrow PyCapsule interface: export and import of columns (arrow.hpp), over the library's
// Arrow code (midway/arrow.hpp).
#include "arrow.hpp"

#include "register.hpp"

#include <midway/arrow.hpp>
#include <midway/columnar.hpp>
#include <midway/detail/arrow_c_abi.h>
#include <midway/error.hpp>

#include <pybind11/numpy.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python::arrow {

namespace {

py::module_ numpy() { return py::module_::import("numpy"); }

// ---------------------------------------------------------------------------------------------
// Export: the Python values as columns of a midway::arrow::table (midway/arrow.hpp), which
// builds the Arrow structs. The table's `keep` holds the Python arrays whose memory it points
// into, and drops them under the GIL, from whichever thread releases the last export.

using midway::arrow::column;
using midway::arrow::table;

std::shared_ptr<void> hold(std::vector<py::object> held) {
  return {new std::vector<py::object>(std::move(held)), [](void* p) {
            auto* objects = static_cast<std::vector<py::object>*>(p);
            if (Py_IsInitialized() == 0) {
              for (auto& o : *objects) o.release();  // the interpreter is gone: nothing to drop
            } else {
              const PyGILState_STATE gil = PyGILState_Ensure();
              objects->clear();
              PyGILState_Release(gil);
            }
            delete objects;
          }};
}

// The UTF-8 text of `n` items; `item(i)` gives a PyObject* (None: null). The views point into
// the str objects (alive while the caller holds them).
template <class Item>
std::vector<std::string_view> texts(std::int64_t n, Item item, std::string_view key) {
  std::vector<std::string_view> text(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    PyObject* o = item(i);
    if (o == Py_None) continue;  // a default view: null
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &size) : nullptr;
    if (!utf8) {
      PyErr_Clear();
      raise_invalid_argument(PyUnicode_Check(o) ? std::string("expected str that is UTF-8 text")
                                                : "expected str or None, not " + std::string(py::str(py::type::handle_of(o).attr("__name__"))),
                             std::string(key) + "[" + std::to_string(i) + "]");
    }
    text[static_cast<std::size_t>(i)] = std::string_view(utf8 ? utf8 : "", static_cast<std::size_t>(size));
  }
  return text;
}

const char* numeric_format(const py::dtype& dt) {
  const char kind = dt.kind();
  const auto size = dt.itemsize();
  if (kind == 'i') return size == 1 ? "c" : size == 2 ? "s" : size == 4 ? "i" : size == 8 ? "l" : nullptr;
  if (kind == 'u') return size == 1 ? "C" : size == 2 ? "S" : size == 4 ? "I" : size == 8 ? "L" : nullptr;
  if (kind == 'f') return size == 2 ? "e" : size == 4 ? "f" : size == 8 ? "g" : nullptr;
  return nullptr;
}

// One column of the export from its Python value.
column export_column(table& t, std::vector<py::object>& held, const std::string& name, py::handle value) {
  column col;
  col.name = name;
  py::module_ np = numpy();
  const void* const empty = midway::arrow::empty_buffer();
  if (py::hasattr(value, "categories") && py::hasattr(value, "codes") && !py::isinstance<py::array>(value)) {
    // pandas.Categorical: the codes as they are, the categories as the dictionary.
    py::array codes = np.attr("ascontiguousarray")(value.attr("codes"));
    const char* format = numeric_format(codes.dtype());
    if (codes.ndim() != 1 || codes.dtype().kind() != 'i' || !format) raise_invalid_argument("expected a 1-d categorical", name);
    col.format = format;
    held.push_back(codes);
    const auto n = static_cast<std::int64_t>(codes.size());
    const void* data = n == 0 ? empty : codes.data();
    std::int64_t nulls = 0;
    auto code_at = [&](std::int64_t i) -> std::int64_t {
      switch (codes.dtype().itemsize()) {
        case 1: return static_cast<const std::int8_t*>(data)[i];
        case 2: return static_cast<const std::int16_t*>(data)[i];
        case 4: return static_cast<const std::int32_t*>(data)[i];
        default: return static_cast<const std::int64_t*>(data)[i];
      }
    };
    for (std::int64_t i = 0; i < n; ++i) nulls += code_at(i) < 0 ? 1 : 0;
    col.null_count = nulls;
    col.buffers = {nulls == 0 ? nullptr : t.bitmap(n, [&](std::int64_t i) { return code_at(i) >= 0; }), data};
    const py::list categories = py::list(value.attr("categories"));
    const auto names = texts(
        static_cast<std::int64_t>(categories.size()), [&](std::int64_t i) { return categories[static_cast<std::size_t>(i)].ptr(); },
        name + ".categories");
    t.dictionary_of(col, names);
    return col;
  }
  py::array arr = np.attr("asarray")(value);
  if (arr.ndim() != 1) raise_invalid_argument("expected a 1-d array", name);
  const py::dtype dt = arr.dtype();
  const auto n = static_cast<std::int64_t>(arr.size());
  if (const char* format = numeric_format(dt)) {
    arr = np.attr("ascontiguousarray")(arr);
    col.format = format;
    held.push_back(arr);
    col.buffers = {nullptr, n == 0 ? empty : arr.data()};
    return col;
  }
  switch (dt.kind()) {
    case 'b': {
      arr = np.attr("ascontiguousarray")(arr);
      const auto* v = static_cast<const std::uint8_t*>(arr.data());
      col.format = "b";
      col.buffers = {nullptr, t.bitmap(n, [&](std::int64_t i) { return v[i] != 0; })};
      return col;
    }
    case 'M': {
      const std::string unit = py::str(np.attr("datetime_data")(dt)[py::int_(0)]);
      arr = np.attr("ascontiguousarray")(arr).attr("view")("int64");
      const auto* v = static_cast<const std::int64_t*>(arr.data());
      std::int64_t nulls = 0;
      for (std::int64_t i = 0; i < n; ++i) nulls += v[i] == INT64_MIN ? 1 : 0;
      col.null_count = nulls;
      const void* validity = nulls == 0 ? nullptr : t.bitmap(n, [&](std::int64_t i) { return v[i] != INT64_MIN; });
      if (unit == "D") {
        auto* days = reinterpret_cast<std::int32_t*>(t.buffer(static_cast<std::size_t>(n) * 4));
        for (std::int64_t i = 0; i < n; ++i) {
          if (v[i] != INT64_MIN && (v[i] < INT32_MIN || v[i] > INT32_MAX)) {
            throw out_of_range_error("the date is out of range", name + "[" + std::to_string(i) + "]");
          }
          days[i] = v[i] == INT64_MIN ? 0 : static_cast<std::int32_t>(v[i]);
        }
        col.format = "tdD";
        col.buffers = {validity, days};
        return col;
      }
      if (unit == "s" || unit == "ms" || unit == "us" || unit == "ns") {
        col.format = "ts" + std::string(unit == "s" ? "s" : unit == "ms" ? "m" : unit == "us" ? "u" : "n") + ":";
        held.push_back(arr);
        col.buffers = {validity, n == 0 ? empty : arr.data()};
        return col;
      }
      break;
    }
    case 'O': {
      arr = np.attr("ascontiguousarray")(arr);
      auto* const* items = static_cast<PyObject* const*>(arr.data());
      t.utf8(col, texts(n, [&](std::int64_t i) { return items[i]; }, name));
      return col;
    }
    default: break;
  }
  raise_invalid_argument("a column of dtype " + std::string(py::str(dt)) + " has no Arrow form here", name);
}

std::shared_ptr<const table> export_table(py::handle columns) {
  auto t = std::make_shared<table>();
  std::vector<py::object> held;
  bool first = true;
  for (auto item : py::reinterpret_borrow<py::dict>(columns)) {
    const auto name = py::str(item.first).cast<std::string>();
    column col = export_column(*t, held, name, item.second);
    const auto n = static_cast<std::int64_t>(py::len(item.second));
    if (first) t->length = n;
    if (n != t->length) {
      raise_invalid_argument("the column has " + std::to_string(n) + " rows, not " + std::to_string(t->length) + " as the first one",
                             name);
    }
    first = false;
    t->columns.push_back(std::move(col));
  }
  t->keep = hold(std::move(held));
  return t;
}

// The PyCapsule interface's name of each Arrow struct.
template <class T> constexpr const char* capsule_name = nullptr;
template <> constexpr const char* capsule_name<ArrowArrayStream> = "arrow_array_stream";
template <> constexpr const char* capsule_name<ArrowSchema> = "arrow_schema";
template <> constexpr const char* capsule_name<ArrowArray> = "arrow_array";

// A capsule's destructor: release what the consumer did not take, then free the struct.
template <class T>
void free_capsule(PyObject* capsule) {
  auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule, capsule_name<T>));
  if (!p) {
    PyErr_WriteUnraisable(capsule);
    return;
  }
  if (p->release) p->release(p);
  delete p;
}

py::capsule capsule_of(void* p, const char* name, PyCapsule_Destructor destructor) {
  PyObject* c = PyCapsule_New(p, name, destructor);
  if (!c) throw py::error_already_set();
  return py::reinterpret_steal<py::capsule>(c);
}

py::object& columns_class() {
  static py::object* cls = nullptr;
  if (!cls) cls = new py::object();  // lives as long as the module (never destroyed: no GIL at exit)
  return *cls;
}

}  // namespace

py::capsule export_stream(py::handle columns, py::handle /*requested_schema*/) {
  auto t = export_table(columns);
  auto* s = new ArrowArrayStream{};
  midway::arrow::export_stream(std::move(t), s);
  return capsule_of(s, capsule_name<ArrowArrayStream>, &free_capsule<ArrowArrayStream>);
}

py::tuple export_array(py::handle columns, py::handle /*requested_schema*/) {
  auto t = export_table(columns);
  auto* schema = new ArrowSchema{};
  try {
    midway::arrow::export_schema(*t, schema);
  } catch (...) {
    delete schema;
    throw;
  }
  const py::capsule schema_capsule = capsule_of(schema, capsule_name<ArrowSchema>, &free_capsule<ArrowSchema>);
  auto* array = new ArrowArray{};
  try {
    midway::arrow::export_struct_array(std::move(t), array);
  } catch (...) {
    delete array;
    throw;
  }
  return py::make_tuple(schema_capsule, capsule_of(array, capsule_name<ArrowArray>, &free_capsule<ArrowArray>));
}

py::object columns_type() { return columns_class(); }

py::object make_columns(py::dict d) { return columns_class()(std::move(d)); }

bool is_arrow_source(py::handle value) { return !py::isinstance<py::dict>(value) && py::hasattr(value, "__arrow_c_stream__"); }

namespace {
// The stream of `source.__arrow_c_stream__()`, read by `read` (which takes it: the capsule's
// destructor then sees it released). The GIL stays held: a producer's callbacks may run Python
// without taking it.
template <class Read>
auto read_stream(py::handle source, Read read) {
  py::object capsule = source.attr("__arrow_c_stream__")();
  auto* raw = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), capsule_name<ArrowArrayStream>));
  if (!raw) {
    PyErr_Clear();
    raise_invalid_argument("__arrow_c_stream__ did not give an 'arrow_array_stream' capsule", "data");
  }
  if (!raw->release) raise_invalid_argument("the Arrow stream was already consumed", "data");
  return read(*raw);
}
}  // namespace

caseload_columns read_events(py::handle source) {
  return read_stream(source, [](ArrowArrayStream& s) { return midway::arrow::read_events(s, "data"); });
}

midway::arrow::events_read read_events_in_place(py::handle source) {
  return read_stream(source, [](ArrowArrayStream& s) { return midway::arrow::read_events_in_place(s, "data"); });
}

py::object define_columns_class(py::module_& m, const char* name, py::handle base, const char* doc, arrow_export stream,
                                const char* stream_doc, arrow_export array, const char* array_doc) {
  const py::object type = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type));
  py::dict ns;
  ns["__module__"] = "midway._core";
  ns["__slots__"] = py::tuple();
  ns["__doc__"] = doc;
  py::object cls = type(name, py::make_tuple(base), ns);
  cls.attr("__arrow_c_stream__") =
      py::cpp_function(stream, py::name("__arrow_c_stream__"), py::is_method(cls), py::arg("requested_schema") = py::none(), stream_doc);
  cls.attr("__arrow_c_array__") =
      py::cpp_function(array, py::name("__arrow_c_array__"), py::is_method(cls), py::arg("requested_schema") = py::none(), array_doc);
  m.attr(name) = cls;
  return cls;
}

void register_arrow(py::module_& m) {
  const py::handle dict = reinterpret_cast<PyObject*>(&PyDict_Type);
  columns_class() = define_columns_class(
      m, "Columns", dict,
      "Columns: a dict of numpy arrays (and pandas.Categorical), one per column, all of one length. It also speaks "
      "the Arrow PyCapsule interface (__arrow_c_stream__, __arrow_c_array__): pyarrow, Polars and DuckDB read it "
      "(docs/bulk.md).",
      [](py::handle self, py::handle requested_schema) -> py::object { return export_stream(self, requested_schema); },
      "The columns as an Arrow C stream (one record batch): a PyCapsule 'arrow_array_stream'. Numeric columns and "
      "the categoricals' codes are not copied.",
      [](py::handle self, py::handle requested_schema) -> py::object { return export_array(self, requested_schema); },
      "The columns as one Arrow struct array: PyCapsules ('arrow_schema', 'arrow_array').");
}

}  // namespace midway::python::arrow
