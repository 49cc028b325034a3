# cmake -DABIDW=.. -DABIDIFF=.. -DLIBRARY=libmidway_c.so -DHEADER=midway.h -DSUPPRESSIONS=..
#       -DBASELINE=midway_c.abi -DCURRENT=<build>/midway_c.abi [-DUPDATE=ON] -P check_abi.cmake
# Writes the ABI of LIBRARY (abidw, the types of HEADER only) to CURRENT and compares it with the
# committed BASELINE (abidiff). Fails on an incompatible change (abidiff status bit 8) or an
# error; reports compatible changes (functions added: bit 4) and asks for the baseline to be
# updated. -DUPDATE=ON copies CURRENT over BASELINE. Status 77 (skipped) without libabigail.
if(NOT ABIDW OR NOT ABIDIFF)
  message("SKIP: abidw/abidiff not found (Debian: abigail-tools)")
  cmake_language(EXIT 77)
endif()
execute_process(COMMAND "${ABIDW}" --header-file "${HEADER}" --exported-interfaces-only --suppressions "${SUPPRESSIONS}"
                  --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash --out-file "${CURRENT}"
                  "${LIBRARY}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "abidw failed (${rc})")
endif()
if(UPDATE)
  configure_file("${CURRENT}" "${BASELINE}" COPYONLY)
  message("updated ${BASELINE}")
  return()
endif()
execute_process(COMMAND "${ABIDIFF}" "${BASELINE}" "${CURRENT}" OUTPUT_VARIABLE report RESULT_VARIABLE rc)
message("${report}")
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "abidiff failed: ${rc}")
endif()
math(EXPR broken "${rc} & 11")  # 1 error, 2 usage error, 8 incompatible change
math(EXPR changed "${rc} & 4")
if(broken)
  message(FATAL_ERROR "libmidway_c: incompatible ABI change against tests/abi/midway_c.abi (abidiff status ${rc}). "
                      "Restore the ABI, or bump MIDWAY_C_ABI_VERSION (midway.h, src/c/CMakeLists.txt) and the baseline.")
endif()
if(changed)
  message("libmidway_c: compatible ABI additions; update the baseline: cmake --build --preset dev --target midway_c_abi_baseline")
endif()
