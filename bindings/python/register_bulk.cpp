// Synthetic caseloads, the columnar form and bulk evaluation (synthetic.hpp, columnar.hpp,
// bulk.hpp): columns are a dict of numpy arrays, results too, so pandas.DataFrame(result)
// needs no Python loop.
#include "arrow.hpp"
#include "convert.hpp"
#include "enums.hpp"

#include <midway/arrow.hpp>
#include <midway/bulk.hpp>
#include <midway/columnar.hpp>
#include <midway/interop.hpp>
#include <midway/meeting.hpp>
#include <midway/synthetic.hpp>

#include <pybind11/functional.h>
#include <pybind11/numpy.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <span>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

using i64_array = py::array_t<std::int64_t, py::array::c_style>;

py::module_ numpy() { return py::module_::import("numpy"); }

// The Python key of each C++ column, for error fields ("events.kind[7]" -> "event_kind[7]"):
// the one table of columns, midway::arrow::column_names (midway/arrow.hpp).
constexpr const auto& key_of = midway::arrow::column_names;

// The columns as evaluate() reads them: spans over the caller's numpy arrays where their
// dtypes are the columns' own (event_case int32, event_kind uint8, event_date and
// event_other_date int32 days, event_flags uint16), copies where they are not. The arrays
// viewed are held here, so they live as long as the view.
struct python_columns {
  caseload_columns owned;
  std::vector<py::object> held;
  caseload_view view;
  py::object case_ids;  // the caller's case_id array, when owned.cases.case_id holds empty strings (ids checked only)
};

// The case id of the row an error's field path names ("events.date[7]": the case of event row 7),
// from the caller's case_id array; "" when the path names no row of a case.
std::string record_of_field(std::string_view field, const caseload_view& v, const py::object& case_ids) {
  const auto open = field.find('['), close = field.find(']');
  if (case_ids.is_none() || open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  std::size_t i = 0;
  if (std::from_chars(field.data() + open + 1, field.data() + close, i).ec != std::errc{}) return {};
  const std::string_view path = field.substr(0, open);
  std::int64_t c = -1;
  auto at = [&](std::span<const std::int32_t> index) { c = i < index.size() ? index[i] : -1; };
  if (path.starts_with("events.")) at(v.events.case_index);
  else if (path.starts_with("meetings.") && path != "meetings.reschedule_day") at(v.meetings.case_index);
  else if (path.starts_with("recommendations.")) at(v.recommendations.case_index);
  else if (path.starts_with("cases.")) c = static_cast<std::int64_t>(i);
  if (c < 0 || static_cast<std::size_t>(c) >= v.cases.size()) return {};
  const py::object id = py::reinterpret_steal<py::object>(PySequence_GetItem(case_ids.ptr(), static_cast<Py_ssize_t>(c)));
  if (!id) {
    PyErr_Clear();
    return {};
  }
  return py::isinstance<py::str>(id) ? id.cast<std::string>() : std::string();
}

// Runs `f`, giving its errors the Python keys of the columns ("events.kind[7]" -> "event_kind[7]")
// and, where the columns' case ids were only checked (python_columns::case_ids), the case id.
template <class F>
auto with_python_keys(F&& f, const python_columns* ids = nullptr) {
  try {
    return f();
  } catch (const error& e) {
    std::string record = e.record_id();
    if (record.empty() && ids) record = record_of_field(e.field(), ids->view, ids->case_ids);
    for (const auto& [cpp, key] : key_of) {
      if (e.field().starts_with(cpp)) {
        throw_error(e.code(), e.message(), std::string(key) + e.field().substr(cpp.size()), record);
      }
    }
    if (record != e.record_id()) throw_error(e.code(), e.message(), e.field(), record);
    throw;
  }
}

py::object get(const py::dict& d, std::string_view key, bool required) {
  const py::str k(key.data(), key.size());
  if (d.contains(k)) return d[k];
  if (required) throw invalid_argument_error("the columns have no '" + std::string(key) + "' array", std::string(key));
  return py::none();
}

// A 1-d integer array (any integer dtype, or bool when `bools`) as int64.
i64_array integers(py::handle value, std::string_view key, bool bools = false) {
  py::object arr = numpy().attr("asarray")(value);
  const char kind = py::cast<py::dtype>(arr.attr("dtype")).kind();
  if (!(kind == 'i' || kind == 'u' || (bools && kind == 'b') || (py::cast<py::array>(arr).size() == 0))) {
    raise_invalid_argument("expected an integer array, not an array of dtype " + std::string(py::str(arr.attr("dtype"))), key);
  }
  if (py::cast<py::array>(arr).ndim() != 1) raise_invalid_argument("expected a 1-d array", key);
  if (kind == 'u' && py::cast<py::array>(arr).size() > 0 && py::bool_(arr.attr("max")().attr("__gt__")(INT64_MAX))) {
    throw out_of_range_error("a value is too large", std::string(key));
  }
  return py::cast<i64_array>(numpy().attr("asarray")(arr, "dtype"_a = "int64"));
}

template <class T>
std::vector<T> narrowed(py::handle value, std::string_view key, std::int64_t lo, std::int64_t hi, bool bools = false) {
  if (py::isinstance<py::array>(value)) {
    // Already of the column's own type: a plain copy, every value is in range.
    const auto arr = py::reinterpret_borrow<py::array>(value);
    const bool as_bool = bools && sizeof(T) == 1 && arr.dtype().kind() == 'b';  // 0 or 1
    const bool same = arr.dtype().equal(py::dtype::of<T>()) && std::numeric_limits<T>::min() >= lo && std::numeric_limits<T>::max() <= hi;
    if ((as_bool || same) && arr.ndim() == 1 && (arr.flags() & py::array::c_style) != 0) {
      std::vector<T> out(static_cast<std::size_t>(arr.size()));
      if (!out.empty()) std::memcpy(out.data(), arr.data(), out.size() * sizeof(T));
      return out;
    }
  }
  const i64_array a = integers(value, key, bools);
  const auto v = a.unchecked<1>();
  std::vector<T> out(static_cast<std::size_t>(a.size()));
  for (py::ssize_t i = 0; i < a.size(); ++i) {
    if (v(i) < lo || v(i) > hi) {
      throw out_of_range_error("the value " + std::to_string(v(i)) + " is out of range", std::string(key) + "[" + std::to_string(i) + "]");
    }
    out[static_cast<std::size_t>(i)] = static_cast<T>(v(i));
  }
  return out;
}

// A 1-d datetime64 array (or dates) as int32 days; NaT is no_date when `nat_ok`.
std::vector<std::int32_t> day_column(py::handle value, std::string_view key, bool nat_ok) {
  py::module_ np = numpy();
  if (py::isinstance<py::array>(value) && py::reinterpret_borrow<py::array>(value).dtype().equal(py::dtype::of<std::int32_t>())) {
    // int32 days since 1970 already (Arrow's date32), no_date for none.
    const auto a = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(value);
    if (a.ndim() != 1) raise_invalid_argument("expected a 1-d array", key);
    std::vector<std::int32_t> out(a.data(), a.data() + a.size());
    if (!nat_ok) {
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == no_date) throw out_of_range_error("no date where a date is required", std::string(key) + "[" + std::to_string(i) + "]");
      }
    }
    return out;
  }
  py::object arr = np.attr("asarray")(value);
  const bool days_already = py::cast<py::dtype>(arr.attr("dtype")).equal(py::dtype("datetime64[D]"));
  const char kind = py::cast<py::dtype>(arr.attr("dtype")).kind();
  if (days_already) {
    // datetime64[D] already: no conversion.
  } else if (kind == 'O' || py::cast<py::array>(arr).size() == 0) {
    arr = np.attr("asarray")(arr, "dtype"_a = "datetime64[D]");
  } else if (kind != 'M') {
    raise_invalid_argument("expected a datetime64 array, not an array of dtype " + std::string(py::str(arr.attr("dtype"))), key);
  }
  if (py::cast<py::array>(arr).ndim() != 1) raise_invalid_argument("expected a 1-d array", key);
  py::object days = days_already ? arr : arr.attr("astype")("datetime64[D]");
  if (!days_already && !days.attr("dtype").equal(arr.attr("dtype"))) {
    py::object back = days.attr("astype")(arr.attr("dtype"));
    py::object lossy = np.attr("logical_and")(back.attr("__ne__")(arr), np.attr("logical_not")(np.attr("isnat")(arr)));
    if (py::bool_(np.attr("any")(lossy))) raise_invalid_argument("datetime64 values with a time of day are not dates", key);
  }
  const auto a = py::cast<i64_array>(np.attr("ascontiguousarray")(days).attr("view")("int64"));
  const auto v = a.unchecked<1>();
  std::vector<std::int32_t> out(static_cast<std::size_t>(a.size()));
  for (py::ssize_t i = 0; i < a.size(); ++i) {
    const std::int64_t d = v(i);
    if (d == INT64_MIN) {
      if (!nat_ok) throw out_of_range_error("NaT is not a date", std::string(key) + "[" + std::to_string(i) + "]");
      out[static_cast<std::size_t>(i)] = no_date;
    } else if (d <= INT32_MIN || d > INT32_MAX) {
      throw out_of_range_error("the date is out of range", std::string(key) + "[" + std::to_string(i) + "]");
    } else {
      out[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(d);
    }
  }
  return out;
}

// How strings() gives the items it checks.
enum class str_items : std::uint8_t {
  copied,  // as UTF-8 strings
  empty,   // as empty strings, one per item: evaluate() needs a case's id only to name it in an
           // error, and with_python_keys() then takes it from the Python array (record_of_field)
  none,    // not at all (evaluate() reads no child id)
};
// The str items of `value`, each checked to be a str of UTF-8 text.
// `count`, if given, is set to the number of items.
std::vector<std::string> strings(py::handle value, std::string_view key, str_items give = str_items::copied,
                                 std::size_t* count = nullptr) {
  if (py::isinstance<py::str>(value)) raise_invalid_argument("expected an array of str, not a str", key);
  std::vector<std::string> out;
  std::size_t items_seen = 0;
  auto one = [&](PyObject* item, std::size_t i) {
    ++items_seen;
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &size) : nullptr;
    if (!utf8) {
      PyErr_Clear();
      raise_invalid_argument(PyUnicode_Check(item) ? std::string("expected str that is UTF-8 text")
                                                   : "expected str, not " + type_name(py::handle(item)),
                             std::string(key) + "[" + std::to_string(i) + "]");
    }
    if (give == str_items::empty) {
      out.emplace_back();
    } else if (give == str_items::copied) {
      out.emplace_back(utf8, static_cast<std::size_t>(size));
    }
  };
  if (py::isinstance<py::array>(value)) {
    const auto arr = py::reinterpret_borrow<py::array>(value);
    if (arr.dtype().kind() == 'O' && arr.ndim() == 1 && (arr.flags() & py::array::c_style) != 0) {
      // An object array of str (as to_columns and synthetic_columns give): its items where they are.
      const auto n = static_cast<std::size_t>(arr.size());
      PyObject* const* items = static_cast<PyObject* const*>(arr.data());
      if (give != str_items::none) out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) one(items[i], i);
      if (count) *count = items_seen;
      return out;
    }
  }
  if (give != str_items::none && PyObject_HasAttrString(value.ptr(), "__len__")) out.reserve(py::len(value));
  std::size_t i = 0;
  for (py::handle item : py::iter(value)) one(item.ptr(), i++);
  if (count) *count = items_seen;
  return out;
}

// A 1-d C-contiguous numpy array whose dtype is already T's (or bool, for a 0/1 uint8
// column): the span of its elements, read where they are. Otherwise empty.
template <class T>
std::optional<std::span<const T>> as_is(py::handle value, bool bools = false) {
  if (!py::isinstance<py::array>(value)) return std::nullopt;
  const auto arr = py::reinterpret_borrow<py::array>(value);
  const bool same = arr.dtype().equal(py::dtype::of<T>()) || (bools && sizeof(T) == 1 && arr.dtype().kind() == 'b');
  if (!same || arr.ndim() != 1 || (arr.flags() & py::array::c_style) == 0) return std::nullopt;
  return std::span<const T>(static_cast<const T*>(arr.data()), static_cast<std::size_t>(arr.size()));
}


template <class T>
std::span<const T> event_column(const py::object& value, std::string_view key, std::vector<T>& store, std::vector<py::object>& held) {
  if (auto s = as_is<T>(value)) {
    held.push_back(value);
    return *s;
  }
  store = narrowed<T>(value, key, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  return store;
}

std::span<const std::int32_t> event_days(const py::object& value, std::string_view key, bool nat_ok, std::vector<std::int32_t>& store,
                                         std::vector<py::object>& held) {
  if (auto s = as_is<std::int32_t>(value)) {  // days since 1970 already; validate() checks the range
    held.push_back(value);
    return *s;
  }
  store = day_column(value, key, nat_ok);
  return store;
}

// The columns whose values are an enum's codes, and the enum's names in code order: such a
// column may also be given as names (a pandas.Categorical, or Arrow strings or a dictionary).
constexpr auto case_kind_names = detail::names_in_order<case_kind>();
constexpr auto meeting_status_names = detail::names_in_order<meeting_status>();
const std::map<std::string, std::span<const std::string_view>, std::less<>>& coded_columns() {
  static const std::map<std::string, std::span<const std::string_view>, std::less<>> coded{
      {"event_kind", event_kind_names()},
      {"case_kind", std::span<const std::string_view>(case_kind_names)},
      {"meeting_status", std::span<const std::string_view>(meeting_status_names)},
  };
  return coded;
}

py::object categorical(py::array codes, py::object categories);

// The kind names in code order, as the categories of event_kind.
py::list event_kind_list() {
  py::list names;
  for (auto name : event_kind_names()) names.append(py::str(name.data(), name.size()));
  return names;
}

// A pandas.Categorical of an enum's names as the uint8 codes of `names`: its codes viewed in
// place when its categories are the names in code order (int8 codes), else mapped (a copy).
// Other values are returned as they are.
py::object codes_of(const py::object& value, std::string_view key) {
  if (value.is_none() || py::isinstance<py::array>(value) || !py::hasattr(value, "categories") || !py::hasattr(value, "codes")) return value;
  const auto& table = coded_columns().at(std::string(key));
  const py::list categories(value.attr("categories"));
  std::vector<std::int64_t> code(categories.size(), -1);
  bool identity = py::cast<py::dtype>(value.attr("codes").attr("dtype")).equal(py::dtype("int8"));
  for (std::size_t k = 0; k < categories.size(); ++k) {
    const py::handle c = categories[k];
    if (py::isinstance<py::str>(c)) {
      const auto name = c.cast<std::string>();
      const auto it = std::find(table.begin(), table.end(), name);
      if (it != table.end()) code[k] = it - table.begin();
    }
    identity = identity && code[k] == static_cast<std::int64_t>(k);
  }
  const auto n = static_cast<std::size_t>(py::len(value));
  auto field = [&](std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]"; };
  if (identity) {
    // The codes are the columns' codes (int8): only a missing value (-1) to refuse, then read in place.
    const py::array own = numpy().attr("ascontiguousarray")(value.attr("codes"));
    // One pass that vectorises (the sign bits or-ed together); the row is looked for only when
    // there is one: a branch per row cost 0.5-0.7 ns per event of evaluate().
    const auto* c = static_cast<const std::uint8_t*>(own.data());
    std::uint8_t signs = 0;
    for (std::size_t i = 0; i < n; ++i) signs |= c[i];
    if (signs & 0x80U) {
      for (std::size_t i = 0; i < n; ++i) {
        if (c[i] & 0x80U) raise_invalid_argument("a missing value (NaN) where a name is required", field(i));
      }
    }
    return own.attr("view")("uint8");  // no copy
  }
  const py::array codes = numpy().attr("ascontiguousarray")(value.attr("codes"), "dtype"_a = "int64");
  const auto* c = static_cast<const std::int64_t*>(codes.data());
  for (std::size_t i = 0; i < n; ++i) {
    if (c[i] < 0) raise_invalid_argument("a missing value (NaN) where a name is required", field(i));
    if (code[static_cast<std::size_t>(c[i])] < 0) {
      throw unknown_code_error("'" + std::string(py::str(categories[static_cast<std::size_t>(c[i])])).substr(0, 40) + "' is not a known name",
                               field(i));
    }
  }
  py::array_t<std::uint8_t> out(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) out.mutable_data()[i] = static_cast<std::uint8_t>(code[static_cast<std::size_t>(c[i])]);
  return out;
}

// The Arrow form of the columns is one table, one row per event (evaluate reads it, and a
// Columns of a caseload exports it): the event columns, and the case columns repeated on each
// event row of the case. These are its columns.
constexpr std::array<std::string_view, 4> case_keys{"child_id", "case_kind", "partial_history", "short_breaks"};

// A Columns of a caseload as its Arrow table, one row per event (above): the event columns as
// they are (kinds as a categorical over event_kinds(), viewing the codes), the case columns
// gathered per event (a copy). The meetings and recommendations are not in it.
py::dict event_rows_of_columns(const py::dict& cols) {
  py::module_ np = numpy();
  py::module_ pd = py::module_::import("pandas");
  auto categorical_of = [&](const py::object& codes, py::list names) -> py::object {
    if (py::hasattr(codes, "categories")) return codes;
    return pd.attr("Categorical").attr("from_codes")(np.attr("asarray")(codes, "dtype"_a = "uint8").attr("view")("int8"),
                                                     "dtype"_a = pd.attr("CategoricalDtype")(names), "validate"_a = false);
  };
  const py::list kind_names = event_kind_list();
  py::dict out;
  const py::object event_case = np.attr("asarray")(cols["event_case"]);
  out["event_case"] = event_case;
  out["event_kind"] = categorical_of(cols["event_kind"], kind_names);
  for (const char* key : {"event_date", "event_flags", "event_other_date"}) {
    if (cols.contains(key)) out[key] = cols[key];
  }
  for (std::string_view key : {std::string_view("case_id"), case_keys[0], case_keys[1], case_keys[2], case_keys[3]}) {
    const py::str k(key.data(), key.size());
    if (!cols.contains(k)) continue;
    py::object column = cols[k];
    if (key == "case_kind") column = categorical_of(column, enum_names_list<case_kind>());
    out[k] = column.attr("take")(event_case);
  }
  return out;
}

py::object columns_arrow_stream(py::handle self, py::handle requested_schema) {
  return arrow::export_stream(event_rows_of_columns(py::reinterpret_borrow<py::dict>(self)), requested_schema);
}
py::object columns_arrow_array(py::handle self, py::handle requested_schema) {
  return arrow::export_array(event_rows_of_columns(py::reinterpret_borrow<py::dict>(self)), requested_schema);
}

// midway._core.CaseloadColumns: the Columns of a caseload (to_columns, synthetic_columns), whose
// Arrow form is the events table above.
py::object& caseload_columns_class() {
  static auto* cls = new py::object();  // lives as long as the module
  return *cls;
}

void register_caseload_columns(py::module_& m) {
  caseload_columns_class() = arrow::define_columns_class(
      m, "CaseloadColumns", arrow::columns_type(),
      "A caseload as columns: a dict of numpy arrays, and pandas.Categorical for the enum columns (event_kind, "
      "case_kind, meeting_status) (events, cases, midway review meetings, recommendations; docs/bulk.md). Its Arrow form (__arrow_c_stream__) is one table, one row per event, with the case columns on "
      "each row: the table midway.evaluate reads.",
      &columns_arrow_stream, "The events table (one row per event, the case columns on each row) as an Arrow C stream.",
      &columns_arrow_array, "The events table as one Arrow struct array.");
}

void read_columns(py::handle value, python_columns& out, bool ids_checked_only = false) {
  if (!py::isinstance<py::dict>(value)) {
    raise_invalid_argument("expected a dict of arrays, an Arrow table or a Caseload, not " + type_name(value), "columns");
  }
  const auto d = py::reinterpret_borrow<py::dict>(value);
  caseload_columns& c = out.owned;
  event_columns_view ev;
  c.cases.case_id = strings(get(d, "case_id", true), "case_id", ids_checked_only ? str_items::empty : str_items::copied);
  if (ids_checked_only) out.case_ids = get(d, "case_id", true);
  // The child ids: none read when only checked, else copied (none given: the case ids, below, no copy).
  const py::object child = get(d, "child_id", false);
  std::size_t children = 0;
  if (!child.is_none()) c.cases.child_id = strings(child, "child_id", ids_checked_only ? str_items::none : str_items::copied, &children);
  // Not one per case: read them after all, so that validate() names the mismatch as it always does.
  const bool child_ids_read = !child.is_none() && (!ids_checked_only || children != c.cases.case_id.size());
  if (child_ids_read && ids_checked_only) c.cases.child_id = strings(child, "child_id");
  const auto kinds = narrowed<std::uint8_t>(codes_of(get(d, "case_kind", true), "case_kind"), "case_kind", 0, 255);
  c.cases.kind.reserve(kinds.size());
  for (auto k : kinds) c.cases.kind.push_back(static_cast<case_kind>(k));
  const py::object partial = get(d, "partial_history", false);
  c.cases.partial_history = partial.is_none() ? std::vector<std::uint8_t>(c.cases.case_id.size(), 0)
                                              : narrowed<std::uint8_t>(partial, "partial_history", 0, 1, true);
  ev.case_index = event_column(get(d, "event_case", true), "event_case", c.events.case_index, out.held);
  ev.kind = event_column(codes_of(get(d, "event_kind", true), "event_kind"), "event_kind", c.events.kind, out.held);
  ev.date = event_days(get(d, "event_date", true), "event_date", false, c.events.date, out.held);
  const py::object flags = get(d, "event_flags", false);
  if (flags.is_none()) {
    c.events.flags.assign(ev.kind.size(), 0);
    ev.flags = c.events.flags;
  } else {
    ev.flags = event_column(flags, "event_flags", c.events.flags, out.held);
  }
  const py::object other = get(d, "event_other_date", false);
  if (other.is_none()) {
    c.events.other_date.assign(ev.kind.size(), no_date);
    ev.other_date = c.events.other_date;
  } else {
    ev.other_date = event_days(other, "event_other_date", true, c.events.other_date, out.held);
  }
  const py::object breaks = get(d, "short_breaks", false);
  if (!breaks.is_none()) c.cases.short_breaks = narrowed<std::uint8_t>(breaks, "short_breaks", 0, 1, true);
  // Midway review meetings and recommendations: optional, all of a table or none.
  auto ints = [&](std::string_view key, bool required) {
    const py::object v = get(d, key, required);
    return v.is_none() ? std::vector<std::int32_t>{} : narrowed<std::int32_t>(v, key, INT32_MIN, INT32_MAX);
  };
  auto flags01 = [&](std::string_view key, bool required) {
    const py::object v = get(d, key, required);
    return v.is_none() ? std::vector<std::uint8_t>{} : narrowed<std::uint8_t>(v, key, 0, 1, true);
  };
  auto days = [&](std::string_view key, bool required, bool nat_ok) {
    const py::object v = get(d, key, required);
    return v.is_none() ? std::vector<std::int32_t>{} : day_column(v, key, nat_ok);
  };
  if (d.contains("meeting_case")) {
    c.meetings.case_index = ints("meeting_case", true);
    c.meetings.review = ints("meeting_review", true);
    c.meetings.arranged_for = days("meeting_arranged_for", true, false);
    c.meetings.scheduled_for = days("meeting_scheduled_for", true, false);
    const py::object status = codes_of(get(d, "meeting_status", true), "meeting_status");
    c.meetings.status = narrowed<std::uint8_t>(status, "meeting_status", 0, 255);
    c.meetings.reschedules = ints("meeting_reschedules", true);
    c.meetings.reschedule_day = days("reschedule_day", true, false);
  }
  if (d.contains("recommendation_case")) {
    c.recommendations.case_index = ints("recommendation_case", true);
    c.recommendations.due = days("recommendation_due", true, true);
    c.recommendations.open = flags01("recommendation_open", true);
    c.recommendations.urgent = flags01("recommendation_urgent", true);
  }
  for (auto key : d) {
    const auto k = py::str(key.first).cast<std::string>();
    if (std::none_of(key_of.begin(), key_of.end(), [&](const auto& x) { return x.second == k; })) {
      std::string names;
      for (const auto& x : key_of) names += (names.empty() ? "" : ", ") + std::string(x.second);
      throw unknown_code_error("'" + k.substr(0, 60) + "' is not a column; expected " + names, k.substr(0, 60));
    }
  }
  out.view = caseload_view(c.cases, ev, c.meetings, c.recommendations);
  if (!child_ids_read) out.view.cases.child_id = out.view.cases.case_id;
}

// The columns as owned arrays (from_columns builds objects from them).
caseload_columns columns_from_dict(py::handle value) {
  python_columns p;
  read_columns(value, p);
  caseload_columns& c = p.owned;
  const event_columns_view& ev = p.view.events;
  // Copies of the columns that were viewed in place (a column already copied is kept).
  auto own = [](auto& store, auto view) {
    if (store.data() != view.data() || store.size() != view.size()) store.assign(view.begin(), view.end());
  };
  own(c.events.case_index, ev.case_index);
  own(c.events.kind, ev.kind);
  own(c.events.date, ev.date);
  own(c.events.flags, ev.flags);
  own(c.events.other_date, ev.other_date);
  if (c.cases.child_id.empty()) c.cases.child_id = c.cases.case_id;
  return std::move(p.owned);
}

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}

py::array to_datetime(const std::vector<std::int32_t>& v) {
  py::array out(py::dtype("datetime64[D]"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(v.size())});
  auto* p = static_cast<std::int64_t*>(out.mutable_data());
  for (std::size_t i = 0; i < v.size(); ++i) p[i] = v[i] == no_date ? INT64_MIN : std::int64_t{v[i]};
  return out;
}

py::array to_objects(const std::vector<std::string>& v) {
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(v.size())});
  auto* p = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < v.size(); ++i) p[i] = py::str(v[i]).release().ptr();
  return out;
}

py::object columns_to_dict(const caseload_columns& c) {
  py::dict d;
  d["case_id"] = to_objects(c.cases.case_id);
  d["child_id"] = to_objects(c.cases.child_id);
  std::vector<std::uint8_t> kinds;
  kinds.reserve(c.cases.kind.size());
  for (auto k : c.cases.kind) kinds.push_back(static_cast<std::uint8_t>(k));
  // The enum columns are pandas.Categorical over the enums' names (int8 codes in table order),
  // as evaluate()'s results are; evaluate() and from_columns() read their codes in place.
  d["case_kind"] = categorical(to_numpy(kinds), enum_names_list<case_kind>());
  d["partial_history"] = to_numpy(c.cases.partial_history).attr("astype")("bool");
  d["event_case"] = to_numpy(c.events.case_index);
  d["event_kind"] = categorical(to_numpy(c.events.kind), event_kind_list());
  d["event_date"] = to_datetime(c.events.date);
  d["event_flags"] = to_numpy(c.events.flags);
  d["event_other_date"] = to_datetime(c.events.other_date);
  d["short_breaks"] = to_numpy(c.cases.short_breaks.empty() ? std::vector<std::uint8_t>(c.cases.size(), 0) : c.cases.short_breaks)
                          .attr("astype")("bool");
  d["meeting_case"] = to_numpy(c.meetings.case_index);
  d["meeting_review"] = to_numpy(c.meetings.review);
  d["meeting_arranged_for"] = to_datetime(c.meetings.arranged_for);
  d["meeting_scheduled_for"] = to_datetime(c.meetings.scheduled_for);
  d["meeting_status"] = categorical(to_numpy(c.meetings.status), enum_names_list<meeting_status>());
  d["meeting_reschedules"] = to_numpy(c.meetings.reschedules);
  d["reschedule_day"] = to_datetime(c.meetings.reschedule_day);
  d["recommendation_case"] = to_numpy(c.recommendations.case_index);
  d["recommendation_due"] = to_datetime(c.recommendations.due);
  d["recommendation_open"] = to_numpy(c.recommendations.open).attr("astype")("bool");
  d["recommendation_urgent"] = to_numpy(c.recommendations.urgent).attr("astype")("bool");
  return caseload_columns_class()(d);
}

synthetic_options synthetic_from(std::size_t n, std::uint64_t seed, const date& as_of, const py::kwargs& kw) {
  synthetic_options o{.n_cases = n, .seed = seed, .as_of = as_of};
  for (auto item : kw) {
    const auto k = py::str(item.first).cast<std::string>();
    double* target = k == "lac_share"              ? &o.lac_share
                     : k == "min_history_years"    ? &o.min_history_years
                     : k == "max_history_years"    ? &o.max_history_years
                     : k == "late_visit_rate"      ? &o.late_visit_rate
                     : k == "late_core_group_rate" ? &o.late_core_group_rate
                     : k == "late_review_rate"     ? &o.late_review_rate
                     : k == "unseen_visit_rate"    ? &o.unseen_visit_rate
                     : k == "ended_rate"           ? &o.ended_rate
                     : k == "missed_recent_rate"   ? &o.missed_recent_rate
                                                   : nullptr;
    if (!target) throw unknown_code_error("'" + k + "' is not a synthetic caseload option", k);
    if (!py::isinstance<py::float_>(item.second) && !(py::isinstance<py::int_>(item.second) && !py::isinstance<py::bool_>(item.second))) {
      raise_invalid_argument("expected a number, not " + type_name(item.second), k);
    }
    *target = item.second.cast<double>();
  }
  return o;
}

// One result column's codes as a pandas.Categorical over the enum's names (pandas keeps the
// codes, one byte a row; no string is built per row).
py::object categorical(py::array codes, py::object categories) {
  py::module_ pd = py::module_::import("pandas");
  return pd.attr("Categorical").attr("from_codes")(codes.attr("astype")("int8"), "dtype"_a = pd.attr("CategoricalDtype")(categories),
                                                   "validate"_a = false);
}

py::object result_to_dict(bulk_result&& result, py::object case_ids, std::span<const case_kind> kinds) {
  // The numeric columns are the result's own vectors, owned by the arrays (no copy).
  auto* owner = new bulk_result(std::move(result));
  const py::capsule keep(owner, [](void* p) { delete static_cast<bulk_result*>(p); });
  const bulk_result& r = *owner;
  auto view = [&](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    return py::array_t<T>({static_cast<py::ssize_t>(v.size())}, {static_cast<py::ssize_t>(sizeof(T))}, v.data(), keep);
  };
  // The categories are the enums' JSON names in value order, from their one table each.
  const py::list statuses = enum_names_list<item_status>();
  py::dict d;
  py::array_t<std::uint8_t> kind_codes(static_cast<py::ssize_t>(kinds.size()));
  for (std::size_t i = 0; i < kinds.size(); ++i) kind_codes.mutable_data()[i] = static_cast<std::uint8_t>(kinds[i]);
  d["case"] = numpy().attr("arange")(static_cast<py::ssize_t>(r.size()), "dtype"_a = "int32");
  d["case_id"] = std::move(case_ids);
  d["kind"] = categorical(kind_codes, enum_names_list<case_kind>());
  d["review_item"] = categorical(view(r.review_kind), enum_names_list<item_kind>());
  d["review_due"] = to_datetime(r.review_due);
  d["review_status"] = categorical(view(r.review_status), statuses);
  d["midway_due"] = to_datetime(r.midway_due);
  d["midway_status"] = categorical(view(r.midway_status), statuses);
  d["visit_due"] = to_datetime(r.visit_due);
  d["visit_status"] = categorical(view(r.visit_status), statuses);
  d["core_group_due"] = to_datetime(r.core_group_due);
  d["core_group_status"] = categorical(view(r.core_group_status), statuses);
  d["visit_gaps"] = view(r.visit_gaps);
  d["core_group_gaps"] = view(r.core_group_gaps);
  d["findings"] = view(r.findings);
  d["finding_rules"] = view(r.finding_rules);
  return arrow::make_columns(d);
}

py::object run_evaluate(const caseload_view& c, py::object case_ids, const date& as_of, const policy& pol, const calendar& cal,
                        unsigned threads, bool progress, const python_columns* ids = nullptr) {
  evaluate_options o{.threads = threads, .progress = {}};
  if (progress) {
    o.progress = [](std::size_t done, std::size_t total) {
      py::gil_scoped_acquire gil;
      py::module_ sys = py::module_::import("sys");
      sys.attr("stderr").attr("write")("\r" + progress_line(done, total) + (done == total ? "\n" : ""));
      sys.attr("stderr").attr("flush")();
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    };
  }
  bulk_result r = with_python_keys(
      [&] {
        py::gil_scoped_release release;
        return evaluate(c, as_of, pol, cal, o);
      },
      ids);
  return result_to_dict(std::move(r), std::move(case_ids), c.cases.kind);
}

}  // namespace

void register_bulk(py::module_& m) {
  arrow::register_arrow(m);
  register_caseload_columns(m);
  // "No date" in int32 day columns (columnar.hpp no_date): event_other_date, results.
  m.attr("NO_DATE") = no_date;
  m.def("event_kinds", [] { return std::vector<std::string>(event_kind_names().begin(), event_kind_names().end()); },
        "The event kind names in code order: event_kind code i is event_kinds()[i].");
  m.def(
      "event_flags",
      [] {
        py::dict d;
        std::size_t bit = 0;
        for (auto name : event_flag_names()) d[py::str(std::string(name))] = 1 << bit++;
        return d;
      },
      "The event_flags bits by name: {'seen': 1, 'seen_alone': 2, ...}.");
  m.def(
      "synthetic_columns",
      [](py::handle n, py::handle seed, py::handle as_of, const py::kwargs& kw) {
        const synthetic_options o = synthetic_from(from_py<std::size_t>(n, "n_cases"), from_py<std::uint64_t>(seed, "seed"),
                                                   date_arg(as_of, "as_of"), kw);
        caseload_columns c;
        {
          py::gil_scoped_release release;
          c = synthetic_columns(o);
        }
        return columns_to_dict(c);
      },
      "n_cases"_a, py::kw_only(), "seed"_a = 1, "as_of"_a = date(2026, 11, 22),
      "A fully synthetic caseload as columns (a dict of numpy arrays); same seed, same caseload. "
      "Options: lac_share, min_history_years, max_history_years, late_visit_rate, late_core_group_rate, late_review_rate, "
      "unseen_visit_rate, ended_rate, missed_recent_rate.");
  m.def(
      "synthetic_caseload",
      [](py::handle n, py::handle seed, py::handle as_of, const py::kwargs& kw) {
        const synthetic_options o = synthetic_from(from_py<std::size_t>(n, "n_cases"), from_py<std::uint64_t>(seed, "seed"),
                                                   date_arg(as_of, "as_of"), kw);
        py::gil_scoped_release release;
        return synthetic_caseload(o);
      },
      "n_cases"_a, py::kw_only(), "seed"_a = 1, "as_of"_a = date(2026, 11, 22),
      "As synthetic_columns, as a Caseload of Case objects.");
  m.def("to_columns", [](py::handle cl) { return columns_to_dict(to_columns(ref_arg<caseload>(cl, "caseload", "midway.Caseload"))); },
        "caseload"_a,
        "The caseload as columns (a dict of numpy arrays); drops what columns do not carry (docs/bulk.md).");
  m.def(
      "from_columns", [](py::handle columns) {
        // An Arrow table (pyarrow, Polars, DuckDB, ...) is read by the library's reader, as the C API reads it.
        const caseload_columns c = arrow::is_arrow_source(columns) ? arrow::read_events(columns) : columns_from_dict(columns);
        return with_python_keys([&] { return from_columns(c.cases, c.events); });
      },
      "columns"_a, "A Caseload from columns, every event checked as Case.record checks it.");
  m.def(
      "evaluate",
      [](py::handle data, py::handle as_of_arg, py::handle policy_handle, py::handle calendar_handle, py::handle threads_arg,
         py::handle progress_arg) {
        const date as_of = date_arg(as_of_arg, "as_of");
        const policy& p = policy_arg(policy_handle);
        const calendar& cal = calendar_arg(calendar_handle);
        const auto threads = from_py<unsigned>(threads_arg, "threads");
        const bool progress = from_py<bool>(progress_arg, "progress");
        if (py::isinstance<import_result>(data)) {  // a return's columns, read where they are: no case object built
          const caseload_columns& c = data.cast<const import_result&>().columns;
          return run_evaluate(c, to_objects(c.cases.case_id), as_of, p, cal, threads, progress);
        }
        if (py::isinstance<caseload>(data)) {
          const caseload_columns c = to_columns(data.cast<const caseload&>());
          return run_evaluate(c, to_objects(c.cases.case_id), as_of, p, cal, threads, progress);
        }
        if (arrow::is_arrow_source(data)) {  // pyarrow, Polars, DuckDB, ...: the library's reader, as the C API's
          const midway::arrow::events_read r = arrow::read_events_in_place(data);
          return run_evaluate(r.view, to_objects(r.columns.cases.case_id), as_of, p, cal, threads, progress);
        }
        python_columns c;
        read_columns(data, c, /*ids_checked_only=*/true);
        py::object ids = numpy().attr("asarray")(c.case_ids, "dtype"_a = "object");
        return run_evaluate(c.view, ids, as_of, p, cal, threads, progress, &c);
      },
      "data"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(), "threads"_a = 1,
      "progress"_a = false,
      "Every case's next review, midway review, visit and core group (due date and status), gap counts and drift "
      "finding counts, as a dict of numpy arrays (one row per case). threads=0: all cores.");
}

}  // namespace midway::python
