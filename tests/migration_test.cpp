#include <doctest/doctest.h>
#include <sqlite3.h>

#include "content/store.hpp"
#include "support.hpp"

using content::ContentStore;
using content::OpenMode;

namespace {
int user_version(const std::filesystem::path& db) {
  sqlite3* raw = nullptr;
  sqlite3_open(db.c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const int v = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  return v;
}

void set_user_version(const std::filesystem::path& db, int v) {
  sqlite3* raw = nullptr;
  sqlite3_open(db.c_str(), &raw);
  sqlite3_exec(raw, ("PRAGMA user_version = " + std::to_string(v)).c_str(), nullptr, nullptr,
               nullptr);
  sqlite3_close(raw);
}
}  // namespace

TEST_CASE("migrations: a new cache gets the current schema in WAL mode") {
  test::TempDir dir;
  const auto db = dir / "c.db";
  {
    auto store = ContentStore::open(db, OpenMode::read_write);
    REQUIRE(store.ok());
    CHECK(store->stats().schema_version == content::current_schema_version());
  }
  CHECK(user_version(db) == content::current_schema_version());
  sqlite3* raw = nullptr;
  sqlite3_open(db.c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST_CASE("migrations: reopening is idempotent and keeps content") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  { auto store = test::import_tree(dir / "tree", dir / "c.db"); }
  auto again = ContentStore::open(dir / "c.db", OpenMode::read_write);
  REQUIRE(again.ok());
  CHECK(again->stats().faqs == 2);
  CHECK(user_version(dir / "c.db") == content::current_schema_version());
}

TEST_CASE("migrations: an older cache is upgraded on read-write open") {
  test::TempDir dir;
  { auto store = ContentStore::open(dir / "c.db", OpenMode::read_write); }
  // A schema-0 file: an empty database, as an old program would leave it.
  std::filesystem::remove(dir / "c.db");
  {
    sqlite3* raw = nullptr;
    sqlite3_open((dir / "c.db").c_str(), &raw);
    sqlite3_close(raw);
  }
  auto read_only = ContentStore::open(dir / "c.db", OpenMode::read_only);
  REQUIRE_FALSE(read_only.ok());
  CHECK(read_only.error().message.find("schema version 0") != std::string::npos);
  auto store = ContentStore::open(dir / "c.db", OpenMode::read_write);
  REQUIRE(store.ok());
  CHECK(user_version(dir / "c.db") == content::current_schema_version());
}

TEST_CASE("migrations: a cache from a newer program is refused, not damaged") {
  test::TempDir dir;
  { auto store = ContentStore::open(dir / "c.db", OpenMode::read_write); }
  set_user_version(dir / "c.db", content::current_schema_version() + 5);
  auto store = ContentStore::open(dir / "c.db", OpenMode::read_write);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message.find("newer") != std::string::npos);
  CHECK(user_version(dir / "c.db") == content::current_schema_version() + 5);
}

TEST_CASE("migrations: a file that is not a cache is refused with a reason") {
  test::TempDir dir;
  test::write_file(dir / "junk.db", "this is not a database, just some text long enough......");
  auto store = ContentStore::open(dir / "junk.db", OpenMode::read_only);
  REQUIRE_FALSE(store.ok());
  CHECK_FALSE(store.error().message.empty());
  auto missing = ContentStore::open(dir / "missing.db", OpenMode::read_only);
  CHECK_FALSE(missing.ok());
}
