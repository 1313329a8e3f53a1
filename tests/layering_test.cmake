# Checks the layer rules of DESIGN.md on the includes of every source file:
# the engine never includes cli/ or service/, the rule model never includes
# Hyperscan, and only compiler/ and scanner/ (and benchmarks) talk to it.
# Then compiles the front door, engine/engine.h, on its own where every
# Hyperscan header is an #error: it must stand alone, hide Hyperscan, and
# read of the compiler and scanner only compile_stats.h and scan_options.h.
file(GLOB_RECURSE files "${SOURCE_DIR}/engine/*.h" "${SOURCE_DIR}/engine/*.cpp")
set(failures "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" includes REGEX "^#include")
  file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
  foreach(line IN LISTS includes)
    if(line MATCHES "\"(cli|service)/")
      list(APPEND failures "${rel}: the engine includes a front end: ${line}")
    endif()
    if(line MATCHES "<hs/|<hs\\.h>|hs_handles\\.h" AND
       NOT rel MATCHES "^engine/(compiler|scanner)/")
      list(APPEND failures "${rel}: only compiler/ and scanner/ may include Hyperscan: ${line}")
    endif()
  endforeach()
  if(rel MATCHES "^engine/(ruleset|normalize|core|lang)/")
    foreach(line IN LISTS includes)
      if(line MATCHES "\"engine/(compiler|scanner|policy|io|audit|eval|lint)/")
        list(APPEND failures "${rel}: a lower layer includes a higher one: ${line}")
      endif()
    endforeach()
  endif()
endforeach()
if(failures)
  list(JOIN failures "\n" message)
  message(FATAL_ERROR "layering violations:\n${message}")
endif()

if(NOT CXX_COMPILER OR NOT BINARY_DIR)
  message(FATAL_ERROR "layering: give -DCXX_COMPILER and -DBINARY_DIR")
endif()
set(poison "${BINARY_DIR}/layering_poison")
foreach(header hs/hs.h hs/hs_common.h hs/hs_compile.h hs/hs_runtime.h hs.h)
  file(WRITE "${poison}/${header}"
       "#error engine/engine.h includes Hyperscan (${header})\n")
endforeach()
file(WRITE "${poison}/engine_header_alone.cpp" "#include \"engine/engine.h\"\n")
# -H lists every header the front door reads, however deep.
execute_process(
  COMMAND "${CXX_COMPILER}" -std=c++23 -fsyntax-only -H -Wall -Wextra -Werror
          -I "${poison}" -I "${poison}/hs" -I "${SOURCE_DIR}"
          "${poison}/engine_header_alone.cpp"
  RESULT_VARIABLE compiled
  OUTPUT_VARIABLE compile_output
  ERROR_VARIABLE compile_output)
if(NOT compiled EQUAL 0)
  message(FATAL_ERROR
          "engine/engine.h does not compile on its own without Hyperscan:\n"
          "${compile_output}")
endif()
# Of the compiler and the scanner it shows only their options and stats.
string(REGEX MATCHALL "engine/(compiler|scanner)/[a-z_]+\\.h" internals
       "${compile_output}")
list(REMOVE_ITEM internals engine/compiler/compile_stats.h
     engine/scanner/scan_options.h)
if(internals)
  list(REMOVE_DUPLICATES internals)
  list(JOIN internals ", " names)
  message(FATAL_ERROR "engine/engine.h includes the internals ${names}")
endif()
message(STATUS "layering: engine/engine.h compiles alone, without Hyperscan")
list(LENGTH files count)
message(STATUS "layering: the includes of ${count} engine files follow the layer rules")
