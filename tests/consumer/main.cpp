#include <midway/midway.hpp>

#include <iostream>

int main() {
  // 15 working days after a strategy discussion on 2026-01-02 (england-and-wales).
  const midway::calendar cal(midway::division::england_and_wales);
  const midway::date due = cal.add_working_days(midway::date(2026, 1, 2), midway::working_days(15));
  std::cout << "consumer ok: " << due << "\n";
  return due == midway::date(2026, 1, 23) ? 0 : 1;
}
