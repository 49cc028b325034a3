/* midway/c/midway.h: midway's stable C API (libmidway_c), for case systems written in other
 * languages: Java through JNA or JNI, .NET through P/Invoke, Python through ctypes, C itself.
 * docs/embedding.md has worked examples in C, Java and C#.
 *
 * Pure C (C99): no C++ or Boost header is needed to use it. Link with -lmidway_c, or in CMake
 *   find_package(midway CONFIG REQUIRED)
 *   target_link_libraries(app PRIVATE midway::midway_c)
 *
 * ---- Stability ----
 * The ABI version is MIDWAY_C_ABI_VERSION and the shared library's SONAME is
 * libmidway_c.so.<MIDWAY_C_ABI_VERSION>. Within one ABI version functions are only ever added;
 * no signature, struct layout or enum value changes (tests/abi checks this with abidiff).
 *
 * ---- Data ----
 * midway_evaluate_arrow takes and gives columns through the Arrow C Stream Interface (below).
 * Everything else goes in and out as UTF-8 JSON text in midway's documented schema (docs/json.md):
 * a case ("midway.case"), a caseload ("midway.caseload"), and out a schedule ("midway.schedule"),
 * a worklist ("midway.worklist"), a drift report ("midway.drift") and notes ("midway.note").
 * Each output is byte for byte what the `midway` command line prints for the same input (with
 * --format json where the command has formats; docs/cli.md). Dates are ISO "YYYY-MM-DD".
 *
 * `options_json` (may be NULL: all defaults) is a JSON object with any of
 *   "policy":       "england" (default), "wales", "scotland", or a policy object
 *                   ({"preset": "wales", "cp_visit_interval": {"count": 15, "unit": "working_days"}});
 *   "division":     "england-and-wales" (default), "scotland", "northern-ireland";
 *   "closures":     ["2026-12-24", ...], the local authority's extra closure days;
 *   "horizon_days": for worklists: upcoming items due at most this many days ahead (default 28).
 * Any other member is an error (MIDWAY_PARSE_ERROR naming "options.<member>").
 *
 * ---- Errors ----
 * Every function that can fail returns a midway_status: MIDWAY_OK (0) or the code of what went
 * wrong, and, if `err` is not NULL, fills *err with the code, message, field path and record id.
 * No C++ exception ever crosses this API: every failure, including running out of memory,
 * becomes a status. Messages name ids and field paths, never a child's name or date of birth.
 * On failure, *out_json is set to NULL.
 *
 * ---- Ownership ----
 * Strings passed in are borrowed for the call only. A string returned through `char** out_json`
 * belongs to the caller, who releases it with midway_free(). Handles (midway_calendar,
 * midway_policy) are created by *_new and released by *_free; passing NULL to any free function
 * does nothing. midway_version() and midway_status_name() return static strings: do not free them.
 *
 * ---- Threads ----
 * Every function may be called from any number of threads at once. A handle is immutable once
 * created: one handle may be used by many threads at once; it must not be freed while in use.
 * A midway_error must not be shared between threads during a call.
 */
#ifndef MIDWAY_C_MIDWAY_H
#define MIDWAY_C_MIDWAY_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(MIDWAY_C_BUILDING)
#    define MIDWAY_C_API __declspec(dllexport)
#  else
#    define MIDWAY_C_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define MIDWAY_C_API __attribute__((visibility("default")))
#else
#  define MIDWAY_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version: the N of the SONAME libmidway_c.so.N. */
#define MIDWAY_C_ABI_VERSION 1

/* What went wrong. 1-7 are midway's error codes (docs/errors.md); their names are those of
 * midway_status_name(), "invalid_date" and so on. */
typedef enum midway_status {
  MIDWAY_OK = 0,
  MIDWAY_INVALID_DATE = 1,     /* not a calendar date: "2026-02-30" */
  MIDWAY_OUT_OF_RANGE = 2,     /* a valid value outside what is supported (a year before 1978) */
  MIDWAY_UNKNOWN_CODE = 3,     /* a string naming nothing known ("wales" as a division) */
  MIDWAY_PARSE_ERROR = 4,      /* malformed JSON, a missing member, a wrong type */
  MIDWAY_INVALID_ARGUMENT = 5, /* a NULL where text is required, a broken precondition */
  MIDWAY_RULE_VIOLATION = 6,   /* a case rule broken (a review conference without an ICPC) */
  MIDWAY_NOT_FOUND = 7,        /* a lookup by id that finds nothing */
  MIDWAY_OUT_OF_MEMORY = 8,    /* an allocation failed */
  MIDWAY_INTERNAL_ERROR = 9    /* anything else: a bug in midway; please report it */
} midway_status;

/* The details of a failure. Each string is NUL-terminated, and cut short (at a UTF-8 character
 * boundary) if it does not fit. All empty, and code MIDWAY_OK, after a success. */
typedef struct midway_error {
  int32_t code;         /* a midway_status */
  char message[512];    /* what is wrong: "'2026-02-30' is not a valid date" */
  char field[256];      /* the path of the offending value: "$.events[3].date", "as_of"; or "" */
  char record_id[128];  /* the id of the case or record it belongs to: "CP-1"; or "" */
} midway_error;

/* "0.1.0": the library's version (not the ABI version). Static; never NULL. */
MIDWAY_C_API const char* midway_version(void);

/* "ok", "invalid_date", "out_of_range", ..., "out_of_memory", "internal_error"; "unknown" for a
 * number that is no midway_status. Static; never NULL. */
MIDWAY_C_API const char* midway_status_name(int32_t status);

/* Releases a string returned through an `out_json` argument. NULL does nothing. */
MIDWAY_C_API void midway_free(void* p);

/* ---- One call, everything by value ----
 * Each builds its calendar and policy from `options_json` for this call only; to reuse them,
 * create handles and call the *_with forms below. */

/* The schedule of one case (schema "midway.case") as of `as_of_iso`: the JSON that
 * `midway schedule CASELOAD --case ID --as-of DATE` prints for that case.
 * Example:
 *   char* out = NULL; midway_error err;
 *   if (midway_schedule_json(case_json, "2026-05-01", "{\"policy\": \"england\"}", &out, &err) == MIDWAY_OK) {
 *     puts(out);  // {"schema": "midway.schedule", ..., "next_review": {"kind": "rcpc", "due": "2026-10-20", ...
 *     midway_free(out);
 *   } else {
 *     fprintf(stderr, "%s: %s (field %s)\n", midway_status_name(err.code), err.message, err.field);
 *   }
 */
MIDWAY_C_API midway_status midway_schedule_json(const char* case_json, const char* as_of_iso, const char* options_json,
                                                char** out_json, midway_error* err);

/* The worklist of a caseload (schema "midway.caseload"): `midway worklist --format json`.
 * A case that cannot be scheduled is listed under "problems"; that is not a failure. */
MIDWAY_C_API midway_status midway_worklist_json(const char* caseload_json, const char* as_of_iso,
                                                const char* options_json, char** out_json, midway_error* err);

/* The drift and delay report of a caseload: `midway drift --format json`. */
MIDWAY_C_API midway_status midway_drift_json(const char* caseload_json, const char* as_of_iso, const char* options_json,
                                             char** out_json, midway_error* err);

/* The CPA midway monitoring checklist proposed for a CP case on `as_of_iso`, as a draft note
 * (schema "midway.note"): `midway checklist --case ID --format json`.
 * MIDWAY_RULE_VIOLATION for a LAC case or a case with no CP plan yet. */
MIDWAY_C_API midway_status midway_checklist_proposal_json(const char* case_json, const char* as_of_iso,
                                                          const char* options_json, char** out_json, midway_error* err);

/* The note of a midway review recorded on the case (schema "midway.note"): `form` "case-note"
 * (the Midway Review case note; also when NULL) or "contact-form" (the IRO contact form), as
 * `midway note --case ID --id ID --form FORM --format json` prints it.
 * MIDWAY_NOT_FOUND when the case has no midway review `midway_review_id`. */
MIDWAY_C_API midway_status midway_note_json(const char* case_json, const char* midway_review_id, const char* form,
                                            char** out_json, midway_error* err);

/* ---- Handles: a calendar and a policy built once ----
 * Building a calendar precomputes 1978-2199 (about a millisecond); a case system that schedules
 * many cases builds one per division and closure list, and shares it between threads. */

typedef struct midway_calendar midway_calendar;
typedef struct midway_policy midway_policy;

/* A calendar from the "division" and "closures" of `options_json` (NULL: england-and-wales, no
 * closures). The whole object is checked as above, and the members for policies and worklists
 * are not used here, so one options object serves both handles. Returns NULL on failure, with
 * *err filled. */
MIDWAY_C_API midway_calendar* midway_calendar_new(const char* options_json, midway_error* err);
MIDWAY_C_API void midway_calendar_free(midway_calendar* cal);

/* Whether `date_iso` is a working day: 1 yes, 0 no, -1 failure (*err filled).
 * Example: midway_calendar_is_working_day(cal, "2026-12-25", &err) == 0 (Christmas Day). */
MIDWAY_C_API int32_t midway_calendar_is_working_day(const midway_calendar* cal, const char* date_iso, midway_error* err);

/* The n-th working day after `date_iso` (before it for n < 0), counting `date_iso` as day 0,
 * written to out_iso as "YYYY-MM-DD" and a NUL (11 bytes).
 * Example (england-and-wales): "2026-12-18" + 5 gives "2026-12-29" (25 and 28 December are bank
 * holidays). */
MIDWAY_C_API midway_status midway_calendar_add_working_days(const midway_calendar* cal, const char* date_iso, int32_t n,
                                                            char out_iso[11], midway_error* err);

/* A policy from the "policy" of `options_json` (NULL: england). Returns NULL on failure.
 * Example: midway_policy_new("{\"policy\": {\"preset\": \"wales\"}}", &err) */
MIDWAY_C_API midway_policy* midway_policy_new(const char* options_json, midway_error* err);
MIDWAY_C_API void midway_policy_free(midway_policy* pol);

/* As the functions above, with handles. `horizon_days` < 0 means the default (28). */
MIDWAY_C_API midway_status midway_schedule_json_with(const midway_calendar* cal, const midway_policy* pol,
                                                     const char* case_json, const char* as_of_iso, char** out_json,
                                                     midway_error* err);
MIDWAY_C_API midway_status midway_worklist_json_with(const midway_calendar* cal, const midway_policy* pol,
                                                     const char* caseload_json, const char* as_of_iso,
                                                     int32_t horizon_days, char** out_json, midway_error* err);
MIDWAY_C_API midway_status midway_drift_json_with(const midway_calendar* cal, const midway_policy* pol,
                                                  const char* caseload_json, const char* as_of_iso, char** out_json,
                                                  midway_error* err);
MIDWAY_C_API midway_status midway_checklist_proposal_json_with(const midway_calendar* cal, const midway_policy* pol,
                                                               const char* case_json, const char* as_of_iso,
                                                               char** out_json, midway_error* err);


/* ---- The Arrow C Data and C Stream Interface structs ----
 * As the Arrow specification gives them (https://arrow.apache.org/docs/format/CDataInterface.html,
 * CStreamInterface.html; Apache License 2.0), under the specification's own guards, so that
 * Arrow's, nanoarrow's or another copy of them may be included before or after this header.
 * No Arrow header or library is needed to use midway_evaluate_arrow. */
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  /* Array type description */
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  /* Release callback */
  void (*release)(struct ArrowSchema*);
  /* Opaque producer-specific data */
  void* private_data;
};

struct ArrowArray {
  /* Array data description */
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  /* Release callback */
  void (*release)(struct ArrowArray*);
  /* Opaque producer-specific data */
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  /* The stream's type (a struct of its columns); 0 or an errno code. */
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  /* The next record batch, or out->release == NULL at the end; 0 or an errno code. */
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  /* What went wrong in the last failed call, or NULL. */
  const char* (*get_last_error)(struct ArrowArrayStream*);
  /* Releases the stream (not the schemas and arrays it gave, which are released on their own). */
  void (*release)(struct ArrowArrayStream*);
  /* Opaque producer-specific data */
  void* private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/* ---- Bulk evaluation through Arrow (added in libmidway_c 1.1.0: an addition to ABI 1; docs/embedding.md) ----
 * Every case of a caseload at once, as midway.evaluate does in Python (docs/bulk.md): the
 * next review, midway review, visit and core group of each case (due date and status), its
 * closed visit and core-group gaps over policy and its drift findings.
 *
 * `in`: a stream of record batches, one row per event, in the case's date order, a case's rows
 * consecutive, with the columns (any order; the names are the field paths of errors):
 *   case_id     utf8, large_utf8, utf8_view or a dictionary of them   required
 *   case_kind   "LAC"/"CP" (strings or a dictionary), or codes 0/1     required
 *   event_kind  "strategy_discussion", "visit", ... (midway.event_kinds()), or codes
 *                                                                     required
 *   event_date  date32                                                required
 *   event_flags integer, event_flag bits (docs/bulk.md)               optional, 0
 *   event_other_date date32, null for none                            optional, none
 *   event_case, child_id, partial_history, short_breaks               optional
 * The case columns are the same on each row of a case. Meetings and recommendations are not
 * read (the JSON functions have them).
 * `out`, on success: a stream of one record batch, one row per case in the order of `in`:
 *   case int32, case_id utf8, kind dictionary<int8, utf8>, review_item dictionary,
 *   review_due date32, review_status dictionary, midway_due, midway_status, visit_due,
 *   visit_status, core_group_due, core_group_status (dates null where there is no due date),
 *   visit_gaps, core_group_gaps, findings int32, finding_rules uint16 (bit i: drift rule i).
 * Statuses are "upcoming", "due_soon", "overdue", "done", "not_required", "not_applicable".
 * `threads`: worker threads, the calling one included; 0: one per core. The result does not
 * depend on it.
 *
 * Ownership: `in` is consumed: midway releases it before returning, on success and failure
 * alike (a stream already released, in->release == NULL, is MIDWAY_INVALID_ARGUMENT). The
 * caller owns `out` on success and releases it with out->release(out) (also each schema and
 * batch it gave); on failure out->release is NULL. The output holds no reference to the
 * handles or to `in`.
 * Threads: as above; `out` is a stream like any other: one thread at a time, and it, its
 * schema and its batches may be released from any thread.
 * Errors: MIDWAY_INVALID_ARGUMENT for a missing column, a type not read (field: the column's
 * name, "event_date"), a null where a value is required or a case's rows apart (field
 * "column[row]", record_id the case id); MIDWAY_UNKNOWN_CODE for a column not listed or an
 * unknown name ("event_kind[7]"); then the rules' checks (MIDWAY_INVALID_ARGUMENT,
 * MIDWAY_RULE_VIOLATION, MIDWAY_OUT_OF_RANGE naming "event_date[4]" and the case id), as
 * midway.evaluate raises them. A failing `in` (get_schema or get_next not 0) is
 * MIDWAY_INVALID_ARGUMENT with field "in".
 * Example: docs/embedding.md, "Arrow: every case at once", builds a two-case stream by hand; it prints
 *   CP-1 (CP): rcpc overdue, due 2026-04-23; visit overdue, due 2026-02-13; 5 findings */
MIDWAY_C_API midway_status midway_evaluate_arrow(const midway_calendar* cal, const midway_policy* pol,
                                                 struct ArrowArrayStream* in, const char* as_of_iso, uint32_t threads,
                                                 struct ArrowArrayStream* out, midway_error* err);

#ifdef __cplusplus
}
#endif

#endif /* MIDWAY_C_MIDWAY_H */
