include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MIDWAY_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/midway")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/midway" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS midway_headers midway EXPORT midway-targets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(TARGET midway_cli)
  install(TARGETS midway_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()
install(EXPORT midway-targets NAMESPACE midway:: DESTINATION "${MIDWAY_CMAKE_DIR}")
# The C API in an export set of its own: midway-config.cmake loads it without looking for
# Boost or pugixml, so a C-only project (no C++ compiler) can use it.
if(TARGET midway_c)
  install(TARGETS midway_c EXPORT midway-c-targets
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" NAMELINK_COMPONENT Development
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
    INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
  install(EXPORT midway-c-targets NAMESPACE midway:: DESTINATION "${MIDWAY_CMAKE_DIR}")
endif()

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/midway-config.cmake.in"
  "${PROJECT_BINARY_DIR}/midway-config.cmake" INSTALL_DESTINATION "${MIDWAY_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/midway-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/midway-config.cmake" "${PROJECT_BINARY_DIR}/midway-config-version.cmake"
  DESTINATION "${MIDWAY_CMAKE_DIR}")
