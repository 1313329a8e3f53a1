# cmake -DINPUT=FILE -DOUTPUT=FILE.cpp -DFUNCTION=ns::name -DHEADER=inc.h -P embed_text.cmake
# Writes a C++ file whose function returns INPUT's bytes as a string_view,
# so that a page ships inside the binary with no file to install.
file(READ "${INPUT}" content)
string(FIND "${content}" ")mfembed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )mfembed\"")
endif()
string(REGEX REPLACE "::[^:]*$" "" namespace "${FUNCTION}")
string(REGEX REPLACE "^.*::" "" name "${FUNCTION}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "#include \"${HEADER}\"\n\n"
  "namespace ${namespace} {\n\n"
  "std::string_view ${name}() noexcept {\n"
  "  static constexpr std::string_view kText = R\"mfembed(${content})mfembed\";\n"
  "  return kText;\n"
  "}\n\n"
  "}  // namespace ${namespace}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
