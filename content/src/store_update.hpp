// The parts of ContentStore::apply_update that are not an import; private
// to content/. Each runs inside the caller's transaction.
#pragma once

#include "content/store.hpp"
#include "sqlite.hpp"

namespace content {

// Removes and upserts items row by row and gives every item touched the
// `serves` bits its languages now call for.
Status apply_changes(const sql::Db& db, const ContentUpdate& update);

// Records the published object of every upserted item and forgets removed
// ones (all of them first when the update replaces all).
Status record_sources(const sql::Db& db, const ContentUpdate& update);

// What no single item can break: entries in a category that exists, a
// ticket prefix used by one service only.
Status check_consistency(const sql::Db& db);

}  // namespace content
