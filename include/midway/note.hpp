// midway/note.hpp: a case note as a small document (title, summary lines, sections of
// paragraphs, bullet lists and tables), rendered the same way for every note midway writes:
//   text      plain text, as a case system's free-text note field takes it
//   markdown  CommonMark with pipe tables
//   html      one self-contained, printable page; every piece of text is escaped
//   json      {"schema": "midway.note", "version": 1, ...} (docs/json.md)
// Rendering is deterministic: the same note gives the same bytes. A note holds only what its
// record holds: ids, roles and the record's own words, never the child's name or date of birth.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace midway {

enum class note_format { text, markdown, html, json };
MIDWAY_ENUM_TRAITS_DESCRIBED(note_format, 4, "NoteFormat", "note format", "How a note is rendered.",
                   {note_format::text, "text"},
                   {note_format::markdown, "markdown"},
                   {note_format::html, "html"},
                   {note_format::json, "json"});
std::string_view to_string(note_format f) noexcept;  // "text", "markdown", "html", "json"
note_format note_format_from_string(std::string_view text, std::string_view field = "format");

struct note_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as `header`
  friend bool operator==(const note_table&, const note_table&) = default;
};

struct note_bullets {
  std::vector<std::string> items;
  friend bool operator==(const note_bullets&, const note_bullets&) = default;
};

// "Label: value" lines.
struct note_fields {
  std::vector<std::pair<std::string, std::string>> items;
  friend bool operator==(const note_fields&, const note_fields&) = default;
};

using note_block = std::variant<std::string, note_bullets, note_fields, note_table>;  // string: a paragraph

struct note_section {
  std::string heading;
  std::vector<note_block> blocks;
  int level = 2;  // 2: a section; 3: a subsection
  friend bool operator==(const note_section&, const note_section&) = default;
};

struct note {
  std::string type;   // the case-note type in the case system: "Midway Review", "IRO contact form", ...
  std::string title;  // "Midway Review: CP-0007 (child C-0007), 2027-01-12"
  note_fields summary;
  std::vector<note_section> sections;

  std::string render(note_format f) const;
  std::string text() const { return render(note_format::text); }
  std::string markdown() const { return render(note_format::markdown); }
  std::string html() const { return render(note_format::html); }
  std::string json() const { return render(note_format::json); }
  friend bool operator==(const note&, const note&) = default;
};

// `s` with & < > " ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace midway
