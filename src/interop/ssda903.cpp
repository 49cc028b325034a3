// SSDA903 (children looked after) return: CSV tables or the XML layout -> LAC cases.
#include "common.hpp"

#include <midway/detail/io.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <unordered_map>

namespace midway {

namespace {

using interop::location;
using interop::make_finding;

struct header_row {
  location at;
  std::string child;
  std::optional<date> dob;
};

struct episode_row {
  location at;
  std::string ref;  // event id stem: "episodes:12", "CHILD[3]/EPISODE[2]"
  std::string child;
  date decom;
  std::optional<date> dec;
  std::string rne, ls, cin, place, rec;
};

struct review_ref {
  std::size_t row;  // index into the review rows
  std::string ref;
};

struct missing_row {
  location at;
  std::string ref;
  std::string child;
  std::string type;  // M missing, A absent
  date start;
  std::optional<date> end;
};

// Every row read, and the counts per table, before the join.
struct rows {
  std::vector<header_row> headers;
  std::vector<episode_row> episodes;
  std::vector<interop::review_row> reviews;
  std::vector<std::string> review_refs;  // parallel to reviews
  std::vector<bool> review_ok;           // parallel: the review date is usable
  std::vector<missing_row> missing;
  std::vector<table_count> tables;
  std::vector<import_finding> findings;
  // Index into `tables` of each row kind, or npos.
  std::size_t header_table = npos, episode_table = npos, review_table = npos, missing_table = npos;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  void reject(std::size_t table) {
    if (table != npos) ++tables[table].rejected;
  }
};

bool in_calendar(date d) { return d >= calendar::first_date() && d <= calendar::last_date(); }


// Checks a date field of an event row: blank (when optional) or a valid dd/mm/yyyy date in the
// calendar's range. On failure adds a rejected finding and returns false.
bool event_date(std::string_view text, bool required, std::optional<date>& out, const location& at,
                const std::string& child, std::string_view field, std::vector<import_finding>& findings) {
  out.reset();
  if (text.empty()) {
    if (!required) return true;
    findings.push_back(make_finding(finding_kind::rejected, at, child, std::string(field), std::string(field) + " is blank"));
    return false;
  }
  out = interop::parse_uk_date(text);
  if (!out) {
    findings.push_back(make_finding(finding_kind::rejected, at, child, std::string(field),
                                    "'" + interop::shown(text) + "' is not a dd/mm/yyyy date"));
    return false;
  }
  if (!in_calendar(*out)) {
    findings.push_back(make_finding(finding_kind::rejected, at, child, std::string(field),
                                    out->to_iso() + " is outside the supported range 1978-01-01..2199-12-31"));
    out.reset();
    return false;
  }
  return true;
}

// ---- row handlers, shared by the CSV and XML readers. Each takes the row's values (trimmed,
// empty when absent) and appends the row or a finding. ----

void add_header(rows& r, const location& at, std::string_view child, std::string_view dob) {
  if (!interop::valid_id(child)) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, "", "CHILD", "the child id is blank or has control characters"));
    r.reject(r.header_table);
    return;
  }
  // A DOB is only used by rules 440/441; a bad one is not shown, and loses nothing else.
  std::optional<date> d = dob.empty() ? std::nullopt : interop::parse_uk_date(dob);
  if (!dob.empty() && !d) {
    r.findings.push_back(make_finding(finding_kind::warning, at, std::string(child), "DOB", "DOB is not a dd/mm/yyyy date (value not shown)"));
  }
  r.headers.push_back(header_row{.at = at, .child = std::string(child), .dob = d});
}

struct episode_values {
  std::string_view child, decom, rne, ls, cin, place, dec, rec;
};

void add_episode(rows& r, const location& at, std::string ref, const episode_values& v) {
  if (!interop::valid_id(v.child)) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, "", "CHILD", "the child id is blank or has control characters"));
    r.reject(r.episode_table);
    return;
  }
  const std::string child(v.child);
  std::optional<date> decom, dec;
  if (!event_date(v.decom, true, decom, at, child, "DECOM", r.findings) ||
      !event_date(v.dec, false, dec, at, child, "DEC", r.findings)) {
    r.reject(r.episode_table);
    return;
  }
  if (dec && *dec < *decom) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, child, "DEC",
                                      "the episode ends (" + dec->to_iso() + ") before it starts (" + decom->to_iso() + ")"));
    r.reject(r.episode_table);
    return;
  }
  static constexpr std::array<std::string_view, 6> rne_codes{"S", "L", "P", "T", "U", "B"};
  if (std::find(rne_codes.begin(), rne_codes.end(), v.rne) == rne_codes.end()) {
    r.findings.push_back(make_finding(finding_kind::warning, at, child, "RNE",
                                      "'" + interop::shown(v.rne) + "' is not an RNE code (S, L, P, T, U, B): read as a continuation"));
  }
  if (dec && v.rec.empty()) {
    r.findings.push_back(make_finding(finding_kind::warning, at, child, "REC", "the episode has a DEC but no REC: read as ceased"));
  }
  r.episodes.push_back(episode_row{.at = at,
                                   .ref = std::move(ref),
                                   .child = child,
                                   .decom = *decom,
                                   .dec = dec,
                                   .rne = std::string(v.rne),
                                   .ls = std::string(v.ls),
                                   .cin = std::string(v.cin),
                                   .place = std::string(v.place),
                                   .rec = std::string(v.rec)});
}

void add_review(rows& r, const location& at, std::string ref, std::string_view child, std::string_view review,
                std::string_view code, std::optional<date> dob) {
  if (!interop::valid_id(child)) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, "", "CHILD", "the child id is blank or has control characters"));
    r.reject(r.review_table);
    return;
  }
  interop::review_row row{.at = at, .child = std::string(child), .review_text = std::string(review), .review = std::nullopt,
                          .code = std::string(code), .dob = dob};
  std::optional<date> d;
  const bool ok = event_date(review, true, d, at, row.child, "REVIEW", r.findings);
  row.review = interop::parse_uk_date(review);  // the rules read the date as written, in range or not
  if (!ok) r.reject(r.review_table);
  r.reviews.push_back(std::move(row));
  r.review_refs.push_back(std::move(ref));
  r.review_ok.push_back(ok);
}

void add_missing(rows& r, const location& at, std::string ref, std::string_view child, std::string_view type,
                 std::string_view start, std::string_view end) {
  if (!interop::valid_id(child)) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, "", "CHILD", "the child id is blank or has control characters"));
    r.reject(r.missing_table);
    return;
  }
  const std::string c(child);
  std::optional<date> s, e;
  if (!event_date(start, true, s, at, c, "MIS_START", r.findings) || !event_date(end, false, e, at, c, "MIS_END", r.findings)) {
    r.reject(r.missing_table);
    return;
  }
  if (e && *e < *s) {
    r.findings.push_back(make_finding(finding_kind::rejected, at, c, "MIS_END", "the missing episode ends before it starts"));
    r.reject(r.missing_table);
    return;
  }
  if (type != "M" && type != "A") {
    r.findings.push_back(make_finding(finding_kind::warning, at, c, "MISSING", "'" + interop::shown(type) + "' is not M (missing) or A (absent)"));
  }
  r.missing.push_back(missing_row{.at = at, .ref = std::move(ref), .child = c, .type = std::string(type), .start = *s, .end = e});
}

// ---- CSV ----

// Reads one table: finds `columns` by header name; calls on_row(location, values) for each
// well-formed row, values in the order of `columns` (empty for an absent optional column).
template <class OnRow>
void read_csv_table(rows& r, const csv_source& src, std::string_view table, std::span<const std::string_view> columns,
                    std::size_t required, std::size_t& table_index, OnRow&& on_row) {
  table_index = r.tables.size();
  r.tables.push_back(table_count{.file = src.name, .table = std::string(table), .read = 0, .loaded = 0, .rejected = 0});
  std::vector<std::size_t> index(columns.size(), rows::npos);
  std::size_t width = 0;
  bool header = true, usable = true;
  std::vector<std::string_view> values(columns.size());
  location at{.file = src.name, .line = 0, .path = {}};
  interop::for_each_csv_record(src.text, [&](const interop::csv_record& rec) {
    at.line = rec.line;
    if (header) {
      header = false;
      width = rec.fields.size();
      for (std::size_t k = 0; k < rec.fields.size(); ++k) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (interop::iequals(interop::trim(rec.fields[k]), columns[c]) && index[c] == rows::npos) index[c] = k;
        }
      }
      for (std::size_t c = 0; c < required; ++c) {
        if (index[c] == rows::npos) {
          r.findings.push_back(make_finding(finding_kind::rejected, at, "", std::string(columns[c]),
                                            "the header has no " + std::string(columns[c]) + " column: no row of " + src.name + " is loaded"));
          usable = false;
        }
      }
      return;
    }
    auto& count = r.tables[table_index];
    ++count.read;
    if (!usable) {
      ++count.rejected;
      return;
    }
    auto child_of = [&]() -> std::string {
      const std::size_t k = index[0];
      return k < rec.fields.size() && interop::valid_id(interop::trim(rec.fields[k])) ? std::string(interop::trim(rec.fields[k])) : std::string();
    };
    if (!rec.error.empty()) {
      r.findings.push_back(make_finding(finding_kind::rejected, at, child_of(), "", "malformed CSV: " + rec.error));
      ++count.rejected;
      return;
    }
    if (rec.fields.size() != width) {
      r.findings.push_back(make_finding(finding_kind::rejected, at, child_of(), "",
                                        "the row has " + std::to_string(rec.fields.size()) + " fields where the header has " + std::to_string(width)));
      ++count.rejected;
      return;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) values[c] = index[c] == rows::npos ? std::string_view() : interop::trim(rec.fields[index[c]]);
    on_row(at, values);
  });
}

std::string csv_ref(std::string_view table, std::size_t line) { return std::string(table) + ":" + std::to_string(line); }

rows read_csv(const ssda903_csv& in) {
  rows r;
  std::unordered_map<std::string, std::optional<date>> dob_by_child;
  if (in.header) {
    static constexpr std::array<std::string_view, 2> cols{"CHILD", "DOB"};
    read_csv_table(r, *in.header, "header", cols, 1, r.header_table,
                   [&](const location& at, const std::vector<std::string_view>& v) { add_header(r, at, v[0], v[1]); });
  }
  if (in.episodes) {
    static constexpr std::array<std::string_view, 8> cols{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "DEC", "REC"};
    read_csv_table(r, *in.episodes, "episodes", cols, 2, r.episode_table, [&](const location& at, const std::vector<std::string_view>& v) {
      add_episode(r, at, csv_ref("episodes", at.line),
                  episode_values{.child = v[0], .decom = v[1], .rne = v[2], .ls = v[3], .cin = v[4], .place = v[5], .dec = v[6], .rec = v[7]});
    });
  }
  if (in.reviews) {
    for (const auto& h : r.headers) dob_by_child.emplace(h.child, h.dob);
    static constexpr std::array<std::string_view, 4> cols{"CHILD", "REVIEW", "REVIEW_CODE", "DOB"};
    read_csv_table(r, *in.reviews, "reviews", cols, 2, r.review_table, [&](const location& at, const std::vector<std::string_view>& v) {
      std::optional<date> dob;
      if (!v[3].empty()) {
        dob = interop::parse_uk_date(v[3]);
      } else if (auto it = dob_by_child.find(std::string(v[0])); it != dob_by_child.end()) {
        dob = it->second;
      }
      add_review(r, at, csv_ref("reviews", at.line), v[0], v[1], v[2], dob);
    });
  }
  if (in.missing) {
    static constexpr std::array<std::string_view, 4> cols{"CHILD", "MIS_START", "MISSING", "MIS_END"};
    read_csv_table(r, *in.missing, "missing", cols, 2, r.missing_table, [&](const location& at, const std::vector<std::string_view>& v) {
      add_missing(r, at, csv_ref("missing", at.line), v[0], v[2], v[1], v[3]);
    });
  }
  return r;
}

// ---- XML ----

std::string_view child_text(const pugi::xml_node& n, const char* name) { return interop::trim(n.child(name).child_value()); }

rows read_xml(std::string_view text, std::string_view name) {
  rows r;
  const std::string file(name);
  for (std::string_view t : {"header", "episodes", "reviews", "missing"}) {
    r.tables.push_back(table_count{.file = file, .table = std::string(t), .read = 0, .loaded = 0, .rejected = 0});
  }
  r.header_table = 0;
  r.episode_table = 1;
  r.review_table = 2;
  r.missing_table = 3;
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  const interop::line_index lines(text);
  if (!parsed) {
    const std::size_t offset = parsed.offset > 0 ? static_cast<std::size_t>(parsed.offset) : 0;
    r.findings.push_back(make_finding(finding_kind::rejected, location{.file = file, .line = lines.line_of(offset), .path = {}}, "", "",
                                      std::string("malformed XML: ") + parsed.description() + "; nothing after it is loaded"));
  }
  const pugi::xml_node root = doc.child("EXPSSDA903");
  if (!root) {
    if (parsed) {
      r.findings.push_back(make_finding(finding_kind::rejected, location{.file = file, .line = 1, .path = "/"}, "", "",
                                        "the document has no EXPSSDA903 root element"));
    }
    return r;
  }
  auto at_node = [&](const pugi::xml_node& n, std::string path) {
    const auto off = n.offset_debug();
    return location{.file = file, .line = off >= 0 ? lines.line_of(static_cast<std::size_t>(off)) : 0, .path = std::move(path)};
  };
  std::size_t ci = 0;
  for (const pugi::xml_node child : root.children("CHILD")) {
    ++ci;
    const std::string cpath = "/EXPSSDA903/CHILD[" + std::to_string(ci) + "]";
    const std::string cref = "CHILD[" + std::to_string(ci) + "]";
    const pugi::xml_node header = child.child("HEADER");
    const std::string_view id = child_text(header, "CHILDID");
    ++r.tables[0].read;
    if (!interop::valid_id(id)) {
      // Without an id nothing of this child can be joined: every row of it is rejected.
      r.findings.push_back(make_finding(finding_kind::rejected, at_node(header ? header : child, cpath + "/HEADER/CHILDID"), "", "CHILDID",
                                        "the child id is blank or missing: nothing of this CHILD is loaded"));
      ++r.tables[0].rejected;
      for (const pugi::xml_node h : header.children("AREVIEW")) {
        (void)h;
        ++r.tables[2].read;
        ++r.tables[2].rejected;
      }
      for (const char* tag : {"EPISODE", "AMISSING"}) {
        for (const pugi::xml_node e : child.children(tag)) {
          (void)e;
          const std::size_t t = std::string_view(tag) == "EPISODE" ? 1 : 3;
          ++r.tables[t].read;
          ++r.tables[t].rejected;
        }
      }
      continue;
    }
    const std::string_view dob_text = child_text(header, "DOB");
    add_header(r, at_node(header, cpath + "/HEADER"), id, dob_text);
    const std::optional<date> dob = dob_text.empty() ? std::nullopt : interop::parse_uk_date(dob_text);
    std::size_t k = 0;
    for (const pugi::xml_node rv : header.children("AREVIEW")) {
      ++k;
      ++r.tables[2].read;
      const std::string p = "/HEADER/AREVIEW[" + std::to_string(k) + "]";
      add_review(r, at_node(rv, cpath + p), cref + p, id, child_text(rv, "REVIEW"), child_text(rv, "REVIEW_CODE"), dob);
    }
    k = 0;
    for (const pugi::xml_node ep : child.children("EPISODE")) {
      ++k;
      ++r.tables[1].read;
      const std::string p = "/EPISODE[" + std::to_string(k) + "]";
      add_episode(r, at_node(ep, cpath + p), cref + p,
                  episode_values{.child = id,
                                 .decom = child_text(ep, "DECOM"),
                                 .rne = child_text(ep, "RNE"),
                                 .ls = child_text(ep, "LS"),
                                 .cin = child_text(ep, "CIN"),
                                 .place = child_text(ep, "PL"),
                                 .dec = child_text(ep, "DEC"),
                                 .rec = child_text(ep, "REC")});
    }
    k = 0;
    for (const pugi::xml_node m : child.children("AMISSING")) {
      ++k;
      ++r.tables[3].read;
      const std::string p = "/AMISSING[" + std::to_string(k) + "]";
      add_missing(r, at_node(m, cpath + p), cref + p, id, child_text(m, "MISSING"), child_text(m, "MIS_START"),
                  child_text(m, "MIS_END"));
    }
  }
  return r;
}

// ---- the join: periods of care -> cases ----

struct period {
  std::vector<const episode_row*> episodes;
  bool partial = false;
  std::optional<date> lower;  // reviews and missing episodes on or after this (none: any before `end`)
  std::optional<date> end;
  std::string end_reason;
};

bool short_breaks_only(const period& p) {
  return std::all_of(p.episodes.begin(), p.episodes.end(), [](const episode_row* e) { return e->ls == "V3" || e->ls == "V4"; });
}

std::vector<period> periods_of(std::vector<const episode_row*>& eps, std::vector<import_finding>& findings) {
  std::sort(eps.begin(), eps.end(), [](const episode_row* a, const episode_row* b) {
    return a->decom != b->decom ? a->decom < b->decom : a->at.line < b->at.line;
  });
  std::vector<period> out;
  bool open = false;  // the last period continues into the next episode
  const episode_row* prev = nullptr;
  for (const episode_row* e : eps) {
    if (open && prev) {
      if (e->rne == "S") {
        findings.push_back(make_finding(finding_kind::warning, e->at, e->child, "RNE",
                                        "RNE 'S' but the previous episode continues (REC X1 or no DEC): read as the same period of care"));
      }
      if (!prev->dec) {
        findings.push_back(make_finding(finding_kind::warning, e->at, e->child, "DECOM",
                                        "the previous episode has no DEC: it is read as ending when this one starts"));
      } else if (*prev->dec != e->decom) {
        findings.push_back(make_finding(finding_kind::warning, e->at, e->child, "DECOM",
                                        "the previous episode ended " + prev->dec->to_iso() + " (REC X1) but this one starts " + e->decom.to_iso()));
      }
    } else {
      period p;
      p.partial = e->rne != "S";
      if (!p.partial) {
        p.lower = e->decom;
      } else if (!out.empty() && out.back().end) {
        p.lower = *out.back().end + calendar_days(1);
      }
      out.push_back(std::move(p));
    }
    period& p = out.back();
    p.episodes.push_back(e);
    open = !e->dec || e->rec == "X1";
    if (!open) {
      p.end = e->dec;
      p.end_reason = e->rec;
    }
    prev = e;
  }
  if (open && prev && prev->dec) {
    findings.push_back(make_finding(finding_kind::warning, prev->at, prev->child, "REC",
                                    "REC X1 (continues) but the return has no later episode: the period is read as open"));
  }
  return out;
}

bool within(const period& p, date d) { return (!p.lower || d >= *p.lower) && (!p.end || d <= *p.end); }

import_result build(rows&& r, const import_options& options) {
  import_result out;
  out.findings = std::move(r.findings);
  // Group rows by child, in order of first appearance in the episodes.
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<std::vector<const episode_row*>> episodes_of;
  std::vector<std::vector<std::size_t>> reviews_of, missing_of;
  std::vector<std::string_view> ids;
  for (const auto& e : r.episodes) {
    auto [it, added] = index.emplace(e.child, ids.size());
    if (added) {
      ids.push_back(e.child);
      episodes_of.emplace_back();
    }
    episodes_of[it->second].push_back(&e);
  }
  reviews_of.resize(ids.size());
  missing_of.resize(ids.size());
  for (std::size_t i = 0; i < r.reviews.size(); ++i) {
    if (!r.review_ok[i]) continue;
    if (auto it = index.find(r.reviews[i].child); it != index.end()) {
      reviews_of[it->second].push_back(i);
    } else {
      out.findings.push_back(make_finding(finding_kind::rejected, r.reviews[i].at, r.reviews[i].child, "CHILD", "the child has no episode in the return"));
      r.reject(r.review_table);
    }
  }
  for (std::size_t i = 0; i < r.missing.size(); ++i) {
    if (auto it = index.find(r.missing[i].child); it != index.end()) {
      missing_of[it->second].push_back(i);
    } else {
      out.findings.push_back(make_finding(finding_kind::rejected, r.missing[i].at, r.missing[i].child, "CHILD", "the child has no episode in the return"));
      r.reject(r.missing_table);
    }
  }

  out.cases.cases.reserve(ids.size());
  for (std::size_t c = 0; c < ids.size(); ++c) {
    std::vector<period> periods = periods_of(episodes_of[c], out.findings);
    auto& revs = reviews_of[c];
    std::sort(revs.begin(), revs.end(), [&](std::size_t a, std::size_t b) { return *r.reviews[a].review < *r.reviews[b].review; });
    std::vector<int> review_period(revs.size(), -1), missing_period(missing_of[c].size(), -1);
    for (std::size_t k = 0; k < revs.size(); ++k) {
      for (std::size_t p = 0; p < periods.size(); ++p) {
        if (within(periods[p], *r.reviews[revs[k]].review)) {
          review_period[k] = static_cast<int>(p);
          break;
        }
      }
      if (review_period[k] < 0) {
        out.findings.push_back(make_finding(finding_kind::rejected, r.reviews[revs[k]].at, r.reviews[revs[k]].child, "REVIEW",
                                            "the review of " + r.reviews[revs[k]].review->to_iso() + " is not within any period of care in the return"));
        r.reject(r.review_table);
      }
    }
    for (std::size_t k = 0; k < missing_of[c].size(); ++k) {
      const missing_row& m = r.missing[missing_of[c][k]];
      for (std::size_t p = 0; p < periods.size(); ++p) {
        if (within(periods[p], m.start)) {
          missing_period[k] = static_cast<int>(p);
          break;
        }
      }
      if (missing_period[k] < 0) {
        out.findings.push_back(make_finding(finding_kind::rejected, m.at, m.child, "MIS_START",
                                            "the missing episode of " + m.start.to_iso() + " is not within any period of care in the return"));
        r.reject(r.missing_table);
      }
    }

    for (std::size_t p = 0; p < periods.size(); ++p) {
      const period& pd = periods[p];
      const episode_row& first = *pd.episodes.front();
      child_case cs(case_id("LAC-" + std::string(ids[c]) + "-" + std::to_string(p + 1)), child_id(std::string(ids[c])), case_kind::lac,
                    std::nullopt, pd.partial);
      cs.extra["source"] = interop::json_string("ssda903");
      if (short_breaks_only(pd)) cs.extra["short_breaks_only"] = "true";
      const episode_row& last = *pd.episodes.back();
      cs.extra["legal_status"] = interop::json_string(last.ls);
      cs.extra["category_of_need"] = interop::json_string(last.cin);
      // The legal status took effect at the latest episode where it changed.
      date ls_start = last.decom;
      for (auto it = pd.episodes.rbegin(); it != pd.episodes.rend() && (*it)->ls == last.ls; ++it) ls_start = (*it)->decom;
      if (!pd.partial || ls_start != first.decom) cs.extra["legal_status_start"] = interop::json_string(ls_start.to_iso());
      if (pd.end) cs.extra["reason_ceased"] = interop::json_string(pd.end_reason);

      if (!pd.partial) {
        record_or_report(cs, event{.id = event_id(first.ref + ":start"), .data = started_looked_after{.date = first.decom, .legal_status = first.ls}, .correction = false, .extra = {}},
                         first.at, "DECOM", out.findings);
      }
      for (const episode_row* e : pd.episodes) {
        if (e->rne == "S" || e->rne == "P" || e->rne == "T" || e->rne == "U" || e->rne == "B") {
          event ev{.id = event_id(e->ref), .data = placement_start{.date = e->decom}, .correction = false, .extra = {}};
          if (!e->place.empty()) ev.extra["place"] = interop::json_string(e->place);
          record_or_report(cs, std::move(ev), e->at, "DECOM", out.findings);
        }
      }
      for (std::size_t k = 0; k < revs.size(); ++k) {
        if (review_period[k] != static_cast<int>(p)) continue;
        const auto& rv = r.reviews[revs[k]];
        event ev{.id = event_id(r.review_refs[revs[k]]), .data = lac_review{.date = *rv.review}, .correction = false, .extra = {}};
        if (!rv.code.empty()) ev.extra["participation"] = interop::json_string(rv.code);
        if (!record_or_report(cs, std::move(ev), rv.at, "REVIEW", out.findings)) r.reject(r.review_table);
      }
      for (std::size_t k = 0; k < missing_of[c].size(); ++k) {
        if (missing_period[k] != static_cast<int>(p)) continue;
        const missing_row& m = r.missing[missing_of[c][k]];
        event ev{.id = event_id(m.ref), .data = missing_episode{.date = m.start, .returned = m.end}, .correction = false, .extra = {}};
        if (!m.type.empty()) ev.extra["missing"] = interop::json_string(m.type);
        if (!record_or_report(cs, std::move(ev), m.at, "MIS_START", out.findings)) r.reject(r.missing_table);
      }
      if (pd.end) {
        record_or_report(cs, event{.id = event_id(last.ref + ":ceased"), .data = ceased_looked_after{.date = *pd.end, .reason = pd.end_reason}, .correction = false, .extra = {}},
                         last.at, "DEC", out.findings);
      }
      out.cases.cases.push_back(std::move(cs));
    }
  }

  if (options.validator_rules) interop::ssda903_review_rules(r.reviews, out.findings);
  for (auto& t : r.tables) t.loaded = t.read - std::min(t.read, t.rejected);
  out.tables = std::move(r.tables);
  return out;
}

bool has_extension(const std::filesystem::path& p, std::string_view ext) { return interop::iequals(p.extension().string(), ext); }

}  // namespace

import_result import_ssda903(const ssda903_csv& tables, const import_options& options) {
  return build(read_csv(tables), options);
}

import_result import_ssda903_xml(std::string_view text, std::string_view name, const import_options& options) {
  return build(read_xml(text, name), options);
}

import_result import_ssda903(const std::filesystem::path& path, const import_options& options) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec) && has_extension(path, ".xml")) {
    return import_ssda903_xml(detail::read_text_file(path, "the SSDA903 XML file"), path.filename().string(), options);
  }
  ssda903_csv in;
  auto assign = [&](const std::filesystem::path& file) {
    const std::string stem = file.stem().string();
    std::optional<csv_source>* slot = nullptr;
    if (interop::iequals(stem, "header")) slot = &in.header;
    else if (interop::iequals(stem, "episodes")) slot = &in.episodes;
    else if (interop::iequals(stem, "reviews")) slot = &in.reviews;
    else if (interop::iequals(stem, "missing")) slot = &in.missing;
    if (!slot || !has_extension(file, ".csv")) return false;
    *slot = csv_source{.name = file.filename().string(), .text = detail::read_text_file(file, "the SSDA903 file '" + file.filename().string() + "'")};
    return true;
  };
  bool any = false;
  if (std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) any = assign(f) || any;
  } else if (std::filesystem::is_regular_file(path, ec)) {
    any = assign(path);
  }
  if (!any) {
    throw not_found_error("no SSDA903 data found (a directory with header.csv, episodes.csv, reviews.csv or missing.csv, one of those "
                          "files, or an .xml file)",
                          "path");
  }
  return import_ssda903(in, options);
}

}  // namespace midway
