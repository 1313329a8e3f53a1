# Third-party libraries, all from Debian's packages
# (scripts/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(simdjson REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()
find_package(Threads REQUIRED)
# serve's HTTP front end: Boost.Beast on Asio, header-only.
find_package(Boost 1.74 REQUIRED)
# Debian builds cpp-httplib as a shared library (with OpenSSL, zlib and
# Brotli support), so its header must be compiled with the same defines as
# the library: pkg-config carries them, and the library to link. The
# worker's small /metrics listener and the tests' HTTP client use it.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# CLD2 (libcld2-dev) ships no pkg-config or CMake file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(CLD2::CLD2 UNKNOWN IMPORTED)
set_target_properties(CLD2::CLD2 PROPERTIES
  IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
