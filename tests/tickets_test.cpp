// Queue tickets: numbering per service and per day, persistence, and no
// number ever issued twice.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "content/store.hpp"
#include "content/tickets.hpp"
#include "support.hpp"

using content::TicketDispenser;

namespace {

constexpr const char* kDay = "2026-03-02";

std::string at(std::string_view day, std::string_view time = "08:00:00") {
  return std::string(day) + "T" + std::string(time);
}

TicketDispenser open_dispenser(const std::filesystem::path& db) {
  auto d = TicketDispenser::open(db);
  REQUIRE_MESSAGE(d.ok(), (d.ok() ? "" : d.error().message));
  return std::move(d).value();
}

std::string issue(TicketDispenser& d, std::string_view service, std::string_view prefix,
                  std::string_view day = kDay) {
  auto t = d.issue(service, prefix, day, at(day));
  REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
  return t->number;
}

}  // namespace

TEST_CASE("tickets: the first tickets of a day are A-001, A-002, A-003") {
  test::TempDir dir;
  auto d = open_dispenser(dir / "c.db");
  auto first = d.issue("svc-tiep-nhan", "A", kDay, "2026-03-02T07:31:05");
  REQUIRE(first.ok());
  CHECK(first->number == "A-001");
  CHECK(first->sequence == 1);
  CHECK(first->service_id == "svc-tiep-nhan");
  CHECK(first->prefix == "A");
  CHECK(first->day == kDay);
  CHECK(first->issued_at == "2026-03-02T07:31:05");
  CHECK(issue(d, "svc-tiep-nhan", "A") == "A-002");
  CHECK(issue(d, "svc-tiep-nhan", "A") == "A-003");
  CHECK(d.issued_today("svc-tiep-nhan", kDay) == 3);
}

TEST_CASE("tickets: each service has its own numbering") {
  test::TempDir dir;
  auto d = open_dispenser(dir / "c.db");
  CHECK(issue(d, "svc-a", "A") == "A-001");
  CHECK(issue(d, "svc-b", "B") == "B-001");
  CHECK(issue(d, "svc-a", "A") == "A-002");
  CHECK(issue(d, "svc-b", "B") == "B-002");
  CHECK(issue(d, "svc-b", "B") == "B-003");
  CHECK(d.issued_today("svc-a", kDay) == 2);
  CHECK(d.issued_today("svc-b", kDay) == 3);
  CHECK(d.issued_today("svc-c", kDay) == 0);
}

TEST_CASE("tickets: numbering restarts on a new day") {
  test::TempDir dir;
  auto d = open_dispenser(dir / "c.db");
  CHECK(issue(d, "svc-a", "A", "2026-03-02") == "A-001");
  CHECK(issue(d, "svc-a", "A", "2026-03-02") == "A-002");
  CHECK(issue(d, "svc-a", "A", "2026-03-03") == "A-001");
  CHECK(d.issued_today("svc-a", "2026-03-02") == 2);
  CHECK(d.issued_today("svc-a", "2026-03-03") == 1);
}

TEST_CASE("tickets: a reopened dispenser continues at the next number") {
  test::TempDir dir;
  {
    auto d = open_dispenser(dir / "c.db");
    for (int i = 0; i < 7; ++i) (void)issue(d, "svc-a", "A");
  }
  auto again = open_dispenser(dir / "c.db");
  CHECK(again.issued_today("svc-a", kDay) == 7);
  CHECK(issue(again, "svc-a", "A") == "A-008");
}

TEST_CASE("tickets: two dispensers on one file alternating never repeat a number") {
  test::TempDir dir;
  auto one = open_dispenser(dir / "c.db");
  auto two = open_dispenser(dir / "c.db");
  std::vector<std::string> numbers;
  for (int i = 0; i < 20; ++i) {
    numbers.push_back(issue(i % 3 == 0 ? two : one, "svc-a", "A"));
  }
  for (int i = 0; i < 20; ++i) {
    CHECK(numbers[static_cast<std::size_t>(i)] == content::ticket_number("A", i + 1));
  }
}

TEST_CASE("tickets: two dispensers issuing at once never issue the same number") {
  test::TempDir dir;
  constexpr int kEach = 60;
  // Created first, so both threads open an existing, migrated file.
  { auto d = open_dispenser(dir / "c.db"); }
  std::vector<std::string> got[2];
  std::string errors[2];
  auto run = [&](int who) {
    auto d = TicketDispenser::open(dir / "c.db");
    if (!d) {
      errors[who] = d.error().message;
      return;
    }
    for (int i = 0; i < kEach; ++i) {
      auto t = d->issue("svc-a", "A", kDay, at(kDay));
      if (!t) {
        errors[who] = t.error().message;
        return;
      }
      got[who].push_back(t->number);
    }
  };
  std::thread a(run, 0), b(run, 1);
  a.join();
  b.join();
  CHECK(errors[0] == "");
  CHECK(errors[1] == "");
  std::set<std::string> all(got[0].begin(), got[0].end());
  all.insert(got[1].begin(), got[1].end());
  CHECK(all.size() == 2 * kEach);
  CHECK(all.count("A-001") == 1);
  CHECK(all.count(content::ticket_number("A", 2 * kEach)) == 1);
  CHECK(open_dispenser(dir / "c.db").issued_today("svc-a", kDay) == 2 * kEach);
}

TEST_CASE("tickets: numbers have at least three digits, more past 999") {
  CHECK(content::ticket_number("A", 1) == "A-001");
  CHECK(content::ticket_number("A", 15) == "A-015");
  CHECK(content::ticket_number("A", 999) == "A-999");
  CHECK(content::ticket_number("B", 1000) == "B-1000");
  CHECK(content::ticket_number("AB", 12345) == "AB-12345");

  test::TempDir dir;
  auto d = open_dispenser(dir / "c.db");
  for (int i = 1; i < 15; ++i) (void)issue(d, "svc-a", "A");
  CHECK(issue(d, "svc-a", "A") == "A-015");
  // Reaching 1000 for real costs 1000 synced commits: start B at 999 by hand.
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir / "c.db").c_str(), &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw,
                       "INSERT INTO ticket(service_id, day, sequence, prefix, issued_at) "
                       "VALUES('svc-b', '2026-03-02', 999, 'B', '2026-03-02T08:00:00')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  CHECK(issue(d, "svc-b", "B") == "B-1000");
  CHECK(issue(d, "svc-b", "B") == "B-1001");
}

TEST_CASE("tickets: bad input is refused and issues nothing") {
  test::TempDir dir;
  auto d = open_dispenser(dir / "c.db");
  const auto refused = [&](std::string_view service, std::string_view prefix, std::string_view day,
                           std::string_view issued_at) {
    auto t = d.issue(service, prefix, day, issued_at);
    if (t) return false;
    CHECK_FALSE(t.error().message.empty());
    return true;
  };
  CHECK(refused("svc-a", "", kDay, at(kDay)));
  CHECK(refused("svc-a", "ABC", kDay, at(kDay)));
  CHECK(refused("svc-a", "a", kDay, at(kDay)));
  CHECK(refused("svc-a", "1", kDay, at(kDay)));
  CHECK(refused("svc-a", "Á", kDay, at(kDay)));
  CHECK(refused("", "A", kDay, at(kDay)));
  CHECK(refused("Svc A", "A", kDay, at(kDay)));
  CHECK(refused("svc-a", "A", "2026-3-2", "2026-3-2T08:00:00"));
  CHECK(refused("svc-a", "A", "2026-02-30", "2026-02-30T08:00:00"));
  CHECK(refused("svc-a", "A", "2026-13-01", "2026-13-01T08:00:00"));
  CHECK(refused("svc-a", "A", "02/03/2026", "2026-03-02T08:00:00"));
  CHECK(refused("svc-a", "A", kDay, "2026-03-02 08:00:00"));
  CHECK(refused("svc-a", "A", kDay, "2026-03-02T24:00:00"));
  CHECK(refused("svc-a", "A", kDay, "2026-03-03T08:00:00"));               // another day
  CHECK(d.issue("svc-a", "A", "2028-02-29", "2028-02-29T08:00:00").ok());  // a leap day
  CHECK(d.issued_today("svc-a", kDay) == 0);
  CHECK(issue(d, "svc-a", "AB") == "AB-001");
}

TEST_CASE("tickets: a content file of schema version 1 is upgraded, content kept") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  { auto store = test::import_tree(dir / "tree", dir / "c.db"); }
  {
    // What an older program left: the version-1 schema without the tables of
    // migrations 2, 3 and 4.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir / "c.db").c_str(), &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw,
                       "DROP TABLE ticket; DROP TABLE feedback_outbox; DROP TABLE search_miss;"
                       "DROP TABLE published_object; DROP TABLE glossary;"
                       "PRAGMA user_version = 1;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto d = open_dispenser(dir / "c.db");
  CHECK(issue(d, "svc-tiep-nhan", "A") == "A-001");
  auto store = content::ContentStore::open(dir / "c.db", content::OpenMode::read_only);
  REQUIRE(store.ok());
  CHECK(store->stats().schema_version == content::current_schema_version());
  CHECK(store->stats().faqs == 2);
  auto hits = store->search("hải quan", content::Lang::vi);
  REQUIRE(hits.ok());
  CHECK_FALSE(hits->empty());
}

TEST_CASE("tickets: a dispenser can create the content file, and the store opens it") {
  test::TempDir dir;
  {
    auto d = open_dispenser(dir / "c.db");
    CHECK(issue(d, "svc-a", "A") == "A-001");
  }
  {
    auto store = content::ContentStore::open(dir / "c.db", content::OpenMode::read_only);
    REQUIRE(store.ok());
    auto hits = store->search("hải quan", content::Lang::vi);
    CHECK(hits.ok());
  }
  // An import replaces the content and leaves the tickets alone.
  test::write_small_tree(dir / "tree");
  { auto store = test::import_tree(dir / "tree", dir / "c.db"); }
  CHECK(open_dispenser(dir / "c.db").issued_today("svc-a", kDay) == 1);
}
