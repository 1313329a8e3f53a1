include(GNUInstallDirs)

# Per-target settings: C++23, warnings (as errors with MODFILTER_WERROR) and
# sanitizers (MODFILTER_SANITIZE), applied to our own targets only.

function(modfilter_target_settings target)
  target_compile_features(${target} PUBLIC cxx_std_23)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                         -Wno-missing-field-initializers)
  if(MODFILTER_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(MODFILTER_SANITIZE)
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined
                           -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(MODFILTER_FUZZ)
    # libFuzzer's coverage on every layer, under ASan and UBSan. libstdc++ 12
    # offers <expected> only when __cpp_concepts >= 202002L; clang 16
    # implements what that needs (P0848, conditionally trivial special
    # members) but still reports 201907L, so the fuzz build says so itself.
    target_compile_options(${target} PUBLIC
      -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=all -U__cpp_concepts -D__cpp_concepts=202002L)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# modfilter_library(NAME SOURCES... [DEPS ...]): a layer of the engine as its
# own static library, so that its dependencies are spelled out.
function(modfilter_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(modfilter_${name} STATIC ${ARG_SOURCES})
  add_library(modfilter::${name} ALIAS modfilter_${name})
  target_include_directories(modfilter_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/modfilter>)
  # Installed as modfilter::NAME (cmake/ModfilterInstall.cmake).
  set_target_properties(modfilter_${name} PROPERTIES EXPORT_NAME ${name})
  target_link_libraries(modfilter_${name} PUBLIC ${ARG_PUBLIC_DEPS}
                        PRIVATE ${ARG_PRIVATE_DEPS})
  modfilter_target_settings(modfilter_${name})
endfunction()
