// Arrow PyCapsule interface: export and import of columns (arrow.hpp).
#include "arrow.hpp"

#include "register.hpp"

#include <midway/columnar.hpp>
#include <midway/detail/arrow_c_abi.h>
#include <midway/error.hpp>

#include <pybind11/numpy.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python::arrow {

namespace {

// Eight zero bytes: the buffer of an empty column (the C Data Interface wants non-null data
// buffers).
alignas(8) constexpr std::byte zeros[8]{};

py::module_ numpy() { return py::module_::import("numpy"); }

// ---------------------------------------------------------------------------------------------
// Export

struct exported_column {
  std::string name;
  std::string format;
  std::int64_t null_count = 0;
  std::vector<const void*> buffers;
  // A dictionary-encoded column's values (utf8).
  bool dictionary = false;
  std::int64_t dictionary_length = 0;
  std::vector<const void*> dictionary_buffers;
};

// What one export reads: the columns' buffers, the Python arrays they point into, and the
// copies made. Shared by every array and schema handed out; dropped under the GIL.
struct export_state {
  std::int64_t length = 0;
  std::vector<exported_column> columns;
  std::vector<py::object> held;
  std::deque<std::vector<std::byte>> owned;

  export_state() = default;
  export_state(const export_state&) = delete;
  export_state& operator=(const export_state&) = delete;
  ~export_state() {
    if (held.empty()) return;
    if (Py_IsInitialized() == 0) {
      for (auto& o : held) o.release();  // the interpreter is gone: nothing to drop
      return;
    }
    const PyGILState_STATE gil = PyGILState_Ensure();
    held.clear();
    PyGILState_Release(gil);
  }

  std::byte* buffer(std::size_t bytes) {
    owned.emplace_back(std::max<std::size_t>(bytes, 8));
    return owned.back().data();
  }
};

// A validity bitmap from "is valid" answers (only called for columns that have nulls).
template <class Valid>
const void* bitmap(export_state& st, std::int64_t n, Valid valid) {
  auto* bits = reinterpret_cast<std::uint8_t*>(st.buffer(static_cast<std::size_t>((n + 7) / 8)));
  for (std::int64_t i = 0; i < n; ++i) {
    if (valid(i)) bits[i / 8] = static_cast<std::uint8_t>(bits[i / 8] | (1u << (i % 8)));
  }
  return bits;
}

// utf8 (or large_utf8) buffers of `n` items; `item(i)` gives a PyObject* (nullptr for null).
template <class Item>
void string_buffers(export_state& st, exported_column& col, std::int64_t n, Item item, std::string_view key, std::string& format) {
  std::vector<std::pair<const char*, Py_ssize_t>> text(static_cast<std::size_t>(n));
  std::size_t total = 0;
  std::int64_t nulls = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    PyObject* o = item(i);
    if (o == Py_None) {
      text[static_cast<std::size_t>(i)] = {nullptr, 0};
      ++nulls;
      continue;
    }
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &size) : nullptr;
    if (!utf8) {
      PyErr_Clear();
      raise_invalid_argument(PyUnicode_Check(o) ? std::string("expected str that is UTF-8 text")
                                                : "expected str or None, not " + std::string(py::str(py::type::handle_of(o).attr("__name__"))),
                             std::string(key) + "[" + std::to_string(i) + "]");
    }
    text[static_cast<std::size_t>(i)] = {utf8, size};
    total += static_cast<std::size_t>(size);
  }
  const bool large = total > static_cast<std::size_t>(INT32_MAX);
  format = large ? "U" : "u";
  std::byte* data = st.buffer(total);
  auto fill = [&](auto* offsets) {
    using O = std::remove_pointer_t<decltype(offsets)>;
    std::size_t at = 0;
    offsets[0] = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i].first) std::memcpy(data + at, text[i].first, static_cast<std::size_t>(text[i].second));
      at += static_cast<std::size_t>(text[i].second);
      offsets[i + 1] = static_cast<O>(at);
    }
  };
  const void* offsets = nullptr;
  if (large) {
    auto* o = reinterpret_cast<std::int64_t*>(st.buffer((text.size() + 1) * 8));
    fill(o);
    offsets = o;
  } else {
    auto* o = reinterpret_cast<std::int32_t*>(st.buffer((text.size() + 1) * 4));
    fill(o);
    offsets = o;
  }
  col.null_count = nulls;
  const void* validity =
      nulls == 0 ? nullptr : bitmap(st, n, [&](std::int64_t i) { return text[static_cast<std::size_t>(i)].first != nullptr; });
  col.buffers = {validity, offsets, data};
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
exported_column export_column(export_state& st, const std::string& name, py::handle value) {
  exported_column col;
  col.name = name;
  py::module_ np = numpy();
  if (py::hasattr(value, "categories") && py::hasattr(value, "codes") && !py::isinstance<py::array>(value)) {
    // pandas.Categorical: the codes as they are, the categories as the dictionary.
    py::array codes = np.attr("ascontiguousarray")(value.attr("codes"));
    const char* format = numeric_format(codes.dtype());
    if (codes.ndim() != 1 || codes.dtype().kind() != 'i' || !format) raise_invalid_argument("expected a 1-d categorical", name);
    col.format = format;
    st.held.push_back(codes);
    const auto n = static_cast<std::int64_t>(codes.size());
    const void* data = n == 0 ? zeros : codes.data();
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
    col.buffers = {nulls == 0 ? nullptr : bitmap(st, n, [&](std::int64_t i) { return code_at(i) >= 0; }), data};
    const py::list categories = py::list(value.attr("categories"));
    exported_column dict;
    std::string dict_format;
    string_buffers(
        st, dict, static_cast<std::int64_t>(categories.size()), [&](std::int64_t i) { return categories[static_cast<std::size_t>(i)].ptr(); },
        name + ".categories", dict_format);
    if (dict_format != "u") raise_invalid_argument("the categories are too long", name);
    col.dictionary = true;
    col.dictionary_length = static_cast<std::int64_t>(categories.size());
    col.dictionary_buffers = dict.buffers;
    return col;
  }
  py::array arr = np.attr("asarray")(value);
  if (arr.ndim() != 1) raise_invalid_argument("expected a 1-d array", name);
  const py::dtype dt = arr.dtype();
  const auto n = static_cast<std::int64_t>(arr.size());
  if (const char* format = numeric_format(dt)) {
    arr = np.attr("ascontiguousarray")(arr);
    col.format = format;
    st.held.push_back(arr);
    col.buffers = {nullptr, n == 0 ? zeros : arr.data()};
    return col;
  }
  switch (dt.kind()) {
    case 'b': {
      arr = np.attr("ascontiguousarray")(arr);
      const auto* v = static_cast<const std::uint8_t*>(arr.data());
      col.format = "b";
      col.buffers = {nullptr, bitmap(st, n, [&](std::int64_t i) { return v[i] != 0; })};
      return col;
    }
    case 'M': {
      const std::string unit = py::str(np.attr("datetime_data")(dt)[py::int_(0)]);
      arr = np.attr("ascontiguousarray")(arr).attr("view")("int64");
      const auto* v = static_cast<const std::int64_t*>(arr.data());
      std::int64_t nulls = 0;
      for (std::int64_t i = 0; i < n; ++i) nulls += v[i] == INT64_MIN ? 1 : 0;
      col.null_count = nulls;
      const void* validity = nulls == 0 ? nullptr : bitmap(st, n, [&](std::int64_t i) { return v[i] != INT64_MIN; });
      if (unit == "D") {
        auto* days = reinterpret_cast<std::int32_t*>(st.buffer(static_cast<std::size_t>(n) * 4));
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
        st.held.push_back(arr);
        col.buffers = {validity, n == 0 ? zeros : arr.data()};
        return col;
      }
      break;
    }
    case 'O': {
      arr = np.attr("ascontiguousarray")(arr);
      auto* const* items = static_cast<PyObject* const*>(arr.data());
      string_buffers(st, col, n, [&](std::int64_t i) { return items[i]; }, name, col.format);
      return col;
    }
    default: break;
  }
  raise_invalid_argument("a column of dtype " + std::string(py::str(dt)) + " has no Arrow form here", name);
}

std::shared_ptr<export_state> export_table(py::handle columns) {
  auto st = std::make_shared<export_state>();
  bool first = true;
  for (auto item : py::reinterpret_borrow<py::dict>(columns)) {
    const auto name = py::str(item.first).cast<std::string>();
    exported_column col = export_column(*st, name, item.second);
    const auto n = static_cast<std::int64_t>(py::len(item.second));
    if (first) st->length = n;
    if (n != st->length) {
      raise_invalid_argument("the column has " + std::to_string(n) + " rows, not " + std::to_string(st->length) + " as the first one",
                             name);
    }
    first = false;
    st->columns.push_back(std::move(col));
  }
  return st;
}

// Schemas: each node owns its strings and its children; the release callback of a node
// releases the children not moved out, then the node.
struct schema_node {
  std::string format, name;
  std::vector<std::unique_ptr<ArrowSchema>> owned_children;
  std::vector<ArrowSchema*> children;
  std::unique_ptr<ArrowSchema> dictionary;
};

void release_schema(ArrowSchema* s) {
  auto* node = static_cast<schema_node*>(s->private_data);
  for (ArrowSchema* c : node->children) {
    if (c->release) c->release(c);
  }
  if (node->dictionary && node->dictionary->release) node->dictionary->release(node->dictionary.get());
  delete node;
  s->release = nullptr;
}

void fill_schema(ArrowSchema* out, std::string format, std::string name, std::int64_t flags, schema_node* node) {
  node->format = std::move(format);
  node->name = std::move(name);
  *out = ArrowSchema{};
  out->format = node->format.c_str();
  out->name = node->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->n_children = static_cast<std::int64_t>(node->children.size());
  out->children = node->children.empty() ? nullptr : node->children.data();
  out->dictionary = node->dictionary.get();
  out->release = &release_schema;
  out->private_data = node;
}

void export_schema(const export_state& st, ArrowSchema* out) {
  auto* top = new schema_node;
  for (const auto& col : st.columns) {
    auto child = std::make_unique<ArrowSchema>();
    auto* node = new schema_node;
    if (col.dictionary) {
      node->dictionary = std::make_unique<ArrowSchema>();
      fill_schema(node->dictionary.get(), "u", "", 0, new schema_node);
    }
    fill_schema(child.get(), col.format, col.name, ARROW_FLAG_NULLABLE, node);
    top->children.push_back(child.get());
    top->owned_children.push_back(std::move(child));
  }
  fill_schema(out, "+s", "", 0, top);
}

// Arrays: the same shape, each node holding the export state alive.
struct array_node {
  std::shared_ptr<export_state> keep;
  std::vector<const void*> buffers;
  std::vector<std::unique_ptr<ArrowArray>> owned_children;
  std::vector<ArrowArray*> children;
  std::unique_ptr<ArrowArray> dictionary;
};

void release_array(ArrowArray* a) {
  auto* node = static_cast<array_node*>(a->private_data);
  for (ArrowArray* c : node->children) {
    if (c->release) c->release(c);
  }
  if (node->dictionary && node->dictionary->release) node->dictionary->release(node->dictionary.get());
  delete node;  // the last node of an export drops the state (export_state takes the GIL)
  a->release = nullptr;
}

void fill_array(ArrowArray* out, std::int64_t length, std::int64_t null_count, array_node* node) {
  *out = ArrowArray{};
  out->length = length;
  out->null_count = null_count;
  out->offset = 0;
  out->n_buffers = static_cast<std::int64_t>(node->buffers.size());
  out->n_children = static_cast<std::int64_t>(node->children.size());
  out->buffers = node->buffers.empty() ? nullptr : node->buffers.data();
  out->children = node->children.empty() ? nullptr : node->children.data();
  out->dictionary = node->dictionary.get();
  out->release = &release_array;
  out->private_data = node;
}

void export_struct_array(const std::shared_ptr<export_state>& st, ArrowArray* out) {
  auto* top = new array_node{.keep = st, .buffers = {nullptr}, .owned_children = {}, .children = {}, .dictionary = {}};
  for (const auto& col : st->columns) {
    auto child = std::make_unique<ArrowArray>();
    auto* node = new array_node{.keep = st, .buffers = col.buffers, .owned_children = {}, .children = {}, .dictionary = {}};
    if (col.dictionary) {
      node->dictionary = std::make_unique<ArrowArray>();
      fill_array(node->dictionary.get(), col.dictionary_length, 0,
                 new array_node{.keep = st, .buffers = col.dictionary_buffers, .owned_children = {}, .children = {}, .dictionary = {}});
    }
    fill_array(child.get(), st->length, col.null_count, node);
    top->children.push_back(child.get());
    top->owned_children.push_back(std::move(child));
  }
  fill_array(out, st->length, 0, top);
}

// The stream: one record batch, then the end.
struct stream_state {
  std::shared_ptr<export_state> table;
  bool done = false;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  try {
    export_schema(*static_cast<stream_state*>(s->private_data)->table, out);
    return 0;
  } catch (...) {
    return ENOMEM;
  }
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* state = static_cast<stream_state*>(s->private_data);
  if (state->done) {
    *out = ArrowArray{};
    out->release = nullptr;
    return 0;
  }
  try {
    export_struct_array(state->table, out);
    state->done = true;
    return 0;
  } catch (...) {
    return ENOMEM;
  }
}

const char* stream_last_error(ArrowArrayStream*) { return "out of memory"; }

void stream_release(ArrowArrayStream* s) {
  delete static_cast<stream_state*>(s->private_data);
  s->release = nullptr;
}

// Capsule destructors: release what the consumer did not take, then free the struct.
void free_stream_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
  if (!s) {
    PyErr_WriteUnraisable(capsule);
    return;
  }
  if (s->release) s->release(s);
  delete s;
}
void free_schema_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (!s) {
    PyErr_WriteUnraisable(capsule);
    return;
  }
  if (s->release) s->release(s);
  delete s;
}
void free_array_capsule(PyObject* capsule) {
  auto* a = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, "arrow_array"));
  if (!a) {
    PyErr_WriteUnraisable(capsule);
    return;
  }
  if (a->release) a->release(a);
  delete a;
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

// ---------------------------------------------------------------------------------------------
// Import

// An ArrowArray or ArrowSchema that this side owns: released once, when the last holder goes.
struct owned_array {
  ArrowArray array{};
  owned_array() = default;
  owned_array(const owned_array&) = delete;
  owned_array& operator=(const owned_array&) = delete;
  ~owned_array() {
    if (array.release) array.release(&array);
  }
};
struct owned_schema {
  ArrowSchema schema{};
  owned_schema() = default;
  owned_schema(const owned_schema&) = delete;
  owned_schema& operator=(const owned_schema&) = delete;
  ~owned_schema() {
    if (schema.release) schema.release(&schema);
  }
};
struct owned_stream {
  ArrowArrayStream stream{};
  owned_stream() = default;
  owned_stream(const owned_stream&) = delete;
  owned_stream& operator=(const owned_stream&) = delete;
  ~owned_stream() {
    if (stream.release) stream.release(&stream);
  }
};

[[noreturn]] void stream_failed(ArrowArrayStream& s, int code, const char* what) {
  const char* detail = s.get_last_error ? s.get_last_error(&s) : nullptr;
  raise_invalid_argument(std::string("the Arrow stream failed to give its ") + what + " (" +
                             (detail ? std::string(detail).substr(0, 200) : "error " + std::to_string(code)) + ")",
                         "data");
}

bool is_valid(const ArrowArray& a, std::int64_t i) {
  if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return true;
  const auto bit = a.offset + i;
  return (static_cast<const std::uint8_t*>(a.buffers[0])[bit / 8] >> (bit % 8) & 1) != 0;
}

// The first null row of `a` (its own rows), if any.
std::optional<std::int64_t> first_null(const ArrowArray& a) {
  if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return std::nullopt;
  for (std::int64_t i = 0; i < a.length; ++i) {
    if (!is_valid(a, i)) return i;
  }
  return std::nullopt;
}

// The strings of a utf8 / large_utf8 / utf8_view array, one per row ("" for null).
std::vector<std::string_view> strings_of(std::string_view format, const ArrowArray& a, const std::string& key) {
  std::vector<std::string_view> out(static_cast<std::size_t>(a.length));
  if (a.length == 0) return out;
  if (format == "u" || format == "U") {
    const auto* data = static_cast<const char*>(a.buffers[2]);
    for (std::int64_t i = 0; i < a.length; ++i) {
      const auto r = a.offset + i;
      std::int64_t b = 0, e = 0;
      if (format == "u") {
        b = static_cast<const std::int32_t*>(a.buffers[1])[r];
        e = static_cast<const std::int32_t*>(a.buffers[1])[r + 1];
      } else {
        b = static_cast<const std::int64_t*>(a.buffers[1])[r];
        e = static_cast<const std::int64_t*>(a.buffers[1])[r + 1];
      }
      if (is_valid(a, i)) out[static_cast<std::size_t>(i)] = std::string_view(data + b, static_cast<std::size_t>(e - b));
    }
    return out;
  }
  if (format == "vu") {
    // 16-byte views: length, then the text inline (up to 12 bytes) or a prefix, buffer index and offset.
    const auto* views = static_cast<const std::byte*>(a.buffers[1]);
    for (std::int64_t i = 0; i < a.length; ++i) {
      if (!is_valid(a, i)) continue;
      const std::byte* v = views + (a.offset + i) * 16;
      std::int32_t len = 0, index = 0, offset = 0;
      std::memcpy(&len, v, 4);
      if (len <= 12) {
        out[static_cast<std::size_t>(i)] = std::string_view(reinterpret_cast<const char*>(v + 4), static_cast<std::size_t>(len));
      } else {
        std::memcpy(&index, v + 8, 4);
        std::memcpy(&offset, v + 12, 4);
        if (index < 0 || 2 + index >= a.n_buffers - 1) raise_invalid_argument("a malformed utf8_view array", key);
        const auto* data = static_cast<const char*>(a.buffers[2 + index]);
        out[static_cast<std::size_t>(i)] = std::string_view(data + offset, static_cast<std::size_t>(len));
      }
    }
    return out;
  }
  raise_invalid_argument("expected strings", key);
}

bool is_string_format(std::string_view f) { return f == "u" || f == "U" || f == "vu"; }

std::int64_t index_at(std::string_view format, const void* data, std::int64_t r) {
  switch (format[0]) {
    case 'c': return static_cast<const std::int8_t*>(data)[r];
    case 'C': return static_cast<const std::uint8_t*>(data)[r];
    case 's': return static_cast<const std::int16_t*>(data)[r];
    case 'S': return static_cast<const std::uint16_t*>(data)[r];
    case 'i': return static_cast<const std::int32_t*>(data)[r];
    case 'I': return static_cast<const std::uint32_t*>(data)[r];
    case 'l': return static_cast<const std::int64_t*>(data)[r];
    default: return static_cast<std::int64_t>(static_cast<const std::uint64_t*>(data)[r]);
  }
}

bool is_index_format(std::string_view f) { return f.size() == 1 && std::string_view("cCsSiIlL").find(f[0]) != std::string_view::npos; }

// The numpy dtype of a primitive Arrow format, or "".
const char* dtype_of(std::string_view f) {
  if (f == "c") return "int8";
  if (f == "C") return "uint8";
  if (f == "s") return "int16";
  if (f == "S") return "uint16";
  if (f == "i") return "int32";
  if (f == "I") return "uint32";
  if (f == "l") return "int64";
  if (f == "L") return "uint64";
  if (f == "f") return "float32";
  if (f == "g") return "float64";
  if (f == "tdD") return "int32";
  return "";
}

std::string row_field(const std::string& key, std::int64_t base, std::int64_t i) { return key + "[" + std::to_string(base + i) + "]"; }

// One column of one batch as a numpy array. `base`: rows of the earlier batches.
py::object import_chunk(const std::shared_ptr<owned_array>& batch, const ArrowArray& a, const ArrowSchema& s, const std::string& key,
                        std::int64_t base, const std::span<const std::string_view>* names) {
  py::module_ np = numpy();
  const std::string_view f = s.format;
  const auto n = a.length;
  auto refuse_nulls = [&] {
    if (auto i = first_null(a)) raise_invalid_argument("a null where a value is required", row_field(key, base, *i));
  };
  auto view = [&](const char* dtype, std::size_t width) -> py::array {
    const py::capsule keep(new std::shared_ptr<owned_array>(batch), [](void* p) { delete static_cast<std::shared_ptr<owned_array>*>(p); });
    const void* data = n == 0 || a.buffers[1] == nullptr ? static_cast<const void*>(zeros)
                                                         : static_cast<const std::byte*>(a.buffers[1]) + a.offset * static_cast<std::int64_t>(width);
    py::array out(py::dtype(dtype), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}, std::vector<py::ssize_t>{}, data, keep);
    // Arrow buffers are immutable.
    out.attr("flags").attr("writeable") = false;
    return out;
  };
  if (s.dictionary == nullptr && (names == nullptr || !is_string_format(f))) {
    if (const char* dt = dtype_of(f); *dt != '\0') {
      const py::dtype d(dt);
      if (f == "tdD") {
        if (first_null(a)) {
          // No date: a copy with no_date where the column is null.
          py::array_t<std::int32_t> out(static_cast<py::ssize_t>(n));
          const auto* v = static_cast<const std::int32_t*>(a.buffers[1]) + a.offset;
          for (std::int64_t i = 0; i < n; ++i) out.mutable_data()[i] = is_valid(a, i) ? v[i] : no_date;
          return out;
        }
        return view("int32", 4);
      }
      refuse_nulls();
      return view(dt, static_cast<std::size_t>(d.itemsize()));
    }
    if (f == "b") {
      refuse_nulls();
      py::array_t<bool> out(static_cast<py::ssize_t>(n));
      const auto* bits = static_cast<const std::uint8_t*>(a.buffers[1]);
      for (std::int64_t i = 0; i < n; ++i) {
        const auto bit = a.offset + i;
        out.mutable_data()[i] = ((bits[bit / 8] >> (bit % 8)) & 1) != 0;
      }
      return out;
    }
  }
  // Strings, directly or through a dictionary.
  std::vector<std::string_view> values;
  const ArrowArray* indices = nullptr;
  std::string_view index_format;
  if (s.dictionary) {
    if (!is_index_format(f) || !is_string_format(s.dictionary->format) || !a.dictionary) {
      raise_invalid_argument("a dictionary column must have integer indices and string values", key);
    }
    values = strings_of(s.dictionary->format, *a.dictionary, key);
    indices = &a;
    index_format = f;
  } else if (is_string_format(f)) {
    values = strings_of(f, a, key);
  } else {
    raise_invalid_argument("the Arrow type '" + std::string(f).substr(0, 20) + "' is not read here", key);
  }
  refuse_nulls();
  auto row_value = [&](std::int64_t i) -> std::int64_t {  // the index into `values` of row i
    if (!indices) return i;
    const std::int64_t k = index_at(index_format, a.buffers[1], a.offset + i);
    if (k < 0 || k >= static_cast<std::int64_t>(values.size())) raise_invalid_argument("a dictionary index is out of range", row_field(key, base, i));
    return k;
  };
  if (names) {
    // Codes: each value's index in the table of names.
    std::vector<std::int64_t> code(values.size(), -1);
    bool identity = indices != nullptr && (index_format == "c" || index_format == "C") && values.size() <= names->size();
    for (std::size_t k = 0; k < values.size(); ++k) {
      const auto it = std::find(names->begin(), names->end(), values[k]);
      if (it != names->end()) code[k] = it - names->begin();
      identity = identity && code[k] == static_cast<std::int64_t>(k);
    }
    if (identity) {
      // The dictionary is the table itself: the indices are the codes, read in place (an index
      // past the table is caught by the columns' own checks).
      return view("uint8", 1);
    }
    py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
      const auto k = static_cast<std::size_t>(row_value(i));
      if (code[k] < 0) {
        throw unknown_code_error("'" + std::string(values[k]).substr(0, 40) + "' is not a known name", row_field(key, base, i));
      }
      out.mutable_data()[i] = static_cast<std::uint8_t>(code[k]);
    }
    return out;
  }
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)});
  auto* items = static_cast<PyObject**>(out.mutable_data());
  for (std::int64_t i = 0; i < n; ++i) {
    const std::string_view v = values[static_cast<std::size_t>(row_value(i))];
    PyObject* str = nullptr;
    if (i > 0 && v == values[static_cast<std::size_t>(row_value(i - 1))]) {
      // A run of one value (a case id on each of its events): one str object for the run.
      str = items[i - 1];
      Py_INCREF(str);
    } else {
      str = PyUnicode_DecodeUTF8(v.data(), static_cast<Py_ssize_t>(v.size()), "strict");
    }
    if (!str) {
      PyErr_Clear();
      raise_invalid_argument("expected UTF-8 text", row_field(key, base, i));
    }
    PyObject* old = items[i];  // a new object array holds None (or NULL)
    items[i] = str;
    Py_XDECREF(old);
  }
  return out;
}

}  // namespace

py::capsule export_stream(py::handle columns, py::handle /*requested_schema*/) {
  auto table = export_table(columns);
  auto* s = new ArrowArrayStream{};
  s->get_schema = &stream_get_schema;
  s->get_next = &stream_get_next;
  s->get_last_error = &stream_last_error;
  s->release = &stream_release;
  s->private_data = new stream_state{.table = std::move(table), .done = false};
  return capsule_of(s, "arrow_array_stream", &free_stream_capsule);
}

py::tuple export_array(py::handle columns, py::handle /*requested_schema*/) {
  auto table = export_table(columns);
  auto* schema = new ArrowSchema{};
  py::capsule schema_capsule;
  try {
    export_schema(*table, schema);
  } catch (...) {
    delete schema;
    throw;
  }
  schema_capsule = capsule_of(schema, "arrow_schema", &free_schema_capsule);
  auto* array = new ArrowArray{};
  try {
    export_struct_array(table, array);
  } catch (...) {
    delete array;
    throw;
  }
  return py::make_tuple(schema_capsule, capsule_of(array, "arrow_array", &free_array_capsule));
}

py::object columns_type() { return columns_class(); }

py::object make_columns(py::dict d) { return columns_class()(std::move(d)); }

bool is_arrow_source(py::handle value) { return !py::isinstance<py::dict>(value) && py::hasattr(value, "__arrow_c_stream__"); }

py::dict import_stream(py::handle source, const std::map<std::string, std::span<const std::string_view>, std::less<>>& coded) {
  py::object capsule = source.attr("__arrow_c_stream__")();
  auto* raw = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
  if (!raw) {
    PyErr_Clear();
    raise_invalid_argument("__arrow_c_stream__ did not give an 'arrow_array_stream' capsule", "data");
  }
  if (!raw->release) raise_invalid_argument("the Arrow stream was already consumed", "data");
  owned_stream stream;
  stream.stream = *raw;  // moved here: the capsule's destructor sees it released
  raw->release = nullptr;
  owned_schema schema;
  if (int rc = stream.stream.get_schema(&stream.stream, &schema.schema); rc != 0) stream_failed(stream.stream, rc, "schema");
  const ArrowSchema& top = schema.schema;
  if (std::string_view(top.format) != "+s") raise_invalid_argument("expected a stream of record batches (a struct type)", "data");
  std::vector<std::string> names;
  for (std::int64_t c = 0; c < top.n_children; ++c) {
    std::string name = top.children[c]->name ? top.children[c]->name : "";
    if (std::find(names.begin(), names.end(), name) != names.end()) raise_invalid_argument("the column appears twice", name);
    names.push_back(std::move(name));
  }
  std::vector<std::vector<py::object>> chunks(names.size());
  std::int64_t rows = 0;
  for (;;) {
    auto batch = std::make_shared<owned_array>();
    if (int rc = stream.stream.get_next(&stream.stream, &batch->array); rc != 0) stream_failed(stream.stream, rc, "next batch");
    if (!batch->array.release) break;  // the end
    const ArrowArray& b = batch->array;
    if (b.n_children != top.n_children) raise_invalid_argument("a batch does not match the stream's schema", "data");
    for (std::size_t c = 0; c < names.size(); ++c) {
      ArrowArray child = *b.children[c];
      child.offset += b.offset;  // a struct's offset applies to its children
      child.length = b.length;
      const auto it = coded.find(names[c]);
      chunks[c].push_back(import_chunk(batch, child, *top.children[c], names[c], rows, it == coded.end() ? nullptr : &it->second));
    }
    rows += b.length;
  }
  py::module_ np = numpy();
  py::dict out;
  for (std::size_t c = 0; c < names.size(); ++c) {
    py::object column;
    if (chunks[c].size() == 1) {
      column = chunks[c][0];
    } else if (chunks[c].empty()) {
      // No batch: an empty column of the type's numpy form.
      const auto it = coded.find(names[c]);
      const std::string_view f = top.children[c]->format;
      const char* dt = it != coded.end() ? "uint8" : top.children[c]->dictionary || is_string_format(f) ? "O" : f == "b" ? "bool" : dtype_of(f);
      if (*dt == '\0') raise_invalid_argument("the Arrow type '" + std::string(f).substr(0, 20) + "' is not read here", names[c]);
      column = np.attr("empty")(0, "dtype"_a = dt);
    } else {
      py::list parts;
      for (const auto& part : chunks[c]) parts.append(part);
      column = np.attr("concatenate")(parts);  // several batches: one copy
    }
    out[py::str(names[c])] = column;
  }
  return out;
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
