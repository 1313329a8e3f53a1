# Checks that the functional suites stored in tests/functional/ are exactly
# what scripts/functional/generate.py writes today, so that neither the
# templates nor the stored rows can change without the other: the suites
# are regenerated into OUT_DIR and every file compared byte for byte, and
# a stored suite the generator no longer writes is an error too.
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...) in script mode
file(REMOVE_RECURSE ${OUT_DIR})
execute_process(
  COMMAND ${PYTHON} ${SOURCE_DIR}/scripts/functional/generate.py --out ${OUT_DIR}
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generate.py failed (${status}):\n${output}${errors}")
endif()
file(GLOB generated RELATIVE ${OUT_DIR} ${OUT_DIR}/*.jsonl)
file(GLOB stored RELATIVE ${SOURCE_DIR}/tests/functional
     ${SOURCE_DIR}/tests/functional/*.jsonl)
set(failures "")
foreach(name IN LISTS stored)
  if(NOT name IN_LIST generated)
    list(APPEND failures "tests/functional/${name}: not written by generate.py; delete it or restore its templates")
  endif()
endforeach()
foreach(name IN LISTS generated)
  if(NOT name IN_LIST stored)
    list(APPEND failures "tests/functional/${name}: missing; run scripts/functional/generate.py and commit it")
    continue()
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E compare_files
            ${SOURCE_DIR}/tests/functional/${name} ${OUT_DIR}/${name}
    RESULT_VARIABLE differs)
  if(NOT differs EQUAL 0)
    list(APPEND failures "tests/functional/${name}: differs from what generate.py writes (diff it against ${OUT_DIR}/${name}); run scripts/functional/generate.py and commit both")
  endif()
endforeach()
if(failures)
  list(JOIN failures "\n" message)
  message(FATAL_ERROR "functional suites out of date:\n${message}")
endif()
list(LENGTH generated count)
message(STATUS "${count} functional suite files match the generator")
