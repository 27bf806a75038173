// Searches that found nothing, counted per day, so staff can see what
// visitors looked for and did not find.
//
// Privacy rule. What a visitor types may hold a name, a phone, passport or
// declaration number. Only a reduced form of it is ever stored:
//   - folded for search (lower case, no tone or vowel marks, đ -> d),
//   - every digit, of any script, and every other number character (², ½, ①)
//     replaced by '#', so no number survives, only its length,
//   - trimmed, runs of white space and control characters collapsed to one
//     space,
//   - cut to at most 64 bytes at a character boundary,
//   - and kept only when it still has at least 3 characters (code points).
// Nothing else is stored with it: no time of day, no session, no kiosk id;
// only the local day and how many times that day it was searched for.
// The database's CHECK constraints refuse a query with a digit in it, under
// 3 characters or over 64 bytes. Words alone (a name) do survive the rule:
// forget_before() is how they stop being kept.
//
// A SearchMisses is used from one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"

namespace content {

struct SearchMiss {
  std::string query;  // the reduced form described above
  std::string day;    // local day, YYYY-MM-DD
  int count = 0;      // searches for `query` that day that found nothing
};

// What the privacy rule keeps of `visitor_text`; empty when nothing is kept
// (under 3 characters, or not valid UTF-8).
// "  Tờ khai  SỐ 10123456789 " -> "to khai so ###########".
std::string search_miss_query(std::string_view visitor_text);

class SearchMisses {
 public:
  // Opens (creating and migrating if needed) the kiosk's content file.
  static Result<SearchMisses> open(const std::filesystem::path& file);

  SearchMisses(SearchMisses&&) noexcept;
  SearchMisses& operator=(SearchMisses&&) noexcept;
  ~SearchMisses();

  // Counts one search for `visitor_text` that found nothing on `local_day`.
  // Text the rule keeps nothing of is not counted and is not an error.
  // An Error when `visitor_text` is not valid UTF-8 or `local_day` is not a
  // date YYYY-MM-DD.
  Status record(std::string_view visitor_text, std::string_view local_day);

  // Up to `limit` (query, day) counts, most counted first, then newest day,
  // then by query. Empty when unreadable.
  std::vector<SearchMiss> list(int limit) const;

  // Deletes every count of a day before `day` (YYYY-MM-DD).
  Status forget_before(std::string_view day);

 private:
  struct Impl;
  explicit SearchMisses(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace content
