# cmake -DABIDW=.. -DABIDIFF=.. -DLIBRARY=libmidway_c.so -DHEADER=midway.h -DSUPPRESSIONS=..
#       -DBASELINE=midway_c.abi -DCURRENT=<build>/midway_c.abi [-DUPDATE=ON] -P check_abi.cmake
# Writes the ABI of LIBRARY (abidw, the types of HEADER only) to CURRENT and compares it with the
# committed BASELINE (abidiff). Fails on any change but added functions (a removed or changed
# function, a changed struct or enum) or an error; reports added functions and asks for the
# baseline to be updated. -DUPDATE=ON copies CURRENT over BASELINE. Status 77 (skipped) without
# libabigail.
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
# Everything but added functions must be as in the baseline: abidiff reports a changed layout of a
# type reached through a pointer (midway_error) as an "ABI change" (status bit 4), not as an
# incompatible one (bit 8), so any status other than 0 fails here.
execute_process(COMMAND "${ABIDIFF}" --no-added-syms "${BASELINE}" "${CURRENT}" OUTPUT_VARIABLE report RESULT_VARIABLE rc)
message("${report}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "libmidway_c: the ABI changed against tests/abi/midway_c.abi (abidiff status ${rc}). "
                      "Restore it, or bump MIDWAY_C_ABI_VERSION (midway.h, src/c/CMakeLists.txt) and the baseline.")
endif()
# Added functions are compatible: reported, with how to record them in the baseline.
execute_process(COMMAND "${ABIDIFF}" "${BASELINE}" "${CURRENT}" OUTPUT_VARIABLE report RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message("${report}")
  message("libmidway_c: functions added; record them in the baseline: "
          "cmake --build --preset dev --target midway_c_abi_baseline")
endif()
