// The rule kernel: every statutory and local rule of midway, implemented once.
//
// The kernel reads a thin, read-only case view (kernel::case_view): the case's event rows as
// parallel arrays (kind code, date, flags, other date), its typed attributes (kind, partial
// history, short breaks), and the rows of what else the rules read (midway review meetings
// and their reschedules, the plan's recommendations). A per-case object (child_case, through
// kernel::case_storage) and the columnar form (caseload_columns, a view per case over the
// columns) are two ways into the same view.
//
// kernel::run() applies the rules as of a date and returns numbers and row indexes only: the
// next review, midway review, visit and core group (kernel::due), every interval between
// reviews, visits and core groups measured against policy (sink.interval), the drift
// conditions (sink.finding), the risk responses (sink.risk) and the midway events that close
// a midway review (sink.midway_event). It never builds a string except for an error.
//
// Drivers and renderings of it (docs/architecture.md):
//   schedule()           src/schedule.cpp            due items and intervals, with explanations
//   drift()              src/drift.cpp               findings with ids and explanations
//   evaluate()           src/bulk.cpp                counts per case, from the columns
//   review_timeliness()  src/interop/timeliness.cpp  the review chain as rows
//   cpa_checklist_due(), propose_cpa_checklist()     src/checklist.cpp
#pragma once

#include <midway/calendar.hpp>
#include <midway/case.hpp>
#include <midway/meeting.hpp>
#include <midway/columnar.hpp>
#include <midway/drift.hpp>
#include <midway/error.hpp>
#include <midway/interop.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <array>
#include <bit>
#include <iterator>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <algorithm>
#include <type_traits>
#include <variant>
#include <vector>

namespace midway::kernel {

// ---- event kind codes: the index in event_data (columnar.hpp) ----
template <class T, class V>
struct index_in;
template <class T, class... Ts>
struct index_in<T, std::variant<Ts...>> {
  static constexpr std::uint8_t value = [] {
    std::uint8_t i = 0;
    const bool found = ((std::is_same_v<T, Ts> ? true : (++i, false)) || ...);
    return found ? i : std::uint8_t{255};
  }();
};
template <class T>
inline constexpr std::uint8_t code = index_in<T, event_data>::value;

// Whether a row ends the plan or care: a plan_ended or ceased_looked_after, a review conference
// with plan_continues unset, an initial conference with plan_started unset; never a correction.
// The one place of this rule: the kernel (the end of the plan or care), the rules of recording
// (src/record_rules.hpp: child_case::record and the CIN census reader) and ends_on() (case.hpp).
constexpr bool row_ends(std::uint8_t kind, std::uint16_t flags) noexcept {
  if (has(flags, event_flag::correction)) return false;
  if (kind == code<plan_ended> || kind == code<ceased_looked_after>) return true;
  if (kind == code<review_conference>) return !has(flags, event_flag::plan_continues);
  if (kind == code<initial_conference>) return !has(flags, event_flag::plan_started);
  return false;
}

// ---- what the view holds besides events ----
struct meeting_row {
  std::int32_t review;         // the event row (as in the columns: global) of the review that arranged it
  std::int32_t arranged_for;   // days since 1970-01-01
  std::int32_t scheduled_for;  // the last reschedule's date, else arranged_for
  std::int32_t first_reschedule;  // row in the view's reschedules
  std::int32_t reschedules;       // how many
  meeting_status status;
};
struct reschedule_row {
  std::int32_t day;  // decided_on, else the date it moved from
};
struct recommendation_row {
  std::int32_t due;  // or no_date
  bool open;
  bool urgent;
};

// Names a field of the input for an error (the per-case form: "events['e3'].midway_date";
// the columns: "events.other_date[17]").
class field_namer {
 public:
  virtual ~field_namer() = default;
  virtual std::string event_field(std::int32_t row, std::string_view field) const = 0;
  virtual std::string meeting_field(std::int32_t meeting, std::string_view field) const = 0;
};

struct case_view {
  std::string_view case_id;
  case_kind kind = case_kind::lac;
  bool partial_history = false;
  bool short_breaks = false;
  std::int32_t base = 0;  // the row number of the first event (meeting_row::review counts from 0 of the columns)
  std::span<const std::uint8_t> kinds;
  std::span<const std::int32_t> dates;
  std::span<const std::uint16_t> flags;
  std::span<const std::int32_t> other_dates;
  std::span<const meeting_row> meetings;
  std::span<const reschedule_row> reschedules;
  std::span<const recommendation_row> recommendations;
  const field_namer* names = nullptr;
};

// A child_case as a view: its history in rows (row i is history()[i]), its meetings and
// recommendations. Keep the storage alive while the view is used.
struct case_storage {
  std::vector<std::uint8_t> kinds;
  std::vector<std::int32_t> dates;
  std::vector<std::uint16_t> flags;
  std::vector<std::int32_t> other_dates;
  std::vector<meeting_row> meetings;
  std::vector<reschedule_row> reschedules;
  std::vector<recommendation_row> recommendations;
  std::unique_ptr<field_namer> names;
};
case_view view_of(const child_case& c, case_storage& storage);

// ---- results ----
// How a due date was found (for the explanation).
enum class basis : std::uint8_t {
  period_after,         // `used` after the anchor row
  pre_birth,            // the pre-birth first review period (sooner than the usual)
  midway_set,           // the midway date written on the Chair's Report of the anchor review
  midway_arranged,      // the date a meeting arranged at the anchor review was set for
  midway_rescheduled,   // a meeting arranged at the anchor review, rescheduled
  midway_fixed,         // `used` after the anchor review
  midway_halfway,       // halfway between the anchor review and the next review's due date
};
// Why an item has no due date.
enum class no_due : std::uint8_t {
  none,
  lac_core_group,       // core groups are for CP plans only
  no_plan_yet,          // CP: no conference yet
  no_strategy,          // CP: no strategy discussion has started a s.47 enquiry
  ended,                // the plan ended / the child ceased to be looked after
  no_start_of_care,     // LAC: nothing to count from
  cp_short_interval,    // no midway review between the ICPC and the first RCPC
  lac_short_interval,   // midway reviews fall between 6-monthly reviews only
};

struct due {
  item_kind kind;
  std::int32_t day = no_date;
  item_status status = item_status::not_applicable;
  std::int32_t anchor = -1;  // event row the due date is counted from
  period used{0, period_unit::calendar_day};
  basis how = basis::period_after;
  no_due why = no_due::none;
  std::int32_t closed_by = -1;  // midway: the last midway_review event that made it done / not required
  std::int32_t meeting = -1;    // midway: the meeting (view row) arranged at the anchor review
  std::int32_t next_due = no_date;  // midway halfway: the next review's due date
};

// One interval of the history measured against policy.
struct interval {
  item_kind kind;
  std::int32_t from_row;  // -1: from a date that is not an event's (a transfer-in notification)
  std::int32_t from;
  std::int32_t to_row;    // -1: still open (then `to` is the as-of date or the end of the plan/care)
  std::int32_t to;
  std::int32_t limit;     // the latest date policy allowed
  period used;
  bool kept;              // to <= limit
  bool open;
  bool ended;             // open, and the plan or care ended: it will never close
  bool first;             // the first review of a chain (or the ICPC): counted from the start
};

// One drift condition (drift.hpp rule order).
struct finding_row {
  drift_rule_id rule;
  std::int32_t about;         // an event row; for recommendation_overdue a recommendation, for
                              // repeated_rescheduling a meeting (view rows)
  std::int32_t first_raised;  // days since 1970-01-01
  std::int32_t limit;         // the limit that passed (plan update, oversight, risk, plan length)
  bool urgent = false;        // recommendation_overdue
  bool recorded = false;      // no_management_oversight: an oversight was recorded (about it)
};

struct result {
  std::int32_t events = 0;  // rows up to the as-of date
  // A row's kind code is not a kind, or a kind that cannot be recorded on this kind of case
  // (only from columns: a child_case never holds one). The rest of the result is then not to be
  // used: the columns' validate() names the row.
  bool refused_rows = false;
  std::int32_t end_row = -1;  // the event that ended the plan or care
  due review{item_kind::rcpc};
  due midway{item_kind::midway_review};
  due visit{item_kind::visit};
  due core_group{item_kind::core_group};
  std::int32_t first_rcpc = -1;   // CP: the first review conference (the CPA checklist counts from it)
  std::int32_t plan_start = -1;   // CP: the conference that started the plan (ICPC or transfer-in; partial: first RCPC)
  std::int32_t conference = -1;   // CP: the latest conference
  std::int32_t plan_meeting = -1;       // CP: the last conference or core group
  std::int32_t plan_update = -1;        // CP: the last plan update on or after its date, or -1
  std::int32_t plan_update_limit = no_date;
  std::int32_t oversight = -1;          // the last management oversight recorded, or -1
  std::int32_t oversight_start = -1;    // the start of the plan or care (partial history: the first review)
  std::int32_t oversight_limit = no_date;  // the next oversight was due by this
  std::int32_t cpa_checklist_due = no_date;  // CP: cp_midway_after_review after the first RCPC
  std::int32_t visit_gaps = 0;       // closed visit intervals over policy
  std::int32_t core_group_gaps = 0;  // closed core-group intervals over policy
  bool ended() const noexcept { return end_row >= 0; }
};

// Sinks: what the drivers listen to. Each driver derives from this and hides what it needs.
struct ignore {
  static constexpr bool wants_intervals = true;
  static constexpr bool wants_findings = true;
  static constexpr bool wants_midway = true;  // false: the midway review is not worked out (nor checked)
  void interval(const interval&) {}
  void finding(const finding_row&) {}
  void risk(std::int32_t /*row*/, std::int32_t /*response row or -1*/, std::int32_t /*limit*/) {}
  void midway_event(std::int32_t /*row*/) {}
};

// ---- the rules' settings for one run ----
class rules {
 public:
  rules(const policy& pol, const calendar& cal, date as_of, icpc_anchor anchor = icpc_anchor::strategy_discussion);

  const policy& pol;
  const calendar& cal;
  std::int32_t as_of;
  std::int32_t soon;  // the last "due soon" date
  icpc_anchor anchor;

  enum class mode : std::uint8_t { policy_rules, stands, calendar_months_stands };
  // add_period(from, p) by the policy (mode policy_rules), or with the result left where it falls
  // (stands: plan anniversaries), or in calendar months left where they fall (the 12 months of
  // reg 28's first year). Straight from the calendar's tables, or from the precomputed due
  // dates when precompute() covered `from` and `p` is a field of the policy.
  std::int32_t add(std::int32_t from, const period& p, mode m = mode::policy_rules) const {
    // One look-up when precompute() covered `from` (every table covers the same days; none: 0 days).
    const std::uint32_t k = static_cast<std::uint32_t>(from) - static_cast<std::uint32_t>(pre_first_);
    if (k < pre_days_) {
      const auto offset = reinterpret_cast<std::uintptr_t>(&p) - reinterpret_cast<std::uintptr_t>(&pol);
      if (offset < sizeof(policy)) {
        if (const std::int32_t* t = (m == mode::policy_rules ? pre_due_ : pre_stands_)[offset / alignof(period)]) return t[k];
      } else if (&p == &no_days) {
        if (m == mode::policy_rules) return pre_working_day_of_[k];
      } else if (&p == &twelve_calendar_months && m == mode::calendar_months_stands) {
        return pre_first_year_[k];
      }
    }
    return compute(from, p, m);
  }
  // The first year of a placement (reg 28: 12 calendar months, left where they fall).
  static constexpr period twelve_calendar_months{12, period_unit::month};
  // No time: add(d, no_days) is d moved off a non-working day by the policy (a midway date
  // halfway between reviews).
  static constexpr period no_days{0, period_unit::calendar_day};
  // Precomputes, for every period field of the policy, the due date from each day of
  // [first, last] (a bulk run: the caseload's dates), so that add() is one look-up: by the
  // policy's rules, and left where they fall for the periods the kernel adds that way (the
  // plan's anniversaries, the first year of a placement).
  void precompute(std::int32_t first, std::int32_t last);
  item_status status_of(std::int32_t due) const noexcept {
    if (due < as_of) return item_status::overdue;
    if (due <= soon) return item_status::due_soon;
    return item_status::upcoming;
  }

  static date to_date(std::int32_t d) noexcept {
    return date(date::unchecked_t{}, static_cast<std::uint32_t>(std::int64_t{d} + date::epoch_day_number));
  }
  static std::int32_t days(date d) noexcept { return static_cast<std::int32_t>(d.days_since_epoch()); }

 private:
  std::int32_t compute(std::int32_t from, const period& p, mode m) const;
  std::int32_t slow_add(std::int32_t from, const period& p, mode m) const;
  const calendar::tables& t_;
  struct precomputed {
    std::int32_t first = 0;
    std::uint32_t days = 0;  // every table holds the due dates from first .. first + days - 1
    // By the period field's offset in the policy (nullptr: not tabled), pointing into `storage`.
    std::array<const std::int32_t*, sizeof(policy) / alignof(period)> due{};     // mode policy_rules
    std::array<const std::int32_t*, sizeof(policy) / alignof(period)> stands{};  // mode stands (some fields)
    std::vector<std::int32_t> first_year;      // twelve_calendar_months, mode calendar_months_stands
    std::vector<std::int32_t> working_day_of;  // no_days, mode policy_rules
    std::vector<std::vector<std::int32_t>> storage;
  };
  std::shared_ptr<const precomputed> pre_;
  // Read by add() on every call: pre_'s tables, held here so that a look-up is one load.
  std::int32_t pre_first_ = 0;
  std::uint32_t pre_days_ = 0;
  const std::int32_t* const* pre_due_ = nullptr;
  const std::int32_t* const* pre_stands_ = nullptr;
  const std::int32_t* pre_first_year_ = nullptr;
  const std::int32_t* pre_working_day_of_ = nullptr;
};

// The plain-English name of an event row's kind ("ICPC", "RCPC", "LAC review", "visit", ...).
std::string_view title_of_code(std::uint8_t kind) noexcept;

// ---- the kernel ----

// The rows of one set (a group of kinds, below) of one case, in row order: a bitset, bit i of
// word i / 64 for row i. Iterates the rows' numbers; size, front and back as a span's.
class row_set {
 public:
  row_set() = default;
  row_set(const std::uint64_t* words, std::size_t n) noexcept : w_(words), n_(n) {}
  class iterator {
   public:
    iterator(const std::uint64_t* w, const std::uint64_t* end) noexcept : w_(w), end_(end), bits_(w != end ? *w : 0) { skip(); }
    std::int32_t operator*() const noexcept { return base_ + std::countr_zero(bits_); }
    iterator& operator++() noexcept {
      bits_ &= bits_ - 1;
      skip();
      return *this;
    }
    bool operator==(std::default_sentinel_t) const noexcept { return bits_ == 0; }

   private:
    void skip() noexcept {
      while (bits_ == 0 && end_ - w_ > 1) {
        bits_ = *++w_;
        base_ += 64;
      }
    }
    const std::uint64_t* w_;
    const std::uint64_t* end_;
    std::uint64_t bits_;
    std::int32_t base_ = 0;
  };
  iterator begin() const noexcept { return {w_, w_ + n_}; }
  std::default_sentinel_t end() const noexcept { return {}; }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept {
    std::size_t n = 0;
    for (std::size_t k = 0; k < n_; ++k) n += static_cast<std::size_t>(std::popcount(w_[k]));
    return n;
  }
  // The first and the last row, or -1 when the set is empty.
  std::int32_t front() const noexcept {
    for (std::size_t k = 0; k < n_; ++k) {
      if (w_[k] != 0) return static_cast<std::int32_t>(64 * k) + std::countr_zero(w_[k]);
    }
    return -1;
  }
  std::int32_t back() const noexcept {
    for (std::size_t k = n_; k-- > 0;) {
      if (w_[k] != 0) return static_cast<std::int32_t>(64 * k) + 63 - std::countl_zero(w_[k]);
    }
    return -1;
  }

 private:
  const std::uint64_t* w_ = nullptr;
  std::size_t n_ = 0;
};

// The rows of one case by kind, up to the as-of date, in row order, so that each rule reads
// only the rows it is about: a bitset per group of kinds, made with no branch on the kind and
// no dependency from row to row (build()). Its buffers are reused from case to case.
struct row_index {
  enum group : std::uint8_t {
    g_conference, g_visit, g_core_group, g_lac_review, g_started, g_placement, g_midway, g_plan_updated, g_oversight,
    g_risk, g_response, g_end, g_other,
    g_refused,  // a code that is not a kind, or a kind that cannot be recorded on the case (belongs_to)
    g_count
  };
  // The group of each event kind code (columnar.hpp).
  static constexpr std::array<std::uint8_t, 26> group_of{
      g_response, g_response, g_conference, g_conference, g_conference, g_started, g_placement, g_lac_review,
      g_visit, g_core_group, g_midway, g_plan_updated, g_oversight, g_other, g_other, g_other,
      g_risk, g_risk, g_other, g_other, g_other, g_other, g_end, g_end, g_other, g_other};
  // The group of every byte value on a LAC case ([0]) and a CP case ([1]): group_of, with the
  // kinds of the other kind of case and the codes from event_kind_count up refused.
  static constexpr auto by_case_kind = [] {
    constexpr std::uint32_t cp_only = (1u << 2) | (1u << 3) | (1u << 4) | (1u << 9) | (1u << 22) | (1u << 24) | (1u << 25);
    constexpr std::uint32_t lac_only = (1u << 5) | (1u << 6) | (1u << 7) | (1u << 23);
    std::array<std::array<std::uint8_t, 256>, 2> t{};
    for (unsigned k = 0; k < 256; ++k) {
      const bool known = k < group_of.size();
      t[0][k] = known && !((cp_only >> k) & 1u) ? group_of[k] : std::uint8_t{g_refused};
      t[1][k] = known && !((lac_only >> k) & 1u) ? group_of[k] : std::uint8_t{g_refused};
    }
    return t;
  }();

  std::vector<std::uint64_t> bits;  // g_count blocks of `capacity` words
  std::size_t capacity = 0;
  std::size_t words = 0;  // in use in each block: (rows + 63) / 64

  row_set of(group g) const noexcept { return {bits.data() + static_cast<std::size_t>(g) * capacity, words}; }
  // The sets of rows [0, n) of kinds `kinds`, by `groups` (a row of by_case_kind).
  void build(const std::uint8_t* kinds, std::size_t n, const std::uint8_t* groups);
};
static_assert(row_index::group_of.size() == event_kind_count);

template <class Sink>
class engine {
 public:
  engine(const case_view& v, const rules& x, Sink& sink, row_index& ix) : v_(v), x_(x), sink_(sink), ix_(ix) {
    // The rows up to the as-of date (dates are in order).
    // From the end: rows after the as-of date are few, usually none.
    {
      std::size_t n = v.dates.size();
      while (n > 0 && v.dates[n - 1] > x.as_of) --n;
      n_ = static_cast<std::int32_t>(n);
    }
    r_.events = n_;
    {
      // Rows whose kind is refused go to a set of their own that no rule reads; the rows after
      // the as-of date are only checked.
      const std::uint8_t* const groups = row_index::by_case_kind[v.kind == case_kind::cp ? 1 : 0].data();
      const std::uint8_t* const kinds = v.kinds.data();
      ix.build(kinds, static_cast<std::size_t>(n_), groups);
      bool refused = !ix.of(row_index::g_refused).empty();
      for (std::size_t i = static_cast<std::size_t>(n_); i < v.kinds.size(); ++i) refused |= groups[kinds[i]] == row_index::g_refused;
      r_.refused_rows = refused;
    }
    conferences_ = ix.of(row_index::g_conference);
    visits_ = ix.of(row_index::g_visit);
    core_groups_ = ix.of(row_index::g_core_group);
    lac_reviews_ = ix.of(row_index::g_lac_review);
    placements_ = ix.of(row_index::g_placement);
    midway_events_ = ix.of(row_index::g_midway);
    risks_ = ix.of(row_index::g_risk);
    responses_ = ix.of(row_index::g_response);
    const auto first = [](row_set r) { return r.front(); };
    const auto last = [](row_set r) { return r.back(); };
    const auto earliest = [](std::int32_t a, std::int32_t b) { return a < 0 ? b : b < 0 ? a : std::min(a, b); };
    first_start_ = first(ix.of(row_index::g_started));
    last_plan_update_ = last(ix.of(row_index::g_plan_updated));
    last_oversight_ = last(ix.of(row_index::g_oversight));
    // The end of the plan or care: the first row that ends it (ends_on, case.hpp).
    for (const std::int32_t i : ix.of(row_index::g_end)) {
      if (ends(i)) {
        r_.end_row = i;
        break;
      }
    }
    std::int32_t oversight_start = -1;
    for (const std::int32_t i : conferences_) {
      const std::uint8_t k = kind(i);
      if (ends(i)) {
        r_.end_row = earliest(r_.end_row, i);
      }
      if (k == code<review_conference>) {
        if (r_.first_rcpc < 0) r_.first_rcpc = i;
      } else if (k == code<transfer_in_conference> || flag(i, event_flag::plan_started)) {
        plan_start_ = i;
      }
      if (oversight_start < 0 && (k != code<review_conference> || v.partial_history)) oversight_start = i;
    }
    // Management oversight counts from the start of the plan or care (partial history: the first review).
    oversight_start = earliest(oversight_start, first_start_);
    if (v.partial_history) oversight_start = earliest(oversight_start, first(lac_reviews_));
    r_.oversight_start = oversight_start;
    if (v.kind == case_kind::cp) r_.plan_meeting = std::max(last(conferences_), last(core_groups_));
    for (const std::int32_t i : responses_) {
      if (kind(i) == code<s47_enquiry>) {
        if (first_s47_ < 0) first_s47_ = i;
      } else if (flag(i, event_flag::s47_started)) {
        if (first_s47_strategy_ < 0) first_s47_strategy_ = i;
      }
    }
  }

  result run() {
    if (r_.refused_rows) return r_;  // no rule runs on rows it cannot read
    if (v_.kind == case_kind::cp) {
      r_.review.kind = item_kind::rcpc;
      cp();
    } else {
      r_.review.kind = item_kind::lac_review;
      r_.core_group.why = no_due::lac_core_group;
      lac();
    }
    facts();
    if (r_.ended()) {
      for (due* d : {&r_.review, &r_.midway, &r_.visit, &r_.core_group}) {
        if (v_.kind == case_kind::lac && d == &r_.core_group) continue;
        *d = due{.kind = d->kind};
        d->why = no_due::ended;
        d->anchor = r_.end_row;
      }
    } else if constexpr (Sink::wants_findings) {
      drift();
    }
    return r_;
  }

 private:
  using u = std::size_t;
  std::uint8_t kind(std::int32_t i) const { return v_.kinds[static_cast<u>(i)]; }
  std::int32_t day(std::int32_t i) const { return v_.dates[static_cast<u>(i)]; }
  bool flag(std::int32_t i, event_flag f) const { return has(v_.flags[static_cast<u>(i)], f); }
  std::int32_t other(std::int32_t i) const { return v_.other_dates[static_cast<u>(i)]; }
  std::int32_t add(std::int32_t from, const period& p) const { return x_.add(from, p); }

  bool ends(std::int32_t i) const { return row_ends(kind(i), v_.flags[static_cast<u>(i)]); }
  // Where an open interval stops: the as-of date, or the end of the plan or care.
  std::int32_t open_to() const { return r_.ended() ? std::min(x_.as_of, day(r_.end_row)) : x_.as_of; }

  due make_due(item_kind k, std::int32_t when, std::int32_t anchor, const period& used, basis how = basis::period_after) const {
    return due{.kind = k, .day = when, .status = x_.status_of(when), .anchor = anchor, .used = used, .how = how};
  }

  // Measures from `from` (row, or -1 with a date) to row `to` (-1: open) against `p`.
  void measure(item_kind k, std::int32_t from_row, std::int32_t from, std::int32_t to_row, const period& p, bool first = false) {
    const std::int32_t limit = add(from, p);
    const std::int32_t to = to_row >= 0 ? day(to_row) : open_to();
    const bool kept = to <= limit;
    if constexpr (Sink::wants_intervals) {
      sink_.interval(interval{.kind = k, .from_row = from_row, .from = from, .to_row = to_row, .to = to, .limit = limit, .used = p,
                              .kept = kept, .open = to_row < 0, .ended = to_row < 0 && r_.ended(), .first = first});
    }
    if (to_row >= 0 && !kept) {
      if (k == item_kind::visit) ++r_.visit_gaps;
      if (k == item_kind::core_group) ++r_.core_group_gaps;
    }
  }

  // Seed 000: "Date of the midway review meeting to be set at each 6 monthly LAC review / CP
  // conference review and recorded on the Chairs Report". Raised the day after a 6-monthly
  // review that recorded neither a midway date (midway_date, or a meeting arranged at it) nor a
  // "not required" decision, while its midway review is neither held nor decided not required.
  void midway_date_not_set() {
    const due& m = r_.midway;
    if (!midway_six_monthly_ || m.day == no_date || m.anchor < 0 || x_.as_of <= day(m.anchor)) return;
    if (m.how != basis::midway_fixed && m.how != basis::midway_halfway) return;
    if (m.status == item_status::done || m.status == item_status::not_required) return;
    raise(drift_rule_id::midway_date_not_set, m.anchor, day(m.anchor) + 1);
  }
  // A midway date or meeting recorded at review row `r`: honoured even where policy puts no
  // midway review in the interval (at the ICPC, the first or second LAC review; issue 16).
  bool midway_set_at(std::int32_t r) const {
    const bool dated = (kind(r) == code<review_conference> || kind(r) == code<lac_review>) && other(r) != no_date;
    return dated || meeting_at(r) >= 0;
  }

  // The meeting arranged at review row `r` (the first recorded), or -1.
  std::int32_t meeting_at(std::int32_t r) const {
    for (std::size_t m = 0; m < v_.meetings.size(); ++m) {
      if (v_.meetings[m].review - v_.base == r) return static_cast<std::int32_t>(m);
    }
    return -1;
  }

  // The midway review of the interval that began at review `r`, due before `next_due`.
  due midway(std::int32_t r, std::int32_t next_due, midway_rule rule, const period& span) {
    std::int32_t set = kind(r) == code<review_conference> || kind(r) == code<lac_review> ? other(r) : no_date;
    basis how = basis::midway_set;
    const std::int32_t m = meeting_at(r);
    const meeting_row* meeting = m >= 0 ? &v_.meetings[static_cast<u>(m)] : nullptr;
    if (meeting && set == no_date) {
      set = meeting->arranged_for;
      how = basis::midway_arranged;
    }
    if (meeting && meeting->reschedules > 0) {
      set = meeting->scheduled_for;
      how = basis::midway_rescheduled;
    }
    due out{.kind = item_kind::midway_review};
    if (set != no_date) {
      if (set >= next_due) {
        const bool moved = how == basis::midway_rescheduled;
        throw rule_violation_error(
            "the midway date " + rules::to_date(set).to_iso() + " set at the " + std::string(title_of_code(kind(r))) + " of " +
                rules::to_date(day(r)).to_iso() + " does not fall before the next review, due " + rules::to_date(next_due).to_iso(),
            meeting && how != basis::midway_set
                ? v_.names->meeting_field(m, moved ? "reschedules" : "arranged_for")
                : v_.names->event_field(r, "midway_date"),
            std::string(v_.case_id));
      }
      out = make_due(item_kind::midway_review, set, r, span, how);
    } else if (rule == midway_rule::fixed_span) {
      out = make_due(item_kind::midway_review, add(day(r), span), r, span, basis::midway_fixed);
    } else {
      // Halfway, then moved off a non-working day like any calendar-period due date.
      out = make_due(item_kind::midway_review, add(day(r) + (next_due - day(r)) / 2, rules::no_days), r, span,
                     basis::midway_halfway);
    }
    out.meeting = m;
    out.next_due = next_due;
    for (const std::int32_t i : midway_events_) {
      if (day(i) < day(r)) continue;
      const bool not_required = flag(i, event_flag::not_required);
      // A "not required" decision is often made at the review itself; a held midway review is after it.
      if (day(i) == day(r) && !not_required) continue;
      if constexpr (Sink::wants_intervals) sink_.midway_event(i);
      out.closed_by = i;
      out.status = not_required ? item_status::not_required : item_status::done;
    }
    return out;
  }

  // ---- child protection ----
  // The first row of kind `k` among the rows with no group of their own (g_other), or -1.
  std::int32_t first_other(std::uint8_t k) const {
    for (const std::int32_t i : ix_.of(row_index::g_other)) {
      if (kind(i) == k) return i;
    }
    return -1;
  }
  // The next review after conference row `from`: 6-monthly after an RCPC; after the plan's first
  // conference first_rcpc_after_icpc. A pre-birth plan (issue 16): pre_birth_first_rcpc after the
  // birth, when a birth is recorded on or after the ICPC and that is sooner; `anchor` is then the
  // birth's row (policy pre_birth_from_birth false: after the ICPC, as Scotland counts).
  // `used` is the policy's own field (not a copy), so that add() finds its precomputed table.
  struct next_review {
    std::int32_t anchor;
    const period& used;
    basis how;
  };
  next_review review_period(std::int32_t from) const {
    const policy& p = x_.pol;
    if (kind(from) == code<review_conference>) return {from, p.rcpc_interval, basis::period_after};
    if (kind(from) == code<initial_conference> && flag(from, event_flag::pre_birth) && p.pre_birth_first_rcpc.count > 0) {
      // From the birth (once recorded), or from the ICPC (pre_birth_from_birth false).
      const std::int32_t born = p.pre_birth_from_birth ? first_other(code<birth>) : from;
      if (born >= 0 && day(born) >= day(from) && add(day(born), p.pre_birth_first_rcpc) < add(day(from), p.first_rcpc_after_icpc)) {
        return {born, p.pre_birth_first_rcpc, basis::pre_birth};
      }
    }
    return {from, p.first_rcpc_after_icpc, basis::period_after};
  }

  // The row the ICPC is counted from, up to `limit`: the FIRST strategy discussion of the episode
  // that started a s.47 enquiry (Working Together: 15 working days from the strategy discussion
  // "at which section 47 enquiries were initiated"; a later, reconvened discussion does not move
  // the deadline), or the first s.47 start (icpc_anchor says which comes first). A case holds one
  // episode (nothing but a correction follows the end of a plan), so the first of the case's.
  std::int32_t first_by(std::int32_t row, std::int32_t limit) const { return row >= 0 && day(row) <= limit ? row : -1; }
  std::int32_t icpc_anchor_row(std::int32_t limit) const {
    const std::int32_t strategy = first_by(first_s47_strategy_, limit), s47 = first_by(first_s47_, limit);
    if (x_.anchor == icpc_anchor::strategy_discussion) return strategy >= 0 ? strategy : s47;
    return s47 >= 0 ? s47 : strategy;
  }

  void cp() {
    const policy& p = x_.pol;
    const std::int32_t first = conferences_.front();
    const std::int32_t last = conferences_.back();
    r_.conference = last;
    const std::int32_t notified = first_other(code<transfer_in_notified>);
    if (first < 0) {
      r_.review.kind = item_kind::icpc;
      r_.visit.why = r_.core_group.why = r_.midway.why = no_due::no_plan_yet;
      if (notified >= 0) {
        // A transfer-in notified, not yet held: due from the notification (issue 16).
        r_.review = make_due(item_kind::transfer_in_conference, add(day(notified), p.transfer_in_after_notification), notified,
                             p.transfer_in_after_notification);
        measure(item_kind::transfer_in_conference, notified, day(notified), -1, p.transfer_in_after_notification, true);
        return;
      }
      const std::int32_t strategy = icpc_anchor_row(x_.as_of);
      if (strategy < 0) {
        r_.review.why = no_due::no_strategy;
        return;
      }
      r_.review = make_due(item_kind::icpc, add(day(strategy), p.icpc_after_strategy), strategy, p.icpc_after_strategy);
      measure(item_kind::icpc, strategy, day(strategy), -1, p.icpc_after_strategy, true);
      return;
    }
    const std::int32_t start = first;
    r_.plan_start = start;
    if (kind(start) == code<initial_conference>) {
      const std::int32_t strategy = icpc_anchor_row(day(start));
      if (strategy >= 0) measure(item_kind::icpc, strategy, day(strategy), start, p.icpc_after_strategy, true);
    } else if (kind(start) == code<transfer_in_conference> && other(start) != no_date) {
      measure(item_kind::transfer_in_conference, -1, other(start), start, p.transfer_in_after_notification, true);
    } else if (kind(start) == code<transfer_in_conference> && notified >= 0 && day(notified) <= day(start)) {
      measure(item_kind::transfer_in_conference, notified, day(notified), start, p.transfer_in_after_notification, true);
    }
    // Review intervals: each conference to the next.
    for (std::int32_t prev = -1; const std::int32_t i : conferences_) {
      if (prev >= 0) {
        const next_review n = review_period(prev);
        measure(item_kind::rcpc, n.anchor, day(n.anchor), i, n.used, prev == start);
      }
      prev = i;
    }
    // Visit and core-group gaps from the start of the plan.
    const std::int32_t start_day = day(start);
    std::int32_t visit_anchor = start, group_anchor = start;
    bool any_group = false;
    for (const std::int32_t i : visits_) {
      if (day(i) < start_day || !flag(i, event_flag::seen)) continue;
      measure(item_kind::visit, visit_anchor, day(visit_anchor), i, p.cp_visit_interval);
      visit_anchor = i;
    }
    measure(item_kind::visit, visit_anchor, day(visit_anchor), -1, p.cp_visit_interval);
    for (const std::int32_t i : core_groups_) {
      if (day(i) < start_day) continue;
      measure(item_kind::core_group, group_anchor, day(group_anchor), i,
              any_group ? p.core_group_interval : p.first_core_group_after_icpc);
      group_anchor = i;
      any_group = true;
    }
    measure(item_kind::core_group, group_anchor, day(group_anchor), -1,
            any_group ? p.core_group_interval : p.first_core_group_after_icpc);
    const next_review next = review_period(last);
    measure(item_kind::rcpc, next.anchor, day(next.anchor), -1, next.used, last == start);
    if (r_.ended()) return;

    const std::int32_t review_due = add(day(next.anchor), next.used);
    r_.review = make_due(item_kind::rcpc, review_due, next.anchor, next.used, next.how);
    r_.visit = make_due(item_kind::visit, add(day(visit_anchor), p.cp_visit_interval), visit_anchor, p.cp_visit_interval);
    const period& gp = any_group ? p.core_group_interval : p.first_core_group_after_icpc;
    r_.core_group = make_due(item_kind::core_group, add(day(group_anchor), gp), group_anchor, gp);
    if (!Sink::wants_midway) return;
    midway_six_monthly_ = kind(last) == code<review_conference>;
    if (midway_six_monthly_ || p.midway_in_short_intervals || midway_set_at(last)) {
      r_.midway = midway(last, review_due, p.cp_midway_rule, p.cp_midway_after_review);
    } else {
      r_.midway.why = no_due::cp_short_interval;
      r_.midway.anchor = start;
    }
  }

  // ---- looked after children ----
  void lac() {
    const policy& p = x_.pol;
    const bool breaks = v_.short_breaks;
    // The start of care: the first of the episode (a later start with no end between is the
    // same episode; nothing but a correction follows the end of care).
    const std::int32_t start = first_start_;
    const std::int32_t from = start >= 0 ? day(start) : std::numeric_limits<std::int32_t>::min();
    std::int32_t first_review = -1, last_review = -1, placement = -1, first_placement = -1;
    std::int32_t reviews = 0;
    for (const std::int32_t i : lac_reviews_) {
      if (day(i) < from) continue;
      if (first_review < 0) first_review = i;
      last_review = i;
      ++reviews;
    }
    for (const std::int32_t i : placements_) {
      if (day(i) < from) continue;
      placement = i;
      if (first_placement < 0) first_placement = i;
    }
    if (start < 0 && reviews == 0) {
      r_.review.why = r_.midway.why = r_.visit.why = no_due::no_start_of_care;
      return;
    }
    // The period before review n (0-based) of this episode. Short breaks (reg 48): the first
    // within short_breaks_first_review of the start, then short_breaks_review_interval.
    auto period_before = [&](std::int32_t k) -> const period& {
      if (start < 0) return breaks ? p.short_breaks_review_interval : p.lac_review_interval;  // a partial history
      if (breaks) return k == 0 ? p.short_breaks_first_review : p.short_breaks_review_interval;
      if (k == 0) return p.first_lac_review;
      if (k == 1) return p.second_lac_review;
      return p.lac_review_interval;
    };
    {
      std::int32_t prev = start, k = 0;
      for (const std::int32_t i : lac_reviews_) {
        if (day(i) < from) continue;
        if (prev >= 0) measure(item_kind::lac_review, prev, day(prev), i, period_before(k), k == 0);
        prev = i;
        ++k;
      }
    }
    const std::int32_t last = reviews > 0 ? last_review : start;
    const period& next_period = period_before(reviews);
    measure(item_kind::lac_review, last, day(last), -1, next_period, reviews == 0);

    // Visits (reg 28) from the current placement; the start of care stands in for a placement if
    // none is recorded. Short breaks (reg 48): from the start of the first placement.
    const std::int32_t place = breaks ? (start >= 0 ? start : first_placement >= 0 ? first_placement : first_review)
                                      : (placement >= 0 ? placement : start >= 0 ? start : first_review);
    const std::int32_t place_day = day(place);
    const bool weekly_until_review = !breaks && placement >= 0 &&
                                     (flag(place, event_flag::placed_with_parent) || flag(place, event_flag::temporary_approval));
    const bool long_term = placement >= 0 && flag(place, event_flag::long_term);
    // The first review on or after the placement: "weekly until the first review" (reg 28(3)).
    std::int32_t review_after_place = std::numeric_limits<std::int32_t>::max();
    if (weekly_until_review) {
      for (const std::int32_t i : lac_reviews_) {
        if (day(i) >= from && day(i) >= place_day) {
          review_after_place = day(i);
          break;
        }
      }
    }
    const std::int32_t first_year_end = x_.add(place_day, rules::twelve_calendar_months, rules::mode::calendar_months_stands);
    auto visit_period = [&](std::int32_t anchor_day, bool at_place) -> const period& {
      if (breaks) return at_place ? p.short_breaks_first_visit : p.short_breaks_visit_interval;
      if (at_place) return p.lac_visit_after_placement;
      // Weekly until the first review (reg 28(3)): a gap in which that review falls is measured
      // by the rule that follows it.
      if (weekly_until_review && review_after_place > add(anchor_day, p.lac_visit_parent_or_temporary)) {
        return p.lac_visit_parent_or_temporary;
      }
      if (anchor_day < first_year_end) return p.lac_visit_first_year;
      return long_term ? p.lac_visit_long_term : p.lac_visit_other;
    };
    std::int32_t anchor = place;
    for (const std::int32_t i : visits_) {
      if (day(i) < place_day || !flag(i, event_flag::seen)) continue;
      measure(item_kind::visit, anchor, day(anchor), i, visit_period(day(anchor), anchor == place));
      anchor = i;
    }
    const period& vp = visit_period(day(anchor), anchor == place);
    measure(item_kind::visit, anchor, day(anchor), -1, vp);
    if (r_.ended()) return;

    const std::int32_t review_due = add(day(last), next_period);
    r_.review = make_due(item_kind::lac_review, review_due, last, next_period);
    r_.visit = make_due(item_kind::visit, add(day(anchor), vp), anchor, vp);
    // Midway reviews fall in the 6-monthly intervals (after the second review; in a partial
    // history or for short breaks, after the first), or in every one by policy.
    const bool six_monthly = reviews >= 2 || (reviews >= 1 && (start < 0 || breaks));
    if (!Sink::wants_midway) return;
    midway_six_monthly_ = reviews > 0 && six_monthly;
    if (reviews > 0 && (six_monthly || p.midway_in_short_intervals || midway_set_at(last_review))) {
      r_.midway = midway(last_review, review_due, p.lac_midway_rule, p.lac_midway_after_review);
    } else {
      r_.midway.why = no_due::lac_short_interval;
      r_.midway.anchor = last;
    }
  }

  // ---- facts that drift and the CPA checklist read ----
  void facts() {
    const policy& p = x_.pol;
    if (v_.kind == case_kind::cp) {
      // The plan is updated within plan_update_after_meeting of the last conference or core group.
      if (r_.plan_meeting >= 0) {
        const std::int32_t m = day(r_.plan_meeting);
        if (last_plan_update_ >= 0 && day(last_plan_update_) >= m) r_.plan_update = last_plan_update_;
        r_.plan_update_limit = add(m, p.plan_update_after_meeting);
      }
      // The CPA's midway monitoring: cp_midway_after_review after the first RCPC (seed 002).
      // Nothing is due once the plan has ended (issue 16).
      if (r_.first_rcpc >= 0 && !r_.ended()) r_.cpa_checklist_due = add(day(r_.first_rcpc), p.cp_midway_after_review);
    }
    // Management oversight at least every management_oversight_interval: since the last recorded,
    // or since the start of the plan or care.
    r_.oversight = last_oversight_;
    const std::int32_t anchor = r_.oversight >= 0 ? r_.oversight : r_.oversight_start;
    if (anchor >= 0) r_.oversight_limit = add(day(anchor), p.management_oversight_interval);
  }

  // ---- drift and delay (drift.hpp), for a plan or care still open ----
  void raise(drift_rule_id rule, std::int32_t about, std::int32_t first_raised, std::int32_t limit = no_date, bool urgent = false,
             bool recorded = false) {
    sink_.finding(finding_row{.rule = rule, .about = about, .first_raised = first_raised, .limit = limit, .urgent = urgent,
                              .recorded = recorded});
  }
  void overdue(const due& d, drift_rule_id rule) {
    if (d.status == item_status::overdue) raise(rule, d.anchor, d.day + 1, d.day);
  }

  void drift() {
    const policy& p = x_.pol;
    const bool cp = v_.kind == case_kind::cp;
    overdue(r_.review, drift_rule_id::overdue_review);
    overdue(r_.midway, drift_rule_id::overdue_midway_review);
    overdue(r_.visit, drift_rule_id::overdue_visit);
    overdue(r_.core_group, drift_rule_id::overdue_core_group);
    midway_date_not_set();
    // Gaps: the visit_gap and core_group_gap findings are the closed intervals not kept
    // (result::visit_gaps and core_group_gaps count them); the drivers raise them.
    // Recommendations.
    for (std::size_t i = 0; i < v_.recommendations.size(); ++i) {
      const recommendation_row& rec = v_.recommendations[i];
      if (!rec.open || rec.due == no_date) continue;
      const std::int32_t limit = add(rec.due, p.recommendation_grace);
      if (x_.as_of > limit) raise(drift_rule_id::recommendation_overdue, static_cast<std::int32_t>(i), limit + 1, limit, rec.urgent);
    }
    if (cp && r_.plan_meeting >= 0 && r_.plan_update < 0 && x_.as_of > r_.plan_update_limit) {
      raise(drift_rule_id::no_plan_update, r_.plan_meeting, r_.plan_update_limit + 1, r_.plan_update_limit);
    }
    const std::int32_t anchor = r_.oversight >= 0 ? r_.oversight : r_.oversight_start;
    if (anchor >= 0 && x_.as_of > r_.oversight_limit) {
      raise(drift_rule_id::no_management_oversight, anchor, r_.oversight_limit + 1, r_.oversight_limit, false, r_.oversight >= 0);
    }
    if (!cp) {
      rescheduling();
      return;
    }
    risks();
    // Plan length: from the conference that started the plan, the anniversary itself.
    const std::int32_t start = plan_start_;
    if (start >= 0) {
      const std::int32_t warn = x_.add(day(start), p.plan_open_warning, rules::mode::stands);
      if (x_.as_of >= warn) raise(drift_rule_id::plan_open_18_months, start, warn, warn);
      const std::int32_t alert = x_.add(day(start), p.plan_open_alert, rules::mode::stands);
      if (x_.as_of >= alert) raise(drift_rule_id::plan_open_2_years, start, alert, alert);
    }
    rescheduling();
  }

 public:
  // A missing episode or CSE concern answered by a strategy discussion or s.47 enquiry within
  // risk_response_within: every one to sink.risk (the checklist's evidence), and a finding for
  // each unanswered past its limit. Run by drift(); the checklist calls it on its own.
  void risks(bool findings = true) {
    for (const std::int32_t i : risks_) {
      const std::int32_t limit = add(day(i), x_.pol.risk_response_within);
      std::int32_t response = -1;
      for (const std::int32_t j : responses_) {
        if (day(j) >= day(i) && day(j) <= limit) {
          response = j;
          break;
        }
      }
      sink_.risk(i, response, limit);
      if (findings && response < 0 && x_.as_of > limit) raise(drift_rule_id::risk_not_responded, i, limit + 1, limit);
    }
  }

 private:
  void rescheduling() {
    const std::int32_t limit = x_.pol.reschedule_limit;
    if (limit <= 0) return;
    for (std::size_t m = 0; m < v_.meetings.size(); ++m) {
      const meeting_row& r = v_.meetings[m];
      if (r.reschedules < limit) continue;
      if (r.status != meeting_status::rescheduled && r.status != meeting_status::scheduled) continue;
      const std::int32_t first = v_.reschedules[static_cast<u>(r.first_reschedule + limit - 1)].day;
      raise(drift_rule_id::repeated_rescheduling, static_cast<std::int32_t>(m), first, first);
    }
  }

  const case_view& v_;
  const rules& x_;
  Sink& sink_;
  row_index& ix_;
  std::int32_t n_ = 0;
  row_set conferences_, visits_, core_groups_, lac_reviews_, placements_, midway_events_, risks_, responses_;
  std::int32_t first_s47_ = -1, first_s47_strategy_ = -1;  // the first s47_enquiry; strategy discussion that started one
  std::int32_t first_start_ = -1, last_plan_update_ = -1, last_oversight_ = -1, plan_start_ = -1;
  bool midway_six_monthly_ = false;  // the midway item belongs to a 6-monthly interval
  result r_;
};

// Runs the rules on `v` as of `x.as_of`, telling `sink` what it finds. `ix` is scratch space
// for the rows by kind, reused from case to case (one per thread).
template <class Sink>
result run(const case_view& v, const rules& x, Sink& sink, row_index& ix) {
  return engine<Sink>(v, x, sink, ix).run();
}
// As above with the calling thread's own scratch space.
template <class Sink>
result run(const case_view& v, const rules& x, Sink& sink) {
  thread_local row_index ix;
  return run(v, x, sink, ix);
}

}  // namespace midway::kernel
