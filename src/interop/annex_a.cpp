// Ofsted Annex A List 7 (CP) and List 8 (LAC): the columns midway can fill.
#include "common.hpp"

#include <algorithm>

namespace midway {

namespace {

// A string member of `extra` (held as JSON text), or "".
std::string extra_string(const extensions& extra, const std::string& key) {
  auto it = extra.find(key);
  if (it == extra.end() || it->second.size() < 2 || it->second.front() != '"' || it->second.back() != '"') return {};
  std::string out;
  const std::string& s = it->second;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

std::string category_text(const std::string& code) {
  if (code == "NEG") return "Neglect";
  if (code == "PHY") return "Physical abuse";
  if (code == "SAB") return "Sexual abuse";
  if (code == "EMO") return "Emotional abuse";
  if (code == "MUL") return "Multiple/not recommended";
  return code;
}

using cell = annex_a_cell;

cell day(const std::optional<date>& d) { return d ? cell(*d) : cell(); }
cell text(std::string s) { return s.empty() ? cell() : cell(std::move(s)); }
cell count(std::size_t n) { return cell(static_cast<std::int64_t>(n)); }
// A whole number recorded as text (an extension member) as a count; other text as text.
cell count_or_text(std::string s) {
  if (!s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos) return cell(std::stoll(s));
  return text(std::move(s));
}

template <class T>
const event* latest(const child_case& c, date as_of, bool (*pred)(const event&) = nullptr) {
  const event* found = nullptr;
  for (const event& e : c.history()) {
    if (e.date() > as_of) break;
    if (std::holds_alternative<T>(e.data) && (!pred || pred(e))) found = &e;
  }
  return found;
}

bool seen(const event& e) { return std::get<visit>(e.data).seen; }
bool held_midway(const event& e) { return std::get<midway_review>(e.data).outcome == midway_outcome::held; }

std::optional<date> date_of_event(const event* e) { return e ? std::optional(e->date()) : std::nullopt; }

}  // namespace

std::vector<std::string> annex_a_list7_columns() {
  return {"Child Unique ID",
          "Child Protection Plan Start Date",
          "Initial Category of Abuse",
          "Latest Category of Abuse",
          "Date of the Last Statutory Visit",
          "Was the Child Seen Alone?",
          "Date of latest review conference",
          "Child Protection Plan End Date",
          "Number of Previous Child Protection Plans"};
}

std::vector<std::string> annex_a_list8_columns() {
  return {"Child Unique ID",
          "Date Started to be Looked After",
          "Child's Category of Need",
          "Start date of current legal status",
          "Child's Legal Status",
          "Date of Latest Statutory Review",
          "Date of Last Social Work Visit",
          "Date of Last IRO Visit / Contact to the Child",
          "Number of Placements in the Last 12 months",
          "Date Ceased to be Looked After",
          "Reason Ceased to be Looked After",
          "Start Date of Most Recent Placement",
          "Placement Type",
          "Number of Episodes the Child has been \xE2\x80\x98Missing\xE2\x80\x99 from their Placement in the last 12 months",
          "Number of Episodes the Child has been \xE2\x80\x98" "Absent\xE2\x80\x99 from their Placement in the last 12 months"};
}

std::vector<std::string> annex_a_list7_template_columns() {
  return {"Child Unique ID",
          "Gender",
          "Ethnicity",
          "Date of Birth",
          "Age",
          "Does the Child have a Disability",
          "Child Protection Plan Start Date",
          "Initial Category of Abuse",
          "Latest Category of Abuse",
          "Date of the Last Statutory Visit",
          "Was the Child Seen Alone?",
          "Date of latest review conference",
          "Child Protection Plan End Date",
          "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
          "Number of Previous Child Protection Plans",
          "Allocated Team",
          "Allocated Worker"};
}

std::vector<std::string> annex_a_list8_template_columns() {
  return {"Child Unique ID",
          "Gender",
          "Ethnicity",
          "Date of Birth",
          "Age",
          "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
          "Does the Child have a Disability",
          "Date Started to be Looked After",
          "Child's Category of Need",
          "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
          "Start date of current legal status",
          "Child's Legal Status",
          "Date of Latest Statutory Review",
          "Date of Last Social Work Visit",
          "What is the permanence plan for this child?",
          "Date of Last IRO Visit / Contact to the Child",
          "Date of Last Health Assessment",
          "Date of Last Dental Check",
          "Number of Placements in the Last 12 months",
          "Date Ceased to be Looked After",
          "Reason Ceased to be Looked After",
          "Start Date of Most Recent Placement",
          "Placement Type",
          "Placement Provider",
          "Placement postcode",
          "URN of Placement",
          "Placement Location",
          "LA of Placement",
          "Number of Episodes the Child has been \xE2\x80\x98Missing\xE2\x80\x99 from their Placement in the last 12 months",
          "Number of Episodes the Child has been \xE2\x80\x98" "Absent\xE2\x80\x99 from their Placement in the last 12 months",
          "Was the child offered a Return Interview after their last missing episode (Y/N)?",
          "Did the child accept a Return Interview after their last missing episode (Y/N)?",
          "Allocated Team",
          "Allocated Worker"};
}

std::string to_csv(const annex_a_table& t, const annex_a_options& options) {
  std::string out;
  auto line = [&out](const auto& values, auto&& field_text) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      interop::append_csv_field(out, field_text(values[i]));
    }
    out += "\r\n";
  };
  line(t.columns, [](const std::string& s) { return s; });
  for (const auto& row : t.rows) {
    line(row, [&options](const cell& c) -> std::string {
      if (const auto* s = std::get_if<std::string>(&c)) return *s;
      if (const auto* d = std::get_if<date>(&c)) return options.uk_dates ? interop::uk_date(*d) : d->to_iso();
      if (const auto* n = std::get_if<std::int64_t>(&c)) return std::to_string(*n);
      return {};
    });
  }
  return out;
}

std::string annex_a_list7(const caseload& cl, date as_of, const annex_a_options& options) {
  return to_csv(annex_a_list7_table(cl, as_of, options), options);
}

std::string annex_a_list8(const caseload& cl, date as_of, const annex_a_options& options) {
  return to_csv(annex_a_list8_table(cl, as_of, options), options);
}

annex_a_table annex_a_list7_table(const caseload& cl, date as_of, const annex_a_options& options) {
  annex_a_table t{.columns = annex_a_list7_columns(), .rows = {}};
  const date since = as_of - months(options.lookback_months);
  for (const child_case& c : cl.cases) {
    if (c.kind() != case_kind::cp) continue;
    const event* start = nullptr;
    std::optional<date> end;
    for (const event& e : c.history()) {
      if (e.date() > as_of) break;
      const auto* ic = std::get_if<initial_conference>(&e.data);
      if (!start && ((ic && ic->plan_started) || std::holds_alternative<transfer_in_conference>(e.data))) start = &e;
      if (start && !end && &e != start) {
        if (auto d = ends_on(e)) end = d;
      }
    }
    if (!start || (end && *end < since)) continue;
    const event* v = latest<visit>(c, as_of, seen);
    const event* review = latest<review_conference>(c, as_of);
    t.rows.push_back({text(c.child().str()), day(start->date()), text(category_text(extra_string(c.extra, "initial_category_of_abuse"))),
                      text(category_text(extra_string(c.extra, "latest_category_of_abuse"))), day(date_of_event(v)),
                      v ? text(std::get<visit>(v->data).seen_alone ? "a) Yes" : "b) No") : cell(), day(date_of_event(review)), day(end),
                      count_or_text(extra_string(c.extra, "number_of_previous_cpp"))});
  }
  return t;
}

annex_a_table annex_a_list8_table(const caseload& cl, date as_of, const annex_a_options& options) {
  annex_a_table t{.columns = annex_a_list8_columns(), .rows = {}};
  const date since = as_of - months(options.lookback_months);
  const date year_ago = as_of - months(12);
  for (const child_case& c : cl.cases) {
    if (c.kind() != case_kind::lac) continue;
    if (c.history().empty() || c.history().front().date() > as_of) continue;
    const event* start = latest<started_looked_after>(c, as_of);
    const event* ceased = latest<ceased_looked_after>(c, as_of);
    if (ceased && ceased->date() < since) continue;
    const event* review = latest<lac_review>(c, as_of);
    const event* v = latest<visit>(c, as_of, seen);
    const event* mid = latest<midway_review>(c, as_of, held_midway);
    // The IRO chairs the review and the midway review (seed 000): the later of the two.
    const event* iro = !review ? mid : !mid ? review : (mid->date() > review->date() ? mid : review);
    const event* placement = latest<placement_start>(c, as_of);
    std::size_t placements = 0, missing = 0, absent = 0;
    for (const event& e : c.history()) {
      if (e.date() > as_of || e.date() <= year_ago) continue;
      if (std::holds_alternative<placement_start>(e.data)) ++placements;
      if (std::holds_alternative<missing_episode>(e.data)) {
        (extra_string(e.extra, "missing") == "A" ? absent : missing) += 1;
      }
    }
    t.rows.push_back({text(c.child().str()), day(date_of_event(start)), text(extra_string(c.extra, "category_of_need")),
                      day(interop::parse_iso_date(extra_string(c.extra, "legal_status_start"))),
                      text(extra_string(c.extra, "legal_status")), day(date_of_event(review)), day(date_of_event(v)), day(date_of_event(iro)),
                      count(placements), day(date_of_event(ceased)), text(ceased ? std::get<ceased_looked_after>(ceased->data).reason : ""),
                      day(date_of_event(placement)), text(placement ? extra_string(placement->extra, "place") : ""), count(missing),
                      count(absent)});
  }
  return t;
}

}  // namespace midway
