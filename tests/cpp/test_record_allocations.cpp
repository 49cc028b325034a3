// child_case::record allocates nothing when no rule is broken (its rules, src/record_rules.hpp,
// build a message only for an error), given room in the history. Counts the global operator new
// calls of this thread: the replacement below serves the whole test binary, and only counts.
#include "test_support.hpp"

#include <midway/case.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

namespace {
thread_local std::size_t allocations = 0;
}  // namespace

// Every plain form (scalar and array, throwing and nothrow) and its deletes, so that what one of
// them allocates is always freed by its partner (AddressSanitizer checks the pairs); the aligned
// forms stay the runtime's, new and delete alike.
namespace {
void* counted(std::size_t n) noexcept {
  ++allocations;
  return std::malloc(n == 0 ? 1 : n);
}
void* counted_or_throw(std::size_t n) {
  if (void* p = counted(n)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return counted_or_throw(n); }
void* operator new[](std::size_t n) { return counted_or_throw(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace midway;
using midway_test::iso;

namespace {

// Recording `e` on `c`: how many allocations.
std::size_t allocations_of_record(child_case& c, event e) {
  const std::size_t before = allocations;
  c.record(std::move(e));
  return allocations - before;
}

event make(const char* id, event_data data) { return event{.id = event_id(id), .data = std::move(data), .correction = false, .extra = {}}; }

}  // namespace

TEST(RecordAllocations, NoneWhenNoRuleIsBroken) {
  child_case cp(case_id("CP-1"), child_id("C-1"), case_kind::cp);
  cp.reserve_history(8);
  EXPECT_EQ(allocations_of_record(cp, make("e1", s47_enquiry{.date = iso("2026-01-05")})), 0u);
  EXPECT_EQ(allocations_of_record(cp, make("e2", initial_conference{.date = iso("2026-01-20"), .pre_birth = false, .plan_started = true})), 0u);
  EXPECT_EQ(allocations_of_record(
                cp, make("e3", review_conference{.date = iso("2026-04-20"), .plan_continues = true, .midway_date = iso("2026-07-01")})),
            0u);
  EXPECT_EQ(allocations_of_record(cp, make("e4", core_group{.date = iso("2026-02-03"), .agencies = {}})), 0u);
  EXPECT_EQ(allocations_of_record(cp, make("e5", plan_ended{.date = iso("2026-08-01"), .reason = plan_end_reason::other})), 0u);
  EXPECT_EQ(cp.history().size(), 5u);

  child_case lac(case_id("LAC-1"), child_id("C-2"), case_kind::lac);
  lac.reserve_history(4);
  EXPECT_EQ(allocations_of_record(lac, make("e1", started_looked_after{.date = iso("2026-01-05"), .legal_status = {}})), 0u);
  EXPECT_EQ(allocations_of_record(lac, make("e2", lac_review{.date = iso("2026-01-30"), .midway_date = std::nullopt})), 0u);

  // A broken rule builds its message (and the case is unchanged).
  const std::size_t before = allocations;
  EXPECT_THROW(cp.record(make("e6", review_conference{.date = iso("2026-09-01"), .plan_continues = true, .midway_date = std::nullopt})),
               rule_violation_error);
  EXPECT_GT(allocations - before, 0u);
  EXPECT_EQ(cp.history().size(), 5u);
}
