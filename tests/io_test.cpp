#include <catch2/catch.hpp>

#include <sstream>

#include "engine/core/utf8.h"
#include "engine/io/comment_reader.h"
#include "engine/io/csv.h"
#include "engine/io/json_writer.h"

using namespace modfilter;

namespace {

std::vector<InputRecord> read_all(const std::string& input,
                                  ReaderOptions options = {}) {
  std::istringstream in(input);
  CommentReader reader(in, "input", options);
  std::vector<InputRecord> out;
  InputRecord record;
  while (reader.next(record)) {
    InputRecord copy = record;
    // Views die with the next read: keep the text in the copy's members.
    copy.members_json = std::string(record.text) + "|" + record.members_json;
    out.push_back(std::move(copy));
  }
  return out;
}

}  // namespace

TEST_CASE("JSON Lines: text, id and the other fields are read; bad lines "
          "become errors with their line number", "[io]") {
  const auto records = read_all(
      "{\"id\":\"a\",\"text\":\"hi \\u00e9\",\"n\":1}\n"
      "\n"
      "not json\n"
      "{\"id\":7,\"body\":\"x\"}\n"
      "[1,2]\n"
      "{\"text\":5}\n"
      "{\"id\":\"b\",\"text\":\"ok\"}\n");
  REQUIRE(records.size() == 6);
  CHECK(records[0].line == 1);
  CHECK(records[0].id_json == "\"a\"");
  CHECK(records[0].members_json == "hi \xc3\xa9|\"id\":\"a\",\"text\":\"hi \\u00e9\",\"n\":1");
  CHECK(records[1].line == 3);
  REQUIRE(records[1].error);
  CHECK(records[1].error->message.starts_with("not valid JSON"));
  REQUIRE(records[2].error);
  CHECK(records[2].error->message == "no 'text' field");
  CHECK(records[2].line == 4);
  REQUIRE(records[3].error);
  CHECK(records[3].error->message == "the line is JSON but not an object");
  REQUIRE(records[4].error);
  CHECK(records[4].error->message == "field 'text' is not a string");
  CHECK_FALSE(records[5].error);
  CHECK(records[5].line == 7);
}

TEST_CASE("JSON Lines: verdict fields of the input are dropped so the output "
          "has each key once", "[io]") {
  const auto records =
      read_all("{\"text\":\"x\",\"verdict\":\"reject\",\"keep\":true}\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].members_json == "x|\"text\":\"x\",\"keep\":true");
}

TEST_CASE("JSON Lines: invalid UTF-8 is screened as U+FFFD, not refused",
          "[io]") {
  const auto records = read_all("{\"text\":\"bad \xff byte\"}\n");
  REQUIRE(records.size() == 1);
  CHECK_FALSE(records[0].error);
  CHECK(records[0].members_json.starts_with("bad \xef\xbf\xbd byte|"));
}

TEST_CASE("JSON Lines: a line over the size limit is an error, and the next "
          "line is read", "[io]") {
  ReaderOptions options;
  options.max_text_bytes = 20;
  const auto records = read_all(
      "{\"text\":\"" + std::string(50, 'x') + "\"}\n{\"text\":\"ok\"}\n", options);
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].error);
  CHECK(records[0].error->message.find("over the limit") != std::string::npos);
  CHECK_FALSE(records[1].error);
}

TEST_CASE("CSV: quoted fields, doubled quotes and line breaks in quotes",
          "[io]") {
  ReaderOptions options;
  options.format = InputFormat::kCsv;
  const auto records = read_all(
      "id,text\r\n1,\"a, \"\"b\"\"\"\r\n2,\"two\nlines\"\n3,plain\n", options);
  REQUIRE(records.size() == 3);
  CHECK(records[0].members_json.starts_with("a, \"b\"|"));
  CHECK(records[0].id_json == "\"1\"");
  CHECK(records[1].members_json.starts_with("two\nlines|"));
  CHECK(records[2].line == 5);
}

TEST_CASE("CSV: a header without the text column is an error per row", "[io]") {
  ReaderOptions options;
  options.format = InputFormat::kCsv;
  const auto records = read_all("id,body\n1,x\n", options);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].error);
}

TEST_CASE("plain text: one comment per line, numbered", "[io]") {
  ReaderOptions options;
  options.format = InputFormat::kText;
  const auto records = read_all("first\r\nsecond\n", options);
  REQUIRE(records.size() == 2);
  CHECK(records[1].id_json == "2");
  CHECK(records[1].members_json == "second|");
}

TEST_CASE("JSON strings are escaped and invalid UTF-8 becomes U+FFFD", "[io]") {
  std::string out;
  append_json_string(out, std::string("a\"\\\n\t\x01\x7f\xc3\xa9\xff", 10));
  CHECK(out == "\"a\\\"\\\\\\n\\t\\u0001\\u007f\xc3\xa9\xef\xbf\xbd\"");
}

TEST_CASE("repair_utf8 keeps valid text and replaces each bad byte", "[io]") {
  std::string ok = "caf\xc3\xa9";
  CHECK_FALSE(repair_utf8(ok));
  std::string bad = "a\xc3\x28\xed\xa0\x80z";  // truncated, then a surrogate
  CHECK(repair_utf8(bad));
  CHECK(bad == "a\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
}
