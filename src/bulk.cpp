#include <midway/bulk.hpp>
#include <midway/detail/threads.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace midway {

namespace {

// Event kind codes (columnar.hpp).
enum code : std::uint8_t {
  k_strategy = 0, k_s47 = 1, k_icpc = 2, k_rcpc = 3, k_transfer_in = 4, k_started = 5, k_placement = 6, k_lac_review = 7,
  k_visit = 8, k_core_group = 9, k_midway = 10, k_plan_updated = 11, k_oversight = 12, k_missing = 16, k_cse = 17,
  k_plan_ended = 22, k_ceased = 23,
};

constexpr auto u8(item_status s) { return static_cast<std::uint8_t>(s); }
constexpr auto u8(item_kind k) { return static_cast<std::uint8_t>(k); }

// Rule bits, in drift_rules() order.
enum rule_bit : std::uint16_t {
  r_overdue_review = 0, r_overdue_midway = 1, r_overdue_visit = 2, r_overdue_core_group = 3, r_visit_gap = 4,
  r_core_group_gap = 5, r_no_plan_update = 7, r_no_oversight = 8, r_risk = 9, r_open_18 = 10, r_open_24 = 11,
};

struct item {
  std::int32_t due = no_date;
  std::uint8_t status = u8(item_status::not_applicable);
};

// Days since 1970-01-01 <-> (year, month, day), proleptic Gregorian (H. Hinnant's algorithms).
struct civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
constexpr civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
constexpr unsigned last_day(std::int64_t y, unsigned m) noexcept {
  if (m != 2) return m == 4 || m == 6 || m == 9 || m == 11 ? 30u : 31u;
  return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29u : 28u;
}
static_assert(days_from_civil(1970, 1, 1) == 0 && days_from_civil(2026, 11, 22) == 20779);
static_assert(civil_from_days(20779).year == 2026 && civil_from_days(20779).month == 11 && civil_from_days(20779).day == 22);

// Everything one case needs from the run, shared read-only by the workers.
struct context {
  const event_columns& ev;
  const case_columns& cases;
  const policy& pol;
  policy exact;        // pol with due dates left where they fall (plan duration anniversaries)
  policy months_only;  // calendar months, left where they fall: date + months(n)
  const calendar& cal;
  std::int32_t as_of;
  std::int32_t soon;  // the last "due soon" date

  static date to_date(std::int32_t d) {
    return date(date::unchecked_t{}, static_cast<std::uint32_t>(d + static_cast<std::int32_t>(date::epoch_day_number)));
  }
  static std::int32_t days(date d) { return static_cast<std::int32_t>(d.days_since_epoch()); }
  // add_period() on days since 1970-01-01, straight from the calendar's tables; anything
  // unusual (fixed-day months, a result outside the tables) goes to add_period() itself.
  std::int32_t add(std::int32_t from, const period& p, const policy& pp) const {
    const calendar::tables& t = cal.raw();
    const std::int64_t i = std::int64_t{from} + base;
    if (i < 0 || i >= span) return slow_add(from, p, pp);
    std::int64_t d = from;
    switch (p.unit) {
      case period_unit::working_day: {
        const auto ui = static_cast<std::uint32_t>(i);
        std::int64_t k = p.count;
        if (pp.counting == day_count::inclusive && k != 0 && t.is_working(ui)) k += k > 0 ? -1 : 1;
        if (k == 0) return from;
        const std::int64_t ordinal = std::int64_t{t.before(ui)} + (k > 0 ? std::int64_t{t.is_working(ui)} + k - 1 : k);
        if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(t.working.size())) return slow_add(from, p, pp);
        return static_cast<std::int32_t>(std::int64_t{t.working[static_cast<std::size_t>(ordinal)]} - base);
      }
      case period_unit::calendar_day: d = std::int64_t{from} + p.count; break;
      case period_unit::week: d = std::int64_t{from} + std::int64_t{p.count} * 7; break;
      case period_unit::month: {
        if (pp.month_counting != month_basis::calendar_months) return slow_add(from, p, pp);
        const civil c = civil_from_days(from);
        const std::int64_t m0 = std::int64_t{c.month} - 1 + p.count;
        const std::int64_t y = c.year + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
        const auto m = static_cast<unsigned>(m0 - (y - c.year) * 12 + 1);
        d = days_from_civil(y, m, std::min(c.day, last_day(y, m)));
        break;
      }
    }
    const std::int64_t j = d + base;
    if (j < 0 || j >= span) return slow_add(from, p, pp);
    const auto uj = static_cast<std::uint32_t>(j);
    if (t.is_working(uj)) return static_cast<std::int32_t>(d);
    const std::uint32_t before = t.before(uj);
    switch (pp.due_on_non_working_day) {
      case non_working_due::previous_working_day:
        if (before == 0) return slow_add(from, p, pp);
        return static_cast<std::int32_t>(std::int64_t{t.working[before - 1]} - base);
      case non_working_due::next_working_day:
        if (before >= t.working.size()) return slow_add(from, p, pp);
        return static_cast<std::int32_t>(std::int64_t{t.working[before]} - base);
      case non_working_due::stands: return static_cast<std::int32_t>(d);
    }
    return static_cast<std::int32_t>(d);
  }
  std::int32_t add(std::int32_t from, const period& p) const { return add(from, p, pol); }
  std::int32_t slow_add(std::int32_t from, const period& p, const policy& pp) const {
    return days(add_period(to_date(from), p, pp, cal));
  }

  static constexpr std::int64_t base = std::int64_t{date::epoch_day_number} - std::int64_t{detail::calendar_first_day};
  static constexpr std::int64_t span = detail::calendar_days_covered;

  std::uint8_t status_of(std::int32_t due) const {
    if (due < as_of) return u8(item_status::overdue);
    if (due <= soon) return u8(item_status::due_soon);
    return u8(item_status::upcoming);
  }
  item due(std::int32_t when) const { return {when, status_of(when)}; }
};

// One case, straight from the columns: schedule() and drift() reduced to counts (schedule.cpp
// and drift.cpp are the reference; the comments name the step each block mirrors).
class case_evaluator {
 public:
  case_evaluator(const context& x, std::size_t c, std::uint32_t b, std::uint32_t e) : x_(x), ev_(x.ev), c_(c), b_(b) {
    n_ = b;
    while (n_ < e && ev_.date[n_] <= x.as_of) ++n_;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (ends(i)) {
        ended_ = true;
        break;
      }
    }
  }

  void run(bulk_result& r) {
    const bool cp = x_.cases.kind[c_] == case_kind::cp;
    review_kind_ = cp ? item_kind::rcpc : item_kind::lac_review;
    if (cp) {
      this->cp();
    } else {
      lac();
    }
    r.review_kind[c_] = u8(review_kind_);
    r.review_due[c_] = review_.due;
    r.review_status[c_] = review_.status;
    r.midway_due[c_] = midway_.due;
    r.midway_status[c_] = midway_.status;
    r.visit_due[c_] = visit_.due;
    r.visit_status[c_] = visit_.status;
    r.core_group_due[c_] = core_group_.due;
    r.core_group_status[c_] = core_group_.status;
    r.visit_gaps[c_] = visit_gaps_;
    r.core_group_gaps[c_] = core_group_gaps_;
    if (!ended_) drift(cp);
    r.findings[c_] = findings_;
    r.finding_rules[c_] = rules_;
  }

 private:
  std::uint8_t kind(std::uint32_t i) const { return ev_.kind[i]; }
  std::int32_t day(std::uint32_t i) const { return ev_.date[i]; }
  bool flag(std::uint32_t i, event_flag f) const { return has(ev_.flags[i], f); }
  bool ends(std::uint32_t i) const {
    if (flag(i, event_flag::correction)) return false;
    switch (kind(i)) {
      case k_plan_ended: case k_ceased: return true;
      case k_rcpc: return !flag(i, event_flag::plan_continues);
      case k_icpc: return !flag(i, event_flag::plan_started);
      default: return false;
    }
  }
  bool conference(std::uint32_t i) const { return kind(i) == k_icpc || kind(i) == k_rcpc || kind(i) == k_transfer_in; }
  bool seen_visit(std::uint32_t i) const { return kind(i) == k_visit && flag(i, event_flag::seen); }

  void raise(rule_bit bit, std::int32_t n = 1) {
    if (n <= 0) return;
    findings_ += n;
    rules_ = static_cast<std::uint16_t>(rules_ | (1u << bit));
  }

  // engine::midway
  item midway(std::uint32_t r, std::int32_t set, std::int32_t next_due, midway_rule rule, const period& span) const {
    std::int32_t when = 0;
    if (set != no_date) {
      if (set >= next_due) {
        throw rule_violation_error("the midway date " + context::to_date(set).to_iso() + " set at the review of " +
                                       context::to_date(day(r)).to_iso() + " does not fall before the next review, due " +
                                       context::to_date(next_due).to_iso(),
                                   "events.other_date[" + std::to_string(r) + "]", x_.cases.case_id[c_]);
      }
      when = set;
    } else if (rule == midway_rule::fixed_span) {
      when = x_.add(day(r), span);
    } else {
      when = x_.add(day(r) + (next_due - day(r)) / 2, period{0, period_unit::calendar_day});
    }
    item out = x_.due(when);
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) != k_midway) continue;
      const bool not_required = flag(i, event_flag::not_required);
      if (day(i) < day(r) || (day(i) == day(r) && !not_required)) continue;
      out.status = u8(not_required ? item_status::not_required : item_status::done);
    }
    return out;
  }

  // engine::cp
  void cp() {
    std::int64_t strategy = -1, first = -1, last = -1;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) == k_strategy && flag(i, event_flag::s47_started)) strategy = i;
      if (conference(i)) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) {
      review_kind_ = item_kind::icpc;
      if (strategy >= 0) review_ = x_.due(x_.add(day(static_cast<std::uint32_t>(strategy)), x_.pol.icpc_after_strategy));
      return;
    }
    const auto start = static_cast<std::uint32_t>(first);
    const auto final_conference = static_cast<std::uint32_t>(last);
    const std::int32_t start_day = day(start);
    std::int32_t visit_anchor = start_day, group_anchor = start_day;
    bool any_group = false;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (day(i) < start_day) continue;
      if (seen_visit(i)) {
        if (day(i) > x_.add(visit_anchor, x_.pol.cp_visit_interval)) ++visit_gaps_;
        visit_anchor = day(i);
      } else if (kind(i) == k_core_group) {
        if (day(i) > x_.add(group_anchor, any_group ? x_.pol.core_group_interval : x_.pol.first_core_group_after_icpc)) {
          ++core_group_gaps_;
        }
        group_anchor = day(i);
        any_group = true;
      }
    }
    if (ended_) return;

    period review_period = x_.pol.first_rcpc_after_icpc;
    const std::int32_t last_day = day(final_conference);
    if (kind(final_conference) == k_rcpc) {
      review_period = x_.pol.rcpc_interval;
    } else if (kind(final_conference) == k_icpc && flag(final_conference, event_flag::pre_birth) &&
               x_.pol.pre_birth_first_rcpc.count > 0 &&
               x_.add(last_day, x_.pol.pre_birth_first_rcpc) < x_.add(last_day, x_.pol.first_rcpc_after_icpc)) {
      review_period = x_.pol.pre_birth_first_rcpc;
    }
    const std::int32_t review_due = x_.add(last_day, review_period);
    review_ = x_.due(review_due);
    visit_ = x_.due(x_.add(visit_anchor, x_.pol.cp_visit_interval));
    core_group_ = x_.due(x_.add(group_anchor, any_group ? x_.pol.core_group_interval : x_.pol.first_core_group_after_icpc));
    if (kind(final_conference) == k_rcpc || x_.pol.midway_in_short_intervals) {
      const std::int32_t set = kind(final_conference) == k_rcpc ? ev_.other_date[final_conference] : no_date;
      midway_ = midway(final_conference, set, review_due, x_.pol.cp_midway_rule, x_.pol.cp_midway_after_review);
    }
  }

  // engine::lac
  void lac() {
    std::int64_t start = -1;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) == k_started) start = i;
    }
    const std::int32_t from = start >= 0 ? day(static_cast<std::uint32_t>(start)) : std::numeric_limits<std::int32_t>::min();
    std::int64_t first_review = -1, last_review = -1, placement = -1;
    std::size_t reviews = 0;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) == k_lac_review && day(i) >= from) {
        if (first_review < 0) first_review = i;
        last_review = i;
        ++reviews;
      }
      if (kind(i) == k_placement && day(i) >= from) placement = i;
    }
    if (start < 0 && reviews == 0) return;
    auto period_before = [&](std::size_t k) {
      if (start < 0) return x_.pol.lac_review_interval;
      if (k == 0) return x_.pol.first_lac_review;
      if (k == 1) return x_.pol.second_lac_review;
      return x_.pol.lac_review_interval;
    };
    const auto place = static_cast<std::uint32_t>(placement >= 0 ? placement : start >= 0 ? start : first_review);
    const std::int32_t place_day = day(place);
    const bool weekly_until_review =
        placement >= 0 && (flag(place, event_flag::placed_with_parent) || flag(place, event_flag::temporary_approval));
    const bool long_term = placement >= 0 && flag(place, event_flag::long_term);
    // The first review on or after the placement: "weekly until the first review" (reg 28(3)).
    std::int32_t review_after_place = std::numeric_limits<std::int32_t>::max();
    if (weekly_until_review) {
      for (std::uint32_t i = b_; i < n_; ++i) {
        if (kind(i) == k_lac_review && day(i) >= from && day(i) >= place_day) {
          review_after_place = day(i);
          break;
        }
      }
    }
    const std::int32_t first_year_end = x_.add(place_day, period{12, period_unit::month}, x_.months_only);
    auto visit_period = [&](std::int32_t anchor, bool at_place) -> const period& {
      if (at_place) return x_.pol.lac_visit_after_placement;
      if (weekly_until_review && review_after_place > x_.add(anchor, x_.pol.lac_visit_parent_or_temporary)) {
        return x_.pol.lac_visit_parent_or_temporary;
      }
      if (anchor < first_year_end) return x_.pol.lac_visit_first_year;
      return long_term ? x_.pol.lac_visit_long_term : x_.pol.lac_visit_other;
    };
    std::int32_t anchor = place_day;
    bool at_place = true;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (!seen_visit(i) || day(i) < place_day) continue;
      if (day(i) > x_.add(anchor, visit_period(anchor, at_place))) ++visit_gaps_;
      anchor = day(i);
      at_place = false;
    }
    if (ended_) return;
    const std::int32_t last_day = day(static_cast<std::uint32_t>(reviews > 0 ? last_review : start));
    const std::int32_t review_due = x_.add(last_day, period_before(reviews));
    review_ = x_.due(review_due);
    visit_ = x_.due(x_.add(anchor, visit_period(anchor, at_place)));
    const bool six_monthly = reviews >= 2 || (start < 0 && reviews > 0);
    if (reviews > 0 && (six_monthly || x_.pol.midway_in_short_intervals)) {
      const auto r = static_cast<std::uint32_t>(last_review);
      midway_ = midway(r, ev_.other_date[r], review_due, x_.pol.lac_midway_rule, x_.pol.lac_midway_after_review);
    }
  }

  // detector::run, without recommendations and meeting reschedules (not in the columns).
  void drift(bool cp) {
    if (review_.status == u8(item_status::overdue)) raise(r_overdue_review);
    if (midway_.status == u8(item_status::overdue)) raise(r_overdue_midway);
    if (visit_.status == u8(item_status::overdue)) raise(r_overdue_visit);
    if (core_group_.status == u8(item_status::overdue)) raise(r_overdue_core_group);
    raise(r_visit_gap, visit_gaps_);
    raise(r_core_group_gap, core_group_gaps_);
    const std::int32_t as_of = x_.as_of;
    if (cp) {
      // plan_updates
      std::int64_t meeting = -1;
      for (std::uint32_t i = b_; i < n_; ++i) {
        if (conference(i) || kind(i) == k_core_group) meeting = i;
      }
      if (meeting >= 0) {
        const std::int32_t m = day(static_cast<std::uint32_t>(meeting));
        bool updated = false;
        for (std::uint32_t i = b_; i < n_ && !updated; ++i) updated = kind(i) == k_plan_updated && day(i) >= m;
        if (!updated && as_of > x_.add(m, x_.pol.plan_update_after_meeting)) raise(r_no_plan_update);
      }
    }
    // oversight
    std::int64_t anchor = -1;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) == k_oversight) anchor = i;
    }
    if (anchor < 0) {
      const bool partial = x_.cases.partial_history[c_] != 0;
      for (std::uint32_t i = b_; i < n_; ++i) {
        const auto k = kind(i);
        if (k == k_icpc || k == k_transfer_in || k == k_started || (partial && (k == k_rcpc || k == k_lac_review))) {
          anchor = i;
          break;
        }
      }
    }
    if (anchor >= 0 && as_of > x_.add(day(static_cast<std::uint32_t>(anchor)), x_.pol.management_oversight_interval)) {
      raise(r_no_oversight);
    }
    if (!cp) return;
    // risks
    for (std::uint32_t i = b_; i < n_; ++i) {
      if (kind(i) != k_missing && kind(i) != k_cse) continue;
      const std::int32_t limit = x_.add(day(i), x_.pol.risk_response_within);
      bool answered = false;
      for (std::uint32_t j = b_; j < n_ && !answered; ++j) {
        answered = (kind(j) == k_strategy || kind(j) == k_s47) && day(j) >= day(i) && day(j) <= limit;
      }
      if (!answered && as_of > limit) raise(r_risk);
    }
    // plan_length
    std::int64_t plan_start = -1;
    for (std::uint32_t i = b_; i < n_; ++i) {
      if ((kind(i) == k_icpc && flag(i, event_flag::plan_started)) || kind(i) == k_transfer_in) plan_start = i;
    }
    if (plan_start >= 0) {
      const std::int32_t s = day(static_cast<std::uint32_t>(plan_start));
      if (as_of >= x_.add(s, x_.pol.plan_open_warning, x_.exact)) raise(r_open_18);
      if (as_of >= x_.add(s, x_.pol.plan_open_alert, x_.exact)) raise(r_open_24);
    }
  }

  const context& x_;
  const event_columns& ev_;
  std::size_t c_;
  std::uint32_t b_;
  std::uint32_t n_;
  bool ended_ = false;
  item_kind review_kind_ = item_kind::rcpc;
  item review_, midway_, visit_, core_group_;
  std::int32_t visit_gaps_ = 0, core_group_gaps_ = 0, findings_ = 0;
  std::uint16_t rules_ = 0;
};

void resize(bulk_result& r, std::size_t n) {
  r.review_kind.resize(n);
  r.review_due.resize(n);
  r.review_status.resize(n);
  r.midway_due.resize(n);
  r.midway_status.resize(n);
  r.visit_due.resize(n);
  r.visit_status.resize(n);
  r.core_group_due.resize(n);
  r.core_group_status.resize(n);
  r.visit_gaps.resize(n);
  r.core_group_gaps.resize(n);
  r.findings.resize(n);
  r.finding_rules.resize(n);
}

constexpr std::size_t chunk_cases = 256;

}  // namespace

bulk_result evaluate(const event_columns& events, const case_columns& cases, date as_of, const policy& pol,
                     const calendar& cal, const evaluate_options& options) {
  validate(cases, events);
  detail::calendar_index(as_of, "as_of");
  const std::size_t n = cases.size();
  const std::vector<std::uint32_t> offsets = case_offsets(n, events.case_index);
  policy exact = pol;
  exact.due_on_non_working_day = non_working_due::stands;
  policy months_only = exact;
  months_only.month_counting = month_basis::calendar_months;
  const context x{.ev = events,
                  .cases = cases,
                  .pol = pol,
                  .exact = exact,
                  .months_only = months_only,
                  .cal = cal,
                  .as_of = context::days(as_of),
                  .soon = context::days(add_period(as_of, pol.due_soon_window, pol, cal))};
  bulk_result r;
  resize(r, n);
  r.events = events.size();

  const std::size_t chunks = (n + chunk_cases - 1) / chunk_cases;
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(detail::thread_count(options.threads), std::max<std::size_t>(chunks, 1)));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  std::size_t error_chunk = chunks + 1;
  auto fail = [&](std::size_t chunk, std::exception_ptr e) {
    const std::lock_guard lock(error_mutex);
    if (chunk < error_chunk) {  // the earliest failing chunk wins, whatever the thread count
      error_chunk = chunk;
      error = std::move(e);
    }
    stop = true;
  };
  auto work_one = [&](std::size_t chunk) {
    const std::size_t lo = chunk * chunk_cases, hi = std::min(n, lo + chunk_cases);
    try {
      for (std::size_t c = lo; c < hi; ++c) case_evaluator(x, c, offsets[c], offsets[c + 1]).run(r);
    } catch (...) {
      fail(chunk, std::current_exception());
    }
    done += hi - lo;
  };
  auto worker = [&] {
    for (std::size_t chunk; !stop && (chunk = next++) < chunks;) work_one(chunk);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  std::size_t reported = 0;
  const std::size_t step = std::max<std::size_t>(n / 100, 1);
  try {
    for (std::size_t chunk; !stop && (chunk = next++) < chunks;) {
      work_one(chunk);
      if (options.progress && done - reported >= step && done < n) {
        reported = done;
        options.progress(reported, n);
      }
    }
  } catch (...) {  // from the progress callback: cancel
    fail(0, std::current_exception());
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (options.progress) options.progress(n, n);
  return r;
}

std::string progress_line(std::size_t done, std::size_t total) {
  auto grouped = [](std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  };
  const std::size_t width = 20;
  const std::size_t filled = total == 0 ? width : std::min(width, done * width / total);
  const std::size_t percent = total == 0 ? 100 : std::min<std::size_t>(100, done * 100 / total);
  std::string pct = std::to_string(percent) + "%";
  return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] " + std::string(4 - pct.size(), ' ') + pct + "  " +
         grouped(done) + " of " + grouped(total) + " cases";
}

bulk_result evaluate(const caseload& cl, date as_of, const policy& pol, const calendar& cal, const evaluate_options& options) {
  const caseload_columns c = to_columns(cl);
  return evaluate(c.events, c.cases, as_of, pol, cal, options);
}

}  // namespace midway
