# Build-hygiene targets, linked PRIVATE so they never leak into consumers
# (cpp-best-practices/cmake_template).
add_library(midway_warnings INTERFACE)
target_compile_options(midway_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough>
  $<$<CXX_COMPILER_ID:MSVC>:/W4 /permissive->)
# GCC 12's -O2/-O3 inlining of std::string reports -Wrestrict and -Wstringop-overflow
# false positives inside libstdc++ (GCC bugs 105329, 105651): noise, not midway's code.
target_compile_options(midway_warnings INTERFACE
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict -Wno-stringop-overflow>)
if(MIDWAY_WARNINGS_AS_ERRORS)
  target_compile_options(midway_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Werror> $<$<CXX_COMPILER_ID:MSVC>:/WX>)
endif()

add_library(midway_sanitizers INTERFACE)
if(MIDWAY_SANITIZE)
  target_compile_options(midway_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(midway_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer (the tsan preset): cannot be combined with ASan.
if(MIDWAY_SANITIZE_THREAD)
  if(MIDWAY_SANITIZE)
    message(FATAL_ERROR "MIDWAY_SANITIZE_THREAD and MIDWAY_SANITIZE cannot be combined")
  endif()
  target_compile_options(midway_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(midway_sanitizers INTERFACE -fsanitize=thread)
endif()
