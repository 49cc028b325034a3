// Findings: the one table of checks and their message templates, the compact records the
// readers write, and the accessors that make a finding's strings when asked.
#include "common.hpp"

#include <array>
#include <deque>

namespace midway {

struct detail::finding_text {
  std::deque<std::string> strings;  // 0: the empty string; a deque, so the sink's index can view them
};

namespace {

using interop::check;

constexpr std::array<finding_check, static_cast<std::size_t>(check::count_)> checks{{
    {"bad_utf8", "",
     "byte {s} at byte offset {N} is not UTF-8: read as U+FFFD (if the file is Latin-1 or Windows-1252, give the encoding: "
     "--encoding, Python encoding=)"},
    {"xml_doctype", "", "the document has a DOCTYPE (DTD or entity declarations), which midway does not read: nothing is loaded"},
    {"xml_malformed", "", "malformed XML: {s}; nothing after it is loaded"},
    {"not_recorded", "", "not recorded on case {s}"},
    {"date_range", "", "{d0} is outside the supported range 1978-01-01..2199-12-31"},
    {"csv_no_column", "", "the header has no {field} column: no row of {file} is loaded"},
    {"csv_malformed", "", "malformed CSV: {s}"},
    {"csv_ragged", "", "the row has {n0} fields where the header has {n1}"},
    {"csv_empty", "", "{file} is empty: it has no header row and no rows"},
    {"ssda903_no_root", "", "the document has no EXPSSDA903 root element"},
    {"ssda903_namespace", "", "the EXPSSDA903 element is in a namespace SSDA903 does not use: nothing is loaded"},
    {"ssda903_childid_entity", "", "the child id is an entity reference ('{s}'), which is never expanded: nothing of this CHILD is loaded"},
    {"ssda903_childid_blank", "", "the child id is blank or missing: nothing of this CHILD is loaded"},
    {"ssda903_spaces", "", "{field} has spaces or tabs around it: read as '{s}' (the DfE validator reads it as written)"},
    {"ssda903_date_blank", "", "{field} is blank"},
    {"ssda903_date_format", "", "'{s}' is not a dd/mm/yyyy date"},
    {"ssda903_child_id", "", "the child id is blank, has control characters or is not UTF-8"},
    {"ssda903_dob", "", "DOB is not a dd/mm/yyyy date (value not shown)"},
    {"ssda903_episode_order", "", "the episode ends ({d0}) before it starts ({d1})"},
    {"ssda903_rne", "", "'{s}' is not an RNE code (S, L, P, T, U, B): read as a continuation"},
    {"ssda903_rec_blank", "", "the episode has a DEC but no REC: read as ceased"},
    {"ssda903_missing_order", "", "the missing episode ends before it starts"},
    {"ssda903_missing_code", "", "'{s}' is not M (missing) or A (absent)"},
    {"ssda903_rne_s_continues", "", "RNE 'S' but the previous episode continues (REC X1 or no DEC): read as the same period of care"},
    {"ssda903_no_dec", "", "the previous episode has no DEC: it is read as ending when this one starts"},
    {"ssda903_gap", "", "the previous episode ended {d0} (REC X1) but this one starts {d1}"},
    {"ssda903_x1_open", "", "REC X1 (continues) but the return has no later episode: the period is read as open"},
    {"ssda903_review_outside", "", "the review of {d0} is not within any period of care in the return"},
    {"ssda903_missing_outside", "", "the missing episode of {d0} is not within any period of care in the return"},
    {"ssda903_before_dob", "", "the episode starts before the child's date of birth (DOB not shown)"},
    {"ssda903_no_episode", "", "the child has no episode in the return"},
    {"rule_166", "166", "Date of review is invalid or blank."},
    {"rule_167", "167", "Data entry for participation is invalid or blank."},
    {"rule_440", "440",
     "Participation method indicates child was under 4 years old at the time of the review, "
     "but date of birth and review date indicates the child was 4 years old or over."},
    {"rule_441", "441",
     "Participation method indicates child was 4 years old or over at the time of the review, "
     "but the date of birth and review date indicates the child was under 4 years old."},
    {"cin_no_root", "", "the document has no Message root element"},
    {"cin_namespace", "", "the Message element is in a namespace the CIN census does not use: nothing is loaded"},
    {"cin_no_reference", "", "the header has no ReferenceDate: rules 2885 and 8675Q are not checked"},
    {"cin_reference_format", "", "'{s}' is not a yyyy-mm-dd date: rules 2885 and 8675Q are not checked"},
    {"cin_date_missing", "", "{field} is missing"},
    {"cin_date_format", "", "'{s}' is not a yyyy-mm-dd date"},
    {"cin_id_entity", "", "the child id is an entity reference ('{s}'), which is never expanded: nothing of this Child is loaded"},
    {"cin_id_bad", "", "the child id is missing, has control characters or is not UTF-8: nothing of this Child is loaded"},
    {"cin_dob", "", "PersonBirthDate is not a yyyy-mm-dd date in 1978..2199 (value not shown)"},
    {"cin_plan_order", "", "the plan ends ({d0}) before it starts ({d1})"},
    {"cin_plan_not_loaded", "", "the plan it belongs to is not loaded"},
    {"rule_8870Q", "8870Q", "Please check: The Target Date for Initial Child Protection Conference should not be a weekend"},
    {"rule_8875", "8875", "The Date of Initial Child Protection Conference cannot be a weekend"},
    {"rule_8675Q", "8675Q",
     "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end "
     "of the census year. However, there is no date of Initial Child Protection Conference."},
    {"rule_2885", "2885", "Child protection plan shown as starting a different day to the initial child protection conference."},
    {"rule_8842Q", "8842Q", "Please check: Review Record has a missing date"},
    {"rule_8841", "8841", "The review date cannot be on the same day or before the Child protection Plan start date."},
}};

std::string iso_of(std::uint32_t days) { return date::from_days_since_epoch(static_cast<std::int32_t>(days)).to_iso(); }

}  // namespace

std::span<const finding_check> finding_checks() noexcept { return checks; }

std::string_view import_finding::str(std::uint32_t k) const noexcept {
  return text_ && k < text_->strings.size() ? std::string_view(text_->strings[k]) : std::string_view();
}

std::string_view import_finding::check() const noexcept {
  return record_.check < checks.size() ? checks[record_.check].id : std::string_view();
}

std::string import_finding::rule() const {
  return record_.check < checks.size() ? std::string(checks[record_.check].rule) : std::string();
}

std::string import_finding::file() const { return std::string(str(record_.file)); }
std::string import_finding::child_id() const { return std::string(str(record_.child)); }
std::string import_finding::field() const { return std::string(str(record_.field)); }

std::string import_finding::path() const {
  if (record_.place == 0) return {};
  if (record_.place == 1) return std::string(str(record_.node));
  return "/EXPSSDA903/" + interop::ssda903_ref(static_cast<interop::ssda903_table>(record_.place - 2), record_.node, record_.element);
}

std::string import_finding::reason() const {
  if (record_.check >= checks.size()) return {};
  const std::string_view t = checks[record_.check].text;
  std::string out;
  out.reserve(t.size() + 16);
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] != '{') {
      const std::size_t next = t.find('{', i);
      const std::size_t stop = next == std::string_view::npos ? t.size() : next;
      out.append(t.substr(i, stop - i));
      i = stop;
      continue;
    }
    const std::size_t close = t.find('}', i);
    const std::string_view name = t.substr(i + 1, close - i - 1);
    i = close + 1;
    if (name == "field") out += str(record_.field);
    else if (name == "file") out += str(record_.file);
    else if (name == "s") out += str(record_.value);
    else if (name == "n0") out += std::to_string(record_.n0);
    else if (name == "n1") out += std::to_string(record_.n1);
    else if (name == "d0") out += iso_of(record_.n0);
    else if (name == "d1") out += iso_of(record_.n1);
    else if (name == "N") out += std::to_string(static_cast<std::uint64_t>(record_.n0) | (static_cast<std::uint64_t>(record_.n1) << 32));
  }
  return out;
}

bool operator==(const import_finding& a, const import_finding& b) {
  return a.kind() == b.kind() && a.check() == b.check() && a.line() == b.line() && a.file() == b.file() && a.path() == b.path() &&
         a.child_id() == b.child_id() && a.field() == b.field() && a.reason() == b.reason();
}

namespace interop {

std::string ssda903_ref(ssda903_table t, std::uint32_t child_no, std::uint32_t element) {
  std::string out = "CHILD[" + std::to_string(child_no) + "]";
  const std::string k = std::to_string(element & 0x7fffffffu);
  switch (t) {
    case header_table: return out + "/HEADER";
    case episode_table: return out + "/EPISODE[" + k + "]";
    case review_table: return out + "/HEADER/AREVIEW[" + k + "]";
    case missing_table: return out + ((element >> 31) != 0 ? "/HEADER/AMISSING[" : "/AMISSING[") + k + "]";
  }
  return out;
}

finding_sink::finding_sink() : text_(std::make_shared<detail::finding_text>()) { text_->strings.emplace_back(); }

std::uint32_t finding_sink::intern(std::string_view s) {
  if (s.empty()) return 0;
  for (const auto& [key, k] : recent_) {
    if (k != 0 && key == s) return k;
  }
  const std::uint32_t k = index_.intern(s, text_->strings);
  recent_[next_++ % recent_.size()] = {std::string_view(text_->strings[k]), k};
  return k;
}

void finding_sink::add(finding_kind kind, check c, const location& at, std::string_view child, std::string_view field, const finding_args& a) {
  detail::finding_record rec;
  rec.file = intern(at.file);
  rec.line = static_cast<std::uint32_t>(at.line);
  if (!at.path.empty()) {
    rec.place = 1;
    rec.node = intern(at.path);
  }
  add(kind, c, rec, child, field, a);
}

void finding_sink::add(finding_kind kind, check c, detail::finding_record rec, std::string_view child, std::string_view field,
                       const finding_args& a) {
  rec.kind = static_cast<std::uint8_t>(kind);
  rec.check = static_cast<std::uint16_t>(c);
  rec.child = intern(child);
  rec.field = intern(field);
  rec.value = a.s.empty() ? 0 : intern(c == check::not_recorded || c == check::xml_malformed || c == check::csv_malformed || c == check::bad_utf8
                                           ? std::string(a.s)
                                           : shown(a.s));
  rec.n0 = a.n0;
  rec.n1 = a.n1;
  items.emplace_back(text_, rec);
}

}  // namespace interop
}  // namespace midway
