#include <midway/columnar.hpp>

#include <midway/calendar.hpp>
#include <midway/meeting.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace midway {

namespace {

template <std::size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> kind_names(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, event_data>::kind...};
}
constexpr auto kind_table = kind_names(std::make_index_sequence<std::variant_size_v<event_data>>{});

// event_flag's names from its table, which lists bit i at index i.
constexpr auto flag_table = [] {
  constexpr auto& table = detail::enum_traits<event_flag>::table;
  std::array<std::string_view, table.size()> out{};
  for (std::size_t i = 0; i < table.size(); ++i) out[i] = table[i].name;
  return out;
}();
static_assert([] {
  constexpr auto& table = detail::enum_traits<event_flag>::table;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<unsigned>(table[i].value) != (1u << i)) return false;
  }
  return true;
}(), "event_flag's table lists bit i at index i");

std::string at(std::string_view array, std::size_t i) { return "events." + std::string(array) + "[" + std::to_string(i) + "]"; }

bool in_calendar(std::int32_t days) {
  const std::int64_t jdn = std::int64_t{days} + date::epoch_day_number;
  return jdn >= calendar::first_day_number() && jdn < std::int64_t{calendar::first_day_number()} + calendar::day_span();
}

date from_days(std::int32_t days) { return date(date::unchecked_t{}, static_cast<std::uint32_t>(std::int64_t{days} + date::epoch_day_number)); }

std::int32_t days_of(date d) { return static_cast<std::int32_t>(d.days_since_epoch()); }
std::int32_t days_of(const std::optional<date>& d) { return d ? days_of(*d) : no_date; }

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

std::uint16_t flag_if(bool b, event_flag f) { return b ? static_cast<std::uint16_t>(f) : std::uint16_t{0}; }

// The flags and other date of an event.
std::pair<std::uint16_t, std::int32_t> columns_of(const event_data& e) {
  return std::visit(
      overloaded{
          [](const strategy_discussion& x) { return std::pair{flag_if(x.s47_started, event_flag::s47_started), no_date}; },
          [](const initial_conference& x) {
            return std::pair{static_cast<std::uint16_t>(flag_if(x.pre_birth, event_flag::pre_birth) |
                                                        flag_if(x.plan_started, event_flag::plan_started)),
                             no_date};
          },
          [](const review_conference& x) {
            return std::pair{flag_if(x.plan_continues, event_flag::plan_continues), days_of(x.midway_date)};
          },
          [](const transfer_in_conference& x) { return std::pair{std::uint16_t{0}, days_of(x.notified)}; },
          [](const placement_start& x) {
            return std::pair{static_cast<std::uint16_t>(flag_if(x.long_term, event_flag::long_term) |
                                                        flag_if(x.placed_with_parent, event_flag::placed_with_parent) |
                                                        flag_if(x.temporary_approval, event_flag::temporary_approval)),
                             no_date};
          },
          [](const lac_review& x) { return std::pair{std::uint16_t{0}, days_of(x.midway_date)}; },
          [](const visit& x) {
            return std::pair{static_cast<std::uint16_t>(flag_if(x.seen, event_flag::seen) | flag_if(x.seen_alone, event_flag::seen_alone)),
                             no_date};
          },
          [](const midway_review& x) {
            return std::pair{flag_if(x.outcome == midway_outcome::not_required, event_flag::not_required), no_date};
          },
          [](const missing_episode& x) { return std::pair{std::uint16_t{0}, days_of(x.returned)}; },
          [](const safe_person_identified& x) { return std::pair{flag_if(x.mentor_referral, event_flag::mentor_referral), no_date}; },
          [](const auto&) { return std::pair{std::uint16_t{0}, no_date}; },
      },
      e);
}

template <std::size_t I>
event_data blank_event(date d) {
  return event_data(std::in_place_index<I>, std::variant_alternative_t<I, event_data>{.date = d});
}

template <std::size_t... I>
event_data make_blank(std::size_t kind, date d, std::index_sequence<I...>) {
  using maker = event_data (*)(date);
  static constexpr std::array<maker, sizeof...(I)> makers{&blank_event<I>...};
  return makers[kind](d);
}

// An event from its columns (validated).
event_data event_of(std::uint8_t kind, date d, std::uint16_t f, std::int32_t other, case_kind ck) {
  event_data e = make_blank(kind, d, std::make_index_sequence<std::variant_size_v<event_data>>{});
  const std::optional<date> od = other == no_date ? std::nullopt : std::optional(date::from_days_since_epoch(other, "other_date"));
  std::visit(overloaded{
                 [&](strategy_discussion& x) { x.s47_started = has(f, event_flag::s47_started); },
                 [&](initial_conference& x) {
                   x.pre_birth = has(f, event_flag::pre_birth);
                   x.plan_started = has(f, event_flag::plan_started);
                 },
                 [&](review_conference& x) {
                   x.plan_continues = has(f, event_flag::plan_continues);
                   x.midway_date = od;
                 },
                 [&](transfer_in_conference& x) { x.notified = od; },
                 [&](placement_start& x) {
                   x.long_term = has(f, event_flag::long_term);
                   x.placed_with_parent = has(f, event_flag::placed_with_parent);
                   x.temporary_approval = has(f, event_flag::temporary_approval);
                 },
                 [&](lac_review& x) { x.midway_date = od; },
                 [&](visit& x) {
                   x.seen = has(f, event_flag::seen);
                   x.seen_alone = has(f, event_flag::seen_alone);
                 },
                 [&](midway_review& x) {
                   if (has(f, event_flag::not_required)) {
                     x.outcome = midway_outcome::not_required;
                     x.decided_by = ck == case_kind::lac ? role::iro : role::chair;
                     x.reason = "(not carried by the columnar form)";
                   }
                 },
                 [&](missing_episode& x) { x.returned = od; },
                 [&](safe_person_identified& x) { x.mentor_referral = has(f, event_flag::mentor_referral); },
                 [](auto&) {},
             },
             e);
  return e;
}

}  // namespace

std::span<const std::string_view> event_kind_names() noexcept { return kind_table; }

event_row row_of(const event& e) {
  auto [flags, other] = columns_of(e.data);
  if (e.correction) flags = static_cast<std::uint16_t>(flags | static_cast<std::uint16_t>(event_flag::correction));
  return event_row{.kind = static_cast<std::uint8_t>(e.data.index()), .date = days_of(e.date()), .flags = flags, .other_date = other};
}

std::uint8_t event_kind_code(std::string_view name, std::string_view field) {
  for (std::size_t i = 0; i < kind_table.size(); ++i) {
    if (kind_table[i] == name) return static_cast<std::uint8_t>(i);
  }
  throw unknown_code_error("'" + std::string(name.substr(0, 60)) + "' is not an event kind", std::string(field));
}

std::span<const std::string_view> event_flag_names() noexcept { return flag_table; }

void event_columns::reserve(std::size_t n) {
  case_index.reserve(n);
  kind.reserve(n);
  date.reserve(n);
  flags.reserve(n);
  other_date.reserve(n);
}

void detail::check_shape(const case_columns_view& cases, const event_columns_view& events) {
  const std::size_t nc = cases.case_id.size();
  auto same = [](std::size_t n, std::size_t m, std::string_view first, std::string_view name) {
    if (m != n) {
      throw invalid_argument_error(std::string(name) + " has " + std::to_string(m) + " elements but " + std::string(first) +
                                       " has " + std::to_string(n),
                                   std::string(name));
    }
  };
  same(nc, cases.child_id.size(), "cases.case_id", "cases.child_id");
  same(nc, cases.kind.size(), "cases.case_id", "cases.kind");
  same(nc, cases.partial_history.size(), "cases.case_id", "cases.partial_history");
  if (!cases.short_breaks.empty()) same(nc, cases.short_breaks.size(), "cases.case_id", "cases.short_breaks");
  const std::size_t ne = events.kind.size();
  same(ne, events.case_index.size(), "events.kind", "events.case_index");
  same(ne, events.date.size(), "events.kind", "events.date");
  same(ne, events.flags.size(), "events.kind", "events.flags");
  same(ne, events.other_date.size(), "events.kind", "events.other_date");
  for (std::size_t i = 0; i < nc; ++i) {
    if (cases.kind[i] != case_kind::lac && cases.kind[i] != case_kind::cp) {
      throw unknown_code_error("case kind code " + std::to_string(static_cast<int>(cases.kind[i])) + " is not 0 (LAC) or 1 (CP)",
                               "cases.kind[" + std::to_string(i) + "]", cases.case_id[i]);
    }
  }
}

namespace {

// detail::row_values: checks with no dependency between rows but the previous one, over the
// rows of several cases at once, branch-free so that the loops vectorise (long loops: no
// scalar tail per case). With GCC on x86-64 also built for AVX2 (twice the lanes of the baseline's
// SSE2), chosen when the program starts by what the processor has.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
bool chunk_values_ok(const std::int32_t* ci, const std::int32_t* date, const std::int32_t* other, const std::uint16_t* flags,
                     std::uint32_t b, std::uint32_t e) noexcept {
  const std::int32_t lo = static_cast<std::int32_t>(static_cast<std::int64_t>(calendar::first_day_number()) - date::epoch_day_number);
  const auto span = static_cast<std::uint32_t>(calendar::day_span());
  // Differences as unsigned numbers (wrapping is defined; no_date - lo would overflow an int).
  const auto off = [lo](std::int32_t d) { return static_cast<std::uint32_t>(d) - static_cast<std::uint32_t>(lo); };
  // From row b, with a std::size_t count: an unsigned 32-bit row number could wrap, which keeps
  // the compiler from reading date[i - 1] and date[i] as two vectors (it moves each value alone).
  if (e <= b) return true;
  ci += b;
  date += b;
  other += b;
  flags += b;
  const std::size_t n = e - b;
  std::uint32_t bad_flags = 0;
  for (std::size_t i = 0; i < n; ++i) bad_flags |= flags[i];
  std::uint32_t bad = static_cast<std::uint32_t>((bad_flags & ~std::uint32_t{all_event_flags}) != 0);
  for (std::size_t i = 0; i < n; ++i) {
    bad |= static_cast<std::uint32_t>(off(date[i]) >= span) |
           (static_cast<std::uint32_t>(other[i] != no_date) & static_cast<std::uint32_t>(off(other[i]) >= span));
  }
  // Dates in order within a case (a row of the same case as the row before it).
  for (std::size_t i = 0; i + 1 < n; ++i) {
    bad |= static_cast<std::uint32_t>(date[i + 1] < date[i]) & static_cast<std::uint32_t>(ci[i + 1] == ci[i]);
  }
  return bad == 0;
}

// The first row in [i, e) whose case index is not `c`, or e: with SSE2 (every x86-64), 16 rows
// a step with no branch per row (the rows of a case are about 40).
std::uint32_t first_not(const std::int32_t* ci, std::uint32_t i, std::uint32_t e, std::int32_t c) noexcept {
#if defined(__SSE2__)
  const __m128i v = _mm_set1_epi32(c);
  for (; e - i >= 16; i += 16) {
    const auto lanes = [&](std::uint32_t k) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ci + i + k));
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi32(x, v))) & 0xffffu);
    };
    const std::uint64_t same = lanes(0) | lanes(4) << 16 | lanes(8) << 32 | lanes(12) << 48;
    if (same != ~std::uint64_t{0}) return i + static_cast<std::uint32_t>(std::countr_one(same)) / 4;
  }
#endif
  while (i < e && ci[i] == c) ++i;
  return i;
}

}  // namespace

bool detail::case_rows(const event_columns_view& events, std::uint32_t b, std::uint32_t e, std::int32_t first_case,
                       std::int32_t end_case, std::span<std::uint32_t> offsets) noexcept {
  if (e < b || end_case < first_case || offsets.size() != static_cast<std::size_t>(end_case - first_case) + 1) return false;
  const std::int32_t* const ci = events.case_index.data();
  // Where each case's rows begin, checking that the case indexes are in order and in range.
  std::int32_t prev = first_case;
  offsets[0] = b;
  for (std::uint32_t i = b;; ++i) {
    i = first_not(ci, i, e, prev);
    if (i == e) break;
    const std::int32_t c = ci[i];
    if (c < prev) return false;
    if (c >= end_case) {  // the next cases' rows begin
      e = i;
      break;
    }
    for (std::int32_t k = prev + 1; k <= c; ++k) offsets[static_cast<std::size_t>(k - first_case)] = i;
    prev = c;
  }
  for (std::int32_t k = prev + 1; k <= end_case; ++k) offsets[static_cast<std::size_t>(k - first_case)] = e;
  return true;
}

bool detail::row_values(const event_columns_view& events, std::uint32_t b, std::uint32_t e) noexcept {
  if (e < b || e > events.size()) return false;
  return chunk_values_ok(events.case_index.data(), events.date.data(), events.other_date.data(), events.flags.data(), b, e);
}

void validate(case_columns_view cases, event_columns_view events) {
  detail::check_shape(cases, events);
  const std::size_t nc = cases.case_id.size();
  const std::size_t ne = events.kind.size();
  // A branch-light pass first; the checks below, with their messages, run only from the
  // first event that fails it.
  std::size_t first_bad = ne;
  {
    // 0: either kind of case; 1: CP only; 2: LAC only (belongs_to, by code).
    static constexpr std::array<std::uint8_t, 26> scope{0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 1};
    static_assert(scope.size() == event_kind_count);
    const auto lo = static_cast<std::int64_t>(calendar::first_day_number()) - date::epoch_day_number;
    const std::int64_t hi = lo + calendar::day_span();
    std::int32_t pc = 0, pd = 0;
    for (std::size_t i = 0; i < ne; ++i) {
      const std::int32_t c = events.case_index[i];
      const std::int32_t d = events.date[i];
      const std::int32_t od = events.other_date[i];
      const std::uint8_t k = events.kind[i];
      bool ok = (c >= 0) & (static_cast<std::size_t>(c) < nc) & (i == 0 || c >= pc) & (k < event_kind_count) &
                ((events.flags[i] & ~all_event_flags) == 0) & (d >= lo) & (d < hi) & (od == no_date || (od >= lo && od < hi)) &
                (i == 0 || c != pc || d >= pd);
      if (ok) {
        const std::uint8_t sc = scope[k];
        ok = sc == 0 || (sc == 1) == (cases.kind[static_cast<std::size_t>(c)] == case_kind::cp);
      }
      if (!ok) {
        first_bad = i;
        break;
      }
      pc = c;
      pd = d;
    }
  }
  if (first_bad == ne) return;
  std::int32_t prev_case = first_bad > 0 ? events.case_index[first_bad - 1] : 0;
  std::int32_t prev_date = first_bad > 0 ? events.date[first_bad - 1] : 0;
  for (std::size_t i = first_bad; i < ne; ++i) {
    const std::int32_t c = events.case_index[i];
    if (c < 0 || static_cast<std::size_t>(c) >= nc) {
      throw invalid_argument_error("case index " + std::to_string(c) + " is not a row of the " + std::to_string(nc) + " cases",
                                   at("case_index", i));
    }
    const std::string& id = cases.case_id[static_cast<std::size_t>(c)];
    if (i > 0 && c < prev_case) {
      throw invalid_argument_error("events must be grouped by case in case order: case index " + std::to_string(c) + " after " +
                                       std::to_string(prev_case),
                                   at("case_index", i), id);
    }
    if (events.kind[i] >= event_kind_count) {
      throw unknown_code_error("event kind code " + std::to_string(events.kind[i]) + " is not 0.." + std::to_string(event_kind_count - 1),
                               at("kind", i), id);
    }
    if ((events.flags[i] & ~all_event_flags) != 0) {
      throw invalid_argument_error("flags " + std::to_string(events.flags[i]) + " use an unknown bit", at("flags", i), id);
    }
    const std::int32_t d = events.date[i];
    if (!in_calendar(d)) throw out_of_range_error("day " + std::to_string(d) + " is outside 1978-01-01..2199-12-31", at("date", i), id);
    if (events.other_date[i] != no_date && !in_calendar(events.other_date[i])) {
      throw out_of_range_error("day " + std::to_string(events.other_date[i]) + " is outside 1978-01-01..2199-12-31",
                               at("other_date", i), id);
    }
    if (i > 0 && c == prev_case && d < prev_date) {
      throw invalid_argument_error("events of a case must be in date order: " + from_days(d).to_iso() + " after " +
                                       from_days(prev_date).to_iso(),
                                   at("date", i), id);
    }
    const auto k = cases.kind[static_cast<std::size_t>(c)];
    const bool cp_only = events.kind[i] == 2 || events.kind[i] == 3 || events.kind[i] == 4 || events.kind[i] == 9 || events.kind[i] == 22;
    const bool lac_only = events.kind[i] == 5 || events.kind[i] == 6 || events.kind[i] == 7 || events.kind[i] == 23;
    if ((cp_only && k != case_kind::cp) || (lac_only && k != case_kind::lac)) {
      throw rule_violation_error("a " + std::string(kind_table[events.kind[i]]) + " cannot be recorded on a " +
                                     std::string(to_string(k)) + " case",
                                 at("kind", i), id);
    }
    prev_case = c;
    prev_date = d;
  }
}

void validate(const caseload_view& cl) {
  validate(cl.cases, cl.events);
  detail::check_tables(cl);
}

void detail::check_tables(const caseload_view& cl) {
  const std::size_t nc = cl.cases.size(), ne = cl.events.size();
  auto same = [](std::size_t n, std::size_t m, std::string_view first, std::string_view name) {
    if (m != n) {
      throw invalid_argument_error(std::string(name) + " has " + std::to_string(m) + " elements but " + std::string(first) +
                                       " has " + std::to_string(n),
                                   std::string(name));
    }
  };
  auto index = [](std::string_view table, std::string_view column, std::size_t i) {
    return std::string(table) + "." + std::string(column) + "[" + std::to_string(i) + "]";
  };
  auto case_rows = [&](std::span<const std::int32_t> case_index, std::string_view table) {
    for (std::size_t i = 0; i < case_index.size(); ++i) {
      const std::int32_t c = case_index[i];
      if (c < 0 || static_cast<std::size_t>(c) >= nc) {
        throw invalid_argument_error("case index " + std::to_string(c) + " is not a row of the " + std::to_string(nc) + " cases",
                                     index(table, "case_index", i));
      }
      if (i > 0 && c < case_index[i - 1]) {
        throw invalid_argument_error("rows must be grouped by case in case order", index(table, "case_index", i),
                                     cl.cases.case_id[static_cast<std::size_t>(c)]);
      }
    }
  };
  auto day_in_calendar = [&](std::int32_t d, std::string_view table, std::string_view column, std::size_t i, const std::string& id,
                             bool optional) {
    if ((optional && d == no_date) || in_calendar(d)) return;
    throw out_of_range_error("day " + std::to_string(d) + " is outside 1978-01-01..2199-12-31", index(table, column, i), id);
  };
  const meeting_columns_view& m = cl.meetings;
  const std::size_t nm = m.case_index.size();
  same(nm, m.review.size(), "meetings.case_index", "meetings.review");
  same(nm, m.arranged_for.size(), "meetings.case_index", "meetings.arranged_for");
  same(nm, m.scheduled_for.size(), "meetings.case_index", "meetings.scheduled_for");
  same(nm, m.status.size(), "meetings.case_index", "meetings.status");
  same(nm, m.reschedules.size(), "meetings.case_index", "meetings.reschedules");
  case_rows(m.case_index, "meetings");
  std::size_t reschedules = 0;
  for (std::size_t i = 0; i < nm; ++i) {
    const auto c = static_cast<std::size_t>(m.case_index[i]);
    const std::string& id = cl.cases.case_id[c];
    const std::int32_t r = m.review[i];
    const bool review_ok = r >= 0 && static_cast<std::size_t>(r) < ne && cl.events.case_index[static_cast<std::size_t>(r)] == m.case_index[i];
    const std::uint8_t k = review_ok ? cl.events.kind[static_cast<std::size_t>(r)] : 255;
    const bool arranging = cl.cases.kind[c] == case_kind::cp ? (k == 2 || k == 3 || k == 4) : k == 7;
    if (!review_ok || !arranging) {
      throw rule_violation_error("a midway review is arranged at a review or conference of its own case",
                                 index("meetings", "review", i), id);
    }
    day_in_calendar(m.arranged_for[i], "meetings", "arranged_for", i, id, false);
    day_in_calendar(m.scheduled_for[i], "meetings", "scheduled_for", i, id, false);
    if (m.status[i] > static_cast<std::uint8_t>(meeting_status::rescheduled)) {
      throw unknown_code_error("meeting status code " + std::to_string(m.status[i]) + " is not 0..4", index("meetings", "status", i), id);
    }
    if (m.reschedules[i] < 0) {
      throw out_of_range_error("a count of reschedules is not negative", index("meetings", "reschedules", i), id);
    }
    reschedules += static_cast<std::size_t>(m.reschedules[i]);
  }
  if (reschedules != m.reschedule_day.size()) {
    throw invalid_argument_error("meetings.reschedule_day has " + std::to_string(m.reschedule_day.size()) +
                                     " elements but meetings.reschedules adds up to " + std::to_string(reschedules),
                                 "meetings.reschedule_day");
  }
  for (std::size_t i = 0; i < m.reschedule_day.size(); ++i) day_in_calendar(m.reschedule_day[i], "meetings", "reschedule_day", i, "", false);
  const recommendation_columns_view& rc = cl.recommendations;
  const std::size_t nr = rc.case_index.size();
  same(nr, rc.due.size(), "recommendations.case_index", "recommendations.due");
  same(nr, rc.open.size(), "recommendations.case_index", "recommendations.open");
  same(nr, rc.urgent.size(), "recommendations.case_index", "recommendations.urgent");
  case_rows(rc.case_index, "recommendations");
  for (std::size_t i = 0; i < nr; ++i) {
    day_in_calendar(rc.due[i], "recommendations", "due", i, cl.cases.case_id[static_cast<std::size_t>(rc.case_index[i])], true);
  }
}

caseload_columns to_columns(const caseload& cl) {
  caseload_columns out;
  std::size_t n = 0;
  for (const auto& c : cl.cases) n += c.history().size();
  out.events.reserve(n);
  for (std::size_t i = 0; i < cl.cases.size(); ++i) {
    const child_case& c = cl.cases[i];
    out.cases.case_id.push_back(c.id().str());
    out.cases.child_id.push_back(c.child().str());
    out.cases.kind.push_back(c.kind());
    out.cases.partial_history.push_back(c.partial_history() ? 1 : 0);
    out.cases.short_breaks.push_back(c.short_breaks ? 1 : 0);
    const auto first_event = static_cast<std::int32_t>(out.events.size());
    for (const midway_review_record& m : c.midway_reviews) {
      std::int32_t review = -1;
      for (std::size_t k = 0; k < c.history().size() && review < 0; ++k) {
        if (c.history()[k].id == m.arranged_at) review = first_event + static_cast<std::int32_t>(k);
      }
      if (review < 0) {
        throw not_found_error("no event '" + m.arranged_at.str() + "' on the case",
                              "midway_reviews['" + m.id.str() + "'].arranged_at", c.id().str());
      }
      out.meetings.case_index.push_back(static_cast<std::int32_t>(i));
      out.meetings.review.push_back(review);
      out.meetings.arranged_for.push_back(days_of(m.arranged_for));
      out.meetings.scheduled_for.push_back(days_of(m.scheduled_for()));
      out.meetings.status.push_back(static_cast<std::uint8_t>(m.status));
      out.meetings.reschedules.push_back(static_cast<std::int32_t>(m.reschedules.size()));
      for (const auto& r : m.reschedules) out.meetings.reschedule_day.push_back(days_of(r.decided_on.value_or(r.from_date)));
    }
    for (const recommendation& r : c.plan) {
      out.recommendations.case_index.push_back(static_cast<std::int32_t>(i));
      out.recommendations.due.push_back(days_of(r.due));
      out.recommendations.open.push_back(r.status == recommendation_status::open ? 1 : 0);
      out.recommendations.urgent.push_back(r.urgent ? 1 : 0);
    }
    for (const event& e : c.history()) {
      const event_row r = row_of(e);
      out.events.case_index.push_back(static_cast<std::int32_t>(i));
      out.events.kind.push_back(r.kind);
      out.events.date.push_back(r.date);
      out.events.flags.push_back(r.flags);
      out.events.other_date.push_back(r.other_date);
    }
  }
  return out;
}

caseload from_columns(const case_columns& cases, const event_columns& events) {
  validate(cases, events);
  caseload cl;
  cl.cases.reserve(cases.size());
  const auto offsets = case_offsets(cases.size(), events.case_index);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    child_case cc(case_id(cases.case_id[c], "cases.case_id[" + std::to_string(c) + "]"),
                  child_id(cases.child_id[c], "cases.child_id[" + std::to_string(c) + "]"), cases.kind[c], std::nullopt,
                  cases.partial_history[c] != 0);
    cc.short_breaks = !cases.short_breaks.empty() && cases.short_breaks[c] != 0;
    for (std::uint32_t i = offsets[c]; i < offsets[c + 1]; ++i) {
      event e{.id = event_id("e" + std::to_string(i - offsets[c] + 1)),
              .data = event_of(events.kind[i], from_days(events.date[i]), events.flags[i], events.other_date[i], cases.kind[c]),
              .correction = has(events.flags[i], event_flag::correction),
              .extra = {}};
      cc.record(std::move(e));
    }
    cl.cases.push_back(std::move(cc));
  }
  return cl;
}

std::vector<std::uint32_t> case_offsets(std::size_t n_cases, std::span<const std::int32_t> case_index) {
  std::vector<std::uint32_t> offsets(n_cases + 1, 0);
  for (std::int32_t c : case_index) ++offsets[static_cast<std::size_t>(c) + 1];
  for (std::size_t i = 0; i < n_cases; ++i) offsets[i + 1] += offsets[i];
  return offsets;
}

}  // namespace midway
