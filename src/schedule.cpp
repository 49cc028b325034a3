#include <midway/schedule.hpp>

#include <midway/detail/enum_table.hpp>

#include <algorithm>
#include <array>

namespace midway {

namespace {

constexpr std::array item_kind_names{
    detail::enum_name<item_kind>{item_kind::icpc, "icpc"},
    detail::enum_name<item_kind>{item_kind::transfer_in_conference, "transfer_in_conference"},
    detail::enum_name<item_kind>{item_kind::rcpc, "rcpc"},
    detail::enum_name<item_kind>{item_kind::lac_review, "lac_review"},
    detail::enum_name<item_kind>{item_kind::midway_review, "midway_review"},
    detail::enum_name<item_kind>{item_kind::visit, "visit"},
    detail::enum_name<item_kind>{item_kind::core_group, "core_group"},
};
constexpr std::array item_status_names{
    detail::enum_name<item_status>{item_status::upcoming, "upcoming"},
    detail::enum_name<item_status>{item_status::due_soon, "due_soon"},
    detail::enum_name<item_status>{item_status::overdue, "overdue"},
    detail::enum_name<item_status>{item_status::done, "done"},
    detail::enum_name<item_status>{item_status::not_required, "not_required"},
    detail::enum_name<item_status>{item_status::not_applicable, "not_applicable"},
};

// Plain-English names for explanations.
std::string title(item_kind k) {
  switch (k) {
    case item_kind::icpc: return "ICPC";
    case item_kind::transfer_in_conference: return "Transfer-in conference";
    case item_kind::rcpc: return "RCPC";
    case item_kind::lac_review: return "LAC review";
    case item_kind::midway_review: return "Midway review";
    case item_kind::visit: return "Visit";
    case item_kind::core_group: return "Core group";
  }
  return "?";
}

std::string event_title(const event& e) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, initial_conference>) return "ICPC";
        else if constexpr (std::is_same_v<T, review_conference>) return "RCPC";
        else if constexpr (std::is_same_v<T, transfer_in_conference>) return "transfer-in conference";
        else if constexpr (std::is_same_v<T, lac_review>) return "LAC review";
        else if constexpr (std::is_same_v<T, strategy_discussion>) return "strategy discussion";
        else if constexpr (std::is_same_v<T, started_looked_after>) return "start of care";
        else if constexpr (std::is_same_v<T, placement_start>) return "placement start";
        else if constexpr (std::is_same_v<T, visit>) return "visit";
        else if constexpr (std::is_same_v<T, core_group>) return "core group";
        else return std::string(T::kind);
      },
      e.data);
}

// "the RCPC of 2026-04-20"
std::string of(const event& e) { return "the " + event_title(e) + " of " + e.date().to_iso(); }

template <class T>
bool is(const event& e) {
  return std::holds_alternative<T>(e.data);
}

bool is_conference(const event& e) {
  return is<initial_conference>(e) || is<transfer_in_conference>(e) || is<review_conference>(e);
}

bool seen_visit(const event& e) {
  const auto* v = std::get_if<visit>(&e.data);
  return v && v->seen;
}

class engine {
 public:
  engine(const child_case& c, date as_of, const policy& pol, const calendar& cal)
      : c_(c), as_of_(as_of), pol_(pol), cal_(cal) {
    for (const event& e : c.history()) {
      if (e.date() <= as_of) events_.push_back(&e);
    }
    for (const event* e : events_) {
      if (ends_on(*e)) {
        end_ = e;
        break;
      }
    }
  }

  case_schedule run() {
    case_schedule s{.case_id = c_.id(),
                    .kind = c_.kind(),
                    .as_of = as_of_,
                    .next_review = na(item_kind::rcpc, ""),
                    .midway_review = na(item_kind::midway_review, ""),
                    .next_visit = na(item_kind::visit, ""),
                    .next_core_group = na(item_kind::core_group, "core groups are for CP plans only"),
                    .history = {}};
    if (c_.kind() == case_kind::cp) {
      cp(s);
    } else {
      lac(s);
    }
    return s;
  }

 private:
  date add(date from, const period& p) const { return add_period(from, p, pol_, cal_); }

  due_item na(item_kind k, std::string why) const {
    return {.kind = k, .due = std::nullopt, .status = item_status::not_applicable, .from = {}, .explanation = std::move(why)};
  }

  item_status status_of(date due) const {
    if (due < as_of_) return item_status::overdue;
    if (due <= add(as_of_, pol_.due_soon_window)) return item_status::due_soon;
    return item_status::upcoming;
  }

  due_item due(item_kind k, date when, const event& anchor, const std::string& how) const {
    return {.kind = k,
            .due = when,
            .status = status_of(when),
            .from = {anchor.id},
            .explanation = title(k) + " due " + when.to_iso() + ": " + how + " " + of(anchor)};
  }

  // Records the interval from `a` to `b` (or to the as-of date when b is null) against `p`.
  void check(std::vector<interval_check>& out, item_kind k, const event& a, const event* b, const period& p,
             std::string_view what) const {
    check_from(out, k, a.date(), a.id, b, p, what);
  }

  // As check(), from a date that may not be an event's (a notification date).
  void check_from(std::vector<interval_check>& out, item_kind k, date from, std::optional<event_id> from_event,
                  const event* b, const period& p, std::string_view what) const {
    const date limit = add(from, p);
    const date to = b ? b->date() : std::min(as_of_, end_ ? end_->date() : as_of_);
    if (!b && to <= limit) return;  // still open and not yet late: nothing to report
    interval_check g{.kind = k,
                     .from = from,
                     .to = to,
                     .limit = limit,
                     .length = length_in(from, to, p.unit, pol_, cal_),
                     .unit = p.unit,
                     .kept = to <= limit,
                     .open = b == nullptr,
                     .events = {},
                     .explanation = {}};
    if (from_event) g.events.push_back(*from_event);
    if (b) g.events.push_back(b->id);
    std::string length = to_string(period{g.length, p.unit});
    if (p.unit == period_unit::week || p.unit == period_unit::month) {
      length = to_string(period{(to - from).count(), period_unit::calendar_day});
    }
    g.explanation = std::string(what) + " " + from.to_iso() + " to " + (b ? to.to_iso() : to.to_iso() + " (open)") +
                    ": " + length + (g.kept ? ", within " : ", over the ") + to_string(p) + (g.kept ? "" : " allowed") +
                    " (limit " + limit.to_iso() + ")";
    out.push_back(std::move(g));
  }

  std::vector<const event*> all(bool (*pred)(const event&), date from = date(1400, 1, 1)) const {
    std::vector<const event*> out;
    for (const event* e : events_) {
      if (pred(*e) && e->date() >= from) out.push_back(e);
    }
    return out;
  }

  // The midway review of the interval that began at review `r`, due before `next_due`.
  due_item midway(const event& r, std::optional<date> set_at_review, date next_due, midway_rule rule,
                  const period& span) const {
    date when = r.date();
    std::string how;
    // A meeting arranged at the review (meeting.hpp) and since rescheduled is due on its new date.
    const midway_review_record* meeting = midway_review_arranged_at(c_, r.id);
    if (meeting && !set_at_review) set_at_review = meeting->arranged_for;
    const bool moved = meeting && !meeting->reschedules.empty();
    if (moved) set_at_review = meeting->scheduled_for();
    if (set_at_review) {
      if (*set_at_review >= next_due) {
        throw rule_violation_error("the midway date " + set_at_review->to_iso() + " set at " + of(r) +
                                       " does not fall before the next review, due " + next_due.to_iso(),
                                   meeting ? "midway_reviews['" + meeting->id.str() + "']" + (moved ? ".reschedules" : ".arranged_for")
                                           : "events['" + r.id.str() + "'].midway_date",
                                   c_.id().str());
      }
      when = *set_at_review;
      how = moved ? "rescheduled from " + meeting->reschedules.back().from_date.to_iso() + " (" + meeting->reschedules.back().reason + ")"
                  : "set at " + of(r) + " (Chair's Report)";
    } else if (rule == midway_rule::fixed_span) {
      when = add(r.date(), span);
      how = to_string(span) + " after " + of(r);
    } else {
      // Halfway, then moved off a non-working day like any calendar-period due date.
      when = add(r.date() + calendar_days((next_due - r.date()).count() / 2), period{0, period_unit::calendar_day});
      how = "halfway between " + of(r) + " and the next review, due " + next_due.to_iso();
    }
    due_item item{.kind = item_kind::midway_review,
                  .due = when,
                  .status = status_of(when),
                  .from = {r.id},
                  .explanation = title(item_kind::midway_review) + " due " + when.to_iso() + ": " + how};
    for (const event* e : events_) {
      const auto* m = std::get_if<midway_review>(&e->data);
      // A "not required" decision is often made at the review itself; a held midway review is after it.
      if (!m || e->date() < r.date() || (e->date() == r.date() && m->outcome == midway_outcome::held)) continue;
      item.from.push_back(e->id);
      if (m->outcome == midway_outcome::held) {
        item.status = item_status::done;
        item.explanation = "Midway review held on " + e->date().to_iso() + " (due " + when.to_iso() + ")";
      } else {
        item.status = item_status::not_required;
        item.explanation = "Midway review not required: decided by the " +
                           (m->decided_by ? std::string(display_name(*m->decided_by)) : std::string("?")) + " on " + e->date().to_iso() +
                           (m->reason.empty() ? "" : " (" + m->reason + ")");
      }
    }
    return item;
  }

  void ended(case_schedule& s) const {
    const std::string why = std::string(c_.kind() == case_kind::cp ? "the CP plan ended" : "the child ceased to be looked after") +
                            " on " + end_->date().to_iso() + ": nothing is due";
    s.next_review = na(s.next_review.kind, why);
    s.midway_review = na(item_kind::midway_review, why);
    s.next_visit = na(item_kind::visit, why);
    if (c_.kind() == case_kind::cp) s.next_core_group = na(item_kind::core_group, why);
  }

  void cp(case_schedule& s) const {
    const auto conferences = all(is_conference);
    const event* strategy = nullptr;
    for (const event* e : events_) {
      if (const auto* sd = std::get_if<strategy_discussion>(&e->data); sd && sd->s47_started) strategy = e;
    }
    if (conferences.empty()) {
      const std::string why = "no CP plan yet";
      s.next_visit = na(item_kind::visit, why);
      s.next_core_group = na(item_kind::core_group, why);
      s.midway_review = na(item_kind::midway_review, why);
      s.next_review = strategy ? due(item_kind::icpc, add(strategy->date(), pol_.icpc_after_strategy), *strategy,
                                     to_string(pol_.icpc_after_strategy) + " after")
                               : na(item_kind::icpc, "no strategy discussion has started a s.47 enquiry");
      if (strategy) check(s.history, item_kind::icpc, *strategy, nullptr, pol_.icpc_after_strategy, "ICPC timeliness");
      return;
    }

    const event& start = *conferences.front();
    const event& last = *conferences.back();
    // History: ICPC timeliness (against the latest s.47 strategy discussion before the ICPC),
    // review intervals, visit gaps, core-group gaps.
    const event* icpc_strategy = nullptr;
    for (const event* e : events_) {
      if (const auto* sd = std::get_if<strategy_discussion>(&e->data); sd && sd->s47_started && e->date() <= start.date()) icpc_strategy = e;
    }
    if (icpc_strategy && is<initial_conference>(start)) {
      check(s.history, item_kind::icpc, *icpc_strategy, &start, pol_.icpc_after_strategy, "ICPC timeliness");
    }
    // The period to the next review: 6-monthly after an RCPC; after the plan's first conference,
    // first_rcpc_after_icpc, or pre_birth_first_rcpc when that is sooner for a pre-birth plan.
    auto review_period = [&](const event& from) {
      if (is<review_conference>(from)) return pol_.rcpc_interval;
      const auto* i = std::get_if<initial_conference>(&from.data);
      if (i && i->pre_birth && pol_.pre_birth_first_rcpc.count > 0 &&
          add(from.date(), pol_.pre_birth_first_rcpc) < add(from.date(), pol_.first_rcpc_after_icpc)) {
        return pol_.pre_birth_first_rcpc;
      }
      return pol_.first_rcpc_after_icpc;
    };
    auto next_review_due = [&](const event& from) { return add(from.date(), review_period(from)); };
    if (const auto* t = std::get_if<transfer_in_conference>(&start.data); t && t->notified) {
      check_from(s.history, item_kind::transfer_in_conference, *t->notified, {}, &start, pol_.transfer_in_after_notification,
                 "transfer-in conference timeliness");
    }
    for (std::size_t i = 0; i + 1 < conferences.size(); ++i) {
      check(s.history, item_kind::rcpc, *conferences[i], conferences[i + 1], review_period(*conferences[i]), "review interval");
    }
    const auto visits = all(seen_visit, start.date());
    const auto groups = all(is<core_group>, start.date());
    for (std::size_t i = 0; i <= visits.size(); ++i) {
      const event& a = i == 0 ? start : *visits[i - 1];
      check(s.history, item_kind::visit, a, i < visits.size() ? visits[i] : nullptr, pol_.cp_visit_interval, "visit gap");
    }
    for (std::size_t i = 0; i <= groups.size(); ++i) {
      const event& a = i == 0 ? start : *groups[i - 1];
      check(s.history, item_kind::core_group, a, i < groups.size() ? groups[i] : nullptr,
            i == 0 ? pol_.first_core_group_after_icpc : pol_.core_group_interval, "core group gap");
    }
    if (!end_) check(s.history, item_kind::rcpc, last, nullptr, review_period(last), "review interval");

    if (end_) {
      ended(s);
      return;
    }

    const date review_due = next_review_due(last);
    s.next_review = due(item_kind::rcpc, review_due, last, to_string(review_period(last)) + " after");
    if (review_period(last) == pol_.pre_birth_first_rcpc && !is<review_conference>(last)) s.next_review.explanation += " (pre-birth plan)";

    const event& visit_anchor = visits.empty() ? start : *visits.back();
    s.next_visit = due(item_kind::visit, add(visit_anchor.date(), pol_.cp_visit_interval), visit_anchor,
                       to_string(pol_.cp_visit_interval) + " after");
    if (groups.empty()) {
      s.next_core_group = due(item_kind::core_group, add(start.date(), pol_.first_core_group_after_icpc), start,
                              to_string(pol_.first_core_group_after_icpc) + " after");
    } else {
      s.next_core_group = due(item_kind::core_group, add(groups.back()->date(), pol_.core_group_interval), *groups.back(),
                              to_string(pol_.core_group_interval) + " after");
    }

    const auto* rc = std::get_if<review_conference>(&last.data);
    if (rc || pol_.midway_in_short_intervals) {
      s.midway_review = midway(last, rc ? rc->midway_date : std::nullopt, review_due, pol_.cp_midway_rule,
                               pol_.cp_midway_after_review);
    } else {
      s.midway_review = na(item_kind::midway_review, "no midway review between the " + event_title(start) + " that started the plan and the first RCPC");
    }
  }

  void lac(case_schedule& s) const {
    s.next_review.kind = item_kind::lac_review;
    const event* start = nullptr;
    for (const event* e : events_) {
      if (is<started_looked_after>(*e)) start = e;
    }
    const auto reviews = all(is<lac_review>, start ? start->date() : date(1400, 1, 1));
    if (!start && reviews.empty()) {
      const std::string why = "no start of care recorded";
      s.next_review = na(item_kind::lac_review, why);
      s.midway_review = na(item_kind::midway_review, why);
      s.next_visit = na(item_kind::visit, why);
      return;
    }
    // Review n (0-based) of this episode: the period before it.
    auto period_before = [&](std::size_t n) {
      if (!start) return pol_.lac_review_interval;  // a partial history starts mid-episode
      if (n == 0) return pol_.first_lac_review;
      if (n == 1) return pol_.second_lac_review;
      return pol_.lac_review_interval;
    };
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      const event* prev = i == 0 ? start : reviews[i - 1];
      if (prev) check(s.history, item_kind::lac_review, *prev, reviews[i], period_before(i), "review interval");
    }
    const event& last = reviews.empty() ? *start : *reviews.back();
    const period next_period = period_before(reviews.size());
    if (!end_) check(s.history, item_kind::lac_review, last, nullptr, next_period, "review interval");

    // Visits (reg 28) from the current placement; the start of care stands in for a placement if none is recorded.
    const event* placement = nullptr;
    for (const event* e : events_) {
      if (is<placement_start>(*e) && (!start || e->date() >= start->date())) placement = e;
    }
    const event& place = placement ? *placement : start ? *start : *reviews.front();
    const auto* ps = placement ? std::get_if<placement_start>(&placement->data) : nullptr;
    const auto visits = all(seen_visit, place.date());
    auto visit_period = [&](const event& from) {
      if (&from == &place) return pol_.lac_visit_after_placement;
      if (ps && (ps->placed_with_parent || ps->temporary_approval)) {
        // Weekly until the first review (reg 28(3)): a gap in which that review falls is
        // measured by the rule that follows it.
        const date week_on = add(from.date(), pol_.lac_visit_parent_or_temporary);
        const bool reviewed = std::any_of(reviews.begin(), reviews.end(), [&](const event* r) {
          return r->date() >= place.date() && r->date() <= week_on;
        });
        if (!reviewed) return pol_.lac_visit_parent_or_temporary;
      }
      if (from.date() < place.date() + months(12)) return pol_.lac_visit_first_year;
      return ps && ps->long_term ? pol_.lac_visit_long_term : pol_.lac_visit_other;
    };
    for (std::size_t i = 0; i <= visits.size(); ++i) {
      const event& a = i == 0 ? place : *visits[i - 1];
      check(s.history, item_kind::visit, a, i < visits.size() ? visits[i] : nullptr, visit_period(a), "visit gap");
    }

    if (end_) {
      ended(s);
      return;
    }
    const date review_due = add(last.date(), next_period);
    s.next_review = due(item_kind::lac_review, review_due, last, to_string(next_period) + " after");
    const event& visit_anchor = visits.empty() ? place : *visits.back();
    const period vp = visit_period(visit_anchor);
    s.next_visit = due(item_kind::visit, add(visit_anchor.date(), vp), visit_anchor, to_string(vp) + " after");

    const bool six_monthly = reviews.size() >= 2 || (!start && !reviews.empty());
    if (!reviews.empty() && (six_monthly || pol_.midway_in_short_intervals)) {
      const auto& r = std::get<lac_review>(reviews.back()->data);
      s.midway_review = midway(*reviews.back(), r.midway_date, review_due, pol_.lac_midway_rule, pol_.lac_midway_after_review);
    } else {
      s.midway_review = na(item_kind::midway_review, "midway reviews fall between 6-monthly reviews only");
    }
  }

  const child_case& c_;
  date as_of_;
  const policy& pol_;
  const calendar& cal_;
  std::vector<const event*> events_;
  const event* end_ = nullptr;
};

}  // namespace

std::string_view to_string(item_kind k) noexcept { return detail::name_of(item_kind_names, k); }
item_kind item_kind_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(item_kind_names, text, field, "item kind");
}
std::string_view to_string(item_status s) noexcept { return detail::name_of(item_status_names, s); }
item_status item_status_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(item_status_names, text, field, "item status");
}

case_schedule schedule(const child_case& c, date as_of, const policy& pol, const calendar& cal) {
  return engine(c, as_of, pol, cal).run();
}

}  // namespace midway
