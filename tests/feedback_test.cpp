// The feedback outbox (durable before "thank you", UUIDs, validation, a
// SIGKILL while adding) and search misses (the privacy rule, counting).
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "content/feedback_outbox.hpp"
#include "content/search_misses.hpp"
#include "support.hpp"

using content::FeedbackOutbox;
using content::SearchMisses;

namespace {

constexpr const char* kNow = "2026-03-02T01:30:00Z";

FeedbackOutbox open_outbox(const std::filesystem::path& db) {
  auto o = FeedbackOutbox::open(db);
  REQUIRE_MESSAGE(o.ok(), (o.ok() ? "" : o.error().message));
  return std::move(o).value();
}

SearchMisses open_misses(const std::filesystem::path& db) {
  auto m = SearchMisses::open(db);
  REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().message));
  return std::move(m).value();
}

bool is_uuid_v4(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

std::string single_text(const std::filesystem::path& db, const char* sql) {
  sqlite3* raw = nullptr;
  std::string out = "(error)";
  if (sqlite3_open(db.c_str(), &raw) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(raw);
  return out;
}

std::vector<std::string> queries_of(const std::vector<content::SearchMiss>& misses) {
  std::vector<std::string> out;
  for (const auto& m : misses) out.push_back(m.query + " " + m.day + " " + std::to_string(m.count));
  return out;
}

}  // namespace

// ---- feedback outbox ---------------------------------------------------------

TEST_CASE("feedback: added, listed oldest first, removed after acknowledgement") {
  test::TempDir dir;
  auto outbox = open_outbox(dir / "c.db");
  CHECK(outbox.pending_count() == 0);
  auto a = outbox.add(1, "svc-tiep-nhan", "Nhân viên rất nhiệt tình.", kNow);
  auto b = outbox.add(4, "", "", "2026-03-02T01:31:00.250Z");
  auto c = outbox.add(2, "svc-a", "", "2026-03-02T01:32:00Z");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(outbox.pending_count() == 3);

  auto pending = outbox.pending(10);
  REQUIRE(pending.size() == 3);
  CHECK(pending[0].uuid == *a);
  CHECK(pending[0].rating == 1);
  CHECK(pending[0].service_id == "svc-tiep-nhan");
  CHECK(pending[0].comment == "Nhân viên rất nhiệt tình.");
  CHECK(pending[0].created_at == kNow);
  CHECK(pending[1].uuid == *b);
  CHECK(pending[1].rating == 4);
  CHECK(pending[1].service_id == "");
  CHECK(pending[1].comment == "");
  CHECK(pending[2].uuid == *c);
  CHECK(outbox.pending(2).size() == 2);
  CHECK(outbox.pending(0).empty());

  CHECK(outbox.remove(*a).ok());
  CHECK(outbox.remove(*a).ok());                                      // a repeated acknowledgement
  CHECK(outbox.remove("00000000-0000-4000-8000-000000000000").ok());  // unknown
  CHECK(outbox.pending_count() == 2);
  pending = outbox.pending(10);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].uuid == *b);
  CHECK(pending[1].uuid == *c);
  // Newer than anything removed, still after what is left.
  auto d = outbox.add(3, "", "", kNow);
  REQUIRE(d.ok());
  CHECK(outbox.pending(10).back().uuid == *d);
}

TEST_CASE("feedback: entries survive closing and reopening") {
  test::TempDir dir;
  std::string uuid;
  {
    auto outbox = open_outbox(dir / "c.db");
    auto added = outbox.add(2, "svc-a", "Chờ hơi lâu.", kNow);
    REQUIRE(added.ok());
    uuid = *added;
  }
  auto again = open_outbox(dir / "c.db");
  auto pending = again.pending(10);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].uuid == uuid);
  CHECK(pending[0].comment == "Chờ hơi lâu.");
  CHECK(pending[0].rating == 2);
}

TEST_CASE("feedback: every entry gets its own UUID v4") {
  test::TempDir dir;
  auto outbox = open_outbox(dir / "c.db");
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto uuid = outbox.add(1 + i % 4, "", "", kNow);
    REQUIRE(uuid.ok());
    CHECK_MESSAGE(is_uuid_v4(*uuid), *uuid);
    seen.insert(*uuid);
  }
  CHECK(seen.size() == 50);
  CHECK(outbox.pending_count() == 50);
}

TEST_CASE("feedback: bad input is refused and nothing is stored") {
  test::TempDir dir;
  auto outbox = open_outbox(dir / "c.db");
  const auto refused = [&](int rating, std::string_view service, std::string_view comment,
                           std::string_view created_at) {
    auto r = outbox.add(rating, service, comment, created_at);
    if (r) return false;
    CHECK(r.error().message.find("feedback not stored") != std::string::npos);
    return true;
  };
  CHECK(refused(0, "", "", kNow));
  CHECK(refused(5, "", "", kNow));
  CHECK(refused(-1, "", "", kNow));
  CHECK(refused(1, "", "bad \xC3\x28 byte", kNow));
  CHECK(refused(1, "", "overlong \xC0\xAF slash", kNow));
  CHECK(refused(1, "", "surrogate \xED\xA0\x80", kNow));
  CHECK(refused(1, "", std::string(1001, 'x'), kNow));
  CHECK(refused(1, "SVC A", "", kNow));
  CHECK(refused(1, "", "", "2026-03-02T08:30:00"));        // no Z: local time
  CHECK(refused(1, "", "", "2026-03-02T08:30:00+07:00"));  // not UTC
  CHECK(refused(1, "", "", "yesterday"));
  CHECK(outbox.pending_count() == 0);

  // The limit is on bytes: 333 three-byte characters plus one byte fit.
  std::string longest;
  for (int i = 0; i < 333; ++i) longest += "ệ";
  longest += ".";
  REQUIRE(longest.size() == 1000);
  CHECK(outbox.add(1, "", longest, kNow).ok());
  CHECK(refused(1, "", longest + "x", kNow));
  CHECK(outbox.pending_count() == 1);
}

TEST_CASE("feedback: a decomposed (NFD) comment is stored composed (NFC)") {
  test::TempDir dir;
  auto outbox = open_outbox(dir / "c.db");
  // "Tốt" with the o, its circumflex and its acute accent as three code points.
  const std::string nfd = "To\xCC\x82\xCC\x81t";
  REQUIRE(outbox.add(1, "", nfd, kNow).ok());
  auto pending = outbox.pending(1);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].comment == "T\xE1\xBB\x91t");  // U+1ED1
  CHECK(pending[0].comment == "Tốt");
}

TEST_CASE("feedback: SIGKILL while adding loses nothing that was acknowledged") {
  test::TempDir dir;
  const auto db = dir / "c.db";
  { auto outbox = open_outbox(db); }  // created before the child starts
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    auto outbox = FeedbackOutbox::open(db);
    if (!outbox) _exit(1);
    for (int i = 0;; ++i) {
      auto uuid = outbox->add(1 + i % 4, "svc-a", "Phản hồi số " + std::to_string(i), kNow);
      if (!uuid) _exit(2);
      const std::string line = *uuid + "\n";  // one write of 37 bytes: atomic on a pipe
      if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(3);
    }
  }
  close(fds[1]);
  // Start the clock once the child is adding, then kill it mid-stream while
  // reading what it reported.
  std::string reported;
  char buf[4096];
  const auto read_some = [&]() {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) reported.append(buf, static_cast<std::size_t>(n));
    return n;
  };
  while (reported.find('\n') == std::string::npos && read_some() > 0) {
  }
  std::thread killer([pid]() {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(pid, SIGKILL);
  });
  while (read_some() > 0) {
  }
  killer.join();
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  std::vector<std::string> uuids;
  std::size_t start = 0;
  for (std::size_t nl; (nl = reported.find('\n', start)) != std::string::npos; start = nl + 1) {
    uuids.push_back(reported.substr(start, nl - start));
  }
  CHECK(start == reported.size());  // whole lines only
  REQUIRE_FALSE(uuids.empty());
  MESSAGE("the child reported ", uuids.size(), " feedback entries before SIGKILL");

  CHECK(single_text(db, "PRAGMA integrity_check") == "ok");
  auto outbox = open_outbox(db);
  const auto pending = outbox.pending(1'000'000);
  std::set<std::string> stored;
  for (const auto& e : pending) stored.insert(e.uuid);
  // At most one more: the add the child finished before it could report it.
  CHECK(pending.size() >= uuids.size());
  CHECK(pending.size() <= uuids.size() + 1);
  int missing = 0;
  for (const auto& u : uuids) missing += stored.count(u) == 0;
  CHECK(missing == 0);
}

// ---- search misses -------------------------------------------------------------

TEST_CASE("search misses: the query is folded, trimmed and its white space collapsed") {
  CHECK(content::search_miss_query("Thủ Tục HẢI QUAN") == "thu tuc hai quan");
  CHECK(content::search_miss_query("  Đường \t biển\n ") == "duong bien");
  // Decomposed input folds the same.
  CHECK(content::search_miss_query("Thu\xCC\x89 tu\xCC\xA3"
                                   "c") == "thu tuc");
  CHECK(content::search_miss_query("hàng\xC2\xA0\xE2\x80\x83hóa") == "hang hoa");  // NBSP, em space
  CHECK(content::search_miss_query("mi\xE2\x80\x8Bễn thuế") == "mien thue");  // zero-width space
}

TEST_CASE("search misses: every digit is masked") {
  CHECK(content::search_miss_query("Tờ khai 10123456789") == "to khai ###########");
  CHECK(content::search_miss_query("0912 345 678") == "#### ### ###");
  CHECK(content::search_miss_query("628/QĐ-TTg") == "###/qd-ttg");
  CHECK(content::search_miss_query("hộ chiếu B1234567") == "ho chieu b#######");
  // Digits of other scripts and other number characters too.
  CHECK(content::search_miss_query("số \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93") ==
        "so ###");                                                        // fullwidth
  CHECK(content::search_miss_query("m\xC2\xB2 \xE2\x91\xA0") == "m# #");  // ² ①
}

TEST_CASE("search misses: under three characters nothing is kept; at most 64 bytes") {
  CHECK(content::search_miss_query("") == "");
  CHECK(content::search_miss_query("   ") == "");
  CHECK(content::search_miss_query("ab") == "");
  CHECK(content::search_miss_query("  Hà  ") == "");
  CHECK(content::search_miss_query("12") == "");
  CHECK(content::search_miss_query("abc") == "abc");
  CHECK(content::search_miss_query("a b") == "a b");
  CHECK(content::search_miss_query("\xE6\x9D\xB1\xE4\xBA\xAC") == "");  // 東京: two characters
  CHECK(content::search_miss_query("bad \xC3\x28") == "");

  CHECK(content::search_miss_query(std::string(100, 'x')) == std::string(64, 'x'));
  // 22 three-byte characters are 66 bytes: cut after the 21st, not inside the 22nd.
  std::string kanji;
  for (int i = 0; i < 22; ++i) kanji += "\xE6\x9D\xB1";
  CHECK(content::search_miss_query(kanji) == kanji.substr(0, 63));
  // A cut never leaves a trailing space.
  CHECK(content::search_miss_query(std::string(64, 'y') + " z") == std::string(64, 'y'));
  CHECK(content::search_miss_query(std::string(63, 'y') + " z") == std::string(63, 'y'));
}

TEST_CASE("search misses: counted per query and per day, most counted first") {
  test::TempDir dir;
  auto misses = open_misses(dir / "c.db");
  CHECK(misses.record("Hoàn thuế", "2026-03-01").ok());
  CHECK(misses.record("hoan thue", "2026-03-02").ok());
  CHECK(misses.record("HOÀN   THUẾ ", "2026-03-02").ok());
  CHECK(misses.record("xe máy", "2026-03-02").ok());
  CHECK(misses.record("tờ khai 123", "2026-03-02").ok());
  CHECK(misses.record("Tờ khai 456", "2026-03-02").ok());
  CHECK(misses.record("tờ khai 789", "2026-03-02").ok());
  CHECK(misses.record("ab", "2026-03-02").ok());  // too short: not counted, not an error
  CHECK(misses.record("xe may", "2026-03-01").ok());

  CHECK(queries_of(misses.list(10)) == std::vector<std::string>{
                                           "to khai ### 2026-03-02 3",
                                           "hoan thue 2026-03-02 2",
                                           "xe may 2026-03-02 1",
                                           "hoan thue 2026-03-01 1",
                                           "xe may 2026-03-01 1",
                                       });
  CHECK(misses.list(2).size() == 2);
  CHECK(misses.list(0).empty());
  // Counts survive reopening.
  auto again = open_misses(dir / "c.db");
  CHECK(again.list(1).front().count == 3);
}

TEST_CASE("search misses: old days are forgotten; bad input is refused") {
  test::TempDir dir;
  auto misses = open_misses(dir / "c.db");
  CHECK(misses.record("hoan thue", "2026-02-27").ok());
  CHECK(misses.record("hoan thue", "2026-02-28").ok());
  CHECK(misses.record("hoan thue", "2026-03-01").ok());
  CHECK(misses.forget_before("2026-03-01").ok());
  auto left = misses.list(10);
  REQUIRE(left.size() == 1);
  CHECK(left[0].day == "2026-03-01");

  CHECK_FALSE(misses.record("bad \xC3\x28 byte", "2026-03-01").ok());
  CHECK_FALSE(misses.record("hoan thue", "1/3/2026").ok());
  CHECK_FALSE(misses.forget_before("soon").ok());
  CHECK(misses.list(10).size() == 1);
}

TEST_CASE("search misses: the database refuses a query that breaks the privacy rule") {
  test::TempDir dir;
  { auto misses = open_misses(dir / "c.db"); }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open((dir / "c.db").c_str(), &raw) == SQLITE_OK);
  const auto insert = [&](const char* query) {
    const std::string sql =
        std::string("INSERT INTO search_miss(day, query, count) VALUES('2026-03-02', '") + query +
        "', 1)";
    return sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr);
  };
  CHECK(insert("to khai 123") == SQLITE_CONSTRAINT);
  CHECK(insert("ab") == SQLITE_CONSTRAINT);
  CHECK(insert(std::string(65, 'x').c_str()) == SQLITE_CONSTRAINT);
  CHECK(insert(" padded ") == SQLITE_CONSTRAINT);
  CHECK(insert("to khai ###") == SQLITE_OK);
  sqlite3_close(raw);
}
