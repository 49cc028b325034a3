// The fuzz targets' one invariant check: an invariant that does not hold aborts with its text and
// place, so libFuzzer keeps the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                        \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);         \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)
