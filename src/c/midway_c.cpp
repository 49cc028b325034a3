// libmidway_c: the C API of include/midway/c/midway.h over the C++ library.
//
// Each entry point runs its body through `guarded`, which turns every exception into a
// midway_status and a filled midway_error: no exception leaves this file. The outputs are the
// library's own renderings (to_json, note::render), the same functions the CLI prints.
#include <midway/c/midway.h>

#include <midway/arrow.hpp>
#include <midway/bulk.hpp>

#include <midway/checklist.hpp>
#include <midway/drift.hpp>
#include <midway/json.hpp>
#include <midway/meeting.hpp>
#include <midway/version.hpp>
#include <midway/worklist.hpp>

#include "../json_checked.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct midway_calendar {
  midway::calendar cal;
};

struct midway_policy {
  midway::policy pol;
};

namespace {

using midway::date;

// Copies `s` into `dst` (capacity `cap`, NUL-terminated), cut at a UTF-8 character boundary.
template <std::size_t N>
void copy_text(char (&dst)[N], std::string_view s) noexcept {
  std::size_t n = s.size() < N - 1 ? s.size() : N - 1;
  if (n < s.size()) {
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
  }
  if (n > 0) std::memcpy(dst, s.data(), n);  // an empty view may have no data()
  dst[n] = '\0';
}

midway_status fail(midway_error* err, midway_status code, std::string_view message, std::string_view field = {},
                   std::string_view record = {}) noexcept {
  if (err) {
    err->code = code;
    copy_text(err->message, message);
    copy_text(err->field, field);
    copy_text(err->record_id, record);
  }
  return code;
}

midway_status status_of(midway::error_code c) noexcept {
  switch (c) {
    case midway::error_code::invalid_date: return MIDWAY_INVALID_DATE;
    case midway::error_code::out_of_range: return MIDWAY_OUT_OF_RANGE;
    case midway::error_code::unknown_code: return MIDWAY_UNKNOWN_CODE;
    case midway::error_code::parse_error: return MIDWAY_PARSE_ERROR;
    case midway::error_code::invalid_argument: return MIDWAY_INVALID_ARGUMENT;
    case midway::error_code::rule_violation: return MIDWAY_RULE_VIOLATION;
    case midway::error_code::not_found: return MIDWAY_NOT_FOUND;
  }
  return MIDWAY_INTERNAL_ERROR;
}

// Runs `body`, clearing *err first; every exception becomes a status. Messages of exceptions
// that are not midway::error are not passed on: they could quote input.
template <class F>
midway_status guarded(midway_error* err, F&& body) noexcept {
  if (err) fail(err, MIDWAY_OK, {});
  try {
    body();
    return MIDWAY_OK;
  } catch (const midway::error& e) {
    return fail(err, status_of(e.code()), e.message(), e.field(), e.record_id());
  } catch (const std::bad_alloc&) {
    return fail(err, MIDWAY_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception&) {
    return fail(err, MIDWAY_INTERNAL_ERROR, "internal error: an unexpected C++ exception in midway");
  } catch (...) {
    return fail(err, MIDWAY_INTERNAL_ERROR, "internal error: an unexpected exception in midway");
  }
}

const char* required(const char* text, const char* name) {
  if (!text) throw midway::invalid_argument_error("NULL where text is required", name);
  return text;
}

// The caller's copy of `s`, for midway_free (malloc'd, NUL-terminated).
void give(const std::string& s, char** out) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size() + 1);
  *out = p;
}

// Checks `out`, sets *out to NULL, runs `body` (which returns the output) and hands it over.
template <class F>
midway_status produce(char** out, midway_error* err, F&& body) noexcept {
  if (!out) return fail(err, MIDWAY_INVALID_ARGUMENT, "NULL where a place for the output is required", "out_json");
  *out = nullptr;
  return guarded(err, [&] { give(body(), out); });
}

// ---- options_json (midway.h) ----

struct options {
  midway::policy pol = midway::policy::england();
  midway::division div = midway::division::england_and_wales;
  std::vector<midway::closure> closures;
  std::int32_t horizon_days = midway::worklist_options{}.horizon_days;
};

// An error from parsing the policy object is re-targeted from "$..." to "options.policy...".
[[noreturn]] void retarget(const midway::error& e, std::string_view at) {
  std::string field = e.field();
  if (field.starts_with("$")) field = std::string(at) + field.substr(1);
  else field = std::string(at) + (field.empty() ? "" : "." + field);
  midway::throw_error(e.code(), e.message(), field, e.record_id());
}

options parse_options(const char* text) {
  options o;
  if (!text) return o;
  using json = nlohmann::json;
  json j;
  try {
    j = midway::detail::parse_checked<json>(text);
  } catch (const midway::error& e) {
    retarget(e, "options");  // nesting too deep or a member named twice: "$.policy" -> "options.policy"
  } catch (const json::parse_error& e) {
    throw midway::parse_error("malformed JSON at byte " + std::to_string(e.byte) + " of the options", "options");
  } catch (const json::exception&) {
    throw midway::parse_error("malformed JSON in the options", "options");
  }
  if (j.is_null()) return o;
  if (!j.is_object()) throw midway::parse_error("the options must be a JSON object", "options");
  for (const auto& [key, value] : j.items()) {
    const std::string at = "options." + key.substr(0, 60);
    if (key == "policy") {
      if (value.is_string()) {
        o.pol = midway::policy::preset(value.get<std::string>(), at);
      } else if (value.is_object()) {
        try {
          o.pol = midway::policy_from_json(value.dump());
        } catch (const midway::error& e) {
          retarget(e, at);
        }
      } else {
        throw midway::parse_error("expected a preset name or a policy object", at);
      }
    } else if (key == "division") {
      if (!value.is_string()) throw midway::parse_error("expected a division name", at);
      o.div = midway::division_from_string(value.get<std::string>(), at);
    } else if (key == "closures") {
      if (!value.is_array()) throw midway::parse_error("expected an array of dates", at);
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string where = at + "[" + std::to_string(i) + "]";
        if (!value[i].is_string()) throw midway::parse_error("expected a date string (YYYY-MM-DD)", where);
        o.closures.emplace_back(date::from_iso(value[i].get<std::string>(), where));
      }
    } else if (key == "horizon_days") {
      if (!value.is_number_integer()) throw midway::parse_error("expected a whole number of days", at);
      const auto days = value.get<std::int64_t>();
      if (days < 0 || days > 3660) throw midway::out_of_range_error("the horizon must be 0..3660 days", at);
      o.horizon_days = static_cast<std::int32_t>(days);
    } else {
      throw midway::parse_error("unknown member '" + key.substr(0, 60) + "'", at);
    }
  }
  return o;
}

midway::calendar calendar_of(const options& o) {
  try {
    return midway::calendar(o.div, o.closures);
  } catch (const midway::error& e) {
    retarget(e, "options");  // "closures[2]" -> "options.closures[2]"
  }
}

const midway::calendar& cal_arg(const midway_calendar* cal) {
  if (!cal) throw midway::invalid_argument_error("NULL where a calendar handle is required", "cal");
  return cal->cal;
}

const midway::policy& pol_arg(const midway_policy* pol) {
  if (!pol) throw midway::invalid_argument_error("NULL where a policy handle is required", "pol");
  return pol->pol;
}

date as_of_arg(const char* as_of_iso) { return date::from_iso(required(as_of_iso, "as_of"), "as_of"); }

// ---- the operations, each once: the by-value and handle forms both call these ----

std::string schedule_text(const midway::calendar& cal, const midway::policy& pol, const char* case_json,
                          const char* as_of_iso) {
  const date as_of = as_of_arg(as_of_iso);
  const midway::child_case c = midway::case_from_json(required(case_json, "case_json"));
  return midway::to_json(midway::schedule(c, as_of, pol, cal));
}

std::string worklist_text(const midway::calendar& cal, const midway::policy& pol, const char* caseload_json,
                          const char* as_of_iso, std::int32_t horizon_days) {
  const date as_of = as_of_arg(as_of_iso);
  const midway::caseload cl = midway::caseload_from_json(required(caseload_json, "caseload_json"));
  return midway::to_json(midway::make_worklist(cl, as_of, pol, cal, midway::worklist_options{.horizon_days = horizon_days}));
}

std::string drift_text(const midway::calendar& cal, const midway::policy& pol, const char* caseload_json,
                       const char* as_of_iso) {
  const date as_of = as_of_arg(as_of_iso);
  const midway::caseload cl = midway::caseload_from_json(required(caseload_json, "caseload_json"));
  return midway::to_json(midway::drift_report_for(cl, as_of, pol, cal));
}

std::string checklist_text(const midway::calendar& cal, const midway::policy& pol, const char* case_json,
                           const char* as_of_iso) {
  const date as_of = as_of_arg(as_of_iso);
  const midway::child_case c = midway::case_from_json(required(case_json, "case_json"));
  return midway::cpa_proposal_note(c, as_of, pol, cal).render(midway::note_format::json);
}

template <class T, class F>
T* make_handle(midway_error* err, F&& build) noexcept {
  T* out = nullptr;
  guarded(err, [&] { out = new T{build()}; });
  return out;
}

}  // namespace

extern "C" {

const char* midway_version(void) { return MIDWAY_VERSION_STRING; }

const char* midway_status_name(int32_t status) {
  switch (status) {
    case MIDWAY_OK: return "ok";
    case MIDWAY_INVALID_DATE: return "invalid_date";
    case MIDWAY_OUT_OF_RANGE: return "out_of_range";
    case MIDWAY_UNKNOWN_CODE: return "unknown_code";
    case MIDWAY_PARSE_ERROR: return "parse_error";
    case MIDWAY_INVALID_ARGUMENT: return "invalid_argument";
    case MIDWAY_RULE_VIOLATION: return "rule_violation";
    case MIDWAY_NOT_FOUND: return "not_found";
    case MIDWAY_OUT_OF_MEMORY: return "out_of_memory";
    case MIDWAY_INTERNAL_ERROR: return "internal_error";
    default: return "unknown";
  }
}

void midway_free(void* p) { std::free(p); }

midway_status midway_schedule_json(const char* case_json, const char* as_of_iso, const char* options_json,
                                   char** out_json, midway_error* err) {
  return produce(out_json, err, [&] {
    const options o = parse_options(options_json);
    return schedule_text(calendar_of(o), o.pol, case_json, as_of_iso);
  });
}

midway_status midway_worklist_json(const char* caseload_json, const char* as_of_iso, const char* options_json,
                                   char** out_json, midway_error* err) {
  return produce(out_json, err, [&] {
    const options o = parse_options(options_json);
    return worklist_text(calendar_of(o), o.pol, caseload_json, as_of_iso, o.horizon_days);
  });
}

midway_status midway_drift_json(const char* caseload_json, const char* as_of_iso, const char* options_json,
                                char** out_json, midway_error* err) {
  return produce(out_json, err, [&] {
    const options o = parse_options(options_json);
    return drift_text(calendar_of(o), o.pol, caseload_json, as_of_iso);
  });
}

midway_status midway_checklist_proposal_json(const char* case_json, const char* as_of_iso, const char* options_json,
                                             char** out_json, midway_error* err) {
  return produce(out_json, err, [&] {
    const options o = parse_options(options_json);
    return checklist_text(calendar_of(o), o.pol, case_json, as_of_iso);
  });
}

midway_status midway_note_json(const char* case_json, const char* midway_review_id, const char* form, char** out_json,
                               midway_error* err) {
  return produce(out_json, err, [&] {
    const midway::record_id id(required(midway_review_id, "midway_review_id"), "midway_review_id");
    const midway::child_case c = midway::case_from_json(required(case_json, "case_json"));
    return midway::midway_review_document(c, id, form ? form : "case-note", "form").render(midway::note_format::json);
  });
}

midway_calendar* midway_calendar_new(const char* options_json, midway_error* err) {
  return make_handle<midway_calendar>(err, [&] { return calendar_of(parse_options(options_json)); });
}

void midway_calendar_free(midway_calendar* cal) { delete cal; }

int32_t midway_calendar_is_working_day(const midway_calendar* cal, const char* date_iso, midway_error* err) {
  int32_t out = -1;
  guarded(err, [&] { out = cal_arg(cal).is_working_day(date::from_iso(required(date_iso, "date"), "date")) ? 1 : 0; });
  return out;
}

midway_status midway_calendar_add_working_days(const midway_calendar* cal, const char* date_iso, int32_t n,
                                               char out_iso[11], midway_error* err) {
  if (!out_iso) return fail(err, MIDWAY_INVALID_ARGUMENT, "NULL where a place for the output is required", "out_iso");
  out_iso[0] = '\0';
  return guarded(err, [&] {
    const date d = date::from_iso(required(date_iso, "date"), "date");
    const std::string iso = cal_arg(cal).add_working_days(d, midway::working_days(n)).to_iso();
    std::memcpy(out_iso, iso.c_str(), iso.size() + 1);  // "YYYY-MM-DD": the calendar's years have 4 digits
  });
}

midway_policy* midway_policy_new(const char* options_json, midway_error* err) {
  return make_handle<midway_policy>(err, [&] { return parse_options(options_json).pol; });
}

void midway_policy_free(midway_policy* pol) { delete pol; }

midway_status midway_schedule_json_with(const midway_calendar* cal, const midway_policy* pol, const char* case_json,
                                        const char* as_of_iso, char** out_json, midway_error* err) {
  return produce(out_json, err, [&] { return schedule_text(cal_arg(cal), pol_arg(pol), case_json, as_of_iso); });
}

midway_status midway_worklist_json_with(const midway_calendar* cal, const midway_policy* pol, const char* caseload_json,
                                        const char* as_of_iso, int32_t horizon_days, char** out_json,
                                        midway_error* err) {
  return produce(out_json, err, [&] {
    const std::int32_t horizon = horizon_days < 0 ? midway::worklist_options{}.horizon_days : horizon_days;
    if (horizon > 3660) throw midway::out_of_range_error("the horizon must be 0..3660 days", "horizon_days");
    return worklist_text(cal_arg(cal), pol_arg(pol), caseload_json, as_of_iso, horizon);
  });
}

midway_status midway_drift_json_with(const midway_calendar* cal, const midway_policy* pol, const char* caseload_json,
                                     const char* as_of_iso, char** out_json, midway_error* err) {
  return produce(out_json, err, [&] { return drift_text(cal_arg(cal), pol_arg(pol), caseload_json, as_of_iso); });
}

midway_status midway_checklist_proposal_json_with(const midway_calendar* cal, const midway_policy* pol,
                                                  const char* case_json, const char* as_of_iso, char** out_json,
                                                  midway_error* err) {
  return produce(out_json, err, [&] { return checklist_text(cal_arg(cal), pol_arg(pol), case_json, as_of_iso); });
}

midway_status midway_evaluate_arrow(const midway_calendar* cal, const midway_policy* pol, struct ArrowArrayStream* in,
                                    const char* as_of_iso, uint32_t threads, struct ArrowArrayStream* out, midway_error* err) {
  if (out) *out = ArrowArrayStream{};  // release NULL until there is a result
  return guarded(err, [&] {
    // `in` is consumed whatever happens: released on the way out unless read_events took it.
    struct release_in {
      ArrowArrayStream* s;
      ~release_in() {
        if (s && s->release) s->release(s);
      }
    } guard{in};
    if (!in) throw midway::invalid_argument_error("NULL where an Arrow stream is required", "in");
    if (!out) throw midway::invalid_argument_error("NULL where a place for the output is required", "out");
    const midway::calendar& c = cal_arg(cal);
    const midway::policy& p = pol_arg(pol);
    const date as_of = as_of_arg(as_of_iso);
    const midway::arrow::events_read events =
        midway::arrow::with_column_names([&] { return midway::arrow::read_events_in_place(*in, "in"); });
    midway::bulk_result r = midway::arrow::with_column_names(
        [&] { return midway::evaluate(events.view, as_of, p, c, midway::evaluate_options{.threads = threads, .progress = {}}); });
    midway::arrow::export_stream(midway::arrow::result_table(std::move(r), events.columns.cases.case_id, events.columns.cases.kind), out);
  });
}

}  // extern "C"
