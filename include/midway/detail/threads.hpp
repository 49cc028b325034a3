// midway/detail/threads.hpp: what a `threads` option means, one way everywhere.
#pragma once

#include <algorithm>
#include <thread>

namespace midway::detail {

// `requested` threads, the calling one included; 0: one per hardware thread (at least 1).
inline unsigned thread_count(unsigned requested) noexcept {
  return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace midway::detail
