// CIN census XML -> CP cases written as columns, and the CIN validator rules midway matches.
#include "common.hpp"
#include "../record_rules.hpp"

#include <midway/detail/io.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <unordered_map>

namespace midway {

namespace {

using interop::check;
using interop::location;

struct value {
  location at;
  std::string text;          // trimmed; empty when absent
  std::optional<date> day;  // parsed as ISO, whatever the range
};

struct s47_rec {
  location at;
  std::uint32_t d = 0, k = 0;  // CINdetails[d]/Section47[k]
  value start, target, icpc;
  std::string not_required;  // ICPCnotRequired as written
  bool ok = false;           // usable for a case
  bool used = false;
};

struct review_rec {
  location at;
  std::uint32_t n = 0;  // Reviews[n] of its plan: the n-th CPPreviewDate
  value when;
  bool ok = false;
};

struct cpp_rec {
  location at;
  std::uint32_t d = 0, k = 0;  // CINdetails[d]/ChildProtectionPlans[k]
  value start, end;
  std::string initial_category, latest_category, previous;
  std::vector<review_rec> reviews;
  bool ok = false;
};

struct details_rec {
  value icpc;  // CINdetails/DateOfInitialCPC
  std::vector<s47_rec> s47;
  std::vector<cpp_rec> plans;
};

struct child_rec {
  std::string id;
  std::vector<details_rec> details;
};

enum table { t_child, t_s47, t_cpp, t_reviews };

// An event's id, kept as numbers and made when a case is built:
//   s47        CINdetails[d]/Section47[k]
//   s47_icpc   CINdetails[d]/Section47[k]:icpc
//   plan_icpc  CINdetails[d]/ChildProtectionPlans[k]:icpc
//   review     CINdetails[d]/ChildProtectionPlans[k]/Reviews[n]
//   end        CINdetails[d]/ChildProtectionPlans[k]:end
struct event_ref {
  enum form_t : std::uint8_t { s47, s47_icpc, plan_icpc, review, end };
  std::uint32_t d = 0, k = 0, n = 0;
  form_t form = s47;

  std::string str() const {
    std::string out = "CINdetails[" + std::to_string(d) + "]/";
    if (form == s47 || form == s47_icpc) {
      out += "Section47[" + std::to_string(k) + "]";
      if (form == s47_icpc) out += ":icpc";
      return out;
    }
    out += "ChildProtectionPlans[" + std::to_string(k) + "]";
    if (form == plan_icpc) out += ":icpc";
    if (form == review) out += "/Reviews[" + std::to_string(n) + "]";
    if (form == end) out += ":end";
    return out;
  }
};

std::int32_t days(date d) noexcept { return static_cast<std::int32_t>(d.days_since_epoch()); }

// What the reader keeps to build case i on demand (import_result::case_at): the id of each
// event (parallel to the event columns), each case's first event, and the case's codes
// (InitialCategoryOfAbuse, LatestCategoryOfAbuse, NumberOfPreviousCPP: 0 when not given) and
// InitialCPCtarget (no_date when not given).
struct cin_cases final : detail::case_source {
  std::vector<std::string> codes{std::string()};
  std::vector<event_ref> refs;
  std::vector<std::uint32_t> first_event{0};  // case i's events: [first_event[i], first_event[i + 1])
  std::vector<std::uint32_t> initial, latest, previous;
  std::vector<std::int32_t> target;

  child_case build(const caseload_columns& cols, std::size_t c) const override {
    child_case out(case_id(cols.cases.case_id[c]), child_id(cols.cases.child_id[c]), case_kind::cp);
    out.extra["source"] = interop::json_string("cin_census");
    if (initial[c] != 0) out.extra["initial_category_of_abuse"] = interop::json_string(codes[initial[c]]);
    if (latest[c] != 0) out.extra["latest_category_of_abuse"] = interop::json_string(codes[latest[c]]);
    if (previous[c] != 0) out.extra["number_of_previous_cpp"] = interop::json_string(codes[previous[c]]);
    if (target[c] != no_date) out.extra["initial_cpc_target"] = interop::json_string(date::from_days_since_epoch(target[c]).to_iso());
    const event_columns& ev = cols.events;
    out.reserve_history(first_event[c + 1] - first_event[c]);
    for (std::size_t i = first_event[c]; i < first_event[c + 1]; ++i) {
      const date d = date::from_days_since_epoch(ev.date[i]);
      event e{.id = event_id(refs[i].str()), .data = s47_enquiry{.date = d}, .correction = false, .extra = {}};
      switch (ev.kind[i]) {
        case kernel::code<initial_conference>:
          e.data = initial_conference{.date = d, .pre_birth = false, .plan_started = has(ev.flags[i], event_flag::plan_started)};
          break;
        case kernel::code<review_conference>:
          e.data = review_conference{.date = d, .plan_continues = has(ev.flags[i], event_flag::plan_continues), .midway_date = std::nullopt};
          break;
        case kernel::code<plan_ended>: e.data = plan_ended{.date = d, .reason = plan_end_reason::other}; break;
        default: break;  // s47_enquiry
      }
      out.record(std::move(e));
    }
    return out;
  }
};

bool in_calendar(date d) { return d >= calendar::first_date() && d <= calendar::last_date(); }


bool truthy(std::string_view s) { return s == "true" || s == "1"; }

class reader {
 public:
  reader(std::string_view text, std::string_view name, const import_options& options)
      : file_(name), options_(options) {
    text_ = interop::decode_text(text, options.encoding, decoded_, file_, findings_);
    lines_ = interop::line_index(text_);
    for (std::string_view t : {"Child", "Section47", "ChildProtectionPlans", "Reviews"}) {
      out_.tables.push_back(table_count{.file = file_, .table = std::string(t), .read = 0, .loaded = 0, .rejected = 0});
    }
  }

  import_result run() {
    pugi::xml_document doc;
    // The text is UTF-8 by now (decode_text): one rule, import_options::encoding, not the declaration's.
    const pugi::xml_parse_result parsed =
        doc.load_buffer(text_.data(), text_.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    // A DTD (entity declarations: billion laughs, external entities) is refused, not skipped:
    // pugixml would leave its entity references in the text as literal ids.
    for (const pugi::xml_node n : doc.children()) {
      if (n.type() == pugi::node_doctype) {
        findings_.add(finding_kind::rejected, check::xml_doctype, at(n, "/"), "", "");
        return finish();
      }
    }
    if (!parsed) {
      const std::size_t offset = parsed.offset > 0 ? static_cast<std::size_t>(parsed.offset) : 0;
      findings_.add(finding_kind::rejected, check::xml_malformed, location{.file = file_, .line = lines_.line_of(offset), .path = {}}, "", "",
                    {.s = parsed.description()});
    }
    const pugi::xml_node message = doc.child("Message");
    if (!message) {
      if (parsed) {
        findings_.add(finding_kind::rejected, check::cin_no_root, location{.file = file_, .line = 1, .path = "/"}, "", "");
      }
      return finish();
    }
    if (const pugi::xml_attribute ns = message.attribute("xmlns"); ns && *ns.value()) {
      findings_.add(finding_kind::rejected, check::cin_namespace, at(message, "/Message"), "", "xmlns");
      return finish();
    }
    const pugi::xml_node ref = message.child("Header").child("CollectionDetails").child("ReferenceDate");
    reference_ = read_value(ref, "/Message/Header/CollectionDetails/ReferenceDate");
    if (reference_.day && in_calendar(*reference_.day)) {
      out_.reference_date = reference_.day;
    } else {
      findings_.add(finding_kind::warning, reference_.text.empty() ? check::cin_no_reference : check::cin_reference_format, reference_.at, "",
                    "ReferenceDate", {.s = reference_.text});
    }
    std::size_t ci = 0;
    for (const pugi::xml_node child : message.child("Children").children("Child")) {
      read_child(child, "/Message/Children/Child[" + std::to_string(++ci) + "]");
    }
    for (const child_rec& c : children_) build(c);
    if (options_.validator_rules) rules();
    return finish();
  }

 private:
  location at(const pugi::xml_node& n, std::string path) const {
    const auto off = n.offset_debug();
    return location{.file = file_, .line = off >= 0 ? lines_.line_of(static_cast<std::size_t>(off)) : 0, .path = std::move(path)};
  }

  value read_value(const pugi::xml_node& n, std::string path) const {
    value v{.at = at(n, std::move(path)), .text = std::string(interop::trim(n.child_value())), .day = std::nullopt};
    if (!v.text.empty()) v.day = interop::parse_iso_date(v.text);
    return v;
  }

  value field(const pugi::xml_node& parent, const char* name, const std::string& parent_path) const {
    const pugi::xml_node n = parent.child(name);
    value v = read_value(n, parent_path + "/" + name);
    if (!n) v.at = at(parent, parent_path + "/" + name);
    return v;
  }

  // A date an event needs. Adds a rejected finding and returns false when it is blank (if
  // required), not ISO, or outside the calendar.
  bool event_date(const value& v, bool required, const std::string& child, std::string_view name) {
    if (v.text.empty()) {
      if (!required) return true;
      findings_.add(finding_kind::rejected, check::cin_date_missing, v.at, child, name);
      return false;
    }
    if (!v.day) {
      findings_.add(finding_kind::rejected, check::cin_date_format, v.at, child, name, {.s = v.text});
      return false;
    }
    if (!in_calendar(*v.day)) {
      findings_.add(finding_kind::rejected, check::date_range, v.at, child, name, {.s = {}, .n0 = interop::date_arg(*v.day)});
      return false;
    }
    return true;
  }

  void count(table t, bool ok) {
    auto& c = out_.tables[static_cast<std::size_t>(t)];
    ++c.read;
    if (!ok) ++c.rejected;
  }

  void read_child(const pugi::xml_node& node, const std::string& path) {
    child_rec c;
    const pugi::xml_node idn = node.child("ChildIdentifiers").child("LAchildID");
    c.id = std::string(interop::trim(idn.child_value()));
    const bool entity = interop::has_entity_reference(c.id);
    const bool id_ok = interop::valid_id(c.id) && !entity;
    count(t_child, id_ok);
    if (entity) {
      findings_.add(finding_kind::rejected, check::cin_id_entity, at(idn, path + "/ChildIdentifiers/LAchildID"), "", "LAchildID", {.s = c.id});
      c.id.clear();  // never used as an id, nor shown on the rules' flags
    } else if (!id_ok) {
      findings_.add(finding_kind::rejected, check::cin_id_bad, at(idn ? idn : node, path + "/ChildIdentifiers/LAchildID"), "", "LAchildID");
    }
    // The date of birth is not used; a bad one is reported, never shown.
    if (const value dob = field(node.child("ChildIdentifiers"), "PersonBirthDate", path + "/ChildIdentifiers");
        !dob.text.empty() && (!dob.day || !in_calendar(*dob.day))) {
      findings_.add(finding_kind::warning, check::cin_dob, dob.at, id_ok ? std::string_view(c.id) : std::string_view(), "PersonBirthDate");
    }
    std::size_t di = 0;
    for (const pugi::xml_node d : node.children("CINdetails")) {
      const std::string dpath = path + "/CINdetails[" + std::to_string(++di) + "]";
      details_rec det;
      det.icpc = field(d, "DateOfInitialCPC", dpath);
      std::size_t k = 0;
      for (const pugi::xml_node s : d.children("Section47")) {
        const std::string spath = dpath + "/Section47[" + std::to_string(++k) + "]";
        s47_rec r{.at = at(s, spath),
                  .d = static_cast<std::uint32_t>(di),
                  .k = static_cast<std::uint32_t>(k),
                  .start = field(s, "S47ActualStartDate", spath),
                  .target = field(s, "InitialCPCtarget", spath),
                  .icpc = field(s, "DateOfInitialCPC", spath),
                  .not_required = std::string(interop::trim(s.child("ICPCnotRequired").child_value())),
                  .ok = false,
                  .used = false};
        r.ok = id_ok && event_date(r.start, true, c.id, "S47ActualStartDate") && event_date(r.icpc, false, c.id, "DateOfInitialCPC");
        count(t_s47, r.ok);
        det.s47.push_back(std::move(r));
      }
      k = 0;
      for (const pugi::xml_node p : d.children("ChildProtectionPlans")) {
        const std::string ppath = dpath + "/ChildProtectionPlans[" + std::to_string(++k) + "]";
        cpp_rec r{.at = at(p, ppath),
                  .d = static_cast<std::uint32_t>(di),
                  .k = static_cast<std::uint32_t>(k),
                  .start = field(p, "CPPstartDate", ppath),
                  .end = field(p, "CPPendDate", ppath),
                  .initial_category = std::string(interop::trim(p.child("InitialCategoryOfAbuse").child_value())),
                  .latest_category = std::string(interop::trim(p.child("LatestCategoryOfAbuse").child_value())),
                  .previous = std::string(interop::trim(p.child("NumberOfPreviousCPP").child_value())),
                  .reviews = {},
                  .ok = false};
        r.ok = id_ok && event_date(r.start, true, c.id, "CPPstartDate") && event_date(r.end, false, c.id, "CPPendDate");
        if (r.ok && r.end.day && *r.end.day < *r.start.day) {
          findings_.add(finding_kind::rejected, check::cin_plan_order, r.end.at, c.id, "CPPendDate",
                        {.s = {}, .n0 = interop::date_arg(*r.end.day), .n1 = interop::date_arg(*r.start.day)});
          r.ok = false;
        }
        count(t_cpp, r.ok);
        // One Reviews group per review; a group may hold several CPPreviewDate values, or none (8842Q).
        std::size_t g = 0, n = 0;
        for (const pugi::xml_node rv : p.children("Reviews")) {
          const std::string gpath = ppath + "/Reviews[" + std::to_string(++g) + "]";
          std::size_t j = 0;
          auto add = [&](const pugi::xml_node& dn, std::string vpath) {
            review_rec rr{.at = at(dn ? dn : rv, vpath), .n = static_cast<std::uint32_t>(++n), .when = read_value(dn, vpath), .ok = false};
            if (!dn) rr.when.at = at(rv, vpath);
            rr.ok = r.ok && event_date(rr.when, true, c.id, "CPPreviewDate");
            if (!r.ok) {
              findings_.add(finding_kind::rejected, check::cin_plan_not_loaded, rr.when.at, c.id, "CPPreviewDate");
            }
            count(t_reviews, rr.ok);
            r.reviews.push_back(std::move(rr));
          };
          for (const pugi::xml_node dn : rv.children("CPPreviewDate")) add(dn, gpath + "/CPPreviewDate[" + std::to_string(++j) + "]");
          if (j == 0) add(pugi::xml_node(), gpath + "/CPPreviewDate");
        }
        det.plans.push_back(std::move(r));
      }
      det.s47.shrink_to_fit();
      c.details.push_back(std::move(det));
    }
    children_.push_back(std::move(c));
  }

  void reject_review(std::size_t n = 1) { out_.tables[t_reviews].rejected += n; }

  // Builds the child's cases, written as columns: for each loaded plan, a case of its Section47
  // (if any), its ICPC, its reviews by date and its end; then a case for each Section47 with no
  // plan. Each event goes through the rules of order of child_case::record (record_rules.hpp)
  // on the case's rows, as recording it on the case would: an event that breaks one is left out
  // with a not_recorded finding giving the rule's message. No other rule of record can break
  // here: every event belongs to a CP case, the case has no opened date and no personal
  // details, no event has a midway date, and the ids are distinct by construction.
  // tests/python/test_readers_golden.py checks the cases built on demand against the cases the
  // reader recorded one by one before.
  void build(const child_rec& c) {
    if (!interop::valid_id(c.id)) return;
    std::size_t n = 0;
    for (const details_rec& d : c.details) {
      std::vector<bool> used(d.s47.size(), false);
      for (const cpp_rec& p : d.plans) {
        if (!p.ok) continue;
        const date start = *p.start.day;
        // The Section47 whose ICPC started this plan, else the latest one before the plan.
        const s47_rec* s47 = nullptr;
        for (std::size_t k = 0; k < d.s47.size(); ++k) {
          if (d.s47[k].ok && d.s47[k].icpc.day == start) {
            s47 = &d.s47[k];
            used[k] = true;
            break;
          }
        }
        if (!s47) {
          for (std::size_t k = 0; k < d.s47.size(); ++k) {
            if (d.s47[k].ok && *d.s47[k].start.day <= start && (!s47 || *d.s47[k].start.day >= *s47->start.day)) s47 = &d.s47[k];
          }
          if (s47) used[static_cast<std::size_t>(s47 - d.s47.data())] = true;
        }
        begin_case(c.id, ++n, p.initial_category, p.latest_category, p.previous, s47 ? s47->target.day : std::nullopt);
        if (s47) {
          record(s47_row(*s47->start.day), {.d = s47->d, .k = s47->k, .n = 0, .form = event_ref::s47}, s47->start.at, "S47ActualStartDate");
        }
        record(icpc_row(start, true), {.d = p.d, .k = p.k, .n = 0, .form = event_ref::plan_icpc}, p.start.at, "CPPstartDate");
        bool end_recorded = false;
        std::vector<const review_rec*> reviews;
        for (const review_rec& r : p.reviews) {
          if (r.ok) reviews.push_back(&r);
        }
        std::stable_sort(reviews.begin(), reviews.end(), [](const review_rec* a, const review_rec* b) { return *a->when.day < *b->when.day; });
        for (const review_rec* r : reviews) {
          const bool ends = p.end.day && *r->when.day == *p.end.day && !end_recorded;
          const event_row row{.kind = kernel::code<review_conference>,
                              .date = days(*r->when.day),
                              .flags = ends ? std::uint16_t{0} : static_cast<std::uint16_t>(event_flag::plan_continues),
                              .other_date = no_date};
          if (!record(row, {.d = p.d, .k = p.k, .n = r->n, .form = event_ref::review}, r->when.at, "CPPreviewDate")) {
            reject_review();
          } else if (ends) {
            end_recorded = true;
          }
        }
        if (p.end.day && !end_recorded) {
          const event_row row{.kind = kernel::code<plan_ended>, .date = days(*p.end.day), .flags = 0, .other_date = no_date};
          record(row, {.d = p.d, .k = p.k, .n = 0, .form = event_ref::end}, p.end.at, "CPPendDate");
        }
        end_case();
      }
      // A Section47 with no plan: a case while its ICPC is awaited, or was held without a plan.
      for (std::size_t k = 0; k < d.s47.size(); ++k) {
        const s47_rec& s = d.s47[k];
        if (!s.ok || used[k] || (truthy(s.not_required) && !s.icpc.day)) continue;
        begin_case(c.id, ++n, {}, {}, {}, s.target.day);
        record(s47_row(*s.start.day), {.d = s.d, .k = s.k, .n = 0, .form = event_ref::s47}, s.start.at, "S47ActualStartDate");
        if (s.icpc.day) {
          record(icpc_row(*s.icpc.day, false), {.d = s.d, .k = s.k, .n = 0, .form = event_ref::s47_icpc}, s.icpc.at, "DateOfInitialCPC");
        }
        end_case();
      }
    }
  }

  static event_row s47_row(date d) { return {.kind = kernel::code<s47_enquiry>, .date = days(d), .flags = 0, .other_date = no_date}; }
  static event_row icpc_row(date d, bool plan_started) {
    return {.kind = kernel::code<initial_conference>,
            .date = days(d),
            .flags = plan_started ? static_cast<std::uint16_t>(event_flag::plan_started) : std::uint16_t{0},
            .other_date = no_date};
  }

  std::uint32_t code_of(std::string_view s) {
    if (s.empty()) return 0;
    const auto [it, added] = code_index_.try_emplace(std::string(s), static_cast<std::uint32_t>(kept_->codes.size()));
    if (added) kept_->codes.emplace_back(s);
    return it->second;
  }

  // A new case of child `child`, its n-th: its row of the case columns and what kept_ holds of it.
  void begin_case(const std::string& child, std::size_t n, std::string_view initial, std::string_view latest, std::string_view previous,
                  std::optional<date> target) {
    case_columns& cs = cols_.cases;
    cs.case_id.push_back("CP-" + child + "-" + std::to_string(n));
    cs.child_id.push_back(child);
    cs.kind.push_back(case_kind::cp);
    cs.partial_history.push_back(0);
    cs.short_breaks.push_back(0);
    kept_->initial.push_back(code_of(initial));
    kept_->latest.push_back(code_of(latest));
    kept_->previous.push_back(code_of(previous));
    kept_->target.push_back(target ? days(*target) : no_date);
    rows_.clear();
    refs_.clear();
  }

  // Puts an event into the current case's rows where child_case::record would (after the rows
  // of its date), if the rules of order hold with it; else leaves it out with a not_recorded
  // finding at `at` whose text is "<case id>: <the rule's message>". Returns whether it is in.
  bool record(const event_row& row, const event_ref& ref, const location& at, std::string_view source_field) {
    const auto pos = std::upper_bound(rows_.begin(), rows_.end(), row.date, [](std::int32_t d, const event_row& x) { return d < x.date; });
    const auto added = static_cast<std::size_t>(pos - rows_.begin());
    rows_.insert(pos, row);
    refs_.insert(refs_.begin() + static_cast<std::ptrdiff_t>(added), ref);
    const auto row_at = [&](std::size_t i) { return rows_[i]; };
    const detail::order_break b = detail::check_order(rows_.size(), added, row_at, case_kind::cp, false);
    if (!b) return true;
    const std::string message = detail::order_message(b, added, row_at, [&](std::size_t i) { return refs_[i].str(); }, case_kind::cp);
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(added));
    refs_.erase(refs_.begin() + static_cast<std::ptrdiff_t>(added));
    findings_.add(finding_kind::rejected, check::not_recorded, at, cols_.cases.child_id.back(), source_field,
                  {.s = cols_.cases.case_id.back() + ": " + message});
    return false;
  }

  // The current case's rows, appended to the event columns.
  void end_case() {
    event_columns& ev = cols_.events;
    const auto c = static_cast<std::int32_t>(cols_.cases.size() - 1);
    for (const event_row& r : rows_) {
      ev.case_index.push_back(c);
      ev.kind.push_back(r.kind);
      ev.date.push_back(r.date);
      ev.flags.push_back(r.flags);
      ev.other_date.push_back(r.other_date);
    }
    kept_->refs.insert(kept_->refs.end(), refs_.begin(), refs_.end());
    kept_->first_event.push_back(static_cast<std::uint32_t>(ev.size()));
  }

  void flag(const location& where, const std::string& child, std::string_view field_name, check rule) {
    findings_.add(finding_kind::rule, rule, where, child, field_name);
  }

  void rules() {
    // England's calendar, built once (building one costs more than reading a whole return).
    static const calendar england(division::england_and_wales);
    const calendar& cal = options_.calendar ? *options_.calendar : england;
    std::optional<date> census_start, census_end, s47_threshold;
    if (out_.reference_date) {
      census_end = out_.reference_date;
      // The census year: ReferenceDate - 1 year + 1 day .. ReferenceDate (the validator's
      // make_census_period since its PR #510): a day a year before ReferenceDate belongs to the
      // previous collection.
      census_start = *out_.reference_date - months(12) + calendar_days(1);
      // The validator's england_working_days(15) steps 14 working days back (CustomBusinessDay(n=14)).
      s47_threshold = cal.add_working_days(*out_.reference_date, working_days(-14));
    }
    for (const child_rec& c : children_) {
      for (const details_rec& d : c.details) {
        for (const s47_rec& s : d.s47) {
          if (s.target.day && s.target.day->is_weekend()) {
            flag(s.target.at, c.id, "InitialCPCtarget", check::rule_8870Q);
          }
          if (s.icpc.day && s.icpc.day->is_weekend()) {
            flag(s.icpc.at, c.id, "DateOfInitialCPC", check::rule_8875);
          }
          // 8675Q: a DateOfInitialCPC that is not a date counts as absent (the validator coerces it to NaT).
          if (s47_threshold && !s.icpc.day && (s.not_required == "false" || s.not_required == "0") && s.start.day &&
              *s.start.day < *s47_threshold) {
            flag(s.start.at, c.id, "S47ActualStartDate", check::rule_8675Q);
          }
        }
        for (const cpp_rec& p : d.plans) {
          const std::optional<date>& start = p.start.day;
          // 2885: a plan starting in the census year starts on an ICPC date of its CIN episode:
          // a Section47's, leaving out those with ICPCnotRequired 1 (the schema's yesnotype is 0
          // or 1; the validator drops exactly "1"); the CINdetails' own when no Section47 is left.
          if (start && census_start && *start >= *census_start && *start <= *census_end) {
            bool any_s47 = false, matches = false;
            for (const s47_rec& s : d.s47) {
              if (s.not_required == "1") continue;
              any_s47 = true;
              matches = matches || s.icpc.day == start;
            }
            if (!any_s47) matches = d.icpc.day == start;
            if (!matches) {
              flag(p.start.at, c.id, "CPPstartDate", check::rule_2885);
            }
          }
          for (const review_rec& r : p.reviews) {
            // 8842Q: a Reviews group without a valid date.
            if (!r.when.day) flag(r.when.at, c.id, "CPPreviewDate", check::rule_8842Q);
            // 8841: no review on or before the plan's start.
            if (start && r.when.day && *r.when.day <= *start) {
              flag(r.when.at, c.id, "CPPreviewDate", check::rule_8841);
            }
          }
        }
      }
    }
  }

  import_result finish() {
    for (auto& t : out_.tables) t.loaded = t.read - std::min(t.read, t.rejected);
    out_.findings.assign(std::make_move_iterator(findings_.items.begin()), std::make_move_iterator(findings_.items.end()));
    out_.columns = std::move(cols_);
    out_.source = std::move(kept_);
    return std::move(out_);
  }

  std::string file_;
  std::string decoded_;  // the text as UTF-8 when it was not already
  std::string_view text_;
  interop::line_index lines_{std::string_view()};
  const import_options& options_;
  value reference_;
  std::vector<child_rec> children_;
  import_result out_;
  interop::finding_sink findings_;
  caseload_columns cols_;
  std::shared_ptr<cin_cases> kept_ = std::make_shared<cin_cases>();
  std::unordered_map<std::string, std::uint32_t> code_index_;
  std::vector<event_row> rows_;  // the current case's events, in history order
  std::vector<event_ref> refs_;  // and their ids
};

}  // namespace

import_result import_cin_census_xml(std::string_view text, std::string_view name, const import_options& options) {
  return reader(text, name, options).run();
}

import_result import_cin_census(const std::filesystem::path& path, const import_options& options) {
  return import_cin_census_xml(detail::read_text_file(path, "the CIN census file"), path.filename().string(), options);
}

}  // namespace midway
