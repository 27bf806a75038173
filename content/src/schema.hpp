// Schema migrations of the content store, applied in order by PRAGMA user_version.
#pragma once

#include "content/result.hpp"
#include "sqlite.hpp"

namespace content {

int schema_version_of(const sql::Db& db);
// Brings `db` to current_schema_version() in one transaction.
Status migrate(const sql::Db& db);

}  // namespace content
