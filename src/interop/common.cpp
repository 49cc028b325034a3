#include "common.hpp"

#include <midway/detail/enum_table.hpp>
#include <midway/error.hpp>
#include <midway/ids.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace midway {

namespace {

constexpr auto& finding_kind_names = detail::enum_traits<finding_kind>::table;

}  // namespace

std::string_view to_string(text_encoding e) noexcept {
  switch (e) {
    case text_encoding::utf8: return "utf-8";
    case text_encoding::latin1: return "latin-1";
    case text_encoding::cp1252: return "cp1252";
  }
  return "utf-8";
}

text_encoding text_encoding_from_string(std::string_view text, std::string_view field) {
  static constexpr std::array<std::pair<std::string_view, text_encoding>, 8> names{{
      {"utf-8", text_encoding::utf8},
      {"utf8", text_encoding::utf8},
      {"latin-1", text_encoding::latin1},
      {"latin1", text_encoding::latin1},
      {"iso-8859-1", text_encoding::latin1},
      {"cp1252", text_encoding::cp1252},
      {"windows-1252", text_encoding::cp1252},
      {"cp-1252", text_encoding::cp1252},
  }};
  for (const auto& [name, value] : names) {
    if (interop::iequals(text, name)) return value;
  }
  throw invalid_argument_error("unknown encoding '" + interop::shown(text) + "' (expected utf-8, latin-1 or cp1252)", std::string(field));
}

std::string_view to_string(finding_kind k) noexcept { return detail::name_of(finding_kind_names, k); }
finding_kind finding_kind_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<finding_kind>(text, field);
}

child_case import_result::case_at(std::size_t i) const {
  if (i >= case_count() || !source) {
    throw out_of_range_error("case " + std::to_string(i) + " of a return of " + std::to_string(case_count()) + " cases", "index");
  }
  return source->build(columns, i);
}

caseload import_result::to_caseload() const {
  caseload cl;
  cl.cases.reserve(case_count());
  for (std::size_t i = 0; i < case_count(); ++i) cl.cases.push_back(case_at(i));
  return cl;
}

bulk_result evaluate(const import_result& r, date as_of, const policy& pol, const calendar& cal, const evaluate_options& options) {
  return evaluate(caseload_view(r.columns), as_of, pol, cal, options);
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
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const import_finding& f) { return f.kind() == k; }));
}

std::size_t import_result::count_rule(std::string_view rule) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const import_finding& f) {
    const std::uint16_t c = f.record().check;
    return f.kind() == finding_kind::rule && c < finding_checks().size() && finding_checks()[c].rule == rule;
  }));
}

std::string findings_to_csv(const std::vector<import_finding>& findings) {
  std::string out = "kind,rule,file,line,path,child_id,field,reason\r\n";
  for (const import_finding& f : findings) {
    interop::append_csv_field(out, to_string(f.kind()));
    out += ',';
    interop::append_csv_field(out, f.rule());
    out += ',';
    interop::append_csv_field(out, f.file());
    out += ',';
    if (f.line()) out += std::to_string(f.line());
    out += ',';
    interop::append_csv_field(out, f.path());
    out += ',';
    interop::append_csv_field(out, f.child_id());
    out += ',';
    interop::append_csv_field(out, f.field());
    out += ',';
    interop::append_csv_field(out, f.reason());
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
    if (f.kind() == finding_kind::rule) ++by_rule[f.rule()];
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
    out << to_string(f.kind());
    if (const std::string rule = f.rule(); !rule.empty()) out << " " << rule;
    out << ": " << f.file();
    if (f.line()) out << ":" << f.line();
    if (const std::string path = f.path(); !path.empty()) out << " " << path;
    if (const std::string child = f.child_id(); !child.empty()) out << " child " << child;
    if (const std::string field = f.field(); !field.empty()) out << " field " << field;
    out << ": " << f.reason() << "\n";
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
  std::size_t cut = std::min(limit, s.size());
  // Never cut a UTF-8 sequence in two: back up over continuation bytes.
  while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out;
  for (char c : s.substr(0, cut)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  if (s.size() > cut) out += "...";
  return out;
}

namespace {

// The length of the valid UTF-8 sequence at text[i] (1..4), or 0 if the bytes there are not one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252's 0x80..0x9F; 0 where it has no character (read as the C1 control, as Python's
// cp1252 codec would refuse: here the Latin-1 value is kept).
constexpr std::array<std::uint16_t, 32> cp1252_high{{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                     0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                     0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                     0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178}};

}  // namespace

std::string_view decode_text(std::string_view text, text_encoding encoding, std::string& storage, const std::string& file,
                             finding_sink& findings) {
  if (encoding != text_encoding::utf8) {
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return text;
    storage.clear();
    storage.reserve(text.size() + text.size() / 8);
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      std::uint32_t cp = c;
      if (encoding == text_encoding::cp1252 && c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] != 0) cp = cp1252_high[c - 0x80];
      append_utf8(storage, cp);
    }
    return storage;
  }
  // Fast path: ASCII, then a check of the rest.
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  std::size_t first_bad = n;
  for (std::size_t k = i; k < n;) {
    const std::size_t len = utf8_sequence(text, k);
    if (len == 0) {
      first_bad = k;
      break;
    }
    k += len;
  }
  if (first_bad == n) return text;
  storage.assign(text.substr(0, first_bad));
  storage.reserve(text.size() + 64);
  std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(first_bad), '\n'));
  std::size_t reported_line = 0;
  for (std::size_t k = first_bad; k < n;) {
    const char c = text[k];
    if (c == '\n') ++line;
    const std::size_t len = utf8_sequence(text, k);
    if (len > 0) {
      storage.append(text.substr(k, len));
      k += len;
      continue;
    }
    storage += "\xEF\xBF\xBD";  // U+FFFD
    if (line != reported_line) {
      reported_line = line;
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
      const auto offset = static_cast<std::uint64_t>(k);
      findings.add(finding_kind::warning, check::bad_utf8, location{.file = file, .line = line, .path = {}}, "", "",
                   {.s = hex, .n0 = static_cast<std::uint32_t>(offset), .n1 = static_cast<std::uint32_t>(offset >> 32)});
    }
    ++k;
  }
  return storage;
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

bool has_entity_reference(std::string_view s) noexcept {
  for (std::size_t i = s.find('&'); i != std::string_view::npos; i = s.find('&', i + 1)) {
    std::size_t k = i + 1;
    const auto name_char = [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':' || c == '#' ||
             static_cast<unsigned char>(c) >= 0x80;
    };
    while (k < s.size() && name_char(s[k])) ++k;
    if (k > i + 1 && k < s.size() && s[k] == ';') return true;
  }
  return false;
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

// ---- string_index ----

std::uint64_t string_index::hash(std::string_view v) noexcept {
  std::uint64_t h = 0xcbf29ce484222325u;  // FNV-1a: ids and codes are short
  for (const char c : v) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
  return h;
}

std::size_t string_index::home(std::uint64_t h) const noexcept {
  return static_cast<std::size_t>((h * 0x9e3779b97f4a7c15u) >> (64 - bits_));  // the high bits, mixed
}

void string_index::grow(std::size_t strings) {
  const std::size_t n = std::max<std::size_t>(64, 2 * slots_.size());
  bits_ = static_cast<unsigned>(std::countr_zero(n));
  slots_.assign(n, 0);
  for (std::size_t k = 1; k < strings; ++k) {
    std::size_t i = home(hashes_[k]);
    while (slots_[i] != 0) i = (i + 1) & (n - 1);
    slots_[i] = static_cast<std::uint32_t>(k);
  }
}

std::uint32_t string_index::intern(std::string_view v, std::deque<std::string>& strings) {
  if (v.empty()) return 0;
  if (2 * strings.size() >= slots_.size()) grow(strings.size());
  const std::uint64_t h = hash(v);
  std::size_t i = home(h);
  for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
    const std::uint32_t k = slots_[i];
    if (hashes_[k] == h && strings[k] == v) return k;
  }
  const auto k = static_cast<std::uint32_t>(strings.size());
  strings.emplace_back(v);
  hashes_.push_back(h);
  slots_[i] = k;
  return k;
}

std::uint32_t string_index::find(std::string_view v, const std::deque<std::string>& strings) const noexcept {
  if (v.empty() || slots_.empty()) return 0;
  const std::uint64_t h = hash(v);
  for (std::size_t i = home(h); slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
    const std::uint32_t k = slots_[i];
    if (hashes_[k] == h && strings[k] == v) return k;
  }
  return 0;
}

void string_index::clear() noexcept { std::vector<std::uint32_t>().swap(slots_); }

}  // namespace interop
}  // namespace midway
