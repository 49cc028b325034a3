#include <midway/synthetic.hpp>

#include <midway/calendar.hpp>
#include <midway/policy.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace midway {

namespace {

// midway's own distributions over std::mt19937_64 (whose output the standard fixes), so a
// seed gives the same caseload with every standard library.
class random_source {
 public:
  explicit random_source(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  bool chance(double p) { return uniform() < p; }
  // [lo, hi], inclusive; lo <= hi.
  std::int32_t between(std::int32_t lo, std::int32_t hi) {
    const auto span = static_cast<std::uint64_t>(std::int64_t{hi} - std::int64_t{lo} + 1);
    return static_cast<std::int32_t>(std::int64_t{lo} + static_cast<std::int64_t>(engine_() % span));
  }

 private:
  std::mt19937_64 engine_;
};

struct raw_event {
  std::int32_t date;
  std::uint8_t kind;
  std::uint16_t flags;
  std::int32_t other = no_date;
  std::uint32_t order;  // emission order, to keep same-day events as emitted
};

template <class T, std::size_t I = 0>
constexpr std::uint8_t code_of() {
  if constexpr (std::is_same_v<T, std::variant_alternative_t<I, event_data>>) {
    return static_cast<std::uint8_t>(I);
  } else {
    return code_of<T, I + 1>();
  }
}

constexpr std::uint16_t flag(event_flag f) { return static_cast<std::uint16_t>(f); }

class generator {
 public:
  generator(const synthetic_options& o, const calendar& cal, const policy& pol)
      : o_(o), cal_(cal), pol_(pol), as_of_(days(o.as_of)), rng_(o.seed) {}

  void add_case(std::size_t index, caseload_columns& out) {
    events_.clear();
    const bool lac = rng_.chance(o_.lac_share);
    const double years = o_.min_history_years + (o_.max_history_years - o_.min_history_years) * rng_.uniform();
    const std::int32_t start = as_of_ - static_cast<std::int32_t>(std::lround(years * 365.25));
    char id[32];
    std::snprintf(id, sizeof id, "SYN-%s-%06zu", lac ? "LAC" : "CP", index + 1);
    out.cases.case_id.emplace_back(id);
    std::snprintf(id, sizeof id, "SYN-C-%06zu", index + 1);
    out.cases.child_id.emplace_back(id);
    out.cases.kind.push_back(lac ? case_kind::lac : case_kind::cp);
    out.cases.partial_history.push_back(0);
    out.cases.short_breaks.push_back(0);
    if (lac) {
      lac_case(start);
    } else {
      cp_case(start);
    }
    std::stable_sort(events_.begin(), events_.end(), [](const raw_event& a, const raw_event& b) {
      return a.date != b.date ? a.date < b.date : a.order < b.order;
    });
    for (const raw_event& e : events_) {
      out.events.case_index.push_back(static_cast<std::int32_t>(index));
      out.events.kind.push_back(e.kind);
      out.events.date.push_back(e.date);
      out.events.flags.push_back(e.flags);
      out.events.other_date.push_back(e.other);
    }
  }

 private:
  static std::int32_t days(date d) { return static_cast<std::int32_t>(d.days_since_epoch()); }
  static date to_date(std::int32_t d) { return date(date::unchecked_t{}, static_cast<std::uint32_t>(d + std::int32_t{date::epoch_day_number})); }

  std::int32_t add(std::int32_t from, const period& p) const { return days(add_period(to_date(from), p, pol_, cal_)); }
  std::int32_t add_wd(std::int32_t from, std::int32_t n) const {
    return days(cal_.add_working_days(to_date(from), working_days(n)));
  }
  std::int32_t on_or_after_working(std::int32_t d) const {
    return cal_.is_working_day(to_date(d)) ? d : days(cal_.next_working_day(to_date(d)));
  }
  std::int32_t on_or_before_working(std::int32_t d) const {
    return cal_.is_working_day(to_date(d)) ? d : days(cal_.previous_working_day(to_date(d)));
  }

  template <class T>
  void emit(std::int32_t d, std::uint16_t flags = 0, std::int32_t other = no_date) {
    events_.push_back(raw_event{.date = d, .kind = code_of<T>(), .flags = flags, .other = other,
                                .order = static_cast<std::uint32_t>(events_.size())});
  }

  // A meeting due on `due`: usually on a working day up to 10 days before, sometimes late.
  std::int32_t meeting_for(std::int32_t due, std::int32_t after) {
    std::int32_t d = rng_.chance(o_.late_review_rate) ? on_or_after_working(due + rng_.between(1, 30))
                                                       : on_or_before_working(due - rng_.between(0, 10));
    return std::max(d, on_or_after_working(after + 1));
  }

  // Routine recording between `from` and `to` (inclusive): oversight, direct work, views.
  void routine(std::int32_t from, std::int32_t to) {
    for (std::int32_t d = from + rng_.between(20, 90); d <= to; d += rng_.between(90, 200)) {
      emit<management_oversight>(on_or_before_working(d));
    }
    for (std::int32_t d = from + rng_.between(30, 200); d <= to; d += rng_.between(120, 300)) {
      if (rng_.chance(0.5)) {
        emit<direct_work>(d);
      } else {
        emit<child_views_recorded>(d);
      }
    }
  }

  // Statutory visits from `anchor` up to `to`; `period_from(prev)` is the policy's interval.
  template <class PeriodFrom>
  void visits(std::int32_t anchor, std::int32_t to, PeriodFrom period_from) {
    const bool stops = rng_.chance(o_.missed_recent_rate);
    const std::int32_t last = stops ? to - rng_.between(30, 90) : to;
    std::int32_t prev = anchor;
    for (;;) {
      const std::int32_t due = add(prev, period_from(prev, prev == anchor));
      const std::int32_t span = std::max(1, due - prev);
      const std::int32_t d = rng_.chance(o_.late_visit_rate) ? due + rng_.between(1, 20) : prev + rng_.between(std::max(1, span * 2 / 3), span);
      if (d > last) break;
      if (rng_.chance(o_.unseen_visit_rate)) {
        emit<visit>(d, 0);  // not seen: does not count, so the next one follows soon
        continue;
      }
      emit<visit>(d, static_cast<std::uint16_t>(flag(event_flag::seen) | (rng_.chance(0.4) ? flag(event_flag::seen_alone) : 0)));
      prev = d;
    }
  }

  void cp_case(std::int32_t history_start) {
    const bool ends = rng_.chance(o_.ended_rate);
    const std::int32_t span = as_of_ - history_start;
    // An open plan started up to about 12 months ago; an ended one ran 4..12 months within the history.
    const std::int32_t plan_days = std::min(span - 30, rng_.between(60, 360));
    const std::int32_t strategy = on_or_after_working(ends ? history_start : as_of_ - plan_days - 20);
    if (strategy - history_start > 60) emit<strategy_discussion>(on_or_after_working(history_start), 0);  // earlier contact
    emit<strategy_discussion>(strategy, flag(event_flag::s47_started));
    std::int32_t icpc = add_wd(strategy, rng_.chance(o_.late_review_rate) ? rng_.between(16, 25) : rng_.between(6, 15));
    if (icpc > as_of_) return;  // an ICPC to come
    const bool pre_birth = rng_.chance(0.04);
    emit<initial_conference>(icpc, static_cast<std::uint16_t>(flag(event_flag::plan_started) | (pre_birth ? flag(event_flag::pre_birth) : 0)));
    emit<parents_views_recorded>(icpc);
    const std::int32_t end = ends ? std::min(as_of_, icpc + rng_.between(120, 360)) : as_of_;
    const std::int32_t limit = ends ? end - 1 : as_of_;

    // Review conferences and the midway reviews between them; plan updates after each.
    std::int32_t prev = icpc;
    bool first = true;
    std::vector<std::int32_t> meetings{icpc};
    for (;;) {
      const std::int32_t due = add(prev, first ? pol_.first_rcpc_after_icpc : pol_.rcpc_interval);
      const std::int32_t r = meeting_for(due, prev);
      if (r > limit) break;
      const bool sets = rng_.chance(0.3);
      const std::int32_t midway = r + 84;
      emit<review_conference>(r, flag(event_flag::plan_continues), sets ? midway + rng_.between(0, 7) : no_date);
      emit<child_views_recorded>(r);
      meetings.push_back(r);
      if (rng_.chance(0.05)) {
        emit<midway_review>(r, flag(event_flag::not_required));
      } else if (rng_.chance(0.8)) {
        const std::int32_t m = on_or_after_working(midway + rng_.between(-10, 12));
        if (m <= limit) emit<midway_review>(m, 0);
      }
      prev = r;
      first = false;
    }
    // Core groups.
    std::int32_t g = add_wd(icpc, rng_.chance(o_.late_core_group_rate) ? rng_.between(11, 16) : rng_.between(4, 10));
    while (g <= limit) {
      emit<core_group>(g);
      meetings.push_back(g);
      g = rng_.chance(o_.late_core_group_rate) ? on_or_after_working(g + rng_.between(43, 70)) : on_or_before_working(g + rng_.between(28, 40));
    }
    for (std::int32_t m : meetings) {
      if (rng_.chance(0.45)) {
        const std::int32_t u = add_wd(m, rng_.between(1, 9));
        if (u <= limit) emit<plan_updated>(u);
      }
    }
    visits(icpc, limit, [&](std::int32_t, bool) { return pol_.cp_visit_interval; });
    routine(icpc, limit);
    if (rng_.chance(0.12)) {
      const std::int32_t m = icpc + rng_.between(10, std::max(11, limit - icpc));
      if (m <= limit - 5) {
        emit<missing_episode>(m, 0, rng_.chance(0.8) ? m + rng_.between(0, 3) : no_date);
        const std::int32_t response = add_wd(m, rng_.between(0, 2));
        if (rng_.chance(0.85) && response <= limit) emit<strategy_discussion>(response, 0);
      }
    }
    if (ends) {
      if (rng_.chance(0.7) && end > prev) {
        emit<review_conference>(on_or_after_working(end) > as_of_ ? end : on_or_after_working(end), 0);
      } else {
        emit<plan_ended>(end);
      }
    }
  }

  void lac_case(std::int32_t start) {
    const bool ends = rng_.chance(o_.ended_rate) && as_of_ - start > 200;
    const std::int32_t end = ends ? start + rng_.between(180, as_of_ - start) : as_of_;
    const std::int32_t limit = ends ? end - 1 : as_of_;
    emit<started_looked_after>(start);
    // Placements: the first on the day care starts, then a move now and again.
    std::vector<std::pair<std::int32_t, std::uint16_t>> placements;
    for (std::int32_t p = start; p <= limit; p += rng_.between(300, 1200)) {
      std::uint16_t f = rng_.chance(0.65) ? flag(event_flag::long_term) : 0;
      if (p == start && rng_.chance(0.04)) f = flag(event_flag::placed_with_parent);
      placements.emplace_back(p, f);
      emit<placement_start>(p, f);
    }
    // Reviews at 20 working days, 3 months, then 6-monthly; midway reviews between the 6-monthly ones.
    std::vector<std::int32_t> reviews;
    std::int32_t prev = start;
    for (int n = 0;; ++n) {
      const std::int32_t due = add(prev, n == 0 ? pol_.first_lac_review : n == 1 ? pol_.second_lac_review : pol_.lac_review_interval);
      const std::int32_t r = meeting_for(due, prev);
      if (r > limit) break;
      const bool six_monthly = n >= 1;
      const bool sets = six_monthly && rng_.chance(0.3);
      emit<lac_review>(r, 0, sets ? r + rng_.between(80, 95) : no_date);
      if (rng_.chance(0.35)) emit<child_views_recorded>(r);
      reviews.push_back(r);
      if (six_monthly) {
        if (rng_.chance(0.05)) {
          emit<midway_review>(r, flag(event_flag::not_required));
        } else if (rng_.chance(0.75)) {
          const std::int32_t m = on_or_after_working(r + rng_.between(80, 100));
          if (m <= limit) emit<midway_review>(m, 0);
        }
      }
      if (rng_.chance(0.4)) {
        const std::int32_t u = add_wd(r, rng_.between(1, 15));
        if (u <= limit) emit<plan_updated>(u);
      }
      prev = r;
    }
    for (std::size_t k = 0; k < placements.size(); ++k) {
      const std::int32_t place = placements[k].first;  // not a structured binding: clang 14 cannot capture one
      const auto f = placements[k].second;
      const std::int32_t until = k + 1 < placements.size() ? placements[k + 1].first - 1 : limit;
      const std::int32_t first_review = reviews.empty() ? as_of_ + 1 : reviews.front();
      visits(place, until, [&](std::int32_t from, bool at_placement) {
        if (at_placement) return pol_.lac_visit_after_placement;
        if ((f & flag(event_flag::placed_with_parent)) != 0 && first_review > from + 7) return pol_.lac_visit_parent_or_temporary;
        if (to_date(from) < to_date(place) + months(12)) return pol_.lac_visit_first_year;
        return (f & flag(event_flag::long_term)) != 0 ? pol_.lac_visit_long_term : pol_.lac_visit_other;
      });
    }
    routine(start, limit);
    if (rng_.chance(0.1)) {
      const std::int32_t m = start + rng_.between(10, std::max(11, limit - start));
      if (m <= limit) emit<missing_episode>(m, 0, m + rng_.between(0, 2));
    }
    if (ends) emit<ceased_looked_after>(end);
  }

  const synthetic_options& o_;
  const calendar& cal_;
  const policy& pol_;
  std::int32_t as_of_;
  random_source rng_;
  std::vector<raw_event> events_;
};

void check_options(const synthetic_options& o) {
  auto rate = [](double x, const char* name) {
    if (!(x >= 0.0 && x <= 1.0)) throw invalid_argument_error(std::string(name) + " must be between 0 and 1", name);
  };
  rate(o.lac_share, "lac_share");
  rate(o.late_visit_rate, "late_visit_rate");
  rate(o.late_core_group_rate, "late_core_group_rate");
  rate(o.late_review_rate, "late_review_rate");
  rate(o.unseen_visit_rate, "unseen_visit_rate");
  rate(o.ended_rate, "ended_rate");
  rate(o.missed_recent_rate, "missed_recent_rate");
  if (!(o.min_history_years >= 0.1 && o.min_history_years <= 10.0)) {
    throw invalid_argument_error("min_history_years must be 0.1..10", "min_history_years");
  }
  if (!(o.max_history_years >= o.min_history_years && o.max_history_years <= 10.0)) {
    throw invalid_argument_error("max_history_years must be min_history_years..10", "max_history_years");
  }
  if (o.as_of < date(1990, 1, 1) || o.as_of > date(2190, 12, 31)) {
    throw out_of_range_error("as_of must be 1990-01-01..2190-12-31", "as_of");
  }
}

}  // namespace

caseload_columns synthetic_columns(const synthetic_options& options) {
  check_options(options);
  const calendar cal;
  const policy pol = policy::england();
  generator gen(options, cal, pol);
  caseload_columns out;
  out.cases.case_id.reserve(options.n_cases);
  out.cases.child_id.reserve(options.n_cases);
  out.cases.kind.reserve(options.n_cases);
  out.cases.partial_history.reserve(options.n_cases);
  out.cases.short_breaks.reserve(options.n_cases);
  out.events.reserve(options.n_cases * 40);
  for (std::size_t i = 0; i < options.n_cases; ++i) gen.add_case(i, out);
  return out;
}

caseload synthetic_caseload(const synthetic_options& options) {
  const caseload_columns c = synthetic_columns(options);
  return from_columns(c.cases, c.events);
}

}  // namespace midway
