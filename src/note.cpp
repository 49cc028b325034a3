#include <midway/note.hpp>

#include <midway/detail/enum_table.hpp>

#include <nlohmann/json.hpp>

#include <array>

namespace midway {

namespace {

constexpr auto& note_format_names = detail::enum_traits<note_format>::table;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Markdown: text is written as given, except that characters that would start markup are
// escaped, and table cells keep to one line.
std::string md_escape(std::string_view s, bool cell = false) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#' ||
        c == '|') {
      out += '\\';
    }
    if (cell && (c == '\n' || c == '\r')) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string text_of(const note& n) {
  std::string out = n.title + "\n" + std::string(n.title.size() < 80 ? n.title.size() : 80, '=') + "\n";
  for (const auto& [k, v] : n.summary.items) out += k + ": " + v + "\n";
  for (const auto& s : n.sections) {
    out += "\n" + (s.level <= 2 ? upper(s.heading) : s.heading) + "\n";
    for (const auto& b : s.blocks) {
      std::visit(overloaded{
                     [&](const std::string& p) { out += p + "\n"; },
                     [&](const note_bullets& l) {
                       for (const auto& i : l.items) out += "- " + i + "\n";
                     },
                     [&](const note_fields& f) {
                       for (const auto& [k, v] : f.items) out += k + ": " + v + "\n";
                     },
                     [&](const note_table& t) {
                       // One block per row: a free-text field does not keep columns aligned.
                       for (std::size_t r = 0; r < t.rows.size(); ++r) {
                         if (r) out += "\n";
                         for (std::size_t c = 0; c < t.header.size() && c < t.rows[r].size(); ++c) {
                           out += (c ? "  " : "") + t.header[c] + ": " + (t.rows[r][c].empty() ? "-" : t.rows[r][c]) + "\n";
                         }
                       }
                     },
                 },
                 b);
    }
  }
  return out;
}

std::string markdown_of(const note& n) {
  std::string out = "# " + md_escape(n.title) + "\n\n";
  for (const auto& [k, v] : n.summary.items) out += "- **" + md_escape(k) + ":** " + md_escape(v) + "\n";
  for (const auto& s : n.sections) {
    if (!out.ends_with("\n\n")) out += "\n";
    out += std::string(static_cast<std::size_t>(s.level), '#') + " " + md_escape(s.heading) + "\n\n";
    for (const auto& b : s.blocks) {
      std::visit(overloaded{
                     [&](const std::string& p) { out += md_escape(p) + "\n\n"; },
                     [&](const note_bullets& l) {
                       for (const auto& i : l.items) out += "- " + md_escape(i) + "\n";
                       out += "\n";
                     },
                     [&](const note_fields& f) {
                       for (const auto& [k, v] : f.items) out += "- **" + md_escape(k) + ":** " + md_escape(v) + "\n";
                       out += "\n";
                     },
                     [&](const note_table& t) {
                       out += "|";
                       for (const auto& h : t.header) out += " " + md_escape(h, true) + " |";
                       out += "\n|";
                       for (std::size_t c = 0; c < t.header.size(); ++c) out += "---|";
                       out += "\n";
                       for (const auto& row : t.rows) {
                         out += "|";
                         for (std::size_t c = 0; c < t.header.size(); ++c) {
                           out += " " + (c < row.size() ? md_escape(row[c], true) : std::string{}) + " |";
                         }
                         out += "\n";
                       }
                       out += "\n";
                     },
                 },
                 b);
    }
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string html_text(std::string_view s) {
  std::string out;
  for (const auto& ch : html_escape(s)) {
    if (ch == '\n') {
      out += "<br>";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string html_of(const note& n) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(n.title) +
      "</title>\n<style>\n"
      "body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;line-height:1.4;max-width:48em;margin:2em auto;color:#000}\n"
      "h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #888;margin-top:1.4em}h3{font-size:11pt}\n"
      "table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:4px;text-align:left;vertical-align:top}\n"
      "dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dt{font-weight:bold}dd{margin:0}\n"
      "@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      html_text(n.title) + "</h1>\n";
  auto fields = [&](const note_fields& f) {
    out += "<dl>\n";
    for (const auto& [k, v] : f.items) out += "<dt>" + html_text(k) + "</dt><dd>" + html_text(v) + "</dd>\n";
    out += "</dl>\n";
  };
  if (!n.summary.items.empty()) fields(n.summary);
  for (const auto& s : n.sections) {
    const std::string h = "h" + std::to_string(s.level < 2 ? 2 : s.level > 6 ? 6 : s.level);
    out += "<" + h + ">" + html_text(s.heading) + "</" + h + ">\n";
    for (const auto& b : s.blocks) {
      std::visit(overloaded{
                     [&](const std::string& p) { out += "<p>" + html_text(p) + "</p>\n"; },
                     [&](const note_bullets& l) {
                       out += "<ul>\n";
                       for (const auto& i : l.items) out += "<li>" + html_text(i) + "</li>\n";
                       out += "</ul>\n";
                     },
                     fields,
                     [&](const note_table& t) {
                       out += "<table>\n<thead><tr>";
                       for (const auto& c : t.header) out += "<th>" + html_text(c) + "</th>";
                       out += "</tr></thead>\n<tbody>\n";
                       for (const auto& row : t.rows) {
                         out += "<tr>";
                         for (std::size_t c = 0; c < t.header.size(); ++c) {
                           out += "<td>" + (c < row.size() ? html_text(row[c]) : std::string{}) + "</td>";
                         }
                         out += "</tr>\n";
                       }
                       out += "</tbody>\n</table>\n";
                     },
                 },
                 b);
    }
  }
  return out + "</body>\n</html>\n";
}

std::string json_of(const note& n) {
  using json = nlohmann::ordered_json;
  auto fields = [](const note_fields& f) {
    json a = json::array();
    for (const auto& [k, v] : f.items) a.push_back(json{{"label", k}, {"value", v}});
    return a;
  };
  json j{{"schema", "midway.note"}, {"version", 1}, {"type", n.type}, {"title", n.title}, {"summary", fields(n.summary)},
         {"sections", json::array()}};
  for (const auto& s : n.sections) {
    json blocks = json::array();
    for (const auto& b : s.blocks) {
      blocks.push_back(std::visit(overloaded{
                                      [](const std::string& p) { return json{{"paragraph", p}}; },
                                      [](const note_bullets& l) { return json{{"bullets", l.items}}; },
                                      [&](const note_fields& f) { return json{{"fields", fields(f)}}; },
                                      [](const note_table& t) { return json{{"table", {{"header", t.header}, {"rows", t.rows}}}}; },
                                  },
                                  b));
    }
    j["sections"].push_back(json{{"heading", s.heading}, {"level", s.level}, {"blocks", blocks}});
  }
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string_view to_string(note_format f) noexcept { return detail::name_of(note_format_names, f); }
note_format note_format_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<note_format>(text, field);
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string note::render(note_format f) const {
  switch (f) {
    case note_format::text: return text_of(*this);
    case note_format::markdown: return markdown_of(*this);
    case note_format::html: return html_of(*this);
    case note_format::json: return json_of(*this);
  }
  return text_of(*this);
}

}  // namespace midway
