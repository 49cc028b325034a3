// The README's C++ quick start; CTest builds and runs it (examples/CMakeLists.txt).
#include <midway/midway.hpp>
#include <iostream>

int main() {
  using namespace midway;
  const calendar cal(division::england_and_wales, {date(2026, 12, 24)});  // + a Christmas Eve closure
  const date strategy = date::from_iso("2026-12-10");
  const date icpc_due = cal.add_working_days(strategy, working_days(15));  // ICPC: 15 working days
  std::cout << "ICPC due " << icpc_due << "; first RCPC due " << icpc_due + months(3) << "\n";
}
