// Internals shared by the data-return readers: the CSV reader, date parsing, findings.
#pragma once

#include <midway/interop.hpp>

#include <cstddef>
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace midway::interop {

class finding_sink;

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
                             finding_sink& findings);

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

// An index of distinct strings kept elsewhere, in a deque whose element 0 is the empty string
// and which only grows (a reader's interned child ids and codes, a finding sink's strings):
// string -> its position. Open addressing, linear probing, at most half full, each string's
// hash kept beside it (a node-based std::unordered_map cost a fifth of an SSDA903 import: a
// look-up for each field of every row).
class string_index {
 public:
  // The position of `v` in `strings` (0 for ""), added at the end of `strings` when it is not there.
  std::uint32_t intern(std::string_view v, std::deque<std::string>& strings);
  // The position of `v` in `strings`, or 0 when it was never interned (or the index was cleared).
  std::uint32_t find(std::string_view v, const std::deque<std::string>& strings) const noexcept;
  // Frees the slots: find() then finds nothing; intern() builds them again.
  void clear() noexcept;

 private:
  static std::uint64_t hash(std::string_view v) noexcept;
  std::size_t home(std::uint64_t h) const noexcept;
  void grow(std::size_t strings);

  std::vector<std::uint64_t> hashes_{0};  // by position in the strings
  std::vector<std::uint32_t> slots_;      // positions; 0: empty
  unsigned bits_ = 0;
};

// ---- findings ----

// The checks of finding_checks(), in its order (src/interop/findings.cpp holds the templates).
enum class check : std::uint16_t {
  bad_utf8,
  xml_doctype,
  xml_malformed,
  not_recorded,
  date_range,
  csv_no_column,
  csv_malformed,
  csv_ragged,
  csv_empty,
  ssda903_no_root,
  ssda903_namespace,
  ssda903_childid_entity,
  ssda903_childid_blank,
  ssda903_spaces,
  ssda903_date_blank,
  ssda903_date_format,
  ssda903_child_id,
  ssda903_dob,
  ssda903_episode_order,
  ssda903_rne,
  ssda903_rec_blank,
  ssda903_missing_order,
  ssda903_missing_code,
  ssda903_rne_s_continues,
  ssda903_no_dec,
  ssda903_gap,
  ssda903_x1_open,
  ssda903_review_outside,
  ssda903_missing_outside,
  ssda903_before_dob,
  ssda903_no_episode,
  rule_166,
  rule_167,
  rule_440,
  rule_441,
  cin_no_root,
  cin_namespace,
  cin_no_reference,
  cin_reference_format,
  cin_date_missing,
  cin_date_format,
  cin_id_entity,
  cin_id_bad,
  cin_dob,
  cin_plan_order,
  cin_plan_not_loaded,
  rule_8870Q,
  rule_8875,
  rule_8675Q,
  rule_2885,
  rule_8842Q,
  rule_8841,
  count_
};

// The SSDA903 tables, in the order the readers count them, and an element's reference within a
// CHILD of the XML layout: "CHILD[3]/EPISODE[2]" (`element`'s top bit: an AMISSING under HEADER).
enum ssda903_table : std::uint8_t { header_table, episode_table, review_table, missing_table };
std::string ssda903_ref(ssda903_table t, std::uint32_t child_no, std::uint32_t element);

// What a reason shows: a value as written ({s}; shown() is applied here) and two numbers.
struct finding_args {
  std::string_view s;
  std::uint32_t n0 = 0, n1 = 0;
};
inline std::uint32_t date_arg(date d) noexcept { return static_cast<std::uint32_t>(static_cast<std::int32_t>(d.days_since_epoch())); }

// A place in a file: name, line and (XML) path.
struct location {
  std::string file;
  std::size_t line = 0;
  std::string path;
};

// The findings of one reader, or of one thread of one: compact records, and the strings they
// refer to, each distinct string kept once (finding_text).
class finding_sink {
 public:
  finding_sink();
  // A deque: it grows without moving what it holds (a large return has hundreds of thousands).
  std::deque<import_finding> items;

  std::uint32_t intern(std::string_view s);
  // A finding at `at` (its file, line and path interned).
  void add(finding_kind kind, check c, const location& at, std::string_view child, std::string_view field, const finding_args& a = {});
  // A finding whose file, line and place (path) the caller has set in `rec`.
  void add(finding_kind kind, check c, detail::finding_record rec, std::string_view child, std::string_view field,
           const finding_args& a = {});

 private:
  std::shared_ptr<detail::finding_text> text_;
  string_index index_;
  // The strings interned last (a finding's file, field and child usually repeat the previous one's).
  std::array<std::pair<std::string_view, std::uint32_t>, 4> recent_{};
  std::size_t next_ = 0;
};

}  // namespace midway::interop
