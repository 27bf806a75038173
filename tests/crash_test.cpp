// Crash safety: SIGKILL a kioskctl import at random moments; the cache must
// always open with exactly the old or exactly the new content.
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "content/store.hpp"
#include "support.hpp"

namespace {

void write_large_tree(const std::filesystem::path& root, int documents) {
  test::write_file(root / "c.vi.md", test::authoring("id = \"cat-a\"\ntype = \"category\"\n"
                                                     "lang = \"vi\"\ntitle = \"A\"\n",
                                                     ""));
  std::string body;
  for (int i = 0; i < 40; ++i) body += "Thủ tục hải quan điện tử, khai báo và nộp thuế đúng hạn. ";
  for (int i = 0; i < documents; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    test::write_file(root / (id + ".vi.md"),
                     test::authoring("id = \"" + id +
                                         "\"\ntype = \"document\"\nlang = \"vi\"\n"
                                         "category = \"cat-a\"\ntitle = \"Văn bản số " +
                                         std::to_string(i) + "\"\nnumber = \"" + std::to_string(i) +
                                         "/2026/TT-BTC\"\nissuer = \"Bộ "
                                         "Tài chính\"\nissued = 2026-01-01\n",
                                     body));
  }
}

pid_t start_import(const std::filesystem::path& tree, const std::filesystem::path& db) {
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(KIOSKCTL_PATH, KIOSKCTL_PATH, "import", tree.c_str(), "--db", db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

std::string single_text(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string out = "(error)";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace

TEST_CASE("crash safety: SIGKILL during import leaves the old or the new content") {
  const int iterations =
      std::getenv("KIOSK_CRASH_ITERATIONS") ? std::atoi(std::getenv("KIOSK_CRASH_ITERATIONS")) : 25;
  test::TempDir dir;
  test::write_small_tree(dir / "old");
  write_large_tree(dir / "new", 1500);
  const auto pristine = dir / "pristine.db";
  { auto store = test::import_tree(dir / "old", pristine); }
  const auto old_stats =
      content::ContentStore::open(pristine, content::OpenMode::read_only)->stats();

  // How long a whole import takes here, to spread the kills across it.
  const auto db = dir / "c.db";
  std::filesystem::copy_file(pristine, db);
  const auto started = std::chrono::steady_clock::now();
  int status = 0;
  waitpid(start_import(dir / "new", db), &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  const auto new_stats = content::ContentStore::open(db, content::OpenMode::read_only)->stats();
  REQUIRE(new_stats.documents == 1500);

  std::mt19937 rng(42);
  std::uniform_int_distribution<long> when(0, std::max<long>(1, full_ms));
  int saw_old = 0, saw_new = 0;
  for (int i = 0; i < iterations; ++i) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db.string() + suffix);
    }
    std::filesystem::copy_file(pristine, db);
    const pid_t pid = start_import(dir / "new", db);
    std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);

    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    CHECK(single_text(raw, "PRAGMA integrity_check") == "ok");
    sqlite3_close(raw);

    auto store = content::ContentStore::open(db, content::OpenMode::read_write);
    REQUIRE(store.ok());
    const auto s = store->stats();
    const bool is_old = s.documents == old_stats.documents && s.faqs == old_stats.faqs &&
                        s.content_version == old_stats.content_version;
    const bool is_new = s.documents == new_stats.documents && s.faqs == new_stats.faqs &&
                        s.content_version == new_stats.content_version;
    CHECK_MESSAGE((is_old || is_new), "iteration ", i, ": ", s.documents, " documents");
    saw_old += is_old;
    saw_new += is_new;
    // The search index agrees with the content it indexes.
    auto hits = store->search(is_new ? "1499/2026" : "628", content::Lang::vi);
    REQUIRE(hits.ok());
    CHECK_FALSE(hits->empty());
  }
  MESSAGE("killed ", iterations, " imports of ", full_ms, " ms: ", saw_old, " old, ", saw_new,
          " new");
  CHECK(saw_old + saw_new == iterations);
}
