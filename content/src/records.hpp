// What the kiosk records itself in the content file (queue tickets, the
// feedback outbox, search misses): how their connections are opened, and the
// input checks they share. Private to content/.
#pragma once

#include <filesystem>
#include <string_view>

#include "content/result.hpp"
#include "sqlite.hpp"

namespace content::records {

// Opens `file` for reading and writing, creating it if missing: WAL,
// synchronous=FULL (a commit is on disk when it returns), a 5 s busy timeout,
// and the schema brought to current_schema_version(). The search tokenizer is
// registered only when a migration is due (migration 1 creates the search
// index); nothing these connections run needs it.
Result<sql::Db> open_db(const std::filesystem::path& file);

// "YYYY-MM-DD", a date that exists.
bool is_day(std::string_view s);
// "YYYY-MM-DDTHH:MM:SS", local time.
bool is_local_time(std::string_view s);
// "YYYY-MM-DDTHH:MM:SSZ", optionally with a fraction of a second before the Z.
bool is_utc_time(std::string_view s);
// 1 to 64 characters of a-z, 0-9 and '-', like the ids of authoring files.
bool is_service_id(std::string_view s);

}  // namespace content::records
