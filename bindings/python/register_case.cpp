#include "convert.hpp"

#include <midway/json.hpp>
#include <midway/report.hpp>

#include "enums.hpp"

#include <array>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

template <std::size_t I = 0>
event_data event_from_py(py::handle value) {
  if constexpr (I == std::variant_size_v<event_data>) {
    raise_invalid_argument("expected an event (Visit, ReviewConference, ...), not " + type_name(value), "event");
  } else {
    using T = std::variant_alternative_t<I, event_data>;
    if (py::isinstance<T>(value)) return value.cast<T>();
    return event_from_py<I + 1>(value);
  }
}

py::object event_to_py(const event_data& data) {
  return std::visit([](const auto& x) { return py::cast(x); }, data);
}

template <class Tuple>
struct event_binder;
template <class... Ts>
struct event_binder<std::variant<Ts...>> {
  static void bind(py::module_& m) {
    (bind_event<Ts>(m, keep(camel(Ts::kind)), keep("The '" + std::string(Ts::kind) + "' event (midway/events.hpp).")), ...);
  }
};

// Extension members may not take the name of a member the JSON writer writes (docs/json.md).
template <std::size_t N>
void check_extra_names(const extensions& extra, const std::array<std::string_view, N>& reserved, std::string_view field) {
  for (const auto& [k, v] : extra) {
    if (std::find(reserved.begin(), reserved.end(), k) != reserved.end()) {
      raise_invalid_argument("extension member '" + k + "' has the name of a member midway writes", std::string(field) + "['" + k + "']");
    }
  }
}

constexpr std::array<std::string_view, 15> case_members = {
    "schema", "version", "case_id", "child_id", "kind", "opened", "partial_history", "short_breaks", "personal", "people",
    "plan", "events", "midway_reviews", "signs_of_safety_records", "cpa_checklists"};
constexpr std::array<std::string_view, 3> person_members = {"id", "role", "name"};
constexpr std::array<std::string_view, 8> recommendation_members = {"id", "text", "owner", "made_on", "due", "status",
                                                                           "done_on", "urgent"};

void check_event_extra_names(const event_data& d, const extensions& extra) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        for (const auto& [k, v] : extra) {
          bool known = k == "id" || k == "type" || k == "correction";
          detail::for_each_field<T>([&](const auto& f) { known = known || f.name == k; });
          if (known) raise_invalid_argument("extension member '" + k + "' has the name of a member midway writes", "extra['" + k + "']");
        }
      },
      d);
}

std::vector<person> people_from_py(py::handle v) { return from_py<std::vector<person>>(v, "people"); }

std::vector<recommendation> plan_from_py(py::handle v) {
  auto out = from_py<std::vector<recommendation>>(v, "plan");
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (out[j].id == out[i].id) {
        raise_invalid_argument("recommendation id '" + out[i].id.str() + "' is used twice", "plan[" + std::to_string(i) + "].id");
      }
    }
  }
  return out;
}

}  // namespace

void register_case(py::module_& m) {
  bind_enum<case_kind>(m);
  bind_enum<role>(m);
  bind_enum<midway_outcome>(m);
  bind_enum<plan_end_reason>(m);
  bind_enum<recommendation_status>(m);

  event_binder<event_data>::bind(m);
  python_names()[typeid(person)] = "Person";
  python_names()[typeid(recommendation)] = "Recommendation";
  python_names()[typeid(child_case)] = "Case";
  python_names()[typeid(personal_details)] = "PersonalDetails";

  py::class_<personal_details>(m, "PersonalDetails",
                               "A child's name and date of birth: optional, never read by the engine, never shown in "
                               "errors or reprs.")
      .def(py::init([](py::handle name, py::handle dob) {
             return personal_details{.name = from_py<std::string>(name, "name"),
                                     .date_of_birth = from_py<std::optional<date>>(dob, "date_of_birth")};
           }),
           py::kw_only(), "name"_a = "", "date_of_birth"_a = py::none())
      .def_readonly("name", &personal_details::name)
      .def_readonly("date_of_birth", &personal_details::date_of_birth)
      .def("__eq__", [](const personal_details& a, py::handle b) {
        return py::isinstance<personal_details>(b) && a == b.cast<const personal_details&>();
      }, py::is_operator())
      .def(py::pickle([](const personal_details& p) { return py::make_tuple(p.name, p.date_of_birth); },
                      [](const py::tuple& t) {
                        return personal_details{.name = t[0].cast<std::string>(), .date_of_birth = t[1].cast<std::optional<date>>()};
                      }))
      .def("__copy__", [](const personal_details& p) { return p; })
      .def("__deepcopy__", [](const personal_details& p, py::handle) { return p; }, "memo"_a)
      .def("__repr__", [](const personal_details&) { return std::string("PersonalDetails(...)"); });

  py::class_<person>(m, "Person", "A practitioner on a case, by role.")
      .def(py::init([](py::handle id, py::handle r, py::handle name, py::handle extra) {
             person p{.id = person_id(from_py<std::string>(id, "id"), "id"), .role = from_py<role>(r, "role"),
                      .name = from_py<std::string>(name, "name"), .extra = extras_from_py(extra, "extra", case_item_level, from_py<std::string>(id, "id"))};
             check_extra_names(p.extra, person_members, "extra");
             return p;
           }),
           "id"_a, "role"_a, py::kw_only(), "name"_a = "", "extra"_a = py::none())
      .def_property_readonly("id", [](const person& p) { return p.id.str(); })
      .def_property_readonly("role", [](const person& p) { return p.role; })
      .def_property_readonly("name", [](const person& p) { return p.name; })
      .def_property_readonly("extra", [](const person& p) { return extras_to_py(p.extra); })
      .def("__eq__", [](const person& a, py::handle b) { return py::isinstance<person>(b) && a == b.cast<const person&>(); }, py::is_operator())
      .def("__repr__", [](const person& p) {
        return "Person('" + p.id.str() + "', '" + std::string(to_string(p.role)) + "')";
      });

  py::class_<recommendation>(m, "Recommendation", "A recommendation of a review or an action of the plan.")
      .def(py::init([](py::handle id, py::handle text, py::handle owner, py::handle made_on, py::handle due, py::handle status,
                       py::handle done_on, py::handle urgent, py::handle extra) {
             recommendation r{.id = recommendation_id(from_py<std::string>(id, "id"), "id"),
                                   .text = from_py<std::string>(text, "text"),
                                   .owner = from_py<role>(owner, "owner"),
                                   .made_on = from_py<std::optional<date>>(made_on, "made_on"),
                                   .due = from_py<std::optional<date>>(due, "due"),
                                   .status = from_py<recommendation_status>(status, "status"),
                                   .done_on = from_py<std::optional<date>>(done_on, "done_on"),
                                   .urgent = from_py<bool>(urgent, "urgent"),
                                   .extra = extras_from_py(extra, "extra", case_item_level, from_py<std::string>(id, "id"))};
             check_extra_names(r.extra, recommendation_members, "extra");
             return r;
           }),
           "id"_a, "text"_a = "", py::kw_only(), "owner"_a = role::social_worker, "made_on"_a = py::none(),
           "due"_a = py::none(), "status"_a = recommendation_status::open, "done_on"_a = py::none(), "urgent"_a = false,
           "extra"_a = py::none())
      .def_property_readonly("id", [](const recommendation& r) { return r.id.str(); })
      .def_readonly("text", &recommendation::text)
      .def_readonly("owner", &recommendation::owner)
      .def_readonly("made_on", &recommendation::made_on)
      .def_readonly("due", &recommendation::due)
      .def_readonly("status", &recommendation::status)
      .def_readonly("done_on", &recommendation::done_on)
      .def_readonly("urgent", &recommendation::urgent)
      .def_property_readonly("extra", [](const recommendation& r) { return extras_to_py(r.extra); })
      .def("__eq__", [](const recommendation& a, py::handle b) {
        return py::isinstance<recommendation>(b) && a == b.cast<const recommendation&>();
      }, py::is_operator())
      .def("__repr__", [](const recommendation& r) {
        return "Recommendation('" + r.id.str() + "', status='" + std::string(to_string(r.status)) + "')";
      });

  py::class_<event>(m, "Event", "A recorded event: its id, its data (Visit, ReviewConference, ...), correction flag, extras.")
      .def_property_readonly("id", [](const event& e) { return e.id.str(); })
      .def_property_readonly("data", [](const event& e) { return event_to_py(e.data); })
      .def_property_readonly("date", &event::date)
      .def_property_readonly("kind", [](const event& e) { return std::string(e.kind()); })
      .def_readonly("correction", &event::correction)
      .def_property_readonly("extra", [](const event& e) { return extras_to_py(e.extra); })
      .def("__repr__", [](const event& e) {
        return "Event('" + e.id.str() + "', " + std::string(py::repr(event_to_py(e.data))) + ")";
      });

  py::class_<child_case>(m, "Case", "A child's LAC or CP case: people, plan and history.")
      .def(py::init([](py::handle id, py::handle child, py::handle kind, py::handle opened, py::handle partial, py::handle personal) {
             child_case c(case_id(from_py<std::string>(id, "case_id")), child_id(from_py<std::string>(child, "child_id")),
                          from_py<case_kind>(kind, "kind"), from_py<std::optional<date>>(opened, "opened"),
                          from_py<bool>(partial, "partial_history"));
             c.personal = from_py<std::optional<personal_details>>(personal, "personal");
             check_date_of_birth(c);
             return c;
           }),
           py::kw_only(), "case_id"_a, "child_id"_a, "kind"_a, "opened"_a = py::none(), "partial_history"_a = false,
           "personal"_a = py::none())
      .def_property_readonly("case_id", [](const child_case& c) { return c.id().str(); })
      .def("_repr_html_", [](const child_case& c) { return to_html(c); })
      .def_property_readonly("child_id", [](const child_case& c) { return c.child().str(); })
      .def_property_readonly("kind", &child_case::kind)
      .def_property_readonly("opened", &child_case::opened)
      .def_property_readonly("partial_history", &child_case::partial_history)
      .def_property(
          "short_breaks", [](const child_case& c) { return c.short_breaks; },
          [](child_case& c, py::handle v) { c.short_breaks = from_py<bool>(v, "short_breaks"); },
          "A series of short breaks (SSDA903 legal status V3/V4): reviews and visits as modified by reg 48.")
      .def_property_readonly("history", [](const child_case& c) { return py::tuple(py::cast(c.history())); })
      .def_property(
          "people", [](const child_case& c) { return py::tuple(py::cast(c.people)); },
          [](child_case& c, py::handle v) { c.people = people_from_py(v); })
      .def_property(
          "plan", [](const child_case& c) { return py::tuple(py::cast(c.plan)); },
          [](child_case& c, py::handle v) { c.plan = plan_from_py(v); })
      .def_property_readonly("midway_reviews", [](const child_case& c) { return py::tuple(py::cast(c.midway_reviews)); },
                             "Midway review meetings (change them through arrange_midway_review and the rest).")
      .def_property_readonly("cpa_checklists", [](const child_case& c) { return py::tuple(py::cast(c.cpa_checklists)); },
                             "CPA midway monitoring checklists (record_cpa_checklist).")
      .def_property_readonly("signs_of_safety_records",
                             [](const child_case& c) { return py::tuple(py::cast(c.signs_of_safety_records)); },
                             "Signs of Safety records of conferences and core groups (add_signs_of_safety).")
      .def_property(
          "personal", [](const child_case& c) { return c.personal; },
          [](child_case& c, py::handle v) {
            auto previous = std::exchange(c.personal, from_py<std::optional<personal_details>>(v, "personal"));
            try {
              check_date_of_birth(c);  // the whole history against the new date of birth
            } catch (...) {
              c.personal = std::move(previous);
              throw;
            }
          },
          "The child's PersonalDetails, or None. Kept and written with the case; never read by the engine.")
      .def_property(
          "extra", [](const child_case& c) { return extras_to_py(c.extra); },
          [](child_case& c, py::handle v) {
            auto extra = extras_from_py(v, "extra", case_level, c.id().str());
            check_extra_names(extra, case_members, "extra");
            c.extra = std::move(extra);
          })
      .def(
          "record",
          [](child_case& c, py::handle data, py::handle id, py::handle correction, py::handle extra) {
            event_data d = event_from_py(data);
            const bool corr = from_py<bool>(correction, "correction");
            extensions ext = extras_from_py(extra, "extra", case_item_level, c.id().str());
            check_event_extra_names(d, ext);
            if (id.is_none() && !corr && ext.empty()) return c.record(std::move(d));
            event e{.id = id.is_none() ? c.next_event_id() : event_id(from_py<std::string>(id, "id"), "id"),
                    .data = std::move(d),
                    .correction = corr,
                    .extra = std::move(ext)};
            const event_id eid = e.id;
            c.record(std::move(e));
            return *std::find_if(c.history().begin(), c.history().end(), [&](const event& x) { return x.id == eid; });
          },
          "event"_a, py::kw_only(), "id"_a = py::none(), "correction"_a = false, "extra"_a = py::none(),
          "Records an event (strong guarantee: a rejected event leaves the case unchanged). Returns the Event.")
      .def("person_in", [](const child_case& c, py::handle r) -> std::optional<person> {
        const person* p = c.person_in(from_py<role>(r, "role"));
        return p ? std::optional(*p) : std::nullopt;
      }, "role"_a)
      .def("to_json", [](const child_case& c, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(c, indent); }, "indent"_a = 2)
      .def_static("from_json", [](py::handle t) { return case_from_json(text_arg(t, "text")); }, "text"_a)
      .def("__eq__", [](const child_case& a, py::handle b) {
        return py::isinstance<child_case>(b) && a == b.cast<const child_case&>();
      }, py::is_operator())
      // Pickled as its JSON (docs/json.md), which keeps everything: multiprocessing and
      // concurrent.futures send cases to other processes this way.
      .def(py::pickle([](const child_case& c) { return py::make_tuple(to_json(c, -1)); },
                      [](const py::tuple& t) { return case_from_json(t[0].cast<std::string>()); }))
      .def("__copy__", [](const child_case& c) { return c; })
      .def("__deepcopy__", [](const child_case& c, py::handle) { return c; }, "memo"_a)
      .def("__repr__", [](const child_case& c) {
        return "Case('" + c.id().str() + "', kind=" + std::string(to_string(c.kind())) + ", events=" +
               std::to_string(c.history().size()) + ")";
      });

  py::class_<caseload>(m, "Caseload", "A list of cases, as read from and written to JSON.")
      .def(py::init([](py::handle cases) {
             caseload cl;
             cl.cases = from_py<std::vector<child_case>>(cases, "cases");
             for (std::size_t i = 0; i < cl.cases.size(); ++i) {
               for (std::size_t j = 0; j < i; ++j) {
                 if (cl.cases[j].id() == cl.cases[i].id()) {
                   throw invalid_argument_error("case id '" + cl.cases[i].id().str() + "' is used twice",
                                                "cases[" + std::to_string(i) + "].case_id", cl.cases[i].id().str());
                 }
               }
             }
             return cl;
           }),
           "cases"_a = py::tuple())
      .def_property_readonly("cases", [](const caseload& cl) { return py::tuple(py::cast(cl.cases)); })
      .def_property_readonly("extra", [](const caseload& cl) { return extras_to_py(cl.extra); })
      .def("to_json", [](const caseload& cl, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(cl, indent); }, "indent"_a = 2)
      .def_static("from_json", [](py::handle t) { return caseload_from_json(text_arg(t, "text")); }, "text"_a)
      .def("__len__", [](const caseload& cl) { return cl.cases.size(); })
      // A sequence of Case (collections.abc.Sequence): items are copies, as `cases` gives them.
      .def("__getitem__", [](const caseload& cl, py::handle key) -> py::object {
        const auto n = static_cast<py::ssize_t>(cl.cases.size());
        if (py::isinstance<py::slice>(key)) {
          py::ssize_t start = 0, stop = 0, step = 0, length = 0;
          if (PySlice_GetIndicesEx(key.ptr(), n, &start, &stop, &step, &length) != 0) throw py::error_already_set();
          caseload out;
          out.cases.reserve(static_cast<std::size_t>(length));
          for (py::ssize_t k = 0; k < length; ++k) out.cases.push_back(cl.cases[static_cast<std::size_t>(start + k * step)]);
          return py::cast(std::move(out));
        }
        PyObject* index = PyNumber_Index(key.ptr());
        if (!index) {
          PyErr_Clear();
          throw py::type_error("Caseload indices must be integers or slices, not " + type_name(key));
        }
        const py::ssize_t i = PyLong_AsSsize_t(index);
        Py_DECREF(index);
        if (i == -1 && PyErr_Occurred()) {
          PyErr_Clear();
          throw py::index_error("Caseload index out of range");
        }
        const py::ssize_t k = i < 0 ? i + n : i;
        if (k < 0 || k >= n) throw py::index_error("Caseload index out of range");
        return py::cast(cl.cases[static_cast<std::size_t>(k)]);
      }, "key"_a)
      .def("__iter__", [](const caseload& cl) {
        return py::make_iterator<py::return_value_policy::copy>(cl.cases.begin(), cl.cases.end());
      }, py::keep_alive<0, 1>())
      .def("__contains__", [](const caseload& cl, py::handle v) {
        if (!py::isinstance<child_case>(v)) return false;
        const auto& c = v.cast<const child_case&>();
        return std::find(cl.cases.begin(), cl.cases.end(), c) != cl.cases.end();
      }, "value"_a)
      .def("index", [](const caseload& cl, py::handle v, py::ssize_t start, py::ssize_t stop) {
        const auto n = static_cast<py::ssize_t>(cl.cases.size());
        if (start < 0) start = std::max<py::ssize_t>(start + n, 0);
        if (stop < 0) stop += n;
        stop = std::min(stop, n);
        if (py::isinstance<child_case>(v)) {
          const auto& c = v.cast<const child_case&>();
          for (py::ssize_t i = start; i < stop; ++i) {
            if (cl.cases[static_cast<std::size_t>(i)] == c) return i;
          }
        }
        throw py::value_error("the case is not in the caseload");
      }, "value"_a, "start"_a = 0, "stop"_a = PY_SSIZE_T_MAX)
      .def("count", [](const caseload& cl, py::handle v) -> std::size_t {
        if (!py::isinstance<child_case>(v)) return 0;
        const auto& c = v.cast<const child_case&>();
        return static_cast<std::size_t>(std::count(cl.cases.begin(), cl.cases.end(), c));
      }, "value"_a)
      .def("__eq__", [](const caseload& a, py::handle b) { return py::isinstance<caseload>(b) && a == b.cast<const caseload&>(); },
           py::is_operator())
      .def(py::pickle([](const caseload& cl) { return py::make_tuple(to_json(cl, -1)); },
                      [](const py::tuple& t) { return caseload_from_json(t[0].cast<std::string>()); }))
      .def("__copy__", [](const caseload& cl) { return cl; })
      .def("__deepcopy__", [](const caseload& cl, py::handle) { return cl; }, "memo"_a)
      .def("__repr__", [](const caseload& cl) { return "Caseload(cases=" + std::to_string(cl.cases.size()) + ")"; });
  m.def("load_caseload", [](py::handle p) { return load_caseload(path_arg(p, "path")); }, "path"_a, "Reads a caseload JSON file (docs/json.md).");
}

}  // namespace midway::python
