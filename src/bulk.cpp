#include <midway/bulk.hpp>
#include <midway/detail/threads.hpp>

#include "kernel.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <exception>
#include <mutex>
#include <span>
#include <thread>

namespace midway {

namespace {

constexpr auto u8(item_status s) { return static_cast<std::uint8_t>(s); }
constexpr auto u8(item_kind k) { return static_cast<std::uint8_t>(k); }

// Counts what evaluate() reports; the kernel measures the gaps itself (result::visit_gaps).
struct count_sink {
  static constexpr bool wants_intervals = false;
  static constexpr bool wants_findings = true;
  static constexpr bool wants_midway = true;
  std::int32_t findings = 0;
  std::uint16_t rules = 0;
  void interval(const kernel::interval&) {}
  void finding(const kernel::finding_row& f) { add(f.rule, 1); }
  void risk(std::int32_t, std::int32_t, std::int32_t) {}
  void midway_event(std::int32_t) {}
  void add(drift_rule_id rule, std::int32_t n) {
    if (n <= 0) return;
    findings += n;
    rules = static_cast<std::uint16_t>(rules | (1u << static_cast<unsigned>(rule)));
  }
};

// Field paths of the columns, for errors.
class column_names final : public kernel::field_namer {
 public:
  column_names(std::int32_t first_event, std::size_t first_meeting) : first_event_(first_event), first_meeting_(first_meeting) {}
  std::string event_field(std::int32_t row, std::string_view) const override {
    return "events.other_date[" + std::to_string(first_event_ + row) + "]";
  }
  std::string meeting_field(std::int32_t meeting, std::string_view field) const override {
    return std::string("meetings.") + (field == "reschedules" ? "scheduled_for" : "arranged_for") + "[" +
           std::to_string(first_meeting_ + static_cast<std::size_t>(meeting)) + "]";
  }

 private:
  std::int32_t first_event_;
  std::size_t first_meeting_;
};

// Everything one case needs from the run, shared read-only by the workers.
struct run_context {
  const event_columns_view& ev;
  const case_columns_view& cases;
  const kernel::rules& x;
  std::vector<std::uint32_t> chunk_rows;  // the first row of each chunk of cases (and the end)
  std::vector<std::uint32_t> meeting_offsets, recommendation_offsets;
  std::vector<kernel::meeting_row> meetings;
  std::vector<kernel::reschedule_row> reschedules;
  std::vector<kernel::recommendation_row> recommendations;

  // Case `c`, whose rows are [b, e) (checked by detail::case_rows and row_values). Not inlined
  // into the worker's loop: that costs registers (more loads and stores) for nothing.
  [[gnu::noinline]] void evaluate_case(std::size_t c, std::uint32_t b, std::uint32_t e, bulk_result& r, kernel::row_index& ix) const {
    const std::uint32_t mb = meeting_offsets[c], me = meeting_offsets[c + 1];
    const std::uint32_t rb = recommendation_offsets[c], re = recommendation_offsets[c + 1];
    const column_names names(static_cast<std::int32_t>(b), mb);
    const kernel::case_view v{.case_id = cases.case_id[c],
                              .kind = cases.kind[c],
                              .partial_history = cases.partial_history[c] != 0,
                              .short_breaks = !cases.short_breaks.empty() && cases.short_breaks[c] != 0,
                              .base = static_cast<std::int32_t>(b),
                              .kinds = ev.kind.subspan(b, e - b),
                              .dates = ev.date.subspan(b, e - b),
                              .flags = ev.flags.subspan(b, e - b),
                              .other_dates = ev.other_date.subspan(b, e - b),
                              .meetings = std::span(meetings).subspan(mb, me - mb),
                              .reschedules = reschedules,
                              .recommendations = std::span(recommendations).subspan(rb, re - rb),
                              .names = &names};
    count_sink sink;
    const kernel::result k = kernel::run(v, x, sink, ix);
    if (k.refused_rows) validate(cases, ev);  // throws: a kind that is unknown or not of this case
    r.review_kind[c] = u8(k.review.kind);
    r.review_due[c] = k.review.day;
    r.review_status[c] = u8(k.review.status);
    r.midway_due[c] = k.midway.day;
    r.midway_status[c] = u8(k.midway.status);
    r.visit_due[c] = k.visit.day;
    r.visit_status[c] = u8(k.visit.status);
    r.core_group_due[c] = k.core_group.day;
    r.core_group_status[c] = u8(k.core_group.status);
    r.visit_gaps[c] = k.visit_gaps;
    r.core_group_gaps[c] = k.core_group_gaps;
    if (!k.ended()) {
      sink.add(drift_rule_id::visit_gap, k.visit_gaps);
      sink.add(drift_rule_id::core_group_gap, k.core_group_gaps);
    }
    r.findings[c] = sink.findings;
    r.finding_rules[c] = sink.rules;
  }
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
// How far ahead of the case being evaluated its rows are prefetched (about 30 cases).
constexpr std::uint32_t prefetch_rows = 1200;
// The cases whose rows' values are checked at a time (about 600 rows: in the first-level cache).
constexpr std::size_t check_cases = 16;
// How many cases of each chunk the precomputed tables' first day is sampled from.
constexpr std::size_t chunk_sample = 4;

}  // namespace

namespace {

bulk_result evaluate_columns(const caseload_view& cl, date as_of, const policy& pol, const calendar& cal,
                             const evaluate_options& options) {
  const case_columns_view& cases = cl.cases;
  const event_columns_view& events = cl.events;
  // validate(cl), in parts: the shape here, and each chunk's rows by the worker that evaluates
  // it (detail::case_rows and row_values, while they are in cache, with where each case's rows
  // begin). Any failure runs validate() itself, which throws the error it would have thrown.
  detail::check_shape(cases, events);
  const std::size_t n = cases.size();
  const std::size_t chunks = (n + chunk_cases - 1) / chunk_cases;
  // Where each chunk's rows begin, by binary search (the case indexes are in order, or a
  // worker finds that they are not): chunk k holds the rows of cases [k * 256, (k + 1) * 256).
  // The chunks must cover every row: the first begins at row 0 and the last ends at the end.
  std::vector<std::uint32_t> chunk_rows(chunks + 1, 0);
  {
    const std::int32_t* const ci = events.case_index.data();
    const std::size_t ne = events.case_index.size();
    for (std::size_t k = 0; k <= chunks; ++k) {
      const auto first = static_cast<std::int32_t>(std::min(k * chunk_cases, n));
      chunk_rows[k] = static_cast<std::uint32_t>(std::lower_bound(ci, ci + ne, first) - ci);
    }
    bool ok = chunk_rows[0] == 0 && chunk_rows[chunks] == ne;
    for (std::size_t k = 0; k < chunks && ok; ++k) ok = chunk_rows[k] <= chunk_rows[k + 1];
    if (!ok) validate(cases, events);  // throws
  }
  detail::check_tables(cl);
  kernel::rules x(pol, cal, as_of);
  // Due dates precomputed per calendar day, when that costs less than working them out event by
  // event. The rules add periods to the dates of rows up to the as-of date and to the due dates
  // that follow them (within a review interval or two of it), so the tables run from the
  // earliest first date of a sample of the cases (4 a chunk, found from rows spread evenly
  // over it: each look is a read from memory, and a look at every case would touch as many
  // cache lines as the run) to 400 days after the as-of date. A date outside them is worked
  // out as usual: the tables change the speed, never the answer.
  if (!events.date.empty()) {
    std::int32_t lo = x.as_of;
    for (std::size_t k = 0; k < chunks; ++k) {
      for (std::size_t j = 0; j < chunk_sample; ++j) {
        std::size_t row = chunk_rows[k] + (chunk_rows[k + 1] - chunk_rows[k]) * j / chunk_sample;
        if (row >= chunk_rows[k + 1]) continue;
        // Back to the first row of its case (in the same cache lines, mostly).
        while (row > chunk_rows[k] && events.case_index[row - 1] == events.case_index[row]) --row;
        lo = std::min(lo, events.date[row]);
      }
    }
    const std::int32_t hi = x.as_of + 400;
    if (std::int64_t{hi} - lo < static_cast<std::int64_t>(events.size() / 32)) x.precompute(lo, hi);
  }
  run_context context{.ev = events,
                      .cases = cl.cases,
                      .x = x,
                      .chunk_rows = std::move(chunk_rows),
                      .meeting_offsets = case_offsets(n, cl.meetings.case_index),
                      .recommendation_offsets = case_offsets(n, cl.recommendations.case_index),
                      .meetings = {},
                      .reschedules = {},
                      .recommendations = {}};
  context.meetings.reserve(cl.meetings.size());
  std::int32_t first_reschedule = 0;
  for (std::size_t i = 0; i < cl.meetings.size(); ++i) {
    context.meetings.push_back(kernel::meeting_row{.review = cl.meetings.review[i],
                                                   .arranged_for = cl.meetings.arranged_for[i],
                                                   .scheduled_for = cl.meetings.scheduled_for[i],
                                                   .first_reschedule = first_reschedule,
                                                   .reschedules = cl.meetings.reschedules[i],
                                                   .status = static_cast<meeting_status>(cl.meetings.status[i])});
    first_reschedule += cl.meetings.reschedules[i];
  }
  for (const std::int32_t d : cl.meetings.reschedule_day) context.reschedules.push_back(kernel::reschedule_row{.day = d});
  context.recommendations.reserve(cl.recommendations.size());
  for (std::size_t i = 0; i < cl.recommendations.size(); ++i) {
    context.recommendations.push_back(kernel::recommendation_row{
        .due = cl.recommendations.due[i], .open = cl.recommendations.open[i] != 0, .urgent = cl.recommendations.urgent[i] != 0});
  }
  const run_context& x_run = context;
  bulk_result r;
  resize(r, n);
  r.events = events.size();

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
  // Each thread keeps its own scratch index (not thread_local: no TLS look-up per case).
  auto work_one = [&](std::size_t chunk, kernel::row_index& ix) {
    const std::size_t lo = chunk * chunk_cases, hi = std::min(n, lo + chunk_cases);
    try {
      // A few cases at a time: where their rows begin, then the rows' values, then the kernel,
      // so that the rows are read from the first-level cache after the first look.
      std::array<std::uint32_t, check_cases + 1> offsets;
      std::uint32_t row = x_run.chunk_rows[chunk];
      const std::uint32_t end = x_run.chunk_rows[chunk + 1];
      const auto rows_in = static_cast<std::uint32_t>(events.size());
      std::uint32_t ahead = std::min(rows_in, (row + prefetch_rows) & ~std::uint32_t{15});
      for (std::size_t g = lo; g < hi; g += check_cases) {
        const std::size_t g_end = std::min(hi, g + check_cases);
        const auto group = std::span(offsets).first(g_end - g + 1);
        if (!detail::case_rows(events, row, end, static_cast<std::int32_t>(g), static_cast<std::int32_t>(g_end), group) ||
            !detail::row_values(events, group.front(), group.back())) {
          validate(cases, events);  // throws
        }
        row = group.back();
        for (std::size_t c = g; c < g_end; ++c) {
          // Ask for the rows prefetch_rows ahead of this case's end, a cache line (of the widest
          // column) at a time: the hardware prefetcher stops at each 4 KiB page of each of the five
          // columns, and a line not yet in cache costs the kernel more than all its rules.
          for (const std::uint32_t want = std::min(rows_in, offsets[c - g + 1] + prefetch_rows); ahead < want; ahead += 16) {
            __builtin_prefetch(events.case_index.data() + ahead);
            __builtin_prefetch(events.date.data() + ahead);
            __builtin_prefetch(events.other_date.data() + ahead);
            if (ahead % 32 == 0) __builtin_prefetch(events.flags.data() + ahead);
            if (ahead % 64 == 0) __builtin_prefetch(events.kind.data() + ahead);
          }
          x_run.evaluate_case(c, offsets[c - g], offsets[c - g + 1], r, ix);
        }
      }
      if (row != end) validate(cases, events);  // throws: a row of a case beyond the chunk's
    } catch (...) {
      fail(chunk, std::current_exception());
    }
    done += hi - lo;
  };
  auto worker = [&] {
    kernel::row_index ix;
    for (std::size_t chunk; !stop && (chunk = next++) < chunks;) work_one(chunk, ix);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  std::size_t reported = 0;
  const std::size_t step = std::max<std::size_t>(n / 100, 1);
  try {
    kernel::row_index ix;
    for (std::size_t chunk; !stop && (chunk = next++) < chunks;) {
      work_one(chunk, ix);
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

}  // namespace

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

bulk_result evaluate(const event_columns& events, const case_columns& cases, date as_of, const policy& pol, const calendar& cal,
                     const evaluate_options& options) {
  return evaluate_columns(caseload_view(cases, events), as_of, pol, cal, options);
}

bulk_result evaluate(const caseload_view& cl, date as_of, const policy& pol, const calendar& cal, const evaluate_options& options) {
  return evaluate_columns(cl, as_of, pol, cal, options);
}

bulk_result evaluate(const caseload& cl, date as_of, const policy& pol, const calendar& cal, const evaluate_options& options) {
  return evaluate(to_columns(cl), as_of, pol, cal, options);
}

}  // namespace midway
