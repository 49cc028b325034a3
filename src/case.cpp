#include <midway/case.hpp>

#include <midway/checklist.hpp>
#include <midway/holidays.hpp>
#include <midway/meeting.hpp>
#include <midway/signs_of_safety.hpp>

#include <midway/detail/enum_table.hpp>

#include "record_rules.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace midway {

namespace {

constexpr auto& case_kind_names = detail::enum_traits<case_kind>::table;

constexpr auto& recommendation_status_names = detail::enum_traits<recommendation_status>::table;

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;  // clang < 17 has no CTAD for aggregates

enum class scope { cp, lac, either };

scope scope_of(const event_data& e) noexcept {
  return std::visit(
      overloaded{
          [](const initial_conference&) { return scope::cp; },
          [](const review_conference&) { return scope::cp; },
          [](const transfer_in_conference&) { return scope::cp; },
          [](const core_group&) { return scope::cp; },
          [](const plan_ended&) { return scope::cp; },
          [](const birth&) { return scope::cp; },
          [](const transfer_in_notified&) { return scope::cp; },
          [](const started_looked_after&) { return scope::lac; },
          [](const placement_start&) { return scope::lac; },
          [](const lac_review&) { return scope::lac; },
          [](const ceased_looked_after&) { return scope::lac; },
          [](const auto&) { return scope::either; },
      },
      e);
}

// A child in care or on a plan is under 18, a care leaver under 25: an event later than this
// after the date of birth means the date of birth (or the event) is wrong.
constexpr int max_age_at_event_years = 25;

// True if `later` is more than `n` whole years after `earlier` (no date arithmetic, so no error
// can quote either date).
bool more_than_years_after(date later, date earlier, int n) {
  const int dy = later.year() - earlier.year();
  if (dy != n) return dy > n;
  return std::pair(later.month(), later.day()) > std::pair(earlier.month(), earlier.day());
}

bool has_pre_birth_conference(const std::vector<event>& history) {
  return std::any_of(history.begin(), history.end(), [](const event& x) {
    const auto* ic = std::get_if<initial_conference>(&x.data);
    return ic && ic->pre_birth;
  });
}

// `e` against the date of birth `dob` of case `case_id`; `pre_birth`: the case has a pre-birth
// initial conference (callers look only when e is before the date of birth).
void check_event_against_birth(const std::string& case_id, date dob, const event& e, bool pre_birth) {
  if (e.date() < dob && !pre_birth) {
    throw rule_violation_error("the event is dated before the child's date of birth (and the case has no pre-birth conference)",
                               "events['" + e.id.str() + "'].date", case_id);
  }
  if (more_than_years_after(e.date(), dob, max_age_at_event_years)) {
    throw rule_violation_error("the date of birth is more than " + std::to_string(max_age_at_event_years) + " years before this event",
                               "personal.date_of_birth", case_id);
  }
}

}  // namespace

std::string_view to_string(case_kind k) noexcept { return detail::name_of(case_kind_names, k); }
case_kind case_kind_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<case_kind>(text, field);
}

std::string_view to_string(recommendation_status s) noexcept { return detail::name_of(recommendation_status_names, s); }
recommendation_status recommendation_status_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<recommendation_status>(text, field);
}

std::optional<date> ends_on(const event& e) {
  const event_row r = row_of(e);
  return detail::row_ends(r.kind, r.flags) ? std::optional(e.date()) : std::nullopt;
}

bool belongs_to(const event_data& e, case_kind k) noexcept {
  const scope s = scope_of(e);
  return s == scope::either || (s == scope::cp) == (k == case_kind::cp);
}

child_case::child_case(midway::case_id id, midway::child_id child, case_kind kind, std::optional<midway::date> opened,
                       bool partial_history)
    : id_(std::move(id)), child_(std::move(child)), kind_(kind), opened_(opened), partial_history_(partial_history) {}

child_case::child_case(const child_case&) = default;
child_case::child_case(child_case&&) noexcept = default;
child_case& child_case::operator=(const child_case&) = default;
child_case& child_case::operator=(child_case&&) noexcept = default;
child_case::~child_case() = default;
bool operator==(const child_case&, const child_case&) = default;

const person* child_case::person_in(role r) const noexcept {
  auto it = std::find_if(people.begin(), people.end(), [&](const person& p) { return p.role == r; });
  return it == people.end() ? nullptr : &*it;
}

void child_case::record(event e) {
  const date d = e.date();
  auto pos = std::upper_bound(history_.begin(), history_.end(), d, [](date x, const event& y) { return x < y.date(); });
  const auto added = static_cast<std::size_t>(pos - history_.begin());
  history_.insert(pos, std::move(e));  // if this throws, nothing has changed
  try {
    check(history_, added);
  } catch (...) {
    history_.erase(history_.begin() + static_cast<std::ptrdiff_t>(added));  // back as it was: strong guarantee
    throw;
  }
}

event_id child_case::next_event_id() const {
  // Usually "e<n+1>" is free: one pass, no allocation beyond the candidate.
  for (std::size_t n = history_.size() + 1;; ++n) {
    std::string candidate = "e" + std::to_string(n);
    if (std::none_of(history_.begin(), history_.end(), [&](const event& x) { return x.id.str() == candidate; })) {
      return event_id(std::move(candidate));
    }
  }
}

const event& child_case::record(event_data data) {
  event e{.id = next_event_id(), .data = std::move(data), .correction = false, .extra = {}};
  const event_id id = e.id;
  record(std::move(e));
  return *std::find_if(history_.begin(), history_.end(), [&](const event& x) { return x.id == id; });
}

void child_case::check(const std::vector<event>& history, std::size_t added) const {
  const event& e = history[added];
  if (personal && personal->date_of_birth) {
    const date dob = *personal->date_of_birth;
    check_event_against_birth(id_.str(), dob, e, e.date() < dob && has_pre_birth_conference(history));
  }
  // The messages are built only when a rule is broken: recording stays allocation-free.
  const auto where = [&] { return "events['" + e.id.str() + "']"; };
  const auto what = [&] { return std::string(e.kind()) + " '" + e.id.str() + "' of " + e.date().to_iso(); };
  auto violation = [&](const std::string& message, std::string_view field) {
    throw rule_violation_error(message, where() + "." + std::string(field), id_.str());
  };

  if (!belongs_to(e.data, kind_)) {
    violation("a " + std::string(e.kind()) + " cannot be recorded on a " + std::string(to_string(kind_)) + " case", "type");
  }
  if (opened_ && e.date() < *opened_) {
    violation(what() + " is before the case opened on " + opened_->to_iso(), "date");
  }
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (i != added && history[i].id == e.id) {
      throw invalid_argument_error("event id '" + e.id.str() + "' is already used on this case", where() + ".id", id_.str());
    }
  }

  // The rules of order (nothing but corrections after the end of the plan or of care, no
  // ending before an event already recorded after it, a review after a start): one place,
  // src/record_rules.hpp, on the history as rows.
  const auto row = [&](std::size_t i) { return row_of(history[i]); };
  if (const detail::order_break b = detail::check_order(history.size(), added, row, kind_, partial_history_)) {
    violation(detail::order_message(b, added, row, [&](std::size_t i) -> const std::string& { return history[i].id.str(); }, kind_),
              detail::order_field(b.rule));
  }

  std::visit(overloaded{
                 [&](const review_conference& r) {
                   if (r.midway_date && *r.midway_date <= r.date) {
                     violation("the midway date set at " + what() + " must be after the review", "midway_date");
                   }
                 },
                 [&](const lac_review& r) {
                   if (r.midway_date && *r.midway_date <= r.date) {
                     violation("the midway date set at " + what() + " must be after the review", "midway_date");
                   }
                 },
                 [&](const midway_review& m) {
                   if (m.outcome != midway_outcome::not_required) return;
                   const role decider = kind_ == case_kind::lac ? role::iro : role::chair;
                   if (m.decided_by != decider) {
                     violation("only the " + std::string(kind_ == case_kind::lac ? "IRO" : "Chair") +
                                   " may decide a midway review is not required (seed 000)",
                               "decided_by");
                   }
                   if (m.reason.empty()) violation("a midway review that is not required needs a reason", "reason");
                 },
                 [](const auto&) {},
             },
             e.data);
}

void check_date_of_birth(const child_case& c) {
  if (!c.personal || !c.personal->date_of_birth) return;
  const date dob = *c.personal->date_of_birth;
  if (dob.year() < first_supported_year || dob.year() > last_supported_year) {
    throw out_of_range_error("the date of birth is outside the supported years " + std::to_string(first_supported_year) + ".." +
                                 std::to_string(last_supported_year),
                             "personal.date_of_birth", c.id().str());
  }
  const bool pre_birth = has_pre_birth_conference(c.history());
  for (const event& e : c.history()) check_event_against_birth(c.id().str(), dob, e, pre_birth);
}

}  // namespace midway
