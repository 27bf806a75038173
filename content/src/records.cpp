#include "records.hpp"

#include <string>

#include "content/store.hpp"
#include "schema.hpp"
#include "search_tokenizer.hpp"

namespace content::records {
namespace {

bool digits_at(std::string_view s, std::size_t pos, std::size_t n, int& value) {
  value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

Result<sql::Db> open_db(const std::filesystem::path& file) {
  auto opened = sql::Db::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!opened) return opened.error();
  sql::Db db = std::move(opened).value();
  if (auto s = db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"); !s) {
    return Error{file.string() + ": " + s.error().message};
  }
  const int version = schema_version_of(db);
  if (version < 0) {
    return Error{file.string() + " is not a kiosk content cache: " + db.last_error()};
  }
  if (version < current_schema_version()) {
    if (auto s = register_search_tokenizer(db.get()); !s) {
      return Error{file.string() + ": " + s.error().message};
    }
  }
  if (auto s = migrate(db); !s) return Error{file.string() + ": " + s.error().message};
  return db;
}

bool is_day(std::string_view s) {
  int year = 0, month = 0, day = 0;
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 0, 4, year) &&
         digits_at(s, 5, 2, month) && digits_at(s, 8, 2, day) && year >= 1 && month >= 1 &&
         month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool is_local_time(std::string_view s) {
  int hour = 0, minute = 0, second = 0;
  return s.size() == 19 && is_day(s.substr(0, 10)) && s[10] == 'T' && s[13] == ':' &&
         s[16] == ':' && digits_at(s, 11, 2, hour) && digits_at(s, 14, 2, minute) &&
         digits_at(s, 17, 2, second) && hour < 24 && minute < 60 && second < 60;
}

bool is_utc_time(std::string_view s) {
  if (s.size() < 20 || !is_local_time(s.substr(0, 19)) || s.back() != 'Z') return false;
  const auto fraction = s.substr(19, s.size() - 20);
  if (fraction.empty()) return true;
  int ignored = 0;
  return fraction.size() >= 2 && fraction.size() <= 10 && fraction[0] == '.' &&
         digits_at(fraction, 1, fraction.size() - 1, ignored);
}

bool is_service_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace content::records
