#include <midway/json.hpp>

#include <midway/checklist.hpp>
#include <midway/detail/blank.hpp>
#include <midway/detail/io.hpp>
#include <midway/holidays.hpp>
#include <midway/meeting.hpp>
#include <midway/signs_of_safety.hpp>

#include "json_checked.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <type_traits>

namespace midway {

namespace {

using json = nlohmann::ordered_json;

// Where a value sits: its JSON path and the case it belongs to.
struct at {
  std::string path;
  std::string record_id;
  at operator/(std::string_view key) const { return {path + "." + std::string(key), record_id}; }
  at operator[](std::size_t i) const { return {path + "[" + std::to_string(i) + "]", record_id}; }
};

[[noreturn]] void wrong_type(const json& j, std::string_view expected, const at& where) {
  throw parse_error("expected " + std::string(expected) + ", found " + std::string(j.type_name()), where.path, where.record_id);
}

// ---- enum names -------------------------------------------------------------------------
template <class E> struct enum_io;
#define MIDWAY_ENUM_IO(E, from)                                                              \
  template <> struct enum_io<E> {                                                            \
    static E parse(std::string_view t, const at& w) {                                        \
      try {                                                                                  \
        return from(t, w.path);                                                              \
      } catch (error& e) {                                                                   \
        e.set_record_id(w.record_id);                                                        \
        throw;                                                                               \
      }                                                                                      \
    }                                                                                        \
  }
MIDWAY_ENUM_IO(role, role_from_string);
MIDWAY_ENUM_IO(midway_outcome, midway_outcome_from_string);
MIDWAY_ENUM_IO(plan_end_reason, plan_end_reason_from_string);
MIDWAY_ENUM_IO(case_kind, case_kind_from_string);
MIDWAY_ENUM_IO(recommendation_status, recommendation_status_from_string);
MIDWAY_ENUM_IO(period_unit, period_unit_from_string);
MIDWAY_ENUM_IO(month_basis, month_basis_from_string);
MIDWAY_ENUM_IO(non_working_due, non_working_due_from_string);
MIDWAY_ENUM_IO(midway_rule, midway_rule_from_string);
MIDWAY_ENUM_IO(day_count, day_count_from_string);
MIDWAY_ENUM_IO(sos_context, sos_context_from_string);
MIDWAY_ENUM_IO(sos_heading, sos_heading_from_string);
MIDWAY_ENUM_IO(meeting_status, meeting_status_from_string);
MIDWAY_ENUM_IO(attendance, attendance_from_string);
MIDWAY_ENUM_IO(change_area, change_area_from_string);
MIDWAY_ENUM_IO(progress, progress_from_string);
MIDWAY_ENUM_IO(answer, answer_from_string);
#undef MIDWAY_ENUM_IO

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_strong_id : std::false_type {};
template <class Tag> struct is_strong_id<strong_id<Tag>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> concept record_type = requires { T::fields(); };

template <class T> T read_record(const json& j, const at& w);
template <class T> json write_record(const T& x);

// ---- values -----------------------------------------------------------------------------
template <class T>
T read_value(const json& j, const at& w) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) wrong_type(j, "true or false", w);
    return j.get<bool>();
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    if (!j.is_number_integer()) wrong_type(j, "a whole number", w);
    const auto v = j.get<std::int64_t>();
    if (v < -100000 || v > 100000) throw out_of_range_error("the number " + std::to_string(v) + " is out of range", w.path, w.record_id);
    return static_cast<std::int32_t>(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) wrong_type(j, "a string", w);
    return j.get<std::string>();
  } else if constexpr (std::is_same_v<T, date>) {
    if (!j.is_string()) wrong_type(j, "a date string (YYYY-MM-DD)", w);
    return date::from_iso(j.get_ref<const std::string&>(), w.path, w.record_id);
  } else if constexpr (is_strong_id<T>::value) {
    if (!j.is_string()) wrong_type(j, "an id string", w);
    try {
      return T(j.get<std::string>(), w.path);
    } catch (error& e) {
      e.set_record_id(w.record_id);
      throw;
    }
  } else if constexpr (std::is_enum_v<T>) {
    if (!j.is_string()) wrong_type(j, "a string", w);
    return enum_io<T>::parse(j.get_ref<const std::string&>(), w);
  } else if constexpr (std::is_same_v<T, period>) {
    if (!j.is_object()) wrong_type(j, "an object {\"count\": n, \"unit\": ...}", w);
    for (const auto& [k, v] : j.items()) {
      if (k != "count" && k != "unit") throw parse_error("unknown member '" + k + "' in a period", (w / k).path, w.record_id);
    }
    if (!j.contains("count") || !j.contains("unit")) throw parse_error("a period needs \"count\" and \"unit\"", w.path, w.record_id);
    const at count_at = w / "count";
    try {
      return checked_period(read_value<std::int32_t>(j.at("count"), count_at), read_value<period_unit>(j.at("unit"), w / "unit"),
                            count_at.path);
    } catch (error& e) {
      e.set_record_id(w.record_id);
      throw;
    }
  } else if constexpr (is_optional<T>::value) {
    if (j.is_null()) return std::nullopt;
    return read_value<typename T::value_type>(j, w);
  } else if constexpr (is_vector<T>::value) {
    if (!j.is_array()) wrong_type(j, "an array", w);
    T out;
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) out.push_back(read_value<typename T::value_type>(j[i], w[i]));
    return out;
  } else if constexpr (record_type<T>) {
    return read_record<T>(j, w);
  } else {
    static_assert(sizeof(T) == 0, "no JSON reader for this type");
  }
}

template <class T>
json write_value(const T& v) {
  if constexpr (std::is_same_v<T, date>) {
    return v.to_iso();
  } else if constexpr (is_strong_id<T>::value) {
    return v.str();
  } else if constexpr (std::is_enum_v<T>) {
    return std::string(to_string(v));
  } else if constexpr (std::is_same_v<T, period>) {
    return json{{"count", v.count}, {"unit", std::string(to_string(v.unit))}};
  } else if constexpr (is_optional<T>::value) {
    return v ? write_value(*v) : json(nullptr);
  } else if constexpr (is_vector<T>::value) {
    json a = json::array();
    for (const auto& x : v) a.push_back(write_value(x));
    return a;
  } else if constexpr (record_type<T>) {
    return write_record(v);
  } else {
    return json(v);
  }
}

// ---- records ----------------------------------------------------------------------------
const json& object_at(const json& j, const at& w) {
  if (!j.is_object()) wrong_type(j, "an object", w);
  return j;
}

const json& required(const json& j, std::string_view key, const at& w) {
  auto it = j.find(key);
  if (it == j.end()) throw parse_error("missing member '" + std::string(key) + "'", (w / key).path, w.record_id);
  return *it;
}

// Members of `j` not in `known`, kept verbatim.
extensions extras_of(const json& j, const std::set<std::string, std::less<>>& known) {
  extensions out;
  for (const auto& [k, v] : j.items()) {
    if (!known.contains(k)) out[k] = v.dump();
  }
  return out;
}

void write_extras(json& j, const extensions& extra) {
  for (const auto& [k, raw] : extra) {
    if (j.contains(k)) {
      throw invalid_argument_error("extension member '" + k.substr(0, 60) + "' has the name of a member midway writes",
                                   "extra['" + k.substr(0, 60) + "']");
    }
    try {
      j[k] = detail::parse_checked<json>(raw);
    } catch (const parse_error&) {
      throw invalid_argument_error("extension member '" + k.substr(0, 60) + "' is nested more than " +
                                       std::to_string(detail::json_max_depth) + " levels deep or repeats a member name",
                                   "extra['" + k.substr(0, 60) + "']");
    } catch (const json::exception&) {
      throw invalid_argument_error("extension member '" + k.substr(0, 60) + "' does not hold JSON text",
                                   "extra['" + k.substr(0, 60) + "']");
    }
  }
}

// Reads the fields of `T` (other than those in `skip`) present in `j` into `x`.
template <class T>
void read_fields(const json& j, T& x, const at& w, std::set<std::string, std::less<>>& known,
                 std::initializer_list<std::string_view> skip = {}) {
  detail::for_each_field<T>([&](const auto& f) {
    known.insert(std::string(f.name));
    if (std::find(skip.begin(), skip.end(), f.name) != skip.end()) return;
    if (auto it = j.find(f.name); it != j.end()) {
      using M = typename std::decay_t<decltype(f)>::member_type;
      x.*(f.member) = read_value<M>(*it, w / f.name);
    }
  });
}

template <class T>
void write_fields(json& j, const T& x) {
  detail::for_each_field<T>([&](const auto& f) { j[std::string(f.name)] = write_value(x.*(f.member)); });
}

// A record with a field table: an object whose members are its fields. A field of type
// `extensions` takes the members the table does not name; a record without one refuses them.
// Date fields are required; the rest default as in C++.
template <class T>
T read_record(const json& j, const at& w) {
  object_at(j, w);
  T x = detail::blank<T>();
  std::set<std::string, std::less<>> known;
  extensions T::*extra = nullptr;
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    if constexpr (std::is_same_v<M, extensions>) {
      extra = f.member;
    } else {
      known.insert(std::string(f.name));
      if (auto it = j.find(f.name); it != j.end()) {
        x.*(f.member) = read_value<M>(*it, w / f.name);
      } else if constexpr (detail::required_field<M>) {
        throw parse_error("missing member '" + std::string(f.name) + "'", (w / f.name).path, w.record_id);
      }
    }
  });
  if (extra) {
    x.*extra = extras_of(j, known);
  } else {
    for (const auto& [k, v] : j.items()) {
      if (!known.contains(k)) throw parse_error("unknown member '" + k.substr(0, 60) + "'", (w / k).path, w.record_id);
    }
  }
  return x;
}

template <class T>
json write_record(const T& x) {
  json j = json::object();
  detail::for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    if constexpr (std::is_same_v<M, extensions>) {
      write_extras(j, x.*(f.member));
    } else {
      j[std::string(f.name)] = write_value(x.*(f.member));
    }
  });
  return j;
}

template <std::size_t I = 0>
event_data make_event(std::string_view type, date d, const json& j, const at& w, std::set<std::string, std::less<>>& known) {
  if constexpr (I == std::variant_size_v<event_data>) {
    std::string names;
    std::apply([&](auto... k) { ((names += (names.empty() ? "" : ", ") + std::string(k)), ...); },
               [] {
                 return []<std::size_t... N>(std::index_sequence<N...>) {
                   return std::tuple{std::variant_alternative_t<N, event_data>::kind...};
                 }(std::make_index_sequence<std::variant_size_v<event_data>>{});
               }());
    throw unknown_code_error("'" + std::string(type.substr(0, 40)) + "' is not an event type; expected one of: " + names,
                             (w / "type").path, w.record_id);
  } else {
    using T = std::variant_alternative_t<I, event_data>;
    if (type != T::kind) return make_event<I + 1>(type, d, j, w, known);
    T x{d};
    read_fields(j, x, w, known, {"date"});
    return x;
  }
}

event read_event(const json& j, const at& w, std::size_t index) {
  object_at(j, w);
  std::set<std::string, std::less<>> known{"id", "type", "correction"};
  const std::string type = read_value<std::string>(required(j, "type", w), w / "type");
  const date d = read_value<date>(required(j, "date", w), w / "date");
  event_data data = make_event(type, d, j, w, known);
  event e{.id = j.contains("id") ? read_value<event_id>(j.at("id"), w / "id") : event_id("e" + std::to_string(index + 1)),  // by position
          .data = std::move(data),
          .correction = j.contains("correction") ? read_value<bool>(j.at("correction"), w / "correction") : false,
          .extra = {}};
  e.extra = extras_of(j, known);
  return e;
}

json write_event(const event& e) {
  json j;
  j["id"] = e.id.str();
  j["type"] = std::string(e.kind());
  std::visit([&](const auto& x) { write_fields(j, x); }, e.data);
  if (e.correction) j["correction"] = true;
  write_extras(j, e.extra);
  return j;
}

person read_person(const json& j, const at& w) {
  object_at(j, w);
  person p{.id = read_value<person_id>(required(j, "id", w), w / "id"),
           .role = read_value<role>(required(j, "role", w), w / "role"),
           .name = j.contains("name") ? read_value<std::string>(j.at("name"), w / "name") : std::string{},
           .extra = {}};
  p.extra = extras_of(j, {"id", "role", "name"});
  return p;
}

json write_person(const person& p) {
  json j{{"id", p.id.str()}, {"role", std::string(to_string(p.role))}};
  if (!p.name.empty()) j["name"] = p.name;
  write_extras(j, p.extra);
  return j;
}

recommendation read_recommendation(const json& j, const at& w) {
  object_at(j, w);
  const std::set<std::string, std::less<>> known{"id", "text", "owner", "made_on", "due", "status", "done_on", "urgent"};
  recommendation r{.id = read_value<recommendation_id>(required(j, "id", w), w / "id"),
                   .text = j.contains("text") ? read_value<std::string>(j.at("text"), w / "text") : std::string{},
                   .owner = j.contains("owner") ? read_value<role>(j.at("owner"), w / "owner") : role::social_worker,
                   .made_on = j.contains("made_on") ? read_value<std::optional<date>>(j.at("made_on"), w / "made_on") : std::nullopt,
                   .due = j.contains("due") ? read_value<std::optional<date>>(j.at("due"), w / "due") : std::nullopt,
                   .status = j.contains("status") ? read_value<recommendation_status>(j.at("status"), w / "status")
                                                  : recommendation_status::open,
                   .done_on = j.contains("done_on") ? read_value<std::optional<date>>(j.at("done_on"), w / "done_on") : std::nullopt,
                   .urgent = j.contains("urgent") ? read_value<bool>(j.at("urgent"), w / "urgent") : false,
                   .extra = {}};
  r.extra = extras_of(j, known);
  return r;
}

json write_recommendation(const recommendation& r) {
  json j{{"id", r.id.str()}, {"text", r.text}, {"owner", std::string(to_string(r.owner))},
         {"made_on", write_value(r.made_on)}, {"due", write_value(r.due)}, {"status", std::string(to_string(r.status))},
         {"done_on", write_value(r.done_on)}, {"urgent", r.urgent}};
  write_extras(j, r.extra);
  return j;
}

void check_schema(const json& j, std::string_view schema, const at& w, bool required_here) {
  if (auto it = j.find("schema"); it != j.end()) {
    if (!it->is_string() || it->get<std::string>() != schema) {
      throw parse_error("expected schema '" + std::string(schema) + "'", (w / "schema").path, w.record_id);
    }
  } else if (required_here) {
    throw parse_error("missing member 'schema' (expected '" + std::string(schema) + "')", w.path, w.record_id);
  }
  if (auto it = j.find("version"); it != j.end()) {
    const auto v = read_value<std::int32_t>(*it, w / "version");
    if (v < 1 || v > json_schema_version) {
      throw parse_error("unsupported version " + std::to_string(v) + " (this release reads 1.." +
                            std::to_string(json_schema_version) + ")",
                        (w / "version").path, w.record_id);
    }
  } else if (required_here) {
    throw parse_error("missing member 'version'", w.path, w.record_id);
  }
}

child_case read_case(const json& j, at w, bool top_level) {
  object_at(j, w);
  check_schema(j, "midway.case", w, top_level);
  const auto id = read_value<case_id>(required(j, "case_id", w), w / "case_id");
  w.record_id = id.str();
  const std::set<std::string, std::less<>> known{"schema", "version", "case_id", "child_id", "kind", "opened",
                                                 "partial_history", "short_breaks", "personal", "people", "plan",
                                                 "events", "midway_reviews", "signs_of_safety_records", "cpa_checklists"};
  child_case c(id, read_value<child_id>(required(j, "child_id", w), w / "child_id"),
               read_value<case_kind>(required(j, "kind", w), w / "kind"),
               j.contains("opened") ? read_value<std::optional<date>>(j.at("opened"), w / "opened") : std::nullopt,
               j.contains("partial_history") ? read_value<bool>(j.at("partial_history"), w / "partial_history") : false);
  if (j.contains("short_breaks")) c.short_breaks = read_value<bool>(j.at("short_breaks"), w / "short_breaks");
  // Set on the case once its history is read (check_date_of_birth below).
  std::optional<personal_details> personal;
  if (auto it = j.find("personal"); it != j.end() && !it->is_null()) {
    const at pw = w / "personal";
    object_at(*it, pw);
    personal = personal_details{
        .name = it->contains("name") ? read_value<std::string>(it->at("name"), pw / "name") : std::string{},
        .date_of_birth = std::nullopt};
    if (it->contains("date_of_birth")) {
      try {
        personal->date_of_birth = read_value<std::optional<date>>(it->at("date_of_birth"), pw / "date_of_birth");
      } catch (const error& e) {
        // The date parser quotes what it read; a date of birth is personal data, so only the kind of fault is kept.
        throw_error(e.code(), "the date of birth is not a valid date (YYYY-MM-DD)", e.field(), e.record_id());
      }
    }
  }
  auto array_at = [&](std::string_view key) -> const json* {
    auto it = j.find(key);
    if (it == j.end()) return nullptr;
    if (!it->is_array()) wrong_type(*it, "an array", w / key);
    return &*it;
  };
  if (const json* people = array_at("people")) {
    for (std::size_t i = 0; i < people->size(); ++i) c.people.push_back(read_person((*people)[i], (w / "people")[i]));
  }
  if (const json* plan = array_at("plan")) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < plan->size(); ++i) {
      c.plan.push_back(read_recommendation((*plan)[i], (w / "plan")[i]));
      if (!ids.insert(c.plan.back().id.str()).second) {
        throw invalid_argument_error("recommendation id '" + c.plan.back().id.str() + "' is used twice",
                                     ((w / "plan")[i] / "id").path, w.record_id);
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> event_paths;  // (event id, JSON path)
  if (const json* events = array_at("events")) {
    for (std::size_t i = 0; i < events->size(); ++i) {
      const at ew = (w / "events")[i];
      event e = read_event((*events)[i], ew, i);
      event_paths.emplace_back(e.id.str(), ew.path);
      const std::string prefix = "events['" + e.id.str() + "']";
      try {
        c.record(std::move(e));
      } catch (const error& err) {
        // Re-target the case's own path at the JSON path of the event.
        std::string field = err.field();
        if (field.rfind(prefix, 0) == 0) field = ew.path + field.substr(prefix.size());
        throw_error(err.code(), err.message(), field, w.record_id);
      }
    }
  }
  // The date of birth against the whole history (one rule: case.hpp check_date_of_birth), once
  // the history is complete, since a pre-birth conference may come later in the file.
  c.personal = std::move(personal);
  try {
    check_date_of_birth(c);
  } catch (const error& err) {
    std::string field = err.field();
    for (const auto& [event_id_text, path] : event_paths) {
      const std::string prefix = "events['" + event_id_text + "']";
      if (field.rfind(prefix, 0) == 0) {
        field = path + field.substr(prefix.size());
        break;
      }
    }
    if (field.rfind("personal", 0) == 0) field = (w / "personal").path + field.substr(std::string_view("personal").size());
    throw_error(err.code(), err.message(), field, w.record_id);
  }
  // Records beside the history, checked against it once it is complete.
  if (const json* records = array_at("signs_of_safety_records")) {
    for (std::size_t i = 0; i < records->size(); ++i) {
      const at rw = (w / "signs_of_safety_records")[i];
      signs_of_safety s = read_record<signs_of_safety>((*records)[i], rw);
      try {
        add_signs_of_safety(c, std::move(s));
      } catch (const error& err) {
        std::string field = err.field();
        const std::string prefix = "signs_of_safety_records[" + std::to_string(i) + "]";
        if (field.rfind(prefix, 0) == 0) field = rw.path + field.substr(prefix.size());
        throw_error(err.code(), err.message(), field, w.record_id);
      }
    }
  }
  if (const json* records = array_at("midway_reviews")) {
    for (std::size_t i = 0; i < records->size(); ++i) {
      const at rw = (w / "midway_reviews")[i];
      midway_review_record r = read_record<midway_review_record>((*records)[i], rw);
      if (find_midway_review(c, r.id)) {
        throw invalid_argument_error("midway review id '" + r.id.str() + "' is used twice", (rw / "id").path, w.record_id);
      }
      const std::string prefix = "midway_reviews['" + r.id.str() + "']";
      c.midway_reviews.push_back(std::move(r));
      try {
        validate(c, c.midway_reviews.back());
      } catch (const error& err) {
        std::string field = err.field();
        if (field.rfind(prefix, 0) == 0) field = rw.path + field.substr(prefix.size());
        throw_error(err.code(), err.message(), field, w.record_id);
      }
    }
  }
  if (const json* records = array_at("cpa_checklists")) {
    for (std::size_t i = 0; i < records->size(); ++i) {
      const at rw = (w / "cpa_checklists")[i];
      cpa_checklist k = read_record<cpa_checklist>((*records)[i], rw);
      const std::string prefix = "cpa_checklists['" + k.id.str() + "']";
      try {
        record_cpa_checklist(c, std::move(k));
      } catch (const error& err) {
        std::string field = err.field();
        if (field.rfind(prefix, 0) == 0) field = rw.path + field.substr(prefix.size());
        throw_error(err.code(), err.message(), field, w.record_id);
      }
    }
  }
  c.extra = extras_of(j, known);
  return c;
}

json write_case(const child_case& c, bool top_level) {
  json j;
  if (top_level) {
    j["schema"] = "midway.case";
    j["version"] = json_schema_version;
  }
  j["case_id"] = c.id().str();
  j["child_id"] = c.child().str();
  j["kind"] = std::string(to_string(c.kind()));
  if (c.opened()) j["opened"] = c.opened()->to_iso();
  if (c.partial_history()) j["partial_history"] = true;
  if (c.short_breaks) j["short_breaks"] = true;
  if (c.personal) {
    j["personal"] = json{{"name", c.personal->name}, {"date_of_birth", write_value(c.personal->date_of_birth)}};
  }
  j["people"] = json::array();
  for (const auto& p : c.people) j["people"].push_back(write_person(p));
  j["plan"] = json::array();
  for (const auto& r : c.plan) j["plan"].push_back(write_recommendation(r));
  j["events"] = json::array();
  for (const auto& e : c.history()) j["events"].push_back(write_event(e));
  if (!c.midway_reviews.empty()) j["midway_reviews"] = write_value(c.midway_reviews);
  if (!c.signs_of_safety_records.empty()) j["signs_of_safety_records"] = write_value(c.signs_of_safety_records);
  if (!c.cpa_checklists.empty()) j["cpa_checklists"] = write_value(c.cpa_checklists);
  write_extras(j, c.extra);
  return j;
}

json parse_text(std::string_view text, std::string_view what) {
  try {
    return detail::parse_checked<json>(text);
  } catch (const json::parse_error& e) {
    throw parse_error("malformed JSON at byte " + std::to_string(e.byte) + " of the " + std::string(what), "$");
  } catch (const json::exception&) {
    throw parse_error("malformed JSON in the " + std::string(what) + " (a number out of range?)", "$");
  }
}

// Invalid UTF-8 in a string (read from a CSV, say) is written as U+FFFD rather than failing.
std::string dump(const json& j, int indent) {
  return j.dump(indent < 0 ? -1 : indent, ' ', false, json::error_handler_t::replace) + (indent < 0 ? "" : "\n");
}

json write_item(const due_item& i) {
  json ids = json::array();
  for (const auto& id : i.from) ids.push_back(id.str());
  return json{{"kind", std::string(to_string(i.kind))}, {"due", write_value(i.due)},
              {"status", std::string(to_string(i.status))}, {"from", ids}, {"explanation", i.explanation}};
}

}  // namespace

std::string canonical_json(std::string_view text) { return parse_text(text, "value").dump(); }

// Writes case `c`, naming it in any error.
static json write_case_checked(const child_case& c, bool top_level) {
  try {
    return write_case(c, top_level);
  } catch (error& e) {
    e.set_record_id(c.id().str());
    throw;
  }
}

std::string to_json(const child_case& c, int indent) { return dump(write_case_checked(c, true), indent); }

child_case case_from_json(std::string_view text) { return read_case(parse_text(text, "case"), at{"$", ""}, true); }

std::string to_json(const caseload& cl, int indent) {
  json j{{"schema", "midway.caseload"}, {"version", json_schema_version}, {"cases", json::array()}};
  for (const auto& c : cl.cases) j["cases"].push_back(write_case_checked(c, false));
  write_extras(j, cl.extra);
  return dump(j, indent);
}

// The document in `text` as a JSON object of `schema`.
static json open_document(std::string_view text, std::string_view what, std::string_view schema, bool schema_required) {
  json j = parse_text(text, what);
  const at w{"$", ""};
  object_at(j, w);
  check_schema(j, schema, w, schema_required);
  return j;
}

caseload caseload_from_json(std::string_view text) {
  const json j = open_document(text, "caseload", "midway.caseload", true);
  const at w{"$", ""};
  const json& cases = required(j, "cases", w);
  if (!cases.is_array()) wrong_type(cases, "an array", w / "cases");
  caseload cl;
  cl.cases.reserve(cases.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    cl.cases.push_back(read_case(cases[i], (w / "cases")[i], false));
    if (!ids.insert(cl.cases.back().id().str()).second) {
      throw invalid_argument_error("case id '" + cl.cases.back().id().str() + "' is used twice",
                                   ((w / "cases")[i] / "case_id").path, cl.cases.back().id().str());
    }
  }
  cl.extra = extras_of(j, {"schema", "version", "cases"});
  return cl;
}

caseload load_caseload(const std::filesystem::path& path) {
  return caseload_from_json(detail::read_text_file(path, "the caseload file"));
}

std::string to_json(const policy& p, int indent) {
  json j{{"schema", "midway.policy"}, {"version", json_schema_version}};
  write_fields(j, p);
  return dump(j, indent);
}

policy policy_from_json(std::string_view text) {
  const json j = open_document(text, "policy", "midway.policy", false);
  const at w{"$", ""};
  policy p = j.contains("preset") ? policy::preset(read_value<std::string>(j.at("preset"), w / "preset"), "$.preset")
                                  : policy::england();
  std::set<std::string, std::less<>> known{"schema", "version", "preset"};
  read_fields(j, p, w, known);
  for (const auto& [k, v] : j.items()) {
    if (!known.contains(k)) {
      throw unknown_code_error("'" + k.substr(0, 60) + "' is not a policy setting (docs/schedule.md lists them)", (w / k).path);
    }
  }
  return p;
}

std::string to_json(const case_schedule& s, int indent) {
  json j{{"schema", "midway.schedule"}, {"version", json_schema_version}, {"case_id", s.case_id.str()},
         {"kind", std::string(to_string(s.kind))}, {"as_of", s.as_of.to_iso()}};
  j["next_review"] = write_item(s.next_review);
  j["midway_review"] = write_item(s.midway_review);
  j["next_visit"] = write_item(s.next_visit);
  j["next_core_group"] = write_item(s.next_core_group);
  j["history"] = json::array();
  for (const auto& g : s.history) {
    json ids = json::array();
    for (const auto& id : g.events) ids.push_back(id.str());
    j["history"].push_back(json{{"kind", std::string(to_string(g.kind))}, {"from", g.from.to_iso()}, {"to", g.to.to_iso()},
                                {"limit", g.limit.to_iso()}, {"length", g.length},
                                {"unit", std::string(to_string(g.unit))}, {"kept", g.kept}, {"open", g.open},
                                {"events", ids}, {"explanation", g.explanation}});
  }
  return dump(j, indent);
}

}  // namespace midway
