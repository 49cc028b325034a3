// Internals shared by the data-return readers: the CSV reader, date parsing, findings.
#pragma once

#include <midway/interop.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace midway::interop {

// ---- CSV (RFC 4180, with a UTF-8 BOM, CRLF or LF, and blank lines skipped) ----

// One record: its fields (views into the text, or into the reader's buffer when a quoted
// field held doubled quotes; valid until the callback returns) and, if malformed, why.
struct csv_record {
  std::size_t line = 0;  // line the record starts on
  std::vector<std::string_view> fields;
  std::string error;     // "unterminated quoted field", "text after a closing quote"
};

// Calls `on_record` for every record of `text` in order, the header first.
void for_each_csv_record(std::string_view text, const std::function<void(const csv_record&)>& on_record);

// A field as written to a CSV file: quoted when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field);

// ---- text ----

// `text` as UTF-8 by `encoding` (import_options::encoding): the text itself when it is valid
// UTF-8 and the encoding is utf8 (no copy); else the decoded text, kept in `storage`. Invalid
// UTF-8 bytes become U+FFFD with one warning per line in `findings`, naming the line and the
// byte offset in the file.
std::string_view decode_text(std::string_view text, text_encoding encoding, std::string& storage, const std::string& file,
                             std::vector<import_finding>& findings);

// ---- values ----

std::string_view trim(std::string_view s) noexcept;
// For messages: at most 40 characters, control characters as '?'.
std::string shown(std::string_view s);
// dd/mm/yyyy (day and month of one or two digits), nothing else.
std::optional<date> parse_uk_date(std::string_view s) noexcept;
// yyyy-mm-dd, nothing else.
std::optional<date> parse_iso_date(std::string_view s) noexcept;
bool valid_id(std::string_view s) noexcept;
// XML: whether a value (after the parser's own escapes) holds an entity reference such as
// "&xxe;" or "&lol9;". The readers expand only the five predefined entities and character
// references, never a DOCTYPE's, so such a value is the unexpanded reference: a finding.
bool has_entity_reference(std::string_view s) noexcept;
bool iequals(std::string_view a, std::string_view b) noexcept;
std::string uk_date(date d);

// `s` as a JSON string (an extension value): quoted and escaped, invalid UTF-8 replaced by U+FFFD.
std::string json_string(std::string_view s);

// 1-based line of byte `offset` in a text, by binary search over its newlines.
class line_index {
 public:
  explicit line_index(std::string_view text);
  std::size_t line_of(std::size_t offset) const noexcept;

 private:
  std::vector<std::size_t> newlines_;
};

// ---- cases ----

// Cases a reader built as objects (the CIN census reader): the result's columns are
// to_columns(cl), and case_at(i) gives back a copy of cl.cases[i].
void set_cases(import_result& r, caseload&& cl);

// ---- findings ----

struct location {
  std::string file;
  std::size_t line = 0;
  std::string path;
};

inline import_finding make_finding(finding_kind kind, const location& at, std::string child, std::string field,
                            std::string reason, std::string rule = {}) {
  return import_finding{.kind = kind,
                 .rule = std::move(rule),
                 .file = at.file,
                 .line = at.line,
                 .path = at.path,
                 .child_id = std::move(child),
                 .field = std::move(field),
                 .reason = std::move(reason)};
}

// Records `e` on `c`; a midway::error (a case rule broken by messy data) becomes a rejected
// finding at `where()` (called only then, so no location is built for the events that record)
// and the event is left out. Returns whether it was recorded.
template <class Where>
bool record_or_report(child_case& c, event e, Where&& where, std::string_view source_field, std::vector<import_finding>& findings) {
  try {
    c.record(std::move(e));
    return true;
  } catch (const midway::error& err) {
    findings.push_back(make_finding(finding_kind::rejected, where(), c.child().str(), std::string(source_field),
                                    "not recorded on case " + c.id().str() + ": " + err.message()));
    return false;
  }
}
inline bool record_or_report(child_case& c, event e, const location& at, std::string_view source_field,
                             std::vector<import_finding>& findings) {
  return record_or_report(c, std::move(e), [&] { return at; }, source_field, findings);
}

}  // namespace midway::interop
