// SSDA903 (children looked after) return: CSV tables or the XML layout -> LAC cases.
//
// The rows hold no view into the input: child ids and codes interned per table, dates parsed,
// and the line and element numbers they came from, so that each CSV text (read from its file
// when its table is) is freed once its table is read, and the rows once they are joined.
// Strings (event ids, XML paths, a finding's reason) are only made when a case or a finding is read.
// Threads (import_options::threads): the CSV tables are read two at a time, each table into
// its own rows, findings and counts; the cases are built in ranges of children beside the
// validator rules, each task into its own output; the outputs are joined in a fixed order.
#include "common.hpp"

#include <midway/detail/io.hpp>
#include <midway/detail/threads.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <array>
#include <bit>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace midway {

namespace {

using interop::check;
using interop::location;

// The four tables of the return, in the order the readers count them.
using table = interop::ssda903_table;
using interop::header_table;
using interop::episode_table;
using interop::review_table;
using interop::missing_table;
constexpr std::array<std::string_view, 4> table_names{"header", "episodes", "reviews", "missing"};
constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Strings kept once each (child ids; codes: RNE/LS/CIN/PLACE/REC, REVIEW_CODE, MISSING): index 0
// is the empty string. The rows keep indexes, so that they hold no view into the input, which is
// freed as soon as its table is read.
class code_table {
 public:
  code_table() { storage_.emplace_back(); }
  std::uint32_t intern(std::string_view v) {
    if (v.empty()) return 0;
    if (last_ != 0 && storage_[last_] == v) return last_;  // the rows of one child are usually together
    return last_ = index_.intern(v, storage_);
  }
  // The index of `v`, or 0 when it was never interned.
  std::uint32_t find(std::string_view v) const { return index_.find(v, storage_); }
  std::size_t size() const noexcept { return storage_.size(); }
  const std::string& operator[](std::size_t k) const noexcept { return storage_[k]; }
  // Frees the index (find() then finds nothing; the strings stay).
  void drop_index() {
    index_.clear();
    last_ = 0;
  }

 private:
  std::deque<std::string> storage_;  // a deque: the strings never move
  interop::string_index index_;
  std::uint32_t last_ = 0;
};

// Where a row came from: its line, and for XML the numbers of its CHILD and of the element
// within it (EPISODE[k], AREVIEW[k], AMISSING[k]).
struct origin {
  std::uint32_t line = 0;
  std::uint32_t child_no = 0;  // 0: a CSV row
  std::uint32_t element_no = 0;
  bool under_header = false;  // XML: an AMISSING under CHILD/HEADER (the DfE layout) rather than under CHILD
};

// An optional date in 4 bytes (a return has millions of rows).
class small_date {
 public:
  small_date() = default;
  small_date(const std::optional<date>& d) noexcept  // NOLINT(google-explicit-constructor): as an optional's
      : days_(d ? static_cast<std::int32_t>(d->days_since_epoch()) : none) {}
  explicit operator bool() const noexcept { return days_ != none; }
  date operator*() const { return date::from_days_since_epoch(days_); }

 private:
  static constexpr std::int32_t none = std::numeric_limits<std::int32_t>::min();
  std::int32_t days_ = none;
};

// The rows: `child` indexes the table's child ids (rows::ids), codes its codes (rows::codes).
struct header_row {
  origin at;
  std::uint32_t child = 0;
  std::optional<date> dob;
};

struct episode_row {
  origin at;
  std::uint32_t child = 0;
  date decom;
  std::optional<date> dec;
  std::uint32_t rne = 0, ls = 0, cin = 0, place = 0, rec = 0;
};

struct review_row {
  origin at;
  std::uint32_t child = 0;     // 0: none (a row kept for the rules only)
  std::uint32_t code = 0;      // REVIEW_CODE upper-cased as the validator does, not trimmed
  small_date review;  // the date as written, untrimmed, in the calendar's range or not (rules 166, 440, 441)
  small_date loaded;  // the date loaded (trimmed, with a warning if it had to be); set when ok
  small_date dob;     // the DOB of the reviews row itself (rules 440/441 only; never shown)
  bool has_review = false;     // REVIEW is not blank as written (the validator does not trim)
  bool ok = false;             // the review date is usable: the row can be loaded
};

struct missing_row {
  origin at;
  std::uint32_t child = 0;
  std::uint32_t type = 0;  // M missing, A absent
  date start;
  std::optional<date> end;
};

// Every row read, and the counts per table, before the join.
struct rows {
  bool is_xml = false;
  // Per table, its child ids and codes (each table is read by one thread).
  std::array<code_table, 4> ids, codes;
  std::vector<header_row> headers;
  std::vector<episode_row> episodes;
  std::vector<review_row> reviews;
  std::vector<missing_row> missing;
  std::vector<table_count> tables;
  // Findings in file order: CSV, per table (the tables may be read at once, by two threads);
  // XML, all in findings[0], in document order.
  std::array<interop::finding_sink, 4> findings;
  std::array<std::size_t, 4> table_index{npos, npos, npos, npos};  // into `tables`

  bool xml() const { return is_xml; }
  std::string_view child(table t, std::uint32_t k) const { return ids[t][k]; }
  std::string_view code(table t, std::uint32_t k) const { return codes[t][k]; }
  interop::finding_sink& findings_of(table t) { return findings[xml() ? 0 : t]; }
  void reject(table t, std::size_t n = 1) {
    if (table_index[t] != npos) tables[table_index[t]].rejected += n;
  }
  // Where row `o` of table `t` is, for a finding of `sink`: the file, the line, and (XML) the element.
  detail::finding_record where(interop::finding_sink& sink, table t, const origin& o) const {
    detail::finding_record rec;
    rec.file = sink.intern(tables[table_index[t]].file);
    rec.line = static_cast<std::uint32_t>(o.line);
    if (xml()) {
      rec.place = static_cast<std::uint8_t>(2 + t);
      rec.node = o.child_no;
      rec.element = o.element_no | (o.under_header ? 0x80000000u : 0u);
    }
    return rec;
  }
  void add_to(interop::finding_sink& sink, finding_kind kind, check c, table t, const origin& o, std::string_view child,
              std::string_view field, const interop::finding_args& a = {}) const {
    sink.add(kind, c, where(sink, t, o), child, field, a);
  }
  void add_finding(finding_kind kind, check c, table t, const origin& o, std::string_view child, std::string_view field,
                   const interop::finding_args& a = {}) {
    add_to(findings_of(t), kind, c, t, o, child, field, a);
  }
  // A code as the validator reads it: upper-cased on ingress (csc-validator-be-903's
  // capitalise_object_dtype_cols). A copy is kept only when the value has a lower-case letter.
  std::uint32_t upper(table t, std::string_view v) {
    if (std::none_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return codes[t].intern(v);
    std::string u(v);
    for (char& c : u) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return codes[t].intern(u);
  }
  // A value to load: trimmed, but never silently: a value with spaces around it gets a warning
  // (the validator does not trim, so its rules see the spaces; rules here are run on the raw value).
  std::string_view loaded(table t, const origin& o, std::string_view child, std::string_view field, std::string_view raw) {
    const std::string_view v = interop::trim(raw);
    if (v.size() != raw.size() && !v.empty()) {
      add_finding(finding_kind::warning, check::ssda903_spaces, t, o, child, field, {.s = v});
    }
    return v;
  }
};

bool in_calendar(date d) { return d >= calendar::first_date() && d <= calendar::last_date(); }

// Checks a date field of a row: blank (when optional) or a valid dd/mm/yyyy date in the
// calendar's range. On failure adds a rejected finding and returns false.
bool event_date(rows& r, table t, const origin& at, std::string_view child, std::string_view text, bool required,
                std::optional<date>& out, std::string_view field) {
  out.reset();
  if (text.empty()) {
    if (!required) return true;
    r.add_finding(finding_kind::rejected, check::ssda903_date_blank, t, at, child, field);
    return false;
  }
  out = interop::parse_uk_date(text);
  if (!out) {
    r.add_finding(finding_kind::rejected, check::ssda903_date_format, t, at, child, field, {.s = text});
    return false;
  }
  if (!in_calendar(*out)) {
    r.add_finding(finding_kind::rejected, check::date_range, t, at, child, field, {.s = {}, .n0 = interop::date_arg(*out)});
    out.reset();
    return false;
  }
  return true;
}

// A row without a usable child id: rejected, as nothing of it can be joined.
bool child_ok(rows& r, table t, const origin& at, std::string_view child) {
  if (interop::valid_id(child)) return true;
  r.add_finding(finding_kind::rejected, check::ssda903_child_id, t, at, "", "CHILD");
  r.reject(t);
  return false;
}

// ---- row handlers, shared by the CSV and XML readers. Each takes the row's values as written
// (untrimmed, empty when absent; views that live as long as `r`) and appends the row or a
// finding. Values are loaded trimmed (with a warning when that changes them) and codes
// upper-cased, as the DfE validator reads them. ----

void add_header(rows& r, const origin& at, std::string_view raw_child, std::string_view raw_dob) {
  const std::string_view child = r.loaded(header_table, at, interop::trim(raw_child), "CHILD", raw_child);
  if (!child_ok(r, header_table, at, child)) return;
  // A DOB is only used by rules 440/441 (from reviews.csv); a bad one is not shown, and loses nothing else.
  const std::string_view dob = interop::trim(raw_dob);
  std::optional<date> d = dob.empty() ? std::nullopt : interop::parse_uk_date(dob);
  if (!dob.empty() && !d) {
    r.add_finding(finding_kind::warning, check::ssda903_dob, header_table, at, child, "DOB");
  }
  r.headers.push_back(header_row{.at = at, .child = r.ids[header_table].intern(child), .dob = d});
}

struct episode_values {
  std::string_view child, decom, rne, ls, cin, place, dec, rec;
};

void add_episode(rows& r, const origin& at, const episode_values& raw) {
  const std::string_view child = r.loaded(episode_table, at, interop::trim(raw.child), "CHILD", raw.child);
  if (!child_ok(r, episode_table, at, child)) return;
  auto code = [&](std::string_view field, std::string_view v) { return r.upper(episode_table, r.loaded(episode_table, at, child, field, v)); };
  // In the order of the fields, as the warnings of loaded() come.
  const std::string_view decom_text = r.loaded(episode_table, at, child, "DECOM", raw.decom);
  const std::uint32_t rne = code("RNE", raw.rne), ls = code("LS", raw.ls), cin = code("CIN", raw.cin), place = code("PLACE", raw.place);
  const std::string_view dec_text = r.loaded(episode_table, at, child, "DEC", raw.dec);
  const std::uint32_t rec = code("REC", raw.rec);
  const episode_values v{
      .child = child, .decom = decom_text, .rne = r.code(episode_table, rne), .ls = {}, .cin = {}, .place = {}, .dec = dec_text, .rec = {}};
  std::optional<date> decom, dec;
  if (!event_date(r, episode_table, at, v.child, v.decom, true, decom, "DECOM") ||
      !event_date(r, episode_table, at, v.child, v.dec, false, dec, "DEC")) {
    r.reject(episode_table);
    return;
  }
  if (dec && *dec < *decom) {
    r.add_finding(finding_kind::rejected, check::ssda903_episode_order, episode_table, at, v.child, "DEC",
                  {.s = {}, .n0 = interop::date_arg(*dec), .n1 = interop::date_arg(*decom)});
    r.reject(episode_table);
    return;
  }
  static constexpr std::array<std::string_view, 6> rne_codes{"S", "L", "P", "T", "U", "B"};
  if (std::find(rne_codes.begin(), rne_codes.end(), v.rne) == rne_codes.end()) {
    r.add_finding(finding_kind::warning, check::ssda903_rne, episode_table, at, v.child, "RNE", {.s = v.rne});
  }
  if (dec && rec == 0) {
    r.add_finding(finding_kind::warning, check::ssda903_rec_blank, episode_table, at, v.child, "REC");
  }
  r.episodes.push_back(episode_row{.at = at,
                                   .child = r.ids[episode_table].intern(v.child),
                                   .decom = *decom,
                                   .dec = dec,
                                   .rne = rne,
                                   .ls = ls,
                                   .cin = cin,
                                   .place = place,
                                   .rec = rec});
}

// A review row. The validator's rules (166, 167, 440, 441) run on every review row it reads,
// so a row is kept for them even when it cannot be loaded: a blank child id, or (rules_only) a
// row already rejected, such as a CSV row with too few fields. `raw_dob` is the row's own DOB
// (reviews.csv's column; XML: the child's HEADER/DOB), never the header table's.
void add_review(rows& r, const origin& at, std::string_view raw_child, std::string_view raw_review, std::string_view raw_code,
                std::string_view raw_dob, bool rules_only = false) {
  review_row row{.at = at,
                 .child = 0,
                 .code = r.upper(review_table, raw_code),
                 .review = interop::parse_uk_date(raw_review),
                 .loaded = {},
                 .dob = interop::parse_uk_date(raw_dob),
                 .has_review = !raw_review.empty(),
                 .ok = false};
  if (!raw_dob.empty() && !row.dob) {
    r.add_finding(finding_kind::warning, check::ssda903_dob, review_table, at, interop::trim(raw_child), "DOB");
  }
  if (rules_only) {
    row.child = interop::valid_id(interop::trim(raw_child)) ? r.ids[review_table].intern(interop::trim(raw_child)) : 0;
    r.reviews.push_back(row);
    return;
  }
  const std::string_view child = r.loaded(review_table, at, interop::trim(raw_child), "CHILD", raw_child);
  if (!child_ok(r, review_table, at, child)) {
    r.reviews.push_back(row);
    return;
  }
  row.child = r.ids[review_table].intern(child);
  const std::string_view review = r.loaded(review_table, at, child, "REVIEW", raw_review);
  (void)r.loaded(review_table, at, child, "REVIEW_CODE", raw_code);
  std::optional<date> loaded;
  row.ok = event_date(r, review_table, at, child, review, true, loaded, "REVIEW");
  row.loaded = loaded;
  if (!row.ok) r.reject(review_table);
  r.reviews.push_back(row);
}

void add_missing(rows& r, const origin& at, std::string_view raw_child, std::string_view raw_type, std::string_view raw_start,
                 std::string_view raw_end) {
  const std::string_view child = r.loaded(missing_table, at, interop::trim(raw_child), "CHILD", raw_child);
  if (!child_ok(r, missing_table, at, child)) return;
  const std::uint32_t type = r.upper(missing_table, r.loaded(missing_table, at, child, "MISSING", raw_type));
  const std::string_view start = r.loaded(missing_table, at, child, "MIS_START", raw_start);
  const std::string_view end = r.loaded(missing_table, at, child, "MIS_END", raw_end);
  std::optional<date> s, e;
  if (!event_date(r, missing_table, at, child, start, true, s, "MIS_START") ||
      !event_date(r, missing_table, at, child, end, false, e, "MIS_END")) {
    r.reject(missing_table);
    return;
  }
  if (e && *e < *s) {
    r.add_finding(finding_kind::rejected, check::ssda903_missing_order, missing_table, at, child, "MIS_END");
    r.reject(missing_table);
    return;
  }
  if (r.code(missing_table, type) != "M" && r.code(missing_table, type) != "A") {
    r.add_finding(finding_kind::warning, check::ssda903_missing_code, missing_table, at, child, "MISSING", {.s = r.code(missing_table, type)});
  }
  r.missing.push_back(missing_row{.at = at, .child = r.ids[missing_table].intern(child), .type = type, .start = *s, .end = e});
}

// ---- CSV ----

// Reads one table (counted in r.tables[r.table_index[t]]): finds `columns` by header name;
// calls on_row(origin, values, rules_only) for each row, values in the order of `columns`, as
// written (untrimmed; empty for an absent optional column or a missing trailing field). A row
// with too few fields is rejected with a finding and then still passed with rules_only = true
// (pandas, which the validator reads with, fills such a row with blanks and runs the rules on
// it); on_row ignores it unless its table has rules. Touches only the state of table `t`.
template <class OnRow>
void read_csv_table(rows& r, const csv_source& /*src*/, std::string_view text, table t, std::span<const std::string_view> columns,
                    std::size_t required, OnRow&& on_row) {
  std::vector<std::size_t> index(columns.size(), npos);
  std::size_t width = 0;
  bool header = true, usable = true;
  std::vector<std::string_view> values(columns.size());
  interop::for_each_csv_record(text, [&](const interop::csv_record& rec) {
    const origin at{.line = static_cast<std::uint32_t>(rec.line)};
    if (header) {
      header = false;
      width = rec.fields.size();
      for (std::size_t k = 0; k < rec.fields.size(); ++k) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (interop::iequals(interop::trim(rec.fields[k]), columns[c]) && index[c] == npos) index[c] = k;
        }
      }
      for (std::size_t c = 0; c < required; ++c) {
        if (index[c] == npos) {
          r.add_finding(finding_kind::rejected, check::csv_no_column, t, at, "", columns[c]);
          usable = false;
        }
      }
      return;
    }
    auto& count = r.tables[r.table_index[t]];
    ++count.read;
    if (!usable) {
      ++count.rejected;
      return;
    }
    auto child_of = [&]() -> std::string_view {
      const std::size_t k = index[0];
      return k < rec.fields.size() && interop::valid_id(interop::trim(rec.fields[k])) ? interop::trim(rec.fields[k]) : std::string_view();
    };
    if (!rec.error.empty()) {
      r.add_finding(finding_kind::rejected, check::csv_malformed, t, at, child_of(), "", {.s = rec.error});
      ++count.rejected;
      return;
    }
    const bool ragged = rec.fields.size() != width;
    if (ragged) {
      r.add_finding(finding_kind::rejected, check::csv_ragged, t, at, child_of(), "",
                    {.s = {}, .n0 = static_cast<std::uint32_t>(rec.fields.size()), .n1 = static_cast<std::uint32_t>(width)});
      ++count.rejected;
      if (rec.fields.size() > width) return;
    }
    // Views valid until on_row returns (the reader's buffer is reused): on_row interns what it keeps.
    for (std::size_t c = 0; c < columns.size(); ++c) {
      values[c] = index[c] == npos || index[c] >= rec.fields.size() ? std::string_view() : rec.fields[index[c]];
    }
    on_row(at, values, ragged);
  });
  if (header) {  // not even a header row: say so rather than load nothing silently
    r.add_finding(finding_kind::rejected, check::csv_empty, t, origin{.line = 1}, "", "");
  }
}

// Runs task(0) .. task(n - 1) on `threads` threads (the calling one included), each task once,
// taken in order. The exception of the lowest-numbered failing task is rethrown at the end.
template <class Task>
void run_tasks(unsigned threads, std::size_t n, Task&& task) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(n);
  auto work = [&] {
    for (std::size_t k; (k = next++) < n;) {
      try {
        task(k);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (and this one) do the rest
    }
  }
  work();
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// With two threads or more, episodes and missing are read beside header and reviews.
// `owned`: the tables' texts when the caller gives them up (the same object as `in`): each is
// freed as soon as its table is read, as the rows hold no view into it.
// `files`: with `owned`, the files the texts are read from, each only when its table is read.
using table_files = std::array<std::filesystem::path, 4>;
rows read_csv(const ssda903_csv& in, unsigned threads, text_encoding encoding, ssda903_csv* owned = nullptr,
              const table_files* files = nullptr) {
  rows r;
  const std::array<const std::optional<csv_source>*, 4> sources{&in.header, &in.episodes, &in.reviews, &in.missing};
  std::array<std::string_view, 4> text;
  std::array<std::string, 4> decoded;  // a text decoded to UTF-8 when it was not already (import_options::encoding)
  for (std::size_t t = 0; t < sources.size(); ++t) {
    if (!*sources[t]) continue;
    r.table_index[t] = r.tables.size();
    r.tables.push_back(table_count{.file = (*sources[t])->name, .table = std::string(table_names[t]), .read = 0, .loaded = 0, .rejected = 0});
  }
  const auto slot = [&](table t) -> std::optional<csv_source>& {
    std::optional<csv_source>* slots[] = {&owned->header, &owned->episodes, &owned->reviews, &owned->missing};
    return *slots[t];
  };
  // The text of table t, read from its file first when there is one.
  const auto open = [&](table t) {
    if (owned && files && !(*files)[t].empty()) {
      slot(t)->text = detail::read_text_file((*files)[t], "the SSDA903 file '" + slot(t)->name + "'");
    }
    text[t] = interop::decode_text((*sources[t])->text, encoding, decoded[t], (*sources[t])->name, r.findings[t]);
    return static_cast<std::size_t>(std::count(text[t].begin(), text[t].end(), '\n')) + 1;  // rows, at most
  };
  const auto release = [&](table t) {
    std::string().swap(decoded[t]);
    if (owned && slot(t)) std::string().swap(slot(t)->text);
  };
  auto episodes_and_missing = [&] {
    if (in.episodes) {
      r.episodes.reserve(open(episode_table));
      static constexpr std::array<std::string_view, 8> cols{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "DEC", "REC"};
      read_csv_table(r, *in.episodes, text[episode_table], episode_table, cols, 2, [&](const origin& at, const std::vector<std::string_view>& v, bool rules_only) {
        if (rules_only) return;
        add_episode(r, at, episode_values{.child = v[0], .decom = v[1], .rne = v[2], .ls = v[3], .cin = v[4], .place = v[5], .dec = v[6], .rec = v[7]});
      });
      release(episode_table);
    }
    if (in.missing) {
      r.missing.reserve(open(missing_table));
      static constexpr std::array<std::string_view, 4> cols{"CHILD", "MIS_START", "MISSING", "MIS_END"};
      read_csv_table(r, *in.missing, text[missing_table], missing_table, cols, 2, [&](const origin& at, const std::vector<std::string_view>& v, bool rules_only) {
        if (rules_only) return;
        add_missing(r, at, v[0], v[2], v[1], v[3]);
      });
      release(missing_table);
    }
  };
  auto header_and_reviews = [&] {
    if (in.header) {
      r.headers.reserve(open(header_table));
      static constexpr std::array<std::string_view, 2> cols{"CHILD", "DOB"};
      read_csv_table(r, *in.header, text[header_table], header_table, cols, 1,
                     [&](const origin& at, const std::vector<std::string_view>& v, bool rules_only) {
                       if (!rules_only) add_header(r, at, v[0], v[1]);
                     });
      release(header_table);
    }
    if (in.reviews) {
      r.reviews.reserve(open(review_table));
      // Rules 440/441 take the DOB of the review row itself, as the validator does: a blank
      // DOB in reviews.csv does not fall back to header.csv.
      static constexpr std::array<std::string_view, 4> cols{"CHILD", "REVIEW", "REVIEW_CODE", "DOB"};
      read_csv_table(r, *in.reviews, text[review_table], review_table, cols, 2, [&](const origin& at, const std::vector<std::string_view>& v, bool rules_only) {
        add_review(r, at, v[0], v[1], v[2], v[3], rules_only);
      });
      release(review_table);
    }
  };
  const bool two_at_a_time = threads > 1 && in.episodes && (in.header || in.reviews);
  run_tasks(two_at_a_time ? 2 : 1, 2, [&](std::size_t k) { k == 0 ? episodes_and_missing() : header_and_reviews(); });
  return r;
}

// ---- XML ----

// The text of child element `name` as written (the validator reads element text untrimmed).
std::string_view child_text(const pugi::xml_node& n, const char* name) { return n.child(name).child_value(); }

rows read_xml(std::string_view input, std::string_view name, text_encoding encoding) {
  rows r;
  const std::string file(name);
  std::string decoded;
  const std::string_view text = interop::decode_text(input, encoding, decoded, file, r.findings[0]);
  for (std::size_t t = 0; t < table_names.size(); ++t) {
    r.table_index[t] = t;
    r.tables.push_back(table_count{.file = file, .table = std::string(table_names[t]), .read = 0, .loaded = 0, .rejected = 0});
  }
  r.is_xml = true;
  const auto doc = std::make_unique<pugi::xml_document>();  // the rows keep nothing of it
  // The text is UTF-8 by now (decode_text): one rule, import_options::encoding, not the declaration's.
  const pugi::xml_parse_result parsed =
      doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  const interop::line_index lines(text);
  // A DTD (entity declarations: billion laughs, external entities) is refused, not skipped.
  for (const pugi::xml_node n : doc->children()) {
    if (n.type() == pugi::node_doctype) {
      r.findings[0].add(finding_kind::rejected, check::xml_doctype, location{.file = file, .line = 1, .path = "/"}, "", "");
      return r;
    }
  }
  if (!parsed) {
    const std::size_t offset = parsed.offset > 0 ? static_cast<std::size_t>(parsed.offset) : 0;
    r.findings[0].add(finding_kind::rejected, check::xml_malformed, location{.file = file, .line = lines.line_of(offset), .path = {}}, "", "",
                      {.s = parsed.description()});
  }
  const pugi::xml_node root = doc->child("EXPSSDA903");
  if (!root) {
    if (parsed) {
      r.findings[0].add(finding_kind::rejected, check::ssda903_no_root, location{.file = file, .line = 1, .path = "/"}, "", "");
    }
    return r;
  }
  if (const pugi::xml_attribute ns = root.attribute("xmlns"); ns && *ns.value()) {
    r.findings[0].add(finding_kind::rejected, check::ssda903_namespace, location{.file = file, .line = 1, .path = "/EXPSSDA903"}, "", "xmlns");
    return r;
  }
  auto line_of = [&](const pugi::xml_node& n) -> std::uint32_t {
    const auto off = n.offset_debug();
    return off >= 0 ? static_cast<std::uint32_t>(lines.line_of(static_cast<std::size_t>(off))) : 0;
  };
  std::uint32_t ci = 0;
  for (const pugi::xml_node child : root.children("CHILD")) {
    ++ci;
    const pugi::xml_node header = child.child("HEADER");
    const std::string_view raw_id = child_text(header, "CHILDID");
    const std::string_view id = interop::trim(raw_id);
    // The DfE layout puts AMISSING under CHILD/HEADER; one directly under CHILD is read too.
    std::vector<std::pair<pugi::xml_node, bool>> missing;  // the element, under HEADER
    for (const pugi::xml_node m : header.children("AMISSING")) missing.emplace_back(m, true);
    for (const pugi::xml_node m : child.children("AMISSING")) missing.emplace_back(m, false);
    ++r.tables[header_table].read;
    const bool entity = interop::has_entity_reference(id);
    if (!interop::valid_id(id) || entity) {
      // Without an id nothing of this child can be joined: every row of it is rejected. The
      // validator still runs its review rules on the reviews, so they are kept for the rules.
      r.findings[0].add(finding_kind::rejected, entity ? check::ssda903_childid_entity : check::ssda903_childid_blank,
                        location{.file = file,
                                 .line = line_of(header ? header : child),
                                 .path = "/EXPSSDA903/CHILD[" + std::to_string(ci) + "]/HEADER/CHILDID"},
                        "", "CHILDID", {.s = entity ? id : std::string_view()});
      ++r.tables[header_table].rejected;
      std::uint32_t k = 0;
      for (const pugi::xml_node rv : header.children("AREVIEW")) {
        ++r.tables[review_table].read;
        ++r.tables[review_table].rejected;
        add_review(r, origin{.line = line_of(rv), .child_no = ci, .element_no = ++k}, std::string_view(), child_text(rv, "REVIEW"),
                   child_text(rv, "REVIEW_CODE"), child_text(header, "DOB"), true);
      }
      for (const pugi::xml_node e : child.children("EPISODE")) {
        (void)e;
        ++r.tables[episode_table].read;
        ++r.tables[episode_table].rejected;
      }
      r.tables[missing_table].read += missing.size();
      r.tables[missing_table].rejected += missing.size();
      continue;
    }
    const std::string_view dob_text = child_text(header, "DOB");
    add_header(r, origin{.line = line_of(header), .child_no = ci, .element_no = 0}, raw_id, dob_text);
    std::uint32_t k = 0;
    for (const pugi::xml_node rv : header.children("AREVIEW")) {
      ++r.tables[review_table].read;
      add_review(r, origin{.line = line_of(rv), .child_no = ci, .element_no = ++k}, raw_id, child_text(rv, "REVIEW"),
                 child_text(rv, "REVIEW_CODE"), dob_text);
    }
    k = 0;
    for (const pugi::xml_node ep : child.children("EPISODE")) {
      ++r.tables[episode_table].read;
      add_episode(r, origin{.line = line_of(ep), .child_no = ci, .element_no = ++k},
                  episode_values{.child = raw_id,
                                 .decom = child_text(ep, "DECOM"),
                                 .rne = child_text(ep, "RNE"),
                                 .ls = child_text(ep, "LS"),
                                 .cin = child_text(ep, "CIN"),
                                 .place = child_text(ep, "PL"),
                                 .dec = child_text(ep, "DEC"),
                                 .rec = child_text(ep, "REC")});
    }
    std::uint32_t k_header = 0, k_child = 0;
    for (const auto& [m, under_header] : missing) {
      ++r.tables[missing_table].read;
      add_missing(r, origin{.line = line_of(m), .child_no = ci, .element_no = under_header ? ++k_header : ++k_child, .under_header = under_header},
                  raw_id, child_text(m, "MISSING"), child_text(m, "MIS_START"), child_text(m, "MIS_END"));
    }
  }
  return r;
}

// ---- the join: periods of care -> cases ----

// A period of care: episodes [first, last) of the child's episodes in date order.
struct period {
  std::size_t first = 0, last = 0;
  bool partial = false;
  std::optional<date> lower;  // reviews and missing episodes on or after this (none: any before `end`)
  std::optional<date> end;
  std::string_view end_reason;
};

bool within(const period& p, date d) { return (!p.lower || d >= *p.lower) && (!p.end || d <= *p.end); }

// Sorts the child's episodes by start (then line) and splits them into periods of care.
void periods_of(const rows& r, std::span<const episode_row*> eps, std::vector<period>& out, interop::finding_sink& findings) {
  std::sort(eps.begin(), eps.end(), [](const episode_row* a, const episode_row* b) {
    return a->decom != b->decom ? a->decom < b->decom : a->at.line < b->at.line;
  });
  out.clear();
  bool open = false;  // the last period continues into the next episode
  const episode_row* prev = nullptr;
  auto warn = [&](const episode_row& e, check c, std::string_view field, const interop::finding_args& a = {}) {
    r.add_to(findings, finding_kind::warning, c, episode_table, e.at, r.child(episode_table, e.child), field, a);
  };
  const auto code = [&](std::uint32_t k) { return r.code(episode_table, k); };
  for (std::size_t i = 0; i < eps.size(); ++i) {
    const episode_row* e = eps[i];
    if (open && prev) {
      if (code(e->rne) == "S") warn(*e, check::ssda903_rne_s_continues, "RNE");
      if (!prev->dec) {
        warn(*e, check::ssda903_no_dec, "DECOM");
      } else if (*prev->dec != e->decom) {
        warn(*e, check::ssda903_gap, "DECOM", {.s = {}, .n0 = interop::date_arg(*prev->dec), .n1 = interop::date_arg(e->decom)});
      }
    } else {
      period p{.first = i, .last = i, .partial = code(e->rne) != "S", .lower = std::nullopt, .end = std::nullopt, .end_reason = {}};
      if (!p.partial) {
        p.lower = e->decom;
      } else if (!out.empty() && out.back().end) {
        p.lower = *out.back().end + calendar_days(1);
      }
      out.push_back(p);
    }
    period& p = out.back();
    p.last = i + 1;
    open = !e->dec || code(e->rec) == "X1";
    if (!open) {
      p.end = e->dec;
      p.end_reason = code(e->rec);
    }
    prev = e;
  }
  if (open && prev && prev->dec) {
    warn(*prev, check::ssda903_x1_open, "REC");
  }
}

// The rows of each child, grouped without a container per child: child c's episodes are
// episodes[episode_start[c] .. episode_start[c + 1]), in row order (likewise reviews, missing).
struct grouped {
  std::vector<std::string_view> ids;  // in order of first appearance in the episodes
  std::vector<const episode_row*> episodes;
  std::vector<const review_row*> reviews;
  std::vector<const missing_row*> missing;
  std::vector<std::size_t> episode_start, review_start, missing_start;
  // Reviews (with a usable date) and missing episodes of a child with no episode: rejected.
  std::vector<std::uint32_t> orphan_reviews, orphan_missing;  // row indices, in row order
};

// Stable counting sort of `items` by owner (npos: left out) into `out`, with `start` offsets.
template <class Row>
void group_by(const std::vector<Row>& items, const std::vector<std::size_t>& owner, std::size_t owners,
              std::vector<const Row*>& out, std::vector<std::size_t>& start) {
  start.assign(owners + 1, 0);
  for (std::size_t o : owner) {
    if (o != npos) ++start[o + 1];
  }
  for (std::size_t c = 0; c < owners; ++c) start[c + 1] += start[c];
  out.resize(start[owners]);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (owner[i] != npos) out[next[owner[i]]++] = &items[i];
  }
}

grouped group(rows& r) {
  grouped g;
  // The episodes' child ids are interned in order of first appearance: child c is id c + 1.
  const code_table& ids = r.ids[episode_table];
  g.ids.reserve(ids.size() - 1);
  for (std::size_t k = 1; k < ids.size(); ++k) g.ids.emplace_back(ids[k]);
  std::vector<std::size_t> owner(r.episodes.size());
  for (std::size_t i = 0; i < r.episodes.size(); ++i) owner[i] = r.episodes[i].child - 1;
  group_by(r.episodes, owner, g.ids.size(), g.episodes, g.episode_start);
  auto owners = [&](const auto& items, table t, std::vector<std::uint32_t>& orphans, auto usable) {
    // Each of the table's child ids looked up once among the episodes' (0: none).
    std::vector<std::uint32_t> to_child(r.ids[t].size(), 0);
    for (std::size_t k = 1; k < to_child.size(); ++k) to_child[k] = ids.find(r.ids[t][k]);
    owner.assign(items.size(), npos);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!usable(items[i])) continue;
      if (const std::uint32_t c = to_child[items[i].child]; c != 0) {
        owner[i] = c - 1;
      } else {
        orphans.push_back(static_cast<std::uint32_t>(i));
      }
    }
    r.reject(t, orphans.size());
  };
  owners(r.reviews, review_table, g.orphan_reviews, [](const review_row& x) { return x.ok; });
  group_by(r.reviews, owner, g.ids.size(), g.reviews, g.review_start);
  owners(r.missing, missing_table, g.orphan_missing, [](const missing_row&) { return true; });
  group_by(r.missing, owner, g.ids.size(), g.missing, g.missing_start);
  for (code_table& t : r.ids) t.drop_index();  // the rows are grouped: only the ids themselves are read from here on
  return g;
}

// What building a range of children gives: cases and findings in child order, and the review
// and missing rows rejected on the way.
// Event kind codes (event_kind in the columns) of the events this reader records.
template <class T, std::size_t I = 0>
constexpr std::uint8_t kind_code() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, event_data>, T>) {
    return static_cast<std::uint8_t>(I);
  } else {
    return kind_code<T, I + 1>();
  }
}

std::int32_t days(date d) { return static_cast<std::int32_t>(d.days_since_epoch()); }

// What the reader keeps to build case i on demand: per event (parallel to the event columns),
// the row it came from (CSV: its line; XML: its element number, the top bit set for an
// AMISSING under HEADER) and its code (PLACE, REVIEW_CODE, MISSING; LS of a start, REC of an
// end); per case, the CHILD element number (XML), LS, CIN and REC of the period and when the
// legal status took effect (no_date: not given).
struct ssda903_cases final : detail::case_source {
  bool xml = false;
  std::vector<std::string> codes;
  std::vector<std::uint32_t> ref, code;
  std::vector<std::uint32_t> child_no, ls, cin;
  std::vector<std::int32_t> ls_start;

  std::string event_ref(table t, std::uint32_t c, std::uint32_t r) const {
    if (!xml) return std::string(table_names[t]) + ":" + std::to_string(r);
    return interop::ssda903_ref(t, child_no[c], r);
  }

  child_case build(const caseload_columns& cols, std::size_t c) const override {
    const case_columns& cs = cols.cases;
    child_case out(case_id(cs.case_id[c]), child_id(cs.child_id[c]), case_kind::lac, std::nullopt, cs.partial_history[c] != 0);
    out.short_breaks = cs.short_breaks[c] != 0;
    const auto ci = static_cast<std::int32_t>(c);
    const auto& ev = cols.events;
    const auto lo = static_cast<std::size_t>(std::lower_bound(ev.case_index.begin(), ev.case_index.end(), ci) - ev.case_index.begin());
    const auto hi = static_cast<std::size_t>(std::upper_bound(ev.case_index.begin() + static_cast<std::ptrdiff_t>(lo), ev.case_index.end(), ci) -
                                             ev.case_index.begin());
    out.reserve_history(hi - lo);
    out.extra["source"] = interop::json_string("ssda903");
    out.extra["legal_status"] = interop::json_string(codes[ls[c]]);
    out.extra["category_of_need"] = interop::json_string(codes[cin[c]]);
    if (ls_start[c] != no_date) out.extra["legal_status_start"] = interop::json_string(date::from_days_since_epoch(ls_start[c]).to_iso());
    const auto cc = static_cast<std::uint32_t>(c);
    for (std::size_t i = lo; i < hi; ++i) {
      const date d = date::from_days_since_epoch(ev.date[i]);
      const std::string_view v = codes[code[i]];
      event e{.id = event_id("x"), .data = placement_start{.date = d}, .correction = false, .extra = {}};
      switch (ev.kind[i]) {
        case kind_code<started_looked_after>():
          e.id = event_id(event_ref(episode_table, cc, ref[i]) + ":start");
          e.data = started_looked_after{.date = d, .legal_status = std::string(v)};
          break;
        case kind_code<placement_start>():
          e.id = event_id(event_ref(episode_table, cc, ref[i]));
          if (!v.empty()) e.extra["place"] = interop::json_string(v);
          break;
        case kind_code<lac_review>():
          e.id = event_id(event_ref(review_table, cc, ref[i]));
          e.data = lac_review{.date = d};
          if (!v.empty()) e.extra["participation"] = interop::json_string(v);
          break;
        case kind_code<missing_episode>():
          e.id = event_id(event_ref(missing_table, cc, ref[i]));
          e.data = missing_episode{.date = d,
                                   .returned = ev.other_date[i] == no_date ? std::nullopt
                                                                           : std::optional(date::from_days_since_epoch(ev.other_date[i]))};
          if (!v.empty()) e.extra["missing"] = interop::json_string(v);
          break;
        default:  // ceased_looked_after
          e.id = event_id(event_ref(episode_table, cc, ref[i]) + ":ceased");
          e.data = ceased_looked_after{.date = d, .reason = std::string(v)};
          out.extra["reason_ceased"] = interop::json_string(v);
          break;
      }
      out.record(std::move(e));
    }
    return out;
  }
};

// The output of one range of children: columns (case indexes local to the range) and what
// ssda903_cases keeps, with codes of the range's own table.
struct built {
  caseload_columns columns;
  ssda903_cases kept;
  code_table codes;
  interop::finding_sink findings;
  std::size_t reviews_rejected = 0, missing_rejected = 0;
};

// Builds the cases of children [first, last): one per period of care, written as columns.
//
// No child_case is built, so child_case::record's rules are not run here: they hold by
// construction. Every event of a period lies within it (episodes sorted by start, each ending
// on or after its start; reviews and missing episodes assigned by within()), so nothing comes
// after the end; a review of a period that is not partial is on or after its start, which is
// recorded first; a partial period needs no start; the ids (the row's line or element) are
// distinct. tests/python/test_readers_golden.py checks the cases built on demand against the
// cases recorded one by one before.
void build_children(const rows& r, const grouped& g, std::size_t first, std::size_t last, built& out) {
  std::vector<const episode_row*> eps;
  std::vector<const review_row*> revs;
  std::vector<period> periods;
  std::vector<int> review_period, missing_period;
  struct pending {
    std::uint8_t kind;
    std::int32_t date, other;
    std::uint32_t ref, code;
  };
  std::vector<pending> events;
  auto& cols = out.columns;
  auto& kept = out.kept;
  for (std::size_t c = first; c < last; ++c) {
    const std::string_view child = g.ids[c];
    const auto code = [&](std::uint32_t k) { return r.code(episode_table, k); };
    eps.assign(g.episodes.begin() + static_cast<std::ptrdiff_t>(g.episode_start[c]),
               g.episodes.begin() + static_cast<std::ptrdiff_t>(g.episode_start[c + 1]));
    periods_of(r, eps, periods, out.findings);
    revs.assign(g.reviews.begin() + static_cast<std::ptrdiff_t>(g.review_start[c]),
                g.reviews.begin() + static_cast<std::ptrdiff_t>(g.review_start[c + 1]));
    std::stable_sort(revs.begin(), revs.end(), [](const review_row* a, const review_row* b) { return *a->loaded < *b->loaded; });
    const std::span<const missing_row* const> miss(g.missing.data() + g.missing_start[c], g.missing.data() + g.missing_start[c + 1]);
    auto period_of = [&](date d) {
      for (std::size_t p = 0; p < periods.size(); ++p) {
        if (within(periods[p], d)) return static_cast<int>(p);
      }
      return -1;
    };
    review_period.resize(revs.size());
    for (std::size_t k = 0; k < revs.size(); ++k) {
      review_period[k] = period_of(*revs[k]->loaded);
      if (review_period[k] < 0) {
        r.add_to(out.findings, finding_kind::rejected, check::ssda903_review_outside, review_table, revs[k]->at, child, "REVIEW",
                 {.s = {}, .n0 = interop::date_arg(*revs[k]->loaded)});
        ++out.reviews_rejected;
      }
    }
    missing_period.resize(miss.size());
    for (std::size_t k = 0; k < miss.size(); ++k) {
      missing_period[k] = period_of(miss[k]->start);
      if (missing_period[k] < 0) {
        r.add_to(out.findings, finding_kind::rejected, check::ssda903_missing_outside, missing_table, miss[k]->at, child, "MIS_START",
                 {.s = {}, .n0 = interop::date_arg(miss[k]->start)});
        ++out.missing_rejected;
      }
    }
    // The XML CHILD element number of this child (every row of a child comes from one CHILD).
    const std::uint32_t child_no = eps.empty() ? 0 : eps.front()->at.child_no;
    auto ref_of = [&](const origin& o) -> std::uint32_t {
      if (!r.xml()) return static_cast<std::uint32_t>(o.line);
      return o.element_no | (o.under_header ? 0x80000000u : 0u);
    };

    for (std::size_t p = 0; p < periods.size(); ++p) {
      const period& pd = periods[p];
      const std::span<const episode_row* const> episodes(eps.data() + pd.first, eps.data() + pd.last);
      const episode_row& first_episode = *episodes.front();
      const episode_row& last_episode = *episodes.back();
      const auto case_index = static_cast<std::int32_t>(cols.cases.case_id.size());
      std::string id = "LAC-";
      id += child;
      id += '-';
      id += std::to_string(p + 1);
      cols.cases.case_id.push_back(std::move(id));
      cols.cases.child_id.emplace_back(child);
      cols.cases.kind.push_back(case_kind::lac);
      cols.cases.partial_history.push_back(pd.partial ? 1 : 0);
      // A series of short breaks: every episode legal status V3 or V4. The return collects no
      // reviews for them (rule 399), but reg 48 still applies: policy short_breaks_*.
      cols.cases.short_breaks.push_back(
          std::all_of(episodes.begin(), episodes.end(), [&](const episode_row* e) { return code(e->ls) == "V3" || code(e->ls) == "V4"; }) ? 1 : 0);
      kept.child_no.push_back(child_no);
      kept.ls.push_back(out.codes.intern(code(last_episode.ls)));
      kept.cin.push_back(out.codes.intern(code(last_episode.cin)));
      // The legal status took effect at the latest episode where it changed.
      date ls_start = last_episode.decom;
      for (auto it = episodes.rbegin(); it != episodes.rend() && (*it)->ls == last_episode.ls; ++it) ls_start = (*it)->decom;
      kept.ls_start.push_back(!pd.partial || ls_start != first_episode.decom ? days(ls_start) : no_date);

      // In the order child_case::record would take them; then by date, stably (its history's order).
      events.clear();
      if (!pd.partial) {
        events.push_back({kind_code<started_looked_after>(), days(first_episode.decom), no_date, ref_of(first_episode.at),
                          out.codes.intern(code(first_episode.ls))});
      }
      for (const episode_row* e : episodes) {
        if (const std::string_view rne = code(e->rne); rne == "S" || rne == "P" || rne == "T" || rne == "U" || rne == "B") {
          events.push_back({kind_code<placement_start>(), days(e->decom), no_date, ref_of(e->at), out.codes.intern(code(e->place))});
        }
      }
      for (std::size_t k = 0; k < revs.size(); ++k) {
        if (review_period[k] != static_cast<int>(p)) continue;
        events.push_back({kind_code<lac_review>(), days(*revs[k]->loaded), no_date, ref_of(revs[k]->at), out.codes.intern(r.code(review_table, revs[k]->code))});
      }
      for (std::size_t k = 0; k < miss.size(); ++k) {
        if (missing_period[k] != static_cast<int>(p)) continue;
        const missing_row& m = *miss[k];
        events.push_back({kind_code<missing_episode>(), days(m.start), m.end ? days(*m.end) : no_date, ref_of(m.at), out.codes.intern(r.code(missing_table, m.type))});
      }
      if (pd.end) {
        events.push_back({kind_code<ceased_looked_after>(), days(*pd.end), no_date, ref_of(last_episode.at), out.codes.intern(pd.end_reason)});
      }
      std::stable_sort(events.begin(), events.end(), [](const pending& a, const pending& b) { return a.date < b.date; });
      for (const pending& e : events) {
        cols.events.case_index.push_back(case_index);
        cols.events.kind.push_back(e.kind);
        cols.events.date.push_back(e.date);
        cols.events.flags.push_back(0);
        cols.events.other_date.push_back(e.other);
        kept.ref.push_back(e.ref);
        kept.code.push_back(e.code);
      }
    }
  }
}

// The SSDA903 validator rules this reader matches (data-to-insight csc-validator-be-903;
// docs/interop.md), and the field each flags; the validator's messages are the checks' templates
// (src/interop/findings.cpp).
struct review_rule {
  check code;
  const char* field;
};
constexpr std::array<review_rule, 4> review_rule_table{{
    {check::rule_166, "REVIEW"},
    {check::rule_167, "REVIEW_CODE"},
    {check::rule_440, "REVIEW_CODE"},
    {check::rule_441, "REVIEW_CODE"},
}};

// A flag of rule review_rule_table[rule] on review row `row`.
struct rule_flag {
  std::uint32_t row;
  std::uint8_t rule;
};

// Rules 166, 167, 440 and 441 over the review rows, in row order.
std::vector<rule_flag> review_rules(const rows& r) {
  std::vector<rule_flag> out;
  auto participation = [](std::string_view code) {
    return code.size() == 3 && code[0] == 'P' && code[1] == 'N' && code[2] >= '0' && code[2] <= '7';
  };
  for (std::size_t i = 0; i < r.reviews.size(); ++i) {
    const review_row& row = r.reviews[i];
    auto flag = [&](std::uint8_t rule) { out.push_back(rule_flag{.row = static_cast<std::uint32_t>(i), .rule = rule}); };
    // 166: REVIEW must be a dd/mm/yyyy date (blank included).
    if (!row.review) flag(0);
    // 167: a review has a participation code PN0-PN7; neither or both are given.
    const std::string_view code = r.code(review_table, row.code);
    const bool has_review = row.has_review, has_code = !code.empty();
    if (!((has_review && participation(code)) || (!has_review && !has_code))) flag(1);
    if (!row.review || !row.dob) continue;
    const date fourth = *row.dob + months(48);
    // 440: PN0 (under 4) but the child was 4 or over (review after the 4th birthday).
    if (code == "PN0" && *row.review > fourth) flag(2);
    // 441: PN1-PN7 (4 or over) but the child was under 4.
    if (participation(code) && code != "PN0" && *row.review < fourth) flag(3);
  }
  return out;
}


// Splits children [0, n) into at most `parts` contiguous ranges of about equal rows.
std::vector<std::size_t> split_children(const grouped& g, std::size_t parts) {
  const std::size_t n = g.ids.size();
  auto rows_before = [&](std::size_t c) { return g.episode_start[c] + g.review_start[c] + g.missing_start[c]; };
  const std::size_t total = rows_before(n);
  std::vector<std::size_t> bounds{0};
  for (std::size_t c = 0, k = 1; k < parts && c < n; ++c) {
    if (rows_before(c) * parts >= total * k) {
      if (c > bounds.back()) bounds.push_back(c);
      ++k;
    }
  }
  bounds.push_back(n);
  return bounds;
}

// Plausibility against the header's DOB (docs/interop.md): an episode that starts before the
// child's date of birth is a warning. Neither date is shown.
void check_against_dob(rows& r) {
  if (r.headers.empty() || r.episodes.empty()) return;
  std::unordered_map<std::string_view, date> dob;
  for (const auto& h : r.headers) {
    if (h.dob) dob.emplace(r.child(header_table, h.child), *h.dob);
  }
  for (const auto& e : r.episodes) {
    auto it = dob.find(r.child(episode_table, e.child));
    if (it != dob.end() && e.decom < it->second) {
      r.add_finding(finding_kind::warning, check::ssda903_before_dob, episode_table, e.at, r.child(episode_table, e.child), "DECOM");
    }
  }
}

import_result build(rows&& r, const import_options& options) {
  check_against_dob(r);
  grouped g = group(r);
  // The children in ranges, built as tasks beside the validator rules; each task has its own
  // output, concatenated in order, so the result is the same for every thread count.
  const unsigned threads = detail::thread_count(options.threads);
  const std::vector<std::size_t> bounds = split_children(g, threads);
  const std::size_t ranges = bounds.size() - 1;
  std::vector<built> parts(ranges);
  interop::finding_sink flags;  // the validator flags, made beside the cases
  run_tasks(threads, ranges + (options.validator_rules ? 1 : 0), [&](std::size_t k) {
    if (k == ranges) {
      for (const rule_flag& f : review_rules(r)) {
        const review_row& row = r.reviews[f.row];
        const review_rule& rule = review_rule_table[f.rule];
        r.add_to(flags, finding_kind::rule, rule.code, review_table, row.at, r.child(review_table, row.child), rule.field);
      }
      return;
    }
    built& part = parts[k];
    const std::size_t rows_in = g.episode_start[bounds[k + 1]] - g.episode_start[bounds[k]] + g.review_start[bounds[k + 1]] -
                                g.review_start[bounds[k]] + g.missing_start[bounds[k + 1]] - g.missing_start[bounds[k]];
    part.columns.events.reserve(rows_in + (bounds[k + 1] - bounds[k]) * 2);
    build_children(r, g, bounds[k], bounds[k + 1], part);
  });
  // The rows of children with no episode.
  interop::finding_sink orphans;
  auto orphans_of = [&](const auto& items, table t, const std::vector<std::uint32_t>& rows_of) {
    for (const std::uint32_t i : rows_of) {
      r.add_to(orphans, finding_kind::rejected, check::ssda903_no_episode, t, items[i].at, r.child(t, items[i].child), "CHILD");
    }
  };
  orphans_of(r.reviews, review_table, g.orphan_reviews);
  orphans_of(r.missing, missing_table, g.orphan_missing);
  // The rows are joined: they are freed before the findings and the columns are put together.
  g = grouped{};
  std::vector<header_row>().swap(r.headers);
  std::vector<episode_row>().swap(r.episodes);
  std::vector<review_row>().swap(r.reviews);
  std::vector<missing_row>().swap(r.missing);
  for (auto* strings : {&r.ids, &r.codes}) {
    for (code_table& t : *strings) t = code_table{};
  }
  // The findings, in order: each table's (file order), the rows of children with no episode,
  // the join's, the validator flags. Each is made or moved once, into its place.
  import_result out;
  std::size_t cases = 0, events = 0, findings = orphans.items.size() + flags.items.size();
  for (const auto& f : r.findings) findings += f.items.size();
  for (const auto& p : parts) {
    cases += p.columns.cases.size();
    events += p.columns.events.size();
    findings += p.findings.items.size();
  }
  auto append = [](auto& to, auto& from) { to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end())); };
  // Moved, and each source freed once moved.
  auto take = [&](std::deque<import_finding>& from) {
    append(out.findings, from);
    std::deque<import_finding>().swap(from);
  };
  out.findings.reserve(findings);
  for (auto& f : r.findings) take(f.items);
  take(orphans.items);
  // The ranges' columns, one after the other (part 0's arrays become the result's), their
  // case indexes and codes moved onto the result's.
  auto source = std::make_shared<ssda903_cases>();
  source->xml = r.xml();
  caseload_columns& cols = out.columns;
  cols = std::move(parts[0].columns);
  ssda903_cases& kept = *source;
  kept.ref = std::move(parts[0].kept.ref);
  kept.code = std::move(parts[0].kept.code);
  kept.child_no = std::move(parts[0].kept.child_no);
  kept.ls = std::move(parts[0].kept.ls);
  kept.cin = std::move(parts[0].kept.cin);
  kept.ls_start = std::move(parts[0].kept.ls_start);
  code_table codes;
  std::vector<std::uint32_t> remap;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    built& p = parts[k];
    remap.resize(p.codes.size());
    for (std::size_t c = 0; c < p.codes.size(); ++c) remap[c] = codes.intern(p.codes[c]);
    if (k == 0) {
      for (auto* v : {&kept.code, &kept.ls, &kept.cin}) {
        for (auto& x : *v) x = remap[x];
      }
      cols.events.reserve(events);
      cols.cases.case_id.reserve(cases);
      continue;
    }
    const auto offset = static_cast<std::int32_t>(cols.cases.size());
    for (auto& x : p.columns.events.case_index) x += offset;
    for (auto* v : {&p.kept.code, &p.kept.ls, &p.kept.cin}) {
      for (auto& x : *v) x = remap[x];
    }
    append(cols.cases.case_id, p.columns.cases.case_id);
    append(cols.cases.child_id, p.columns.cases.child_id);
    append(cols.cases.kind, p.columns.cases.kind);
    append(cols.cases.partial_history, p.columns.cases.partial_history);
    append(cols.cases.short_breaks, p.columns.cases.short_breaks);
    append(cols.events.case_index, p.columns.events.case_index);
    append(cols.events.kind, p.columns.events.kind);
    append(cols.events.date, p.columns.events.date);
    append(cols.events.flags, p.columns.events.flags);
    append(cols.events.other_date, p.columns.events.other_date);
    append(kept.ref, p.kept.ref);
    append(kept.code, p.kept.code);
    append(kept.child_no, p.kept.child_no);
    append(kept.ls, p.kept.ls);
    append(kept.cin, p.kept.cin);
    append(kept.ls_start, p.kept.ls_start);
    p.columns = caseload_columns{};  // each range's arrays freed as soon as they are copied
    for (auto* v : {&p.kept.ref, &p.kept.code, &p.kept.child_no, &p.kept.ls, &p.kept.cin}) std::vector<std::uint32_t>().swap(*v);
  }
  kept.codes.reserve(codes.size());
  for (std::size_t c = 0; c < codes.size(); ++c) kept.codes.push_back(codes[c]);
  out.source = std::move(source);
  for (auto& p : parts) {
    take(p.findings.items);
    r.reject(review_table, p.reviews_rejected);
    r.reject(missing_table, p.missing_rejected);
  }
  take(flags.items);
  for (auto& t : r.tables) t.loaded = t.read - std::min(t.read, t.rejected);
  out.tables = std::move(r.tables);
  return out;
}

bool has_extension(const std::filesystem::path& p, std::string_view ext) { return interop::iequals(p.extension().string(), ext); }

}  // namespace

import_result import_ssda903(const ssda903_csv& tables, const import_options& options) {
  return build(read_csv(tables, detail::thread_count(options.threads), options.encoding), options);
}

import_result import_ssda903_xml(std::string_view text, std::string_view name, const import_options& options) {
  return build(read_xml(text, name, options.encoding), options);
}

import_result import_ssda903(const std::filesystem::path& path, const import_options& options) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec) && has_extension(path, ".xml")) {
    return import_ssda903_xml(detail::read_text_file(path, "the SSDA903 XML file"), path.filename().string(), options);
  }
  ssda903_csv in;
  table_files files;  // read when their tables are, one after the other
  auto assign = [&](const std::filesystem::path& file) {
    const std::string stem = file.stem().string();
    std::optional<csv_source>* slot = nullptr;
    table t = header_table;
    if (interop::iequals(stem, "header")) slot = &in.header;
    else if (interop::iequals(stem, "episodes")) slot = &in.episodes, t = episode_table;
    else if (interop::iequals(stem, "reviews")) slot = &in.reviews, t = review_table;
    else if (interop::iequals(stem, "missing")) slot = &in.missing, t = missing_table;
    if (!slot || !has_extension(file, ".csv")) return false;
    *slot = csv_source{.name = file.filename().string(), .text = {}};
    files[t] = file;
    return true;
  };
  bool any = false;
  if (std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> entries;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& f : entries) any = assign(f) || any;
  } else if (std::filesystem::is_regular_file(path, ec)) {
    any = assign(path);
  }
  if (!any) {
    throw not_found_error("no SSDA903 data found (a directory with header.csv, episodes.csv, reviews.csv or missing.csv, one of those "
                          "files, or an .xml file)",
                          "path");
  }
  // The texts are given up: each is freed as soon as its table is read.
  return build(read_csv(in, detail::thread_count(options.threads), options.encoding, &in, &files), options);
}

}  // namespace midway
