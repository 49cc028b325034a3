// CIN census XML -> CP cases, and the CIN validator rules midway matches.
#include "common.hpp"

#include <midway/detail/io.hpp>

#include <pugixml.hpp>

#include <algorithm>

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
  std::string ref;
  value start, target, icpc;
  std::string not_required;  // ICPCnotRequired as written
  bool ok = false;           // usable for a case
  bool used = false;
};

struct review_rec {
  location at;
  std::string ref;
  value when;
  bool ok = false;
};

struct cpp_rec {
  location at;
  std::string ref;
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
      const std::string dref = "CINdetails[" + std::to_string(di) + "]";
      details_rec det;
      det.icpc = field(d, "DateOfInitialCPC", dpath);
      std::size_t k = 0;
      for (const pugi::xml_node s : d.children("Section47")) {
        const std::string spath = dpath + "/Section47[" + std::to_string(++k) + "]";
        s47_rec r{.at = at(s, spath),
                  .ref = dref + "/Section47[" + std::to_string(k) + "]",
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
                  .ref = dref + "/ChildProtectionPlans[" + std::to_string(k) + "]",
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
            review_rec rr{.at = at(dn ? dn : rv, vpath), .ref = r.ref + "/Reviews[" + std::to_string(++n) + "]", .when = read_value(dn, vpath), .ok = false};
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

  void build(const child_rec& c) {
    if (!interop::valid_id(c.id)) return;
    std::size_t n = 0;
    auto next_id = [&] { return case_id("CP-" + c.id + "-" + std::to_string(++n)); };
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
        child_case cs(next_id(), child_id(c.id), case_kind::cp);
        cs.extra["source"] = interop::json_string("cin_census");
        if (!p.initial_category.empty()) cs.extra["initial_category_of_abuse"] = interop::json_string(p.initial_category);
        if (!p.latest_category.empty()) cs.extra["latest_category_of_abuse"] = interop::json_string(p.latest_category);
        if (!p.previous.empty()) cs.extra["number_of_previous_cpp"] = interop::json_string(p.previous);
        if (s47) {
          if (s47->target.day) cs.extra["initial_cpc_target"] = interop::json_string(s47->target.day->to_iso());
          interop::record_or_report(cs, event{.id = event_id(s47->ref), .data = s47_enquiry{.date = *s47->start.day}, .correction = false, .extra = {}},
                                    s47->start.at, "S47ActualStartDate", findings_);
        }
        interop::record_or_report(cs, event{.id = event_id(p.ref + ":icpc"), .data = initial_conference{.date = start, .pre_birth = false, .plan_started = true}, .correction = false, .extra = {}},
                                  p.start.at, "CPPstartDate", findings_);
        bool end_recorded = false;
        std::vector<const review_rec*> reviews;
        for (const review_rec& r : p.reviews) {
          if (r.ok) reviews.push_back(&r);
        }
        std::stable_sort(reviews.begin(), reviews.end(), [](const review_rec* a, const review_rec* b) { return *a->when.day < *b->when.day; });
        for (const review_rec* r : reviews) {
          const bool ends = p.end.day && *r->when.day == *p.end.day && !end_recorded;
          if (!interop::record_or_report(cs, event{.id = event_id(r->ref), .data = review_conference{.date = *r->when.day, .plan_continues = !ends, .midway_date = std::nullopt}, .correction = false, .extra = {}},
                                         r->when.at, "CPPreviewDate", findings_)) {
            reject_review();
          } else if (ends) {
            end_recorded = true;
          }
        }
        if (p.end.day && !end_recorded) {
          interop::record_or_report(cs, event{.id = event_id(p.ref + ":end"), .data = plan_ended{.date = *p.end.day, .reason = plan_end_reason::other}, .correction = false, .extra = {}},
                                    p.end.at, "CPPendDate", findings_);
        }
        cases_.cases.push_back(std::move(cs));
      }
      // A Section47 with no plan: a case while its ICPC is awaited, or was held without a plan.
      for (std::size_t k = 0; k < d.s47.size(); ++k) {
        const s47_rec& s = d.s47[k];
        if (!s.ok || used[k] || (truthy(s.not_required) && !s.icpc.day)) continue;
        child_case cs(next_id(), child_id(c.id), case_kind::cp);
        cs.extra["source"] = interop::json_string("cin_census");
        if (s.target.day) cs.extra["initial_cpc_target"] = interop::json_string(s.target.day->to_iso());
        interop::record_or_report(cs, event{.id = event_id(s.ref), .data = s47_enquiry{.date = *s.start.day}, .correction = false, .extra = {}},
                                  s.start.at, "S47ActualStartDate", findings_);
        if (s.icpc.day) {
          interop::record_or_report(cs, event{.id = event_id(s.ref + ":icpc"), .data = initial_conference{.date = *s.icpc.day, .pre_birth = false, .plan_started = false}, .correction = false, .extra = {}},
                                    s.icpc.at, "DateOfInitialCPC", findings_);
        }
        cases_.cases.push_back(std::move(cs));
      }
    }
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
    interop::set_cases(out_, std::move(cases_));
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
  caseload cases_;
};

}  // namespace

import_result import_cin_census_xml(std::string_view text, std::string_view name, const import_options& options) {
  return reader(text, name, options).run();
}

import_result import_cin_census(const std::filesystem::path& path, const import_options& options) {
  return import_cin_census_xml(detail::read_text_file(path, "the CIN census file"), path.filename().string(), options);
}

}  // namespace midway
