// midway/version.hpp: the library version (kept equal to project(VERSION) in CMakeLists.txt;
// tests/cpp/test_version.cpp checks it).
#pragma once

#define MIDWAY_VERSION_MAJOR 0
#define MIDWAY_VERSION_MINOR 1
#define MIDWAY_VERSION_PATCH 0
#define MIDWAY_VERSION_STRING "0.1.0"

namespace midway {
inline constexpr const char* version = MIDWAY_VERSION_STRING;
}
