// The rules of order that child_case::record checks (case.hpp), on event rows: one place for
// them, read by child_case::check on a case's history and by the CIN census reader on the rows
// it writes as columns (src/interop/cin_census.cpp), which records no child_case.
//
// The rules, for the row `added` just put into a case's rows (history order: dates
// non-decreasing, events of one date in the order they were recorded):
//   - after_end: nothing but a correction is dated after a row that ends the plan or care
//     (row_ends() below);
//   - ends_before: a row that ends the plan or care is not dated before a row already there
//     (a correction excepted);
//   - needs_start / leaves_without_start: a review conference (CP) follows an initial or
//     transfer-in conference, a LAC review follows a start of care, unless the history is
//     partial (its first review then stands in for the start).
// The rows were valid before `added` was put in, so only pairs with it can break the first two.
#pragma once

#include "kernel.hpp"

#include <midway/case.hpp>
#include <midway/columnar.hpp>
#include <midway/date.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace midway::detail {

// Whether a row ends the plan or care (kernel::row_ends, its one place).
using kernel::row_ends;

enum class order_rule : std::uint8_t { none, after_end, ends_before, needs_start, leaves_without_start };

// A broken rule: which, and the other row its message names (the row that ended the plan, the
// later row, the review left without a start).
struct order_break {
  order_rule rule = order_rule::none;
  std::size_t other = 0;
  explicit operator bool() const noexcept { return rule != order_rule::none; }
};

// The first rule of the list above that rows [0, n) break with row `added` in them, in the
// order child_case::record checks them (none: all hold). `row(i)` gives row i as an event_row
// (columnar.hpp; other_date is not read). Allocates nothing and throws nothing `row` does not.
template <class RowAt>
order_break check_order(std::size_t n, std::size_t added, const RowAt& row, case_kind kind, bool partial_history) {
  const event_row e = row(added);
  if (!has(e.flags, event_flag::correction)) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i == added) continue;
      const event_row x = row(i);
      if (row_ends(x.kind, x.flags) && e.date > x.date) return {order_rule::after_end, i};
    }
  }
  if (row_ends(e.kind, e.flags)) {
    for (std::size_t j = 0; j < n; ++j) {
      if (j == added) continue;
      const event_row x = row(j);
      if (x.date > e.date && !has(x.flags, event_flag::correction)) return {order_rule::ends_before, j};
    }
  }
  const bool cp = kind == case_kind::cp;
  const std::uint8_t review = cp ? kernel::code<review_conference> : kernel::code<lac_review>;
  bool seen_start = false;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t k = row(i).kind;
    if (cp ? k == kernel::code<initial_conference> || k == kernel::code<transfer_in_conference> : k == kernel::code<started_looked_after>) {
      seen_start = true;
    }
    if (k != review) continue;
    const bool allowed = seen_start || partial_history;
    seen_start = seen_start || partial_history;
    if (allowed) continue;
    return {i == added ? order_rule::needs_start : order_rule::leaves_without_start, i};
  }
  return {};
}

// The field of the error for a broken rule, after "events['<id>'].": "type" for needs_start,
// else "date".
constexpr std::string_view order_field(order_rule r) noexcept { return r == order_rule::needs_start ? "type" : "date"; }

// The message child_case::record gives for a broken rule (its rule_violation_error's
// message()). `name(i)` gives row i's event id; it is called only here, when a message is built.
template <class RowAt, class NameOf>
std::string order_message(order_break b, std::size_t added, const RowAt& row, const NameOf& name, case_kind kind) {
  const bool cp = kind == case_kind::cp;
  const auto what = [&](std::size_t i) {
    const event_row x = row(i);
    return std::string(event_kind_names()[x.kind]) + " '" + std::string(name(i)) + "' of " +
           date::from_days_since_epoch(x.date).to_iso();
  };
  const std::string needed = cp ? "initial or transfer-in conference" : "start of care (started_looked_after)";
  switch (b.rule) {
    case order_rule::after_end:
      return what(added) + " is after the " + (cp ? "CP plan ended" : "child ceased to be looked after") + " on " +
             date::from_days_since_epoch(row(b.other).date).to_iso() + " (record it as a correction if it is one)";
    case order_rule::ends_before:
      return what(added) + " ends the " + (cp ? "plan" : "care episode") + " before the " + what(b.other);
    case order_rule::needs_start: return what(added) + " needs an earlier " + needed;
    case order_rule::leaves_without_start: return what(added) + " would leave the " + what(b.other) + " without an earlier " + needed;
    case order_rule::none: break;
  }
  return {};
}

}  // namespace midway::detail
