// midway/arrow.hpp: columns in and out through the Arrow C Data Interface and C Stream
// Interface (https://arrow.apache.org/docs/format/CDataInterface.html), with no Arrow library:
// the structs are the specification's own (midway/detail/arrow_c_abi.h).
//
// Out: a `table` describes columns whose buffers are already in Arrow's layout (someone else's
// memory, or memory the table owns); export_stream / export_struct_array / export_schema hand
// it to a consumer, who releases it when done. The evaluation result's table (result_table) is
// built from a bulk_result without copying its numeric columns.
// In: read_events reads the one-row-per-event table (the Arrow form of a caseload's columns)
// into caseload_columns.
//
// Used by libmidway_c (midway_evaluate_arrow) and the Python module (Columns.__arrow_c_stream__,
// midway.evaluate of an Arrow table): one implementation for both.
#pragma once

#include <midway/bulk.hpp>
#include <midway/columnar.hpp>
#include <midway/detail/arrow_c_abi.h>
#include <midway/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace midway::arrow {

// ---------------------------------------------------------------------------------------------
// The columns' names

// The name of each column in the table forms (the Python dict of arrays, the Arrow tables) and
// the field path of the same column in the C++ structs (columnar.hpp): {"events.kind",
// "event_kind"}, ... One table for the bindings and the C API.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 21> column_names{{
    {"events.case_index", "event_case"},
    {"events.kind", "event_kind"},
    {"events.date", "event_date"},
    {"events.flags", "event_flags"},
    {"events.other_date", "event_other_date"},
    {"cases.case_id", "case_id"},
    {"cases.child_id", "child_id"},
    {"cases.kind", "case_kind"},
    {"cases.partial_history", "partial_history"},
    {"cases.short_breaks", "short_breaks"},
    {"meetings.case_index", "meeting_case"},
    {"meetings.review", "meeting_review"},
    {"meetings.arranged_for", "meeting_arranged_for"},
    {"meetings.scheduled_for", "meeting_scheduled_for"},
    {"meetings.status", "meeting_status"},
    {"meetings.reschedules", "meeting_reschedules"},
    {"meetings.reschedule_day", "reschedule_day"},
    {"recommendations.case_index", "recommendation_case"},
    {"recommendations.due", "recommendation_due"},
    {"recommendations.open", "recommendation_open"},
    {"recommendations.urgent", "recommendation_urgent"},
}};

// A C++ field path with its column's table name: "events.kind[7]" -> "event_kind[7]". A path
// naming no column is returned as it is.
std::string column_field(std::string_view field);

// Runs `f`; a midway::error it throws is thrown again with its field path renamed by
// column_field (the code, message and record id kept).
template <class F>
auto with_column_names(F&& f) -> decltype(f());

// ---------------------------------------------------------------------------------------------
// Out

// One column: its Arrow format string ("i", "tdD", "u", ...), null count and buffers, as the
// C Data Interface lays them out; for a dictionary-encoded column (`dictionary` true) the
// buffers are the indices' and `dictionary_buffers` those of the utf8 values.
struct column {
  std::string name;
  std::string format;
  std::int64_t null_count = 0;
  std::vector<const void*> buffers;
  bool dictionary = false;
  std::int64_t dictionary_length = 0;
  std::vector<const void*> dictionary_buffers;
};

// Columns of one length, and what their buffers point into. Not thread-safe while being
// built; once exported it is only read (from any thread).
class table {
 public:
  std::int64_t length = 0;
  std::vector<column> columns;
  // What the buffers point into besides the table's own memory (for example the arrays of the
  // caller): dropped when the last export of the table is released, on the thread that
  // releases it.
  std::shared_ptr<void> keep;

  table() = default;
  table(const table&) = delete;
  table& operator=(const table&) = delete;

  // `bytes` (at least 8) zeroed bytes owned by the table, 8-aligned; they do not move.
  std::byte* buffer(std::size_t bytes);
  // A validity bitmap of `n` bits (owned by the table): bit i set when valid(i).
  template <class Valid>
  const void* bitmap(std::int64_t n, Valid valid);
  // Fills col.format ("u", or "U" past 2 GiB of text), null_count and buffers with the strings
  // of `text`, copied into the table; a view with data() == nullptr is null.
  void utf8(column& col, std::span<const std::string_view> text);
  // Makes `col` a dictionary column over `names` (copied into the table). The indices are
  // the caller's: col.format and col.buffers.
  void dictionary_of(column& col, std::span<const std::string_view> names);

 private:
  std::deque<std::vector<std::byte>> owned_;
};

// Eight zero bytes: the data buffer of an empty column (the interface wants non-null buffers).
const void* empty_buffer() noexcept;

// The table's schema: a struct ("+s") of its columns, each nullable, dictionaries of utf8.
// `out` is filled and owned by the caller, who calls out->release. Throws std::bad_alloc.
void export_schema(const table& t, ArrowSchema* out);
// The table as one struct array (a record batch); holds `t` until the consumer releases it.
void export_struct_array(std::shared_ptr<const table> t, ArrowArray* out);
// A stream of the table: its schema, then one record batch, then the end. Each call gives an
// independent stream. The callbacks never throw (a failure is ENOMEM and get_last_error).
void export_stream(std::shared_ptr<const table> t, ArrowArrayStream* out);

// The evaluation result as a table, the columns of the Python module's midway.evaluate in
// its order: case (int32 row), case_id (utf8), kind (dictionary<int8, utf8> of case kinds),
// review_item (dictionary of item kinds), review_due (date32, null where no_date),
// review_status (dictionary of item statuses), midway_due, midway_status, visit_due,
// visit_status, core_group_due, core_group_status, visit_gaps, core_group_gaps, findings (int32)
// and finding_rules (uint16). Dictionaries are the enums' names in code order. The numeric
// columns, the dates and the dictionary indices are the result's own vectors (no copy).
// `case_ids` and `kinds` have one entry per case of `r`.
std::shared_ptr<table> result_table(bulk_result&& r, std::span<const std::string> case_ids, std::span<const case_kind> kinds);

// ---------------------------------------------------------------------------------------------
// In

// Reads every record batch of `stream` (consuming it: it is released before returning, also
// on failure) as the one-row-per-event table of a caseload:
//   - case_id (required): utf8, large_utf8, utf8_view, or a dictionary of them. The cases are
//     the runs of equal case_id, in order; a case's rows must be consecutive.
//   - case_kind, event_kind (required): the names of the enum's codes (strings or a dictionary
//     of them: "CP", "visit"), or the codes as integers.
//   - event_date (required): date32. event_other_date (optional): date32, null for no date.
//   - event_flags (optional, integer: event_flag bits), event_case (optional, integer: must be
//     the case's row, 0, 1, ...), child_id (optional, strings; default the case id),
//     partial_history and short_breaks (optional, boolean or integer 0/1).
//   - the case columns (case_id, child_id, case_kind, partial_history, short_breaks) are the
//     same on every row of a case.
// Columns may come in any order. Errors name the column (and the row, counted over all
// batches, as "event_kind[7]"), with the case id as record id where there is one:
//   - a column that is not one of these: unknown_code_error; a required one missing, a type
//     that is not read here, a null where a value is required, a case split or a case column
//     that changes within a case: invalid_argument_error;
//   - an unknown name: unknown_code_error; a value out of its column's range, or a null
//     event_date: out_of_range_error.
// An error about the stream itself (it fails, or is no table) names `what` (the argument the
// stream came in by). The rest (dates in order, kinds belonging to their case's kind, ...) is
// validate()'s, run by evaluate() and from_columns(). Meetings and recommendations are not part
// of the table. Reading copies 15 bytes an event and the case columns once per case.
// Example: the table the C API test builds by hand (tests/c/test_c_api.c) has the columns
//   case_id utf8 ["CP-1", "CP-1", "LAC-1"], case_kind utf8 ["CP", "CP", "LAC"],
//   event_kind utf8 ["strategy_discussion", "initial_conference", "started_looked_after"],
//   event_date date32
// and reads as two cases, CP-1 (events 0 and 1) and LAC-1 (event 2).
caseload_columns read_events(ArrowArrayStream& stream, std::string_view what = "stream");

// As read_events, reading in place (no copy) the event columns that a stream of one record batch
// holds in the columns' own type: event_kind as uint8 codes or as a dictionary equal to
// event_kind_names() in order with int8/uint8 indices, event_date, event_other_date (date32)
// and event_flags (uint16) without nulls. `view` is the caseload to evaluate(): spans over the
// Arrow buffers, held by `keep`, and over `columns` for the rest (the case columns, the case
// index, the columns copied). `columns` must not change or move while `view` is used.
struct events_read {
  caseload_columns columns;
  caseload_view view;
  std::shared_ptr<void> keep;
};
events_read read_events_in_place(ArrowArrayStream& stream, std::string_view what = "stream");

// ---------------------------------------------------------------------------------------------
// Implementation of the templates

template <class Valid>
const void* table::bitmap(std::int64_t n, Valid valid) {
  auto* bits = reinterpret_cast<std::uint8_t*>(buffer(static_cast<std::size_t>((n + 7) / 8)));
  for (std::int64_t i = 0; i < n; ++i) {
    if (valid(i)) bits[i / 8] = static_cast<std::uint8_t>(bits[i / 8] | (1u << (i % 8)));
  }
  return bits;
}

namespace detail {
[[noreturn]] void rethrow_with_column_names(const error& e);
}

template <class F>
auto with_column_names(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const error& e) {
    detail::rethrow_with_column_names(e);
  }
}

}  // namespace midway::arrow
