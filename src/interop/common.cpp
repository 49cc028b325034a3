#include "common.hpp"

#include <midway/detail/enum_table.hpp>
#include <midway/ids.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

namespace midway {

namespace {

constexpr std::array<detail::enum_name<finding_kind>, 3> finding_kind_names{{
    {finding_kind::rejected, "rejected"},
    {finding_kind::warning, "warning"},
    {finding_kind::rule, "rule"},
}};

}  // namespace

std::string_view to_string(finding_kind k) noexcept { return detail::name_of(finding_kind_names, k); }
finding_kind finding_kind_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(finding_kind_names, text, field, "finding kind");
}

table_count import_result::totals() const {
  table_count t{.file = "total", .table = "total", .read = 0, .loaded = 0, .rejected = 0};
  for (const auto& c : tables) {
    t.read += c.read;
    t.loaded += c.loaded;
    t.rejected += c.rejected;
  }
  return t;
}

std::size_t import_result::count(finding_kind k) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const import_finding& f) { return f.kind == k; }));
}

std::size_t import_result::count_rule(std::string_view rule) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const import_finding& f) {
    return f.kind == finding_kind::rule && f.rule == rule;
  }));
}

std::string findings_to_csv(const std::vector<import_finding>& findings) {
  std::string out = "kind,rule,file,line,path,child_id,field,reason\r\n";
  for (const import_finding& f : findings) {
    interop::append_csv_field(out, to_string(f.kind));
    out += ',';
    interop::append_csv_field(out, f.rule);
    out += ',';
    interop::append_csv_field(out, f.file);
    out += ',';
    if (f.line) out += std::to_string(f.line);
    out += ',';
    interop::append_csv_field(out, f.path);
    out += ',';
    interop::append_csv_field(out, f.child_id);
    out += ',';
    interop::append_csv_field(out, f.field);
    out += ',';
    interop::append_csv_field(out, f.reason);
    out += "\r\n";
  }
  return out;
}

std::string findings_report(const import_result& r, std::size_t max_listed) {
  std::ostringstream out;
  out << "file                  table                   read    loaded  rejected\n";
  auto row = [&](const table_count& c) {
    std::string file = c.file.substr(0, 20), table = c.table.substr(0, 22);
    out << file << std::string(22 - file.size(), ' ') << table << std::string(24 - table.size(), ' ');
    const std::size_t counts[] = {c.read, c.loaded, c.rejected};
    for (std::size_t k = 0; k < 3; ++k) {
      const std::string s = std::to_string(counts[k]);
      out << std::string(s.size() < 8 ? 8 - s.size() : 0, ' ') << s << (k == 2 ? "" : "  ");
    }
    out << "\n";
  };
  for (const auto& c : r.tables) row(c);
  row(r.totals());
  out << "\nfindings: " << r.count(finding_kind::rejected) << " rejected, " << r.count(finding_kind::warning)
      << " warnings, " << r.count(finding_kind::rule) << " validator flags";
  std::map<std::string, std::size_t> by_rule;
  for (const import_finding& f : r.findings) {
    if (f.kind == finding_kind::rule) ++by_rule[f.rule];
  }
  if (!by_rule.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [rule, n] : by_rule) {
      out << (first ? "" : ", ") << rule << ": " << n;
      first = false;
    }
    out << ")";
  }
  out << "\n";
  std::size_t listed = 0;
  for (const import_finding& f : r.findings) {
    if (listed++ == max_listed) {
      if (max_listed == 0) break;
      out << "... and " << (r.findings.size() - max_listed) << " more (use --findings FILE.csv for all)\n";
      break;
    }
    out << to_string(f.kind);
    if (!f.rule.empty()) out << " " << f.rule;
    out << ": " << f.file;
    if (f.line) out << ":" << f.line;
    if (!f.path.empty()) out << " " << f.path;
    if (!f.child_id.empty()) out << " child " << f.child_id;
    if (!f.field.empty()) out << " field " << f.field;
    out << ": " << f.reason << "\n";
  }
  return out.str();
}

namespace interop {

void for_each_csv_record(std::string_view text, const std::function<void(const csv_record&)>& on_record) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  csv_record rec;
  std::string buffer;  // unescaped quoted fields
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // per field: offset, length (in text, or in buffer if flagged)
  std::vector<bool> in_buffer;
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    // Skip blank lines.
    if (text[i] == '\n') {
      ++i;
      ++line;
      continue;
    }
    if (text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')) {
      i += (i + 1 < n) ? 2 : 1;
      ++line;
      continue;
    }
    rec.line = line;
    rec.error.clear();
    spans.clear();
    in_buffer.clear();
    buffer.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      if (i < n && text[i] == '"') {
        // Quoted field.
        ++i;
        const std::size_t start = buffer.size();
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              buffer += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          buffer += c;
          ++i;
        }
        spans.emplace_back(start, buffer.size() - start);
        in_buffer.push_back(true);
        if (!closed) {
          if (rec.error.empty()) rec.error = "unterminated quoted field";
          end_of_record = true;
          break;
        }
        // After the closing quote: a delimiter, the end of the line, or an error.
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (rec.error.empty()) rec.error = "text after a closing quote";
          while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        }
      } else {
        const std::size_t start = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"' && rec.error.empty()) rec.error = "a quote inside an unquoted field";
          ++i;
        }
        spans.emplace_back(start, i - start);
        in_buffer.push_back(false);
      }
      if (i >= n) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else if (text[i] == '\n') {
        ++i;
        ++line;
        end_of_record = true;
      } else {  // '\r'
        ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    rec.fields.clear();
    for (std::size_t k = 0; k < spans.size(); ++k) {
      rec.fields.push_back(in_buffer[k] ? std::string_view(buffer).substr(spans[k].first, spans[k].second)
                                        : text.substr(spans[k].first, spans[k].second));
    }
    on_record(rec);
  }
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string shown(std::string_view s) {
  constexpr std::size_t limit = 40;
  std::string out;
  for (char c : s.substr(0, limit)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  if (s.size() > limit) out += "...";
  return out;
}

namespace {

bool digits(std::string_view s, int& value) noexcept {
  if (s.empty()) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

std::optional<date> make_date(int y, int m, int d) noexcept {
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return date(y, m, d);
}

}  // namespace

std::optional<date> parse_uk_date(std::string_view s) noexcept {
  const auto a = s.find('/');
  if (a == std::string_view::npos || a == 0 || a > 2) return std::nullopt;
  const auto b = s.find('/', a + 1);
  if (b == std::string_view::npos || b - a - 1 == 0 || b - a - 1 > 2 || s.size() - b - 1 != 4) return std::nullopt;
  int d = 0, m = 0, y = 0;
  if (!digits(s.substr(0, a), d) || !digits(s.substr(a + 1, b - a - 1), m) || !digits(s.substr(b + 1), y)) return std::nullopt;
  return make_date(y, m, d);
}

std::optional<date> parse_iso_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int d = 0, m = 0, y = 0;
  if (!digits(s.substr(0, 4), y) || !digits(s.substr(5, 2), m) || !digits(s.substr(8, 2), d)) return std::nullopt;
  return make_date(y, m, d);
}

bool valid_id(std::string_view s) noexcept {
  // Not UTF-8 (a Latin-1 byte): refused here, as strong_id would refuse it (ids.hpp).
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) &&
         midway::detail::valid_utf8(s);
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::string uk_date(date d) {
  const std::string iso = d.to_iso();
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

line_index::line_index(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') newlines_.push_back(i);
  }
}

std::size_t line_index::line_of(std::size_t offset) const noexcept {
  return static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin()) + 1;
}

std::string json_string(std::string_view s) {
  // Printable ASCII without a quote or backslash is written as it is (the codes and dates of
  // the returns); anything else goes through nlohmann's escaping and U+FFFD replacement.
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; })) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    out += s;
    out += '"';
    return out;
  }
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace interop
}  // namespace midway
