// Strict conversions from Python values to the library's field types, naming the field on
// failure (midway.InvalidArgumentError / UnknownCodeError), and generic binding of record
// types from their field tables (detail/fields.hpp).
#pragma once

#include "casters.hpp"
#include "register.hpp"

#include <midway/case.hpp>
#include <midway/checklist.hpp>
#include <midway/drift.hpp>
#include <midway/detail/blank.hpp>
#include <midway/detail/enum_table.hpp>
#include <midway/detail/extension_names.hpp>
#include <midway/json.hpp>
#include <midway/meeting.hpp>
#include <midway/note.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <pybind11/stl.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <typeindex>
#include <string>
#include <type_traits>

namespace midway::python {

namespace py = pybind11;

// String -> enum for every enum with a table (detail/enum_traits.hpp): the JSON name, or an
// UnknownCodeError naming the field and listing the names ("'x' is not a role; expected one
// of: ..."). text_encoding (aliases, no table) converts through text_encoding_from_string.
template <class E>
  requires detail::has_enum_traits_v<E>
E enum_from(std::string_view text, std::string_view field) {
  return detail::enum_from_string<E>(text, field);
}

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> concept record_type = requires { T::fields(); };

// The Python name of each bound class and enum, for error messages and generated stubs.
inline std::map<std::type_index, std::string>& python_names() {
  static std::map<std::type_index, std::string> names;
  return names;
}
template <class T>
std::string python_name() {
  auto it = python_names().find(typeid(T));
  return it == python_names().end() ? std::string("object") : it->second;
}

// extensions (key -> raw JSON text) <-> dict of Python values, through the json module; the
// text is stored in midway's canonical spelling (canonical_json), as a JSON load stores it.
inline py::dict extras_to_py(const extensions& extra) {
  py::module_ json = py::module_::import("json");
  py::dict out;
  for (const auto& [k, raw] : extra) out[py::str(k)] = json.attr("loads")(raw);
  return out;
}

// Extension values must read back (docs/json.md): every JSON reader refuses more than
// detail::json_max_depth (64) levels, counted from the caseload document (level 1). So a value
// may nest at most 64 - L levels, where L is the level of the object holding it in a caseload:
inline constexpr std::size_t case_level = 3;         // a case: caseload.cases[i]
inline constexpr std::size_t case_item_level = 5;    // an event, person or recommendation: case.events[i]
inline constexpr std::size_t deepest_record_level = 11;  // any record type (a danger statement, action,
// key change, ...) may sit as deep as case.midway_reviews[i].amendments[j].previous.signs_of_safety
// .danger_statements[k]: level 11, so its extension values nest at most 53 levels.
inline constexpr std::size_t json_levels = 64;  // detail::json_max_depth (src/json_checked.hpp)

// The nesting depth of a JSON text (1 for [] or {}, 0 for a scalar).
inline std::size_t json_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

extensions extras_from_py(py::handle value, std::string_view field, std::size_t holder_level = deepest_record_level,
                          std::string_view record_id = {});

inline std::string type_name(py::handle h) { return py::str(py::type::handle_of(h).attr("__name__")); }

// `value` as a T, strictly: no float for int, no int for bool; enums by value or name.
template <class T>
T from_py(py::handle value, std::string_view field) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!py::isinstance<py::bool_>(value)) raise_invalid_argument("expected True or False, not " + type_name(value), field);
    return value.cast<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    // An int, or an integer type with __index__ (numpy.int64): never a bool or a float.
    if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::int_>(value) || PyIndex_Check(value.ptr()))) {
      raise_invalid_argument("expected an int, not " + type_name(value), field);
    }
    PyObject* index = PyNumber_Index(value.ptr());
    if (index == nullptr) throw py::error_already_set();
    const auto number = py::reinterpret_steal<py::int_>(index);
    try {
      return number.template cast<T>();
    } catch (const py::cast_error&) {
      throw out_of_range_error("the number " + std::string(py::str(number)).substr(0, 40) + " is out of range", std::string(field));
    }
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
      return checked_period(from_py<std::int32_t>(t[0], std::string(field) + "[0]"), from_py<period_unit>(t[1], std::string(field) + "[1]"),
                            std::string(field) + "[0]");
    }
    raise_invalid_argument("expected a Period or a (count, unit) pair, not " + type_name(value), field);
  } else if constexpr (is_optional<T>::value) {
    if (value.is_none()) return std::nullopt;
    return from_py<typename T::value_type>(value, field);
  } else if constexpr (std::is_same_v<T, extensions>) {
    return extras_from_py(value, field);
  } else if constexpr (is_vector<T>::value) {
    if (py::isinstance<py::str>(value) || !py::hasattr(value, "__iter__")) {
      raise_invalid_argument("expected a list, not " + type_name(value), field);
    }
    T out;
    std::size_t i = 0;
    for (py::handle item : py::iter(value)) {
      out.push_back(from_py<typename T::value_type>(item, std::string(field) + "[" + std::to_string(i++) + "]"));
    }
    return out;
  } else if constexpr (detail::is_id<T>::value) {
    return T(from_py<std::string>(value, field), field);
  } else {
    if (!py::isinstance<T>(value)) raise_invalid_argument("expected " + python_name<T>() + ", not " + type_name(value), field);
    return value.cast<T>();
  }
}

inline extensions extras_from_py(py::handle value, std::string_view field, std::size_t holder_level, std::string_view record_id) {
  if (value.is_none()) return {};
  if (!py::isinstance<py::dict>(value)) raise_invalid_argument("expected a dict of JSON values, not " + type_name(value), field);
  py::module_ json = py::module_::import("json");
  extensions out;
  for (auto [k, v] : value.cast<py::dict>()) {
    const std::string key = from_py<std::string>(k, field);
    std::string text;
    try {
      text = json.attr("dumps")(v, py::arg("allow_nan") = false).cast<std::string>();
    } catch (py::error_already_set&) {
      // Not JSON, or nested so deep that Python's json module gives up (RecursionError).
      raise_invalid_argument("the value of '" + key.substr(0, 60) + "' is not JSON-serialisable or is nested too deep",
                             std::string(field) + "['" + key.substr(0, 60) + "']");
    }
    try {
      out[key] = canonical_json(text);  // at most detail::json_max_depth (64) levels, as every JSON reader
    } catch (const error& e) {
      throw invalid_argument_error("the value of '" + key.substr(0, 60) + "' is not accepted: " + e.message(),
                                   std::string(field) + "['" + key.substr(0, 60) + "']", std::string(record_id));
    }
    const std::size_t allowed = json_levels - holder_level;
    if (json_depth(out[key]) > allowed) {
      throw invalid_argument_error("the value of '" + key.substr(0, 60) + "' nests " + std::to_string(json_depth(out[key])) +
                                       " levels; here an extension value may nest at most " + std::to_string(allowed) +
                                       " so that the caseload's JSON reads back (docs/json.md)",
                                   std::string(field) + "['" + key.substr(0, 60) + "']", std::string(record_id));
    }
  }
  return out;
}

// The defaults of the policy= and calendar= keywords: England, England and Wales.
inline const policy& policy_arg(const std::optional<policy>& p) {
  static const policy england = policy::england();
  return p ? *p : england;
}
inline const calendar& calendar_arg(const std::optional<calendar>& c) {
  static const calendar england_and_wales;
  return c ? *c : england_and_wales;
}

// ---- the argument checker of the Python entry points -------------------------------------
// Entry points take their arguments as py::handle and convert each with one of these (or
// from_py<T> above), so that a wrong argument is a midway.Error naming it, never pybind11's
// TypeError: None or another type where an object is expected -> InvalidArgumentError; a
// datetime where a date is expected -> InvalidArgumentError; an int out of the C++ range ->
// OutOfRangeError; text that is not valid UTF-8 cannot arrive (Python str is Unicode).

// `value` as a bound C++ object of type T (by reference, no copy); `python` names the class.
template <class T>
const T& ref_arg(py::handle value, std::string_view field, std::string_view python) {
  if (value.is_none() || !py::isinstance<T>(value)) {
    raise_invalid_argument("expected a " + std::string(python) + ", not " + type_name(value), field);
  }
  return value.cast<const T&>();
}
template <class T>
T& mut_arg(py::handle value, std::string_view field, std::string_view python) {
  if (value.is_none() || !py::isinstance<T>(value)) {
    raise_invalid_argument("expected a " + std::string(python) + ", not " + type_name(value), field);
  }
  return value.cast<T&>();
}
// policy=None / calendar=None: the defaults above; anything else must be a Policy / Calendar.
inline const policy& policy_arg(py::handle p) {
  return p.is_none() ? policy_arg(std::optional<policy>{}) : ref_arg<policy>(p, "policy", "midway.Policy");
}
inline const calendar& calendar_arg(py::handle c) {
  return c.is_none() ? calendar_arg(std::optional<calendar>{}) : ref_arg<calendar>(c, "calendar", "midway.Calendar");
}
inline date date_arg(py::handle d, std::string_view field) { return from_py<date>(d, field); }
inline std::string text_arg(py::handle t, std::string_view field) { return from_py<std::string>(t, field); }
// A file path: a str or an os.PathLike giving a str (pathlib.Path).
inline std::filesystem::path path_arg(py::handle p, std::string_view field) {
  if (!py::isinstance<py::str>(p) && !py::hasattr(p, "__fspath__")) {
    raise_invalid_argument("expected a str or os.PathLike path, not " + type_name(p), field);
  }
  py::object text = py::module_::import("os").attr("fspath")(p);
  if (!py::isinstance<py::str>(text)) raise_invalid_argument("expected a path giving a str, not " + type_name(text), field);
  return std::filesystem::path(text.cast<std::string>());
}

// The Python type of a field, for the generated stubs: as read, or (`accepted`) as accepted
// by a constructor or setter (enums also by name).
template <class M>
std::string py_type(bool accepted) {
  if constexpr (std::is_same_v<M, bool>) {
    return "bool";
  } else if constexpr (std::is_integral_v<M>) {
    return "int";
  } else if constexpr (std::is_same_v<M, std::string>) {
    return "str";
  } else if constexpr (std::is_same_v<M, date>) {
    return "datetime.date";
  } else if constexpr (std::is_same_v<M, extensions>) {
    return accepted ? "_Extra | None" : "_Extra";
  } else if constexpr (std::is_enum_v<M>) {
    return python_name<M>() + (accepted ? " | _" + python_name<M>() + "Name" : "");
  } else if constexpr (is_optional<M>::value) {
    return py_type<typename M::value_type>(accepted) + " | None";
  } else if constexpr (is_vector<M>::value) {
    return accepted ? "Iterable[" + py_type<typename M::value_type>(true) + "]" : "list[" + py_type<typename M::value_type>(false) + "]";
  } else if constexpr (record_type<M>) {
    return python_name<M>();
  } else {
    return "str";  // ids
  }
}

template <class T>
py::object to_py_value(const T& v) {
  if constexpr (std::is_same_v<T, extensions>) {
    return extras_to_py(v);
  } else if constexpr (is_optional<T>::value) {
    return v ? to_py_value(*v) : py::none();
  } else if constexpr (std::is_same_v<T, record_id> || std::is_same_v<T, event_id>) {
    return py::str(v.str());
  } else if constexpr (is_vector<T>::value && !std::is_same_v<T, std::vector<std::string>>) {
    py::list out;
    for (const auto& x : v) out.append(to_py_value(x));
    return out;
  } else {
    return py::cast(v);
  }
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

// Binds record type T (a struct with a field table) as Python class `name`: a keyword-only
// constructor (dates and ids required, the rest defaulting as in C++), fields as properties
// (read-write unless `read_only`), ==, repr, and __midway_fields__ [(name, type, accepted
// type, required)] for scripts/generate_record_stubs.py.
template <class T>
py::class_<T> bind_record(py::module_& m, const char* name, const char* doc, bool read_only = false) {
  python_names()[typeid(T)] = name;
  py::class_<T> cls(m, name, doc);
  py::list described;
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    described.append(py::make_tuple(std::string(f.name), py_type<M>(false), py_type<M>(true), detail::required_field<M>));
  });
  cls.attr("__midway_fields__") = described;
  if (!read_only) {
    cls.def(py::init([](const py::kwargs& kwargs) {
      T x = detail::blank<T>();
      detail::for_each_field<T>([&](const auto& f) {
        using M = typename std::decay_t<decltype(f)>::member_type;
        if constexpr (detail::required_field<M>) {
          if (!kwargs.contains(f.name.data())) raise_invalid_argument("'" + std::string(f.name) + "' is required", f.name);
        }
      });
      assign_fields(x, kwargs, python_name<T>());
      detail::check_extension_names(x, "", "");
      return x;
    }));
  }
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    const auto member = f.member;
    const std::string field(f.name);
    if (read_only) {
      cls.def_property_readonly(f.name.data(), [member](const T& x) { return to_py_value(x.*member); });
    } else {
      cls.def_property(
          f.name.data(), [member](const T& x) { return to_py_value(x.*member); },
          [member, field](T& x, py::handle v) {
            T next = x;
            next.*member = from_py<M>(v, field);
            detail::check_extension_names(next, "", "");
            x = std::move(next);
          });
    }
  });
  cls.def("__eq__", [](const T& a, py::handle b) { return py::isinstance<T>(b) && a == b.cast<const T&>(); }, py::is_operator());
  cls.def("__repr__", [name](const T& x) {
    std::string out = std::string(name) + "(";
    bool first = true;
    detail::for_each_field<T>([&](const auto& f) {
      out += (first ? "" : ", ") + std::string(f.name) + "=" + std::string(py::repr(to_py_value(x.*(f.member))));
      first = false;
    });
    return out + ")";
  });
  cls.attr("__hash__") = py::none();
  return cls;
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
