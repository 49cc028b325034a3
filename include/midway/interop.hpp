// midway/interop.hpp: reading the DfE data returns that case systems already produce
// (SSDA903 for looked after children, the CIN census for child protection), measuring review
// timeliness against policy, and exporting Ofsted Annex A Lists 7 and 8.
//
// Readers never stop at a bad row and never drop one silently: each problem becomes a
// `finding` naming the file, the line (CSV) or XML path, the child id, the field and the
// reason, and the rest loads. A finding never carries a name or a date of birth.
//
//   SSDA903 (CSV tables header/episodes/reviews/missing, or the XML layout)
//     -> one LAC case per child per period of care: RNE 'S' starts a period, REC 'X1' continues
//        it into the next episode, any other REC ends it at DEC. A period whose first episode in
//        the return is not RNE 'S' began before the return: its case has partial_history.
//        Reviews and missing episodes go to the period that contains them. A period whose
//        episodes are all legal status V3 or V4 is a series of short breaks: its case has
//        short_breaks, and reviews and visits are due as reg 48 modifies them (policy short_breaks_*).
//   CIN census XML (schema 2026 and earlier)
//     -> one CP case per ChildProtectionPlans record (s.47 start, ICPC at the plan start, RCPCs,
//        end), and one per Section47 with no plan that is awaiting or had an ICPC.
//
// docs/interop.md maps every field, gives each rule's source and the conventions chosen.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/calendar.hpp>
#include <midway/json.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>
#include <midway/worklist.hpp>
#include <midway/detail/fields.hpp>
#include <midway/bulk.hpp>
#include <midway/columnar.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace midway {

// ---------------------------------------------------------------------------------------------
// Findings and load summaries

enum class finding_kind {
  rejected,  // the row, or the record the field belongs to, was not loaded
  warning,   // loaded, but something is off (a gap between episodes, an unknown code)
  rule,      // a DfE validator rule flags it (`rule` holds the code: "8675Q", "166")
};
MIDWAY_ENUM_TRAITS(finding_kind, 3, "FindingKind", "What a finding says about a row.",
                   {finding_kind::rejected, "rejected"},
                   {finding_kind::warning, "warning"},
                   {finding_kind::rule, "rule"});
std::string_view to_string(finding_kind k) noexcept;  // "rejected", "warning", "rule"
finding_kind finding_kind_from_string(std::string_view text, std::string_view field = "kind");

namespace detail {
// The strings the findings of one reader (or one thread of it) refer to: file names, child ids,
// field names, XML paths and the values a reason shows. Built by the reader, then read only.
struct finding_text;
// A finding as stored: indexes into its finding_text and numbers; the message is made from the
// check's template (finding_checks()) when asked. Internal: read it through import_finding.
struct finding_record {
  std::uint32_t line = 0;     // 1-based line; 0 when unknown
  std::uint32_t file = 0;     // string index of the file name
  std::uint32_t child = 0;    // string index of the child id (0: none)
  std::uint32_t field = 0;    // string index of the field name (0: none)
  std::uint32_t value = 0;    // string index of the value the reason shows ({s})
  std::uint32_t n0 = 0, n1 = 0;  // numbers or dates (days since 1970-01-01) the reason shows
  std::uint32_t node = 0;     // place 1: string index of the XML path; place 2-5: SSDA903 CHILD number
  std::uint32_t element = 0;  // SSDA903 XML: element number (top bit: an AMISSING under HEADER)
  std::uint16_t check = 0xFFFF;  // row of finding_checks(); none in a default-constructed finding
  std::uint8_t kind = 0;      // finding_kind
  std::uint8_t place = 0;     // 0 no XML path; 1 the path string `node`; 2 + t: SSDA903 table t's element
};
}  // namespace detail

// A reader check or DfE validator rule a finding comes from, and its message template, one row
// per check (finding_checks()). In `text`, {field}, {file}, {s} (a value as written, at most 40
// characters), {n0}/{n1} (numbers), {d0}/{d1} (dates, ISO) and {N} (a byte offset) are filled in
// from the finding.
struct finding_check {
  std::string_view id;    // "ssda903.date_format", "cin.plan_order", "rule.166", ...
  std::string_view rule;  // the validator rule code for a rule's flag ("166", "8675Q"), else empty
  std::string_view text;
};
// Every check, in a fixed order (a finding keeps its row number).
std::span<const finding_check> finding_checks() noexcept;

// One finding: compact (a check, a place, a child, a field and the values its reason shows, a
// few tens of bytes, its strings interned by the reader); its file, path and reason are made when
// asked. Copies share the reader's strings. Never a name or a date of birth.
class import_finding {
 public:
  import_finding() = default;
  import_finding(std::shared_ptr<const detail::finding_text> text, const detail::finding_record& record) noexcept
      : text_(std::move(text)), record_(record) {}

  finding_kind kind() const noexcept { return static_cast<finding_kind>(record_.kind); }
  std::string_view check() const noexcept;  // finding_checks()[...].id
  std::string rule() const;                 // validator rule code for kind == rule, else empty
  std::string file() const;                 // "episodes.csv", "CIN_Census_2026.xml"
  std::size_t line() const noexcept { return record_.line; }  // 1-based line of the row or element; 0 when unknown
  // XML path ("/Message/Children/Child[2]/CINdetails[1]/Section47[1]/DateOfInitialCPC"); empty for CSV.
  std::string path() const;
  std::string child_id() const;             // empty when the row has none
  std::string field() const;                // "DECOM", "CPPreviewDate"; empty when about the whole row
  std::string reason() const;               // plain English, from the check's template; never a name or a date of birth
  const detail::finding_record& record() const noexcept { return record_; }

  // Equal when every accessor above gives the same value.
  friend bool operator==(const import_finding& a, const import_finding& b);

 private:
  std::string_view str(std::uint32_t k) const noexcept;
  std::shared_ptr<const detail::finding_text> text_;
  detail::finding_record record_;
};

// Rows (CSV) or records (XML elements) of one table: read = loaded + rejected.
struct table_count {
  std::string file;
  std::string table;  // "episodes", "reviews", "Section47", "ChildProtectionPlans", ...
  std::size_t read = 0;
  std::size_t loaded = 0;
  std::size_t rejected = 0;
  friend bool operator==(const table_count&, const table_count&) = default;
};

namespace detail {
// What a reader keeps of a return beyond its columns (event ids, codes, the return's own
// fields), from which it builds case i on demand. Shared by copies of an import_result.
class case_source {
 public:
  virtual ~case_source() = default;
  virtual child_case build(const caseload_columns& columns, std::size_t i) const = 0;
};
}  // namespace detail

// What a reader gives: the cases as columns, ready for evaluate() (bulk.hpp), with no per-case
// object built; the findings and the table counts. Per-case objects (child_case, with the
// event ids, codes and `extra` fields of docs/interop.md) are built on demand, one at a time,
// from the columns and what the reader kept of the rows: case_at(i), iteration, to_caseload().
struct import_result {
  // One row per case (case ids "LAC-<child>-<n>", ...), its events sorted by case, then date
  // (the order of child_case::history()). validate(columns) holds.
  caseload_columns columns;
  std::vector<import_finding> findings;      // reader findings in file order, then validator flags
  std::vector<table_count> tables;
  std::optional<date> reference_date;  // CIN census Header/CollectionDetails/ReferenceDate
  // Builds the cases; set by the readers (empty in a default-constructed result: no cases).
  std::shared_ptr<const detail::case_source> source;

  // Sums over `tables` (file and table "total").
  table_count totals() const;
  std::size_t count(finding_kind k) const;
  std::size_t count_rule(std::string_view rule) const;

  std::size_t case_count() const noexcept { return columns.cases.size(); }
  // Case i (0-based, in the columns' order), built on demand; throws out_of_range_error
  // naming "index" when i >= case_count().
  child_case case_at(std::size_t i) const;
  // Every case, built on demand: the slow path (what the readers gave before they wrote columns).
  caseload to_caseload() const;

  // Iteration over the cases, each built when the iterator is dereferenced.
  class case_iterator {
   public:
    using value_type = child_case;
    using difference_type = std::ptrdiff_t;
    case_iterator() = default;
    case_iterator(const import_result* r, std::size_t i) noexcept : r_(r), i_(i) {}
    child_case operator*() const { return r_->case_at(i_); }
    case_iterator& operator++() noexcept { ++i_; return *this; }
    case_iterator operator++(int) noexcept { auto t = *this; ++i_; return t; }
    friend bool operator==(const case_iterator& a, const case_iterator& b) noexcept { return a.i_ == b.i_; }
   private:
    const import_result* r_ = nullptr;
    std::size_t i_ = 0;
  };
  case_iterator begin() const noexcept { return {this, 0}; }
  case_iterator end() const noexcept { return {this, case_count()}; }
};

// How the bytes of a return are read. utf8 (the default): bytes that are not UTF-8 are each
// replaced by U+FFFD and reported, one warning per line naming the line and byte offset
// (the rest loads). latin1 (ISO-8859-1) and cp1252 (Windows-1252, as Excel exports on Windows):
// every byte is a character, transcoded to UTF-8. Names: "utf-8", "latin-1", "cp1252" (also
// "utf8", "latin1", "iso-8859-1", "windows-1252"; any case). Every string a result holds is UTF-8.
enum class text_encoding { utf8, latin1, cp1252 };
std::string_view to_string(text_encoding e) noexcept;  // "utf-8", "latin-1", "cp1252"
text_encoding text_encoding_from_string(std::string_view text, std::string_view field = "encoding");

struct import_options {
  // Run the DfE validator rules this library matches (SSDA903 166, 167, 440, 441;
  // CIN 2885, 8841, 8842Q, 8870Q, 8875, 8675Q) and add their flags as kind == rule.
  bool validator_rules = true;
  // The bank holidays for 8675Q's 15 working days (the validator uses England's).
  std::optional<midway::calendar> calendar{};
  // Threads for the SSDA903 reader, the calling thread included; 0: one per hardware thread
  // (std::thread::hardware_concurrency()). CSV tables are read two at a time; the cases of CSV
  // and XML returns are built in ranges of children beside the validator rules. The result is
  // the same for every count. The CIN census reader uses one thread.
  unsigned threads = 1;
  // How the input's bytes are read (CLI --encoding, Python encoding=).
  text_encoding encoding = text_encoding::utf8;
};

// ---------------------------------------------------------------------------------------------
// SSDA903

// The text of one CSV table and the file name findings give it.
struct csv_source {
  std::string name;
  std::string text;
};

// The CSV tables of one return; any may be absent. Columns are found by header name
// (header: CHILD, DOB; episodes: CHILD, DECOM, RNE, LS, CIN, PLACE, DEC, REC; reviews: CHILD,
// DOB, REVIEW, REVIEW_CODE; missing: CHILD, MISSING, MIS_START, MIS_END); others are ignored.
// Dates are dd/mm/yyyy. UTF-8 BOM, CRLF and RFC 4180 quoting are handled.
struct ssda903_csv {
  std::optional<csv_source> header, episodes, reviews, missing;
};

import_result import_ssda903(const ssda903_csv& tables, const import_options& options = {});
// The XML layout (EXPSSDA903/CHILD/{HEADER/{CHILDID, DOB, AREVIEW/{REVIEW, REVIEW_CODE}},
// EPISODE/{DECOM, RNE, LS, CIN, PL, DEC, REC}, AMISSING/{MISSING, MIS_START, MIS_END}}).
// Malformed XML is one rejected finding (with the parser's line), not an exception.
import_result import_ssda903_xml(std::string_view text, std::string_view name = "ssda903.xml",
                                 const import_options& options = {});
// A directory holding header.csv, episodes.csv, reviews.csv, missing.csv (any subset; names
// matched case-insensitively), one of those CSV files, or one .xml file.
// Throws not_found_error naming "path" if it holds none of them or cannot be read.
import_result import_ssda903(const std::filesystem::path& path, const import_options& options = {});

// ---------------------------------------------------------------------------------------------
// CIN census

// Dates are ISO (yyyy-mm-dd). Malformed XML is one rejected finding, not an exception.
import_result import_cin_census_xml(std::string_view text, std::string_view name = "cin_census.xml",
                                    const import_options& options = {});
// Throws not_found_error naming "path" if the file cannot be read.
import_result import_cin_census(const std::filesystem::path& path, const import_options& options = {});

// ---------------------------------------------------------------------------------------------
// Evaluating a return

// evaluate() (bulk.hpp) of the result's columns, with no per-case object built:
// evaluate(import_ssda903(dir), as_of, policy::england(), calendar()).
bulk_result evaluate(const import_result& r, date as_of, const policy& pol, const calendar& cal, const evaluate_options& options = {});

// ---------------------------------------------------------------------------------------------
// Review timeliness

// What the ICPC is measured from: icpc_anchor (policy.hpp).

enum class timeliness_status {
  on_time,       // held on or before the due date
  late,          // held after the due date
  missed,        // never held: the plan or care ended after it fell due
  overdue,       // not held and the due date is before the as-of date
  pending,       // not held and not yet due
  not_assessed,  // the return starts mid-period: this review anchors the next, nothing anchors it
  not_required,  // not produced since short breaks are measured by reg 48 (policy short_breaks_*); kept for earlier output
};
MIDWAY_ENUM_TRAITS(timeliness_status, 7, "TimelinessStatus", "How a review kept to its due date.",
                   {timeliness_status::on_time, "on_time"},
                   {timeliness_status::late, "late"},
                   {timeliness_status::missed, "missed"},
                   {timeliness_status::overdue, "overdue"},
                   {timeliness_status::pending, "pending"},
                   {timeliness_status::not_assessed, "not_assessed"},
                   {timeliness_status::not_required, "not_required"});
std::string_view to_string(timeliness_status s) noexcept;  // "on_time", ...
timeliness_status timeliness_status_from_string(std::string_view text, std::string_view field = "status");

struct timeliness_row {
  midway::case_id case_id;
  midway::child_id child_id;
  case_kind kind;
  item_kind item;            // icpc, rcpc or lac_review
  std::int32_t number = 0;   // 1 for the first LAC review or RCPC of the case, ...; 0 for the ICPC
  std::string anchor;        // "s47_start", "strategy_discussion", "started_looked_after", "icpc", "rcpc", "lac_review"
  std::optional<date> anchor_date;
  std::optional<date> due;
  std::optional<date> held;
  timeliness_status status;
  std::int32_t days_late = 0;  // calendar days after the due date (held, or the as-of/end date); 0 if not late
  std::string explanation;     // "RCPC 2 due 2023-02-15 (6 months after the RCPC of 2022-08-15): held 2023-03-01, 14 days late"
  friend bool operator==(const timeliness_row&, const timeliness_row&) = default;
};

struct timeliness_report {
  date as_of;
  std::vector<timeliness_row> rows;      // by case, then date
  std::vector<worklist_problem> problems;  // cases that could not be measured (a date beyond the calendar)
  // Rows with `status` (and, if given, of item `item`).
  std::size_t count(timeliness_status status, std::optional<item_kind> item = std::nullopt) const;
};

struct timeliness_options {
  icpc_anchor anchor = icpc_anchor::strategy_discussion;
};

// Rules (policy fields; docs/interop.md gives each source):
//   LAC: first review first_lac_review after started_looked_after, the second second_lac_review
//        after the first, later ones lac_review_interval after the previous one.
//   CP:  ICPC icpc_after_strategy after the anchor; first RCPC first_rcpc_after_icpc after the ICPC
//        (pre_birth_first_rcpc if sooner), later ones rcpc_interval after the previous one.
//   A late review re-anchors the next on the date it was held. Events after `as_of` are ignored.
timeliness_report review_timeliness(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                                    const timeliness_options& options = {});

// Renderings. table: one line per row, then a summary by item and status. csv: RFC 4180 with a
// header row (case_id, child_id, case_kind, item, number, anchor, anchor_date, due, held, status,
// days_late, explanation).
std::string to_table(const timeliness_report& r);
std::string to_csv(const timeliness_report& r);

// Findings as RFC 4180 CSV (kind, rule, file, line, path, child_id, field, reason) and as a
// report for people: the table counts, the findings by kind and rule, then each finding.
std::string findings_to_csv(const std::vector<import_finding>& findings);
std::string findings_report(const import_result& r, std::size_t max_listed = 200);

// ---------------------------------------------------------------------------------------------
// Ofsted Annex A

struct annex_a_options {
  // Children whose plan ended, or who ceased to be looked after, this many months before the
  // as-of date are still listed. [verify against the year's Annex A guidance]
  std::int32_t lookback_months = 6;
  bool uk_dates = true;  // dd/mm/yyyy as the Annex A template; false: ISO
};

// One cell of an Annex A list: empty, text, a date or a count.
using annex_a_cell = std::variant<std::monostate, std::string, date, std::int64_t>;

// A list as a table: the column headings (annex_a_list7_columns() or annex_a_list8_columns()) and
// one row per case, each row as many cells as there are columns. `uk_dates` is not used here
// (dates are dates); the CSV and workbook renderings format them.
struct annex_a_table {
  std::vector<std::string> columns;
  std::vector<std::vector<annex_a_cell>> rows;
};

// List 7 (children on a CP plan) and List 8 (children looked after): the columns midway can fill,
// headed and ordered as in Annex A, one row per case. docs/interop.md lists the columns and what
// fills each. Counts (placements, episodes, previous plans when recorded as a whole number) are
// std::int64_t cells; dates are date cells.
// Example: annex_a_list7_table(cl, date(2026, 3, 31)).rows.size() is the number of CP cases listed.
annex_a_table annex_a_list7_table(const caseload& cl, date as_of, const annex_a_options& options = {});
annex_a_table annex_a_list8_table(const caseload& cl, date as_of, const annex_a_options& options = {});
// The same as RFC 4180 CSV with CRLF line ends, dates as options.uk_dates says.
std::string annex_a_list7(const caseload& cl, date as_of, const annex_a_options& options = {});
std::string annex_a_list8(const caseload& cl, date as_of, const annex_a_options& options = {});
std::string to_csv(const annex_a_table& t, const annex_a_options& options = {});
// The column headings each list writes.
std::vector<std::string> annex_a_list7_columns();
std::vector<std::string> annex_a_list8_columns();
// Every column heading of the list in Ofsted's Annex A template, in the template's order: those
// midway fills (above) and those it leaves to the case system (gender, ethnicity, date of birth,
// age, disability, allocated team and worker, ...). Taken from the template's List 7 and List 8
// sheets as published for 2021 (tests/data/annex_a). [verify against the year's template]
std::vector<std::string> annex_a_list7_template_columns();
std::vector<std::string> annex_a_list8_template_columns();

}  // namespace midway
