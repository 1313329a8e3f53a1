# cmake --install and cpack -G DEB: the binary, the default rules, the man
# page, the systemd unit for `modfilter serve`, the engine's headers and
# static libraries with a CMake package config (find_package(modfilter) ->
# modfilter::engine) and a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MODFILTER_RULES_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/modfilter/rules)
set(MODFILTER_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/modfilter)

install(TARGETS modfilter RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/
        DESTINATION ${MODFILTER_RULES_INSTALL_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/modfilter.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The unit names the installed binary and rules, so it is written at
# install time, when the prefix is known (cpack installs into /usr).
install(CODE "
  set(CMAKE_INSTALL_FULL_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  set(CMAKE_INSTALL_FULL_DATADIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}\")
  configure_file(${PROJECT_SOURCE_DIR}/packaging/modfilter.service.in
                 ${PROJECT_BINARY_DIR}/packaging/modfilter.service @ONLY)
  file(INSTALL ${PROJECT_BINARY_DIR}/packaging/modfilter.service
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
")

# The engine's layers, in link order (each after the ones that need it).
set(modfilter_exported engine policy scanner compiler normalize ruleset lang
    core)
set(modfilter_exported_targets io)
foreach(layer IN LISTS modfilter_exported)
  list(APPEND modfilter_exported_targets ${layer})
endforeach()
list(TRANSFORM modfilter_exported_targets PREPEND modfilter_)
install(TARGETS ${modfilter_exported_targets} EXPORT modfilterTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/modfilter/engine
        FILES_MATCHING PATTERN "*.h")
install(EXPORT modfilterTargets NAMESPACE modfilter::
        DESTINATION ${MODFILTER_CMAKE_INSTALL_DIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/packaging/modfilterConfig.cmake.in
  ${PROJECT_BINARY_DIR}/packaging/modfilterConfig.cmake
  INSTALL_DESTINATION ${MODFILTER_CMAKE_INSTALL_DIR}
  PATH_VARS MODFILTER_RULES_INSTALL_DIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/packaging/modfilterConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/packaging/modfilterConfig.cmake
              ${PROJECT_BINARY_DIR}/packaging/modfilterConfigVersion.cmake
        DESTINATION ${MODFILTER_CMAKE_INSTALL_DIR})

set(MODFILTER_PC_LIBS -lmodfilter_io)
foreach(layer IN LISTS modfilter_exported)
  string(APPEND MODFILTER_PC_LIBS " -lmodfilter_${layer}")
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/packaging/modfilter.pc.in
               ${PROJECT_BINARY_DIR}/packaging/modfilter.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/modfilter.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB: one package; dpkg-shlibdeps works out the libraries the
# binary needs, and the -dev packages the headers and static libraries
# need are listed by hand (an engine user links them).
set(CPACK_PACKAGE_NAME modfilter)
set(CPACK_PACKAGE_VENDOR "modfilter")
set(CPACK_PACKAGE_CONTACT "modfilter maintainers <modfilter@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "comment-moderation filter: YAML rules compiled into Hyperscan")
set(CPACK_PACKAGE_DESCRIPTION "modfilter screens user comments (profanity, \
threats, abuse, promotion) with a YAML rule set compiled into Hyperscan: a \
command line, an HTTP service (systemd unit modfilter.service), a Redis \
Streams worker, a Python module and a C++ library (find_package(modfilter)).")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS systemd)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3 (>= 3.11), python3 (<< 3.12), libhyperscan-dev, libyaml-cpp-dev, libre2-dev, libicu-dev, libsimdjson-dev, libcld2-dev")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
