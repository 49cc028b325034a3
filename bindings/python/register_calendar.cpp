#include "casters.hpp"
#include "convert.hpp"
#include "register.hpp"

#include <midway/calendar.hpp>

#include "enums.hpp"
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <sstream>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

using int64_array = py::array_t<std::int64_t, py::array::c_style>;

bool is_scalar_date(py::handle h) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  return PyDate_Check(h.ptr()) && !PyDateTime_Check(h.ptr());
}

py::module_ numpy() { return py::module_::import("numpy"); }

// `value` as a C-ordered int64 view of datetime64[D] values, keeping its shape (0-d too).
// Accepts datetime64 arrays of any unit whose values are whole days, and sequences of
// datetime.date; refuses datetime.datetime (its time would be dropped) and anything else.
int64_array as_days(py::handle value, std::string_view field) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  if (PyDateTime_Check(value.ptr())) raise_invalid_argument("expected a datetime.date, not a datetime.datetime", field);
  py::module_ np = numpy();
  py::object arr = np.attr("asarray")(value);
  const char kind = py::cast<py::dtype>(arr.attr("dtype")).kind();
  if (kind == 'O' || (kind != 'M' && py::cast<py::array>(arr).size() == 0)) {
    std::size_t i = 0;
    for (py::handle item : arr.attr("ravel")()) {
      if (!PyDate_Check(item.ptr()) || PyDateTime_Check(item.ptr())) {
        raise_invalid_argument("expected datetime.date values, not " + std::string(py::str(py::type::handle_of(item).attr("__name__"))),
                               std::string(field) + "[" + std::to_string(i) + "]");
      }
      ++i;
    }
    arr = np.attr("asarray")(arr, "dtype"_a = "datetime64[D]");
  } else if (kind != 'M') {
    raise_invalid_argument("expected datetime.date values or a numpy datetime64 array, not an array of dtype " +
                               std::string(py::str(arr.attr("dtype"))),
                           field);
  }
  py::object days = arr.attr("astype")("datetime64[D]", "copy"_a = false);
  if (!days.attr("dtype").equal(arr.attr("dtype"))) {
    // A finer unit: refuse values that carry a time of day rather than drop it silently.
    py::object back = days.attr("astype")(arr.attr("dtype"));
    py::object lossy = np.attr("logical_and")(back.attr("__ne__")(arr), np.attr("logical_not")(np.attr("isnat")(arr)));
    if (py::bool_(np.attr("any")(lossy))) {
      raise_invalid_argument("datetime64 values with a time of day are not dates; convert with .astype('datetime64[D]')", field);
    }
  }
  return py::cast<int64_array>(np.attr("asarray")(days, "order"_a = "C").attr("view")("int64"));
}

int64_array as_integers(py::handle value, std::string_view field) {
  py::object arr = numpy().attr("asarray")(value);
  const char kind = py::cast<py::dtype>(arr.attr("dtype")).kind();
  if (kind == 'u' && py::bool_(numpy().attr("any")(arr.attr("__gt__")(INT64_MAX)))) {
    throw out_of_range_error("an offset is too large", std::string(field));
  }
  if (kind != 'i' && kind != 'u') {
    raise_invalid_argument("expected integers, not an array of dtype " + std::string(py::str(arr.attr("dtype"))), field);
  }
  return py::cast<int64_array>(numpy().attr("asarray")(arr, "dtype"_a = "int64", "order"_a = "C"));
}

// The shape of the result of combining two arrays: equal shapes, or either of size 1.
std::vector<py::ssize_t> result_shape(const py::array& x, const py::array& y, std::string_view x_name,
                                      std::string_view y_name) {
  auto shape_of = [](const py::array& a) { return std::vector<py::ssize_t>(a.shape(), a.shape() + a.ndim()); };
  if (x.size() == 1 && y.size() != 1) return shape_of(y);
  if (y.size() == 1 && x.size() != 1) return shape_of(x);
  if (x.size() == 1 && y.size() == 1) return shape_of(x.ndim() >= y.ndim() ? x : y);
  if (shape_of(x) != shape_of(y)) {
    auto text = [](const std::vector<py::ssize_t>& s) {
      std::string t = "(";
      for (std::size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
      return t + (s.size() == 1 ? ",)" : ")");
    };
    raise_invalid_argument("shape " + text(shape_of(y)) + " does not match " + std::string(x_name) + "'s shape " +
                               text(shape_of(x)) + " (equal shapes, or one of size 1)",
                           y_name);
  }
  return shape_of(x);
}

template <class T>
std::span<const std::int64_t> in_span(const T& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}

std::vector<closure> closures_arg(py::handle closures) {
  std::vector<closure> out;
  if (!py::hasattr(closures, "__iter__") || py::isinstance<py::str>(closures)) {
    raise_invalid_argument("expected a list of datetime.date or (datetime.date, name) pairs", "closures");
  }
  std::size_t i = 0;
  for (py::handle item : py::iter(closures)) {
    const std::string field = "closures[" + std::to_string(i++) + "]";
    if (is_scalar_date(item)) {
      out.emplace_back(item.cast<date>());
    } else if (py::isinstance<py::tuple>(item) && py::len(item) == 2 && is_scalar_date(item.cast<py::tuple>()[0]) &&
               py::isinstance<py::str>(item.cast<py::tuple>()[1])) {
      auto t = item.cast<py::tuple>();
      out.emplace_back(t[0].cast<date>(), t[1].cast<std::string>());
    } else {
      raise_invalid_argument("expected a datetime.date or a (datetime.date, name) pair", field);
    }
  }
  return out;
}

division division_arg(py::handle value) { return from_py<division>(value, "division"); }

// Pickle: a calendar is its division, provenance and holidays (calendar::from_holidays), so any
// calendar (rules, feed, closures, extended rules) comes back equal.
py::tuple calendar_state(const calendar& cal) {
  py::list holidays;
  for (const holiday& h : cal.raw().holidays) {
    holidays.append(py::make_tuple(h.date.to_iso(), h.name, h.substitute, std::string(to_string(h.origin))));
  }
  return py::make_tuple(std::string(to_string(cal.division())), cal.rules_version(), cal.source(), holidays);
}

calendar calendar_from_state(const py::tuple& state) {
  if (state.size() != 4) raise_invalid_argument("not a pickled Calendar", "state");
  std::vector<holiday> holidays;
  for (py::handle item : state[3]) {
    const auto t = item.cast<py::tuple>();
    const std::string origin = t[3].cast<std::string>();
    holiday h{.date = date::from_iso(t[0].cast<std::string>(), "state"), .name = t[1].cast<std::string>(),
              .substitute = t[2].cast<bool>(), .origin = holiday_origin::rule};
    bool known = false;
    for (holiday_origin o : {holiday_origin::rule, holiday_origin::proclamation, holiday_origin::govuk_feed, holiday_origin::closure}) {
      if (to_string(o) == origin) {
        h.origin = o;
        known = true;
      }
    }
    if (!known) raise_invalid_argument("not a pickled Calendar", "state");
    holidays.push_back(std::move(h));
  }
  return calendar::from_holidays(division_from_string(state[0].cast<std::string>(), "state"), std::move(holidays),
                                 state[1].cast<std::string>(), state[2].cast<std::string>());
}
day_count counting_arg(py::handle value) { return from_py<day_count>(value, "counting"); }

const holiday_rules& rules_arg(py::handle rules) {
  return rules.is_none() ? holiday_rules::builtin() : ref_arg<holiday_rules>(rules, "rules", "midway.HolidayRules");
}

std::string holiday_repr(const holiday& h) {
  std::ostringstream os;
  os << "Holiday(" << h.date << ", '" << h.name << "'" << (h.substitute ? ", substitute=True" : "") << ", origin='"
     << to_string(h.origin) << "')";
  return os.str();
}

}  // namespace

void register_calendar(py::module_& m) {
  bind_enum<division>(m);
  bind_enum<day_count>(m);
  bind_enum<holiday_origin>(m);
  bind_enum<holiday_id>(m);
  bind_enum<proclamation::action>(m);

  m.def("division_name", [](py::handle d) { return std::string(to_string(division_arg(d))); }, "division"_a,
        "The GOV.UK feed key of a division: 'england-and-wales', 'scotland' or 'northern-ireland'.");
  m.def("easter_sunday", [](py::handle y) { return easter_sunday(from_py<int>(y, "year")); }, "year"_a, "Easter Sunday of a Gregorian year.");
  m.def(
      "add_months", [](py::handle d, py::handle n) { return date_arg(d, "date") + months(from_py<std::int32_t>(n, "n")); }, "date"_a, "n"_a,
      "The same day `n` calendar months on, clamped to the month's end: add_months(date(2023, 11, 30), 3) == "
      "date(2024, 2, 29).");

  py::class_<holiday>(m, "Holiday", "A bank holiday or closure day in a calendar.")
      .def_readonly("date", &holiday::date)
      .def_readonly("name", &holiday::name)
      .def_readonly("substitute", &holiday::substitute)
      .def_readonly("origin", &holiday::origin)
      .def("__eq__", [](const holiday& a, const holiday& b) { return a == b; }, py::is_operator())
      .def("__repr__", &holiday_repr);

  python_names()[typeid(proclamation)] = "Proclamation";
  python_names()[typeid(holiday_rules)] = "HolidayRules";
  py::class_<proclamation>(m, "Proclamation", "One proclaimed change to a year's bank holidays.")
      .def(py::init([](py::handle action, py::handle date_value, py::handle name, py::handle moved, py::handle divisions,
                       py::handle source) {
             proclamation p{.what = from_py<proclamation::action>(action, "action"),
                            .date = date_arg(date_value, "date"),
                            .name = text_arg(name, "name"),
                            .moved = std::nullopt,
                            .divisions = {},
                            .source = text_arg(source, "source")};
             if (!moved.is_none()) p.moved = from_py<holiday_id>(moved, "moved");
             p.divisions = from_py<std::vector<division>>(divisions, "divisions");
             return p;
           }),
           "action"_a, "date"_a, py::kw_only(), "name"_a = "", "moved"_a = py::none(),
           "divisions"_a = py::tuple(), "source"_a = "")
      .def_readonly("action", &proclamation::what)
      .def_readonly("date", &proclamation::date)
      .def_readonly("name", &proclamation::name)
      .def_readonly("moved", &proclamation::moved)
      .def_readonly("divisions", &proclamation::divisions)
      .def_readonly("source", &proclamation::source)
      .def("__repr__", [](const proclamation& p) {
        std::ostringstream os;
        os << "Proclamation('" << to_string(p.what) << "', " << p.date << ", name='" << p.name << "'";
        if (p.moved) os << ", moved='" << to_string(*p.moved) << "'";
        os << ")";
        return os.str();
      });

  py::class_<holiday_rules>(m, "HolidayRules", "The versioned table of proclamations, with the holiday rules.")
      .def(py::init([](py::handle version, py::handle proclamations) {
             return holiday_rules(text_arg(version, "version"), from_py<std::vector<proclamation>>(proclamations, "proclamations"));
           }),
           "version"_a, "proclamations"_a)
      .def_static("builtin", &holiday_rules::builtin, py::return_value_policy::copy,
                  "The table shipped with this release.")
      .def_property_readonly("version", &holiday_rules::version)
      .def_property_readonly("proclamations", [](const holiday_rules& r) {
        return std::vector<proclamation>(r.proclamations().begin(), r.proclamations().end());
      })
      .def(
          "extended",
          [](const holiday_rules& r, py::handle version, py::handle extra) {
            return r.extended(text_arg(version, "version"), from_py<std::vector<proclamation>>(extra, "extra"));
          },
          "version"_a, "extra"_a,
           "A copy with `extra` appended under a new version; later entries win.")
      .def(
          "holidays", [](const holiday_rules& r, py::handle d, py::handle year) { return r.holidays(division_arg(d), from_py<int>(year, "year")); },
          "division"_a, "year"_a, "The bank holidays of `year` in `division`, by date.")
      .def("__repr__", [](const holiday_rules& r) {
        return "HolidayRules(version='" + r.version() + "', proclamations=" + std::to_string(r.proclamations().size()) + ")";
      });

  py::class_<calendar>(m, "Calendar", "Working-day arithmetic for one UK division, with optional closure days.")
      .def(py::init([](py::handle d, py::handle closures, py::handle rules) {
             return calendar(division_arg(d), closures_arg(closures), rules_arg(rules));
           }),
           "division"_a = "england-and-wales", "closures"_a = py::tuple(), "rules"_a = py::none())
      .def_static(
          "from_govuk_json",
          [](py::handle path, py::handle d, py::handle closures, py::handle rules) {
            return calendar(govuk_feed::load(path_arg(path, "path")), division_arg(d), closures_arg(closures), rules_arg(rules));
          },
          "path"_a, "division"_a = "england-and-wales", "closures"_a = py::tuple(), "rules"_a = py::none(),
          "A calendar whose holidays come from a GOV.UK bank-holidays JSON file for the years it covers.")
      .def_static(
          "from_govuk_json_text",
          [](py::handle text, py::handle d, py::handle closures, py::handle rules) {
            return calendar(govuk_feed::parse(text_arg(text, "text")), division_arg(d), closures_arg(closures), rules_arg(rules));
          },
          "text"_a, "division"_a = "england-and-wales", "closures"_a = py::tuple(), "rules"_a = py::none(),
          "As from_govuk_json, from the feed's JSON text.")
      .def_property_readonly("division", &calendar::division)
      .def_property_readonly("rules_version", &calendar::rules_version)
      .def_property_readonly("source", &calendar::source)
      .def_static("first_date", &calendar::first_date, "The first date the calendar covers (1978-01-01).")
      .def_static("last_date", &calendar::last_date, "The last date the calendar covers (2199-12-31).")
      .def(
          "is_working_day",
          [](const calendar& cal, py::handle d) -> py::object {
            if (is_scalar_date(d)) return py::bool_(cal.is_working_day(d.cast<date>()));
            int64_array days = as_days(d, "date");
            py::array_t<bool> out(std::vector<py::ssize_t>(days.shape(), days.shape() + days.ndim()));
            {
              py::gil_scoped_release release;
              cal.is_working_day(in_span(days), {out.mutable_data(), static_cast<std::size_t>(out.size())}, "date");
            }
            return out;
          },
          "date"_a)
      .def("next_working_day", [](const calendar& cal, py::handle d) { return cal.next_working_day(date_arg(d, "date")); }, "date"_a,
           "The first working day strictly after `date`.")
      .def("previous_working_day", [](const calendar& cal, py::handle d) { return cal.previous_working_day(date_arg(d, "date")); }, "date"_a,
           "The last working day strictly before `date`.")
      .def(
          "add_working_days",
          [](const calendar& cal, py::handle d, py::handle n, py::handle counting) -> py::object {
            const day_count c = counting_arg(counting);
            if (is_scalar_date(d) && py::isinstance<py::int_>(n) && !py::isinstance<py::bool_>(n)) {
              long long k = 0;
              try {
                k = n.cast<long long>();
              } catch (const py::cast_error&) {
                throw out_of_range_error("offset is out of range", "n");
              }
              if (k < INT32_MIN || k > INT32_MAX) throw out_of_range_error("offset " + std::to_string(k) + " is out of range", "n");
              return py::cast(cal.add_working_days(d.cast<date>(), working_days(static_cast<int>(k)), c));
            }
            int64_array days = as_days(d, "date");
            int64_array offsets = as_integers(n, "n");
            const auto shape = result_shape(days, offsets, "date", "n");
            py::array out(py::dtype("datetime64[D]"), shape);
            int64_array out64 = py::cast<int64_array>(out.attr("view")("int64"));
            {
              py::gil_scoped_release release;
              cal.add_working_days(in_span(days), in_span(offsets),
                                   {out64.mutable_data(), static_cast<std::size_t>(out64.size())}, c, "date", "n");
            }
            return out;
          },
          "date"_a, "n"_a, "counting"_a = day_count::day_zero)
      .def(
          "working_days_between",
          [](const calendar& cal, py::handle a, py::handle b, py::handle counting) -> py::object {
            const day_count c = counting_arg(counting);
            if (is_scalar_date(a) && is_scalar_date(b)) {
              return py::int_(cal.working_days_between(a.cast<date>(), b.cast<date>(), c).count());
            }
            int64_array xa = as_days(a, "a");
            int64_array xb = as_days(b, "b");
            int64_array out(result_shape(xa, xb, "a", "b"));
            {
              py::gil_scoped_release release;
              cal.working_days_between(in_span(xa), in_span(xb),
                                       {out.mutable_data(), static_cast<std::size_t>(out.size())}, c, "a", "b");
            }
            return out;
          },
          "a"_a, "b"_a, "counting"_a = day_count::day_zero)
      .def("holidays", [](const calendar& cal, py::handle year) { return cal.holidays(from_py<int>(year, "year")); }, "year"_a, "Bank holidays and closures of `year`, by date.")
      .def("__eq__", [](const calendar& a, py::handle b) { return py::isinstance<calendar>(b) && a == b.cast<const calendar&>(); },
           py::is_operator())
      .def("__hash__", [](const calendar& cal) {
        return py::hash(py::make_tuple(static_cast<int>(cal.division()), cal.source(), cal.raw().holidays.size()));
      })
      .def(py::pickle(&calendar_state, &calendar_from_state))
      .def("__copy__", [](const calendar& cal) { return cal; })
      .def("__deepcopy__", [](const calendar& cal, py::handle) { return cal; }, "memo"_a,
           "A calendar is immutable: its copies share the tables.")
      .def("__repr__", [](const calendar& cal) {
        return "Calendar('" + std::string(to_string(cal.division())) + "', source='" + cal.source() + "')";
      });
}

}  // namespace midway::python
