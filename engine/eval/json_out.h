// JsonOut: a small helper for writing report JSON by appending to a string
// (keys in call order, commas placed for you), shared by the eval and lint
// reports. Strings are escaped by the verdict writer's append_json_string.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "engine/io/json_writer.h"

namespace modfilter {

// Usage: open('{'); string("a", "x"); key("list"); open('[');
// element(); ...; close(']'); close('}'). ratio() writes NaN as null.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  void open(char brace) { out_ += brace; first_ = true; }
  void close(char brace) { out_ += brace; first_ = false; }
  void key(std::string_view name) {
    comma();
    append_json_string(out_, name);
    out_ += ':';
    first_ = true;  // the value that follows needs no comma
  }
  void element() { comma(); first_ = true; }
  void string(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(out_, value);
    first_ = false;
  }
  void number(std::string_view name, std::uint64_t value) {
    key(name);
    out_ += std::to_string(value);
    first_ = false;
  }
  void ratio(std::string_view name, double value) {
    key(name);
    if (std::isnan(value)) {
      out_ += "null";
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.6f", value);
      out_ += buffer;
    }
    first_ = false;
  }
  void boolean(std::string_view name, bool value) {
    raw(name, value ? "true" : "false");
  }
  // An array element already written as JSON (after element()).
  void raw_value(std::string_view json) {
    out_ += json;
    first_ = false;
  }
  void raw(std::string_view name, std::string_view json) {
    key(name);
    out_ += json;
    first_ = false;
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace modfilter
