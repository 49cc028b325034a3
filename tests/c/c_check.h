/* The C tests' one check: a failed condition is printed with its place and counted; main()
 * returns the count (tests/c/test_c_api.c, test_c_arrow.c). */
#ifndef MIDWAY_TESTS_C_CHECK_H
#define MIDWAY_TESTS_C_CHECK_H

#include <stdio.h>

static int failures = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

#endif
