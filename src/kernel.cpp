#include "kernel.hpp"

#include <midway/meeting.hpp>

#include <algorithm>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace midway::kernel {

namespace {

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

constexpr std::int64_t base = std::int64_t{date::epoch_day_number} - std::int64_t{detail::calendar_first_day};
constexpr std::int64_t span = detail::calendar_days_covered;

// Field paths of a child_case's records, for errors.
class case_names final : public field_namer {
 public:
  explicit case_names(const child_case& c) : c_(c) {}
  std::string event_field(std::int32_t row, std::string_view field) const override {
    return "events['" + c_.history()[static_cast<std::size_t>(row)].id.str() + "']." + std::string(field);
  }
  std::string meeting_field(std::int32_t meeting, std::string_view field) const override {
    return "midway_reviews['" + c_.midway_reviews[static_cast<std::size_t>(meeting)].id.str() + "']." + std::string(field);
  }

 private:
  const child_case& c_;
};

std::int32_t days_or_none(const std::optional<date>& d) { return d ? rules::days(*d) : no_date; }

}  // namespace

namespace {

// row_index::build's work, word_generic or word_avx2: for the 64 rows from `kinds` (m of them
// in the case, 1 to 64), bit j of out[k * stride] set when row j is of group k.

// The groups of rows first + j .. first + j + 7, a byte each, in a register (a buffer in memory
// written a byte at a time and read 16 bytes at a time would stall: the load cannot take its
// bytes from the pending stores). Rows from m on read row m - 1 and are put in no group (0xff).
std::uint64_t eight_groups(const std::uint8_t* kinds, std::size_t j, std::size_t m, const std::uint8_t* groups) noexcept {
  std::uint64_t x = 0;
  for (std::size_t t = 0; t < 8; ++t) x |= std::uint64_t{groups[kinds[std::min(j + t, m - 1)]]} << (8 * t);
  const std::size_t valid = m > j ? m - j : 0;
  return x | (valid >= 8 ? std::uint64_t{0} : ~std::uint64_t{0} << (8 * valid));
}

void word_generic(const std::uint8_t* kinds, std::size_t m, const std::uint8_t* groups, std::uint64_t* out, std::size_t stride) noexcept {
#if defined(__SSE2__)
  const auto sixteen = [&](std::size_t j) {
    return _mm_set_epi64x(static_cast<long long>(eight_groups(kinds, j + 8, m, groups)),
                          static_cast<long long>(eight_groups(kinds, j, m, groups)));
  };
  const __m128i x0 = sixteen(0), x1 = sixteen(16), x2 = sixteen(32), x3 = sixteen(48);
  for (std::size_t k = 0; k < row_index::g_count; ++k) {
    const __m128i v = _mm_set1_epi8(static_cast<char>(k));
    const auto lanes = [&](__m128i x) {
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, v))) & 0xffffu);
    };
    out[k * stride] = lanes(x0) | lanes(x1) << 16 | lanes(x2) << 32 | lanes(x3) << 48;
  }
#else
  std::array<std::uint64_t, row_index::g_count> set{};
  for (std::size_t j = 0; j < m; ++j) set[groups[kinds[j]]] |= std::uint64_t{1} << j;
  for (std::size_t k = 0; k < row_index::g_count; ++k) out[k * stride] = set[k];
#endif
}

#if defined(__GNUC__) && defined(__x86_64__)
#define MIDWAY_ROW_INDEX_AVX2 1
// With AVX2: 32 rows' groups at a time, looked up in registers (vpshufb on the table's two
// halves of 16 codes; codes from 32 on refused).
__attribute__((target("avx2"))) inline __m256i groups_avx2(const std::uint8_t* kinds, std::size_t j, std::size_t m,
                                                            const std::uint8_t* groups) noexcept {
  if (j >= m) return _mm256_set1_epi8(static_cast<char>(0xff));
  if (j + 32 > m) {
    return _mm256_set_epi64x(static_cast<long long>(eight_groups(kinds, j + 24, m, groups)),
                             static_cast<long long>(eight_groups(kinds, j + 16, m, groups)),
                             static_cast<long long>(eight_groups(kinds, j + 8, m, groups)),
                             static_cast<long long>(eight_groups(kinds, j, m, groups)));
  }
  const __m256i t0 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(groups)));
  const __m256i t1 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(groups + 16)));
  const __m256i k = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kinds + j));
  const __m256i nibble = _mm256_and_si256(k, _mm256_set1_epi8(0x0f)), top = _mm256_and_si256(k, _mm256_set1_epi8(static_cast<char>(0xf0)));
  const __m256i g0 = _mm256_shuffle_epi8(t0, nibble), g1 = _mm256_shuffle_epi8(t1, nibble);
  const __m256i in0 = _mm256_cmpeq_epi8(top, _mm256_setzero_si256()), in1 = _mm256_cmpeq_epi8(top, _mm256_set1_epi8(0x10));
  const __m256i refused = _mm256_set1_epi8(static_cast<char>(row_index::g_refused));
  return _mm256_blendv_epi8(_mm256_blendv_epi8(refused, g1, in1), g0, in0);
}

__attribute__((target("avx2"))) void word_avx2(const std::uint8_t* kinds, std::size_t m, const std::uint8_t* groups,
                                                std::uint64_t* out, std::size_t stride) noexcept {
  const __m256i y0 = groups_avx2(kinds, 0, m, groups), y1 = groups_avx2(kinds, 32, m, groups);
  for (std::size_t k = 0; k < row_index::g_count; ++k) {
    const __m256i v = _mm256_set1_epi8(static_cast<char>(k));
    const auto m0 = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(y0, v)));
    const auto m1 = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(y1, v)));
    out[k * stride] = std::uint64_t{m0} | std::uint64_t{m1} << 32;
  }
}
#endif

using word_fn = void (*)(const std::uint8_t*, std::size_t, const std::uint8_t*, std::uint64_t*, std::size_t) noexcept;
// The processor's best, chosen on first use (not by a static initialiser: another one could run first).
word_fn word_of_rows() noexcept {
  static const word_fn f = [] {
#if defined(MIDWAY_ROW_INDEX_AVX2)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return static_cast<word_fn>(word_avx2);
#endif
    return static_cast<word_fn>(word_generic);
  }();
  return f;
}

}  // namespace

void row_index::build(const std::uint8_t* kinds, std::size_t n, const std::uint8_t* groups) {
  words = (n + 63) / 64;
  if (words > capacity) {
    capacity = std::max(words, 2 * capacity);
    bits.resize(g_count * capacity);
  }
  // 64 rows at a time: the group of each row (a table look-up), then, for each group, the rows
  // of that group as one word. No row depends on the one before (a counting sort's counters
  // would: each row's store waits for the last row's of the same kind, most rows being visits).
  const word_fn word = word_of_rows();
  for (std::size_t w = 0; w < words; ++w) {
    const std::size_t m = std::min<std::size_t>(64, n - 64 * w);
    word(kinds + 64 * w, m, groups, bits.data() + w, capacity);
#if !defined(NDEBUG)
    // Debug builds (the tests) check the processor's version against the portable one, row by row.
    std::array<std::uint64_t, g_count> check{};
    word_generic(kinds + 64 * w, m, groups, check.data(), 1);
    for (std::size_t k = 0; k < g_count; ++k) {
      if (check[k] != bits[k * capacity + w]) throw std::logic_error("row_index::build: the two versions disagree");
    }
#endif
  }
}

rules::rules(const policy& p, const calendar& c, date as_of_date, icpc_anchor a)
    : pol(p), cal(c), as_of(days(as_of_date)), soon(0), anchor(a), t_(c.raw()) {
  detail::calendar_index(as_of_date, "as_of");
  soon = days(add_period(as_of_date, pol.due_soon_window, pol, cal));
}

std::int32_t rules::slow_add(std::int32_t from, const period& p, mode m) const {
  if (m == mode::policy_rules) return days(add_period(to_date(from), p, pol, cal));
  policy exact = pol;
  exact.due_on_non_working_day = non_working_due::stands;
  if (m == mode::calendar_months_stands) exact.month_counting = month_basis::calendar_months;
  return days(add_period(to_date(from), p, exact, cal));
}

void rules::precompute(std::int32_t first, std::int32_t last) {
  pre_.reset();
  pre_days_ = 0;
  if (last < first) return;
  auto pre = std::make_shared<precomputed>();
  pre->first = first;
  const auto n = static_cast<std::size_t>(std::int64_t{last} - first + 1);
  pre->days = static_cast<std::uint32_t>(n);
  auto table = [&](const period& p, mode m) {
    std::vector<std::int32_t>& due = pre->storage.emplace_back(n);
    for (std::size_t k = 0; k < n; ++k) due[k] = compute(first + static_cast<std::int32_t>(k), p, m);
    return due.data();
  };
  const auto slot = [&](const period& p) {
    return (reinterpret_cast<std::uintptr_t>(&p) - reinterpret_cast<std::uintptr_t>(&pol)) / alignof(period);
  };
  pre->storage.reserve(pre->due.size() + 2);  // (a vector's buffer stays where it is when the vector moves)
  std::apply(
      [&](const auto&... f) {
        auto one = [&](const auto& field) {
          using M = typename std::decay_t<decltype(field)>::member_type;
          if constexpr (std::is_same_v<M, period>) {
            const period& p = pol.*(field.member);
            pre->due[slot(p)] = table(p, mode::policy_rules);
          }
        };
        (one(f), ...);
      },
      policy::fields());
  // The periods the kernel adds in the other modes (plan_open, lac()).
  for (const period* p : {&pol.plan_open_warning, &pol.plan_open_alert}) pre->stands[slot(*p)] = table(*p, mode::stands);
  pre->first_year.resize(n);
  pre->working_day_of.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    pre->first_year[k] = compute(first + static_cast<std::int32_t>(k), twelve_calendar_months, mode::calendar_months_stands);
    pre->working_day_of[k] = compute(first + static_cast<std::int32_t>(k), no_days, mode::policy_rules);
  }
  pre_first_ = pre->first;
  pre_days_ = pre->days;
  pre_due_ = pre->due.data();
  pre_stands_ = pre->stands.data();
  pre_first_year_ = pre->first_year.data();
  pre_working_day_of_ = pre->working_day_of.data();
  pre_ = std::move(pre);
}

std::int32_t rules::compute(std::int32_t from, const period& p, mode m) const {
  const std::int64_t i = std::int64_t{from} + base;
  if (i < 0 || i >= span) return slow_add(from, p, m);
  std::int64_t d = from;
  switch (p.unit) {
    case period_unit::working_day: {
      const auto ui = static_cast<std::uint32_t>(i);
      std::int64_t k = p.count;
      if (pol.counting == day_count::inclusive && k != 0 && t_.is_working(ui)) k += k > 0 ? -1 : 1;
      if (k == 0) return from;
      const std::int64_t ordinal = std::int64_t{t_.before(ui)} + (k > 0 ? std::int64_t{t_.is_working(ui)} + k - 1 : k);
      if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(t_.working.size())) return slow_add(from, p, m);
      return static_cast<std::int32_t>(std::int64_t{t_.working[static_cast<std::size_t>(ordinal)]} - base);
    }
    case period_unit::calendar_day: d = std::int64_t{from} + p.count; break;
    case period_unit::week: d = std::int64_t{from} + std::int64_t{p.count} * 7; break;
    case period_unit::month: {
      if (m != mode::calendar_months_stands && pol.month_counting != month_basis::calendar_months) return slow_add(from, p, m);
      const civil c = civil_from_days(from);
      const std::int64_t m0 = std::int64_t{c.month} - 1 + p.count;
      const std::int64_t y = c.year + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
      const auto mm = static_cast<unsigned>(m0 - (y - c.year) * 12 + 1);
      d = days_from_civil(y, mm, std::min(c.day, last_day(y, mm)));
      break;
    }
  }
  const std::int64_t j = d + base;
  if (j < 0 || j >= span) return slow_add(from, p, m);
  const auto uj = static_cast<std::uint32_t>(j);
  if (m != mode::policy_rules || t_.is_working(uj)) return static_cast<std::int32_t>(d);
  const std::uint32_t before = t_.before(uj);
  switch (pol.due_on_non_working_day) {
    case non_working_due::previous_working_day:
      if (before == 0) return slow_add(from, p, m);
      return static_cast<std::int32_t>(std::int64_t{t_.working[before - 1]} - base);
    case non_working_due::next_working_day:
      if (before >= t_.working.size()) return slow_add(from, p, m);
      return static_cast<std::int32_t>(std::int64_t{t_.working[before]} - base);
    case non_working_due::stands: return static_cast<std::int32_t>(d);
  }
  return static_cast<std::int32_t>(d);
}

std::string_view title_of_code(std::uint8_t kind) noexcept {
  switch (kind) {
    case code<initial_conference>: return "ICPC";
    case code<review_conference>: return "RCPC";
    case code<transfer_in_conference>: return "transfer-in conference";
    case code<lac_review>: return "LAC review";
    case code<strategy_discussion>: return "strategy discussion";
    case code<s47_enquiry>: return "s.47 start";
    case code<started_looked_after>: return "start of care";
    case code<placement_start>: return "placement start";
    case code<visit>: return "visit";
    case code<core_group>: return "core group";
    case code<birth>: return "birth";
    case code<transfer_in_notified>: return "transfer-in notification";
    default: return kind < event_kind_count ? event_kind_names()[kind] : std::string_view("?");
  }
}

case_view view_of(const child_case& c, case_storage& s) {
  const auto& h = c.history();
  const std::size_t n = h.size();
  s.kinds.resize(n);
  s.dates.resize(n);
  s.flags.resize(n);
  s.other_dates.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const event_row r = row_of(h[i]);
    s.kinds[i] = r.kind;
    s.dates[i] = r.date;
    s.flags[i] = r.flags;
    s.other_dates[i] = r.other_date;
  }
  s.meetings.clear();
  s.reschedules.clear();
  for (const midway_review_record& m : c.midway_reviews) {
    std::int32_t review = -1;
    for (std::size_t i = 0; i < n && review < 0; ++i) {
      if (h[i].id == m.arranged_at) review = static_cast<std::int32_t>(i);
    }
    s.meetings.push_back(meeting_row{.review = review,
                                     .arranged_for = rules::days(m.arranged_for),
                                     .scheduled_for = rules::days(m.scheduled_for()),
                                     .first_reschedule = static_cast<std::int32_t>(s.reschedules.size()),
                                     .reschedules = static_cast<std::int32_t>(m.reschedules.size()),
                                     .status = m.status});
    for (const reschedule& r : m.reschedules) s.reschedules.push_back(reschedule_row{.day = rules::days(r.decided_on.value_or(r.from_date))});
  }
  s.recommendations.clear();
  for (const recommendation& r : c.plan) {
    s.recommendations.push_back(
        recommendation_row{.due = days_or_none(r.due), .open = r.status == recommendation_status::open, .urgent = r.urgent});
  }
  s.names = std::make_unique<case_names>(c);
  return case_view{.case_id = c.id().str(),
                   .kind = c.kind(),
                   .partial_history = c.partial_history(),
                   .short_breaks = c.short_breaks,
                   .base = 0,
                   .kinds = s.kinds,
                   .dates = s.dates,
                   .flags = s.flags,
                   .other_dates = s.other_dates,
                   .meetings = s.meetings,
                   .reschedules = s.reschedules,
                   .recommendations = s.recommendations,
                   .names = s.names.get()};
}

}  // namespace midway::kernel
