// What kiosks upload to /api/v1/, parsed and validated from JSON bodies.
//
// Every parse_* function is strict: the body must be one JSON object with
// exactly the documented fields (none missing, none unknown), each of the
// right type and within its limits. On failure the Error is one line that
// names the field, e.g. `rating: must be an integer from 1 to 4` or
// `misses[3].query: must not contain digits`. They never throw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"

namespace kiosk_server {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxCommentBytes = 1000;
inline constexpr std::size_t kMaxLastErrorBytes = 500;
inline constexpr std::size_t kMaxMissRows = 1000;

// One visitor's feedback. `uuid` is its idempotency key.
struct Feedback {
  std::string uuid;     // lower-case UUID v4
  std::string kiosk;    // 1..64 of [a-z0-9-]
  int rating = 0;       // 1..4
  std::string service;  // "" or 1..64 of [a-z0-9-]
  std::string comment;  // NFC, at most kMaxCommentBytes
  std::string created;  // YYYY-MM-DDTHH:MM:SSZ

  bool operator==(const Feedback&) const = default;
};

// A kiosk's periodic "I am alive, and this is how I am".
struct Heartbeat {
  std::string kiosk;
  std::string app_version;  // 1..32 of [0-9A-Za-z.+~-]
  std::int64_t content_version = 0;
  std::string last_sync;   // YYYY-MM-DDTHH:MM:SSZ or "" (never synced)
  std::string last_error;  // at most kMaxLastErrorBytes, may be ""
  std::int64_t outbox = 0;
  std::int64_t free_disk_bytes = 0;
  std::int64_t uptime_s = 0;
  std::string sent;  // YYYY-MM-DDTHH:MM:SSZ, by the kiosk's clock
};

// Searches that found nothing, as the kiosk counts them: cumulative per
// (day, query), so a later count for the same pair replaces an earlier one.
struct MissCount {
  std::string query;       // 3..64 bytes, no ASCII digit (the kiosk masks them as '#')
  std::string day;         // YYYY-MM-DD
  std::int64_t count = 0;  // 1..1000000
};

struct MissBatch {
  std::string kiosk;
  std::vector<MissCount> misses;  // at most kMaxMissRows
};

content::Result<Feedback> parse_feedback(std::string_view body);
content::Result<Heartbeat> parse_heartbeat(std::string_view body);
content::Result<MissBatch> parse_search_misses(std::string_view body);

// `text` (stored from an upload) as it may be printed on a terminal: control
// characters (C0, DEL, C1) and bidirectional formatting characters replaced
// by U+FFFD, invalid UTF-8 as "(not UTF-8)". Uploads refuse them now; rows
// stored by older servers may still hold them.
std::string shown_safely(std::string_view text);

// "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx", lower-case hex only.
bool is_uuid_v4(std::string_view text);

}  // namespace kiosk_server
