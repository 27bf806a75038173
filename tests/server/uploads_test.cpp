// The pieces under the API, without HTTP: times, UUIDs, CSV cells.
#include <doctest/doctest.h>

#include "kiosk_server/csv.hpp"
#include "kiosk_server/uploads.hpp"
#include "kiosk_server/utc_time.hpp"

using namespace kiosk_server;

TEST_CASE("utc time: strict format and real dates only") {
  CHECK(parse_utc("2026-11-23T08:00:00Z") == std::optional<std::time_t>(1795420800));
  CHECK(format_utc(1795420800) == "2026-11-23T08:00:00Z");
  CHECK(parse_utc("2028-02-29T23:59:59Z"));
  CHECK_FALSE(parse_utc("2026-02-29T00:00:00Z"));
  CHECK_FALSE(parse_utc("2100-02-29T00:00:00Z"));
  CHECK(parse_utc("2000-02-29T00:00:00Z"));
  CHECK_FALSE(parse_utc("2026-04-31T00:00:00Z"));
  CHECK_FALSE(parse_utc("2026-11-23T08:00:60Z"));
  CHECK_FALSE(parse_utc("2026-11-23t08:00:00z"));
  CHECK_FALSE(parse_utc("2026-11-23T08:00:00"));
  CHECK_FALSE(parse_utc("+026-11-23T08:00:00Z"));
  CHECK_FALSE(parse_utc(""));
  CHECK(is_day("2026-11-23"));
  CHECK_FALSE(is_day("2026-11-23T"));
  CHECK_FALSE(is_day("2026-00-10"));
}

TEST_CASE("uuid: lower-case version 4 with the RFC 4122 variant only") {
  CHECK(is_uuid_v4("3f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5f"));
  CHECK(is_uuid_v4("3f2c6a1e-9b7d-4c2a-be4f-0a1b2c3d4e5f"));
  CHECK_FALSE(is_uuid_v4("3f2c6a1e-9b7d-4c2a-ce4f-0a1b2c3d4e5f"));
  CHECK_FALSE(is_uuid_v4("3f2c6a1e-9b7d-5c2a-8e4f-0a1b2c3d4e5f"));
  CHECK_FALSE(is_uuid_v4("3f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5F"));
  CHECK_FALSE(is_uuid_v4("3f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5f0"));
  CHECK_FALSE(is_uuid_v4("3f2c6a1e+9b7d-4c2a-8e4f-0a1b2c3d4e5f"));
}

TEST_CASE("csv cell: plain text stays, separators are quoted, formulas get a quote") {
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("Rất tốt") == "Rất tốt");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
  CHECK(csv_cell("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_cell("=1+1") == "'=1+1");
  CHECK(csv_cell("+84 90") == "'+84 90");
  CHECK(csv_cell("-") == "'-");
  CHECK(csv_cell("@x") == "'@x");
  CHECK(csv_cell("\tx") == "'\tx");
  CHECK(csv_cell("\rx") == "\"'\rx\"");
  CHECK(csv_cell("=a,b") == "\"'=a,b\"");
  CHECK(csv_cell("a=b") == "a=b");
}

TEST_CASE("uploads: an unknown field name with control characters is not echoed") {
  auto r = parse_heartbeat("{\"bad\\nname\":1}");
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "(a field name): is not a known field");
}

TEST_CASE("uploads: deeply nested JSON is refused without a crash") {
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  auto r = parse_feedback(deep);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "body: must be a JSON object");
}
