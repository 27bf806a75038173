#include "kiosk_server/upload_store.hpp"

#include <algorithm>
#include <system_error>

#include "kiosk_server/utc_time.hpp"

#include "sqlite.hpp"

namespace kiosk_server {

namespace sql = content::sql;
using content::Error;
using content::Result;
using content::Status;

namespace {

constexpr int kSchemaVersion = 2;

constexpr const char* kSchema = R"sql(
CREATE TABLE feedback(
  uuid TEXT PRIMARY KEY NOT NULL,
  kiosk TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 4),
  service TEXT NOT NULL,
  comment TEXT NOT NULL,
  created TEXT NOT NULL,
  received TEXT NOT NULL
);
CREATE INDEX feedback_by_received ON feedback(received);
CREATE TABLE heartbeat(
  kiosk TEXT PRIMARY KEY NOT NULL,
  received TEXT NOT NULL,
  app_version TEXT NOT NULL,
  content_version INTEGER NOT NULL,
  last_sync TEXT NOT NULL,
  last_error TEXT NOT NULL,
  outbox INTEGER NOT NULL,
  free_disk_bytes INTEGER NOT NULL,
  uptime_s INTEGER NOT NULL,
  sent TEXT NOT NULL
);
CREATE TABLE search_miss(
  kiosk TEXT NOT NULL,
  day TEXT NOT NULL,
  query TEXT NOT NULL,
  count INTEGER NOT NULL CHECK(count BETWEEN 1 AND 1000000),
  PRIMARY KEY(kiosk, day, query)
) WITHOUT ROWID;
PRAGMA user_version = 1;
)sql";

// 2: every kiosk id the server accepted, when and from which address it was
// first heard (the per-address quota of new ids), and how many feedbacks
// each kiosk sent each UTC day (the daily quota).
constexpr const char* kSchema2 = R"sql(
CREATE TABLE kiosk(
  kiosk TEXT PRIMARY KEY NOT NULL,
  first_seen TEXT NOT NULL,
  address TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX kiosk_by_address ON kiosk(address, first_seen);
INSERT OR IGNORE INTO kiosk SELECT kiosk, min(received), '' FROM feedback GROUP BY kiosk;
INSERT OR IGNORE INTO kiosk SELECT kiosk, received, '' FROM heartbeat;
INSERT OR IGNORE INTO kiosk SELECT kiosk, min(day) || 'T00:00:00Z', '' FROM search_miss GROUP BY kiosk;
CREATE TABLE feedback_day(
  kiosk TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(kiosk, day)
) WITHOUT ROWID;
INSERT INTO feedback_day SELECT kiosk, substr(received, 1, 10), count(*) FROM feedback
  GROUP BY kiosk, substr(received, 1, 10);
PRAGMA user_version = 2;
)sql";

Error failed(const std::string& what, const Error& e) { return Error{what + ": " + e.message}; }

Status migrate(const sql::Db& db) {
  auto version = sql::Stmt::prepare(db, "PRAGMA user_version");
  if (!version) return version.error();
  if (!version->step()) return failed("reading the schema version", Error{db.last_error()});
  const auto found = version->integer(0);
  if (found == kSchemaVersion) return {};
  if (found > kSchemaVersion) {
    return Error{"the database was made by a newer kiosk-server (schema " + std::to_string(found) +
                 ")"};
  }
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return s;
  if (found < 1) {
    if (auto s = db.exec(kSchema); !s) return failed("creating the tables", s.error());
  }
  if (auto s = db.exec(kSchema2); !s) return failed("upgrading the tables to 2", s.error());
  return tx.commit();
}

}  // namespace

struct UploadStore::Impl {
  sql::Db db;
};

UploadStore::UploadStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UploadStore::UploadStore(UploadStore&&) noexcept = default;
UploadStore& UploadStore::operator=(UploadStore&&) noexcept = default;
UploadStore::~UploadStore() = default;

Result<UploadStore> UploadStore::open(const std::filesystem::path& file, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(file, ec)) {
    return Error{"no database at " + file.string()};
  }
  auto db = sql::Db::open(file, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
  if (!db) return db.error();
  // Every acknowledged upload must survive a power cut.
  if (auto s = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s) {
    return failed("cannot prepare " + file.string(), s.error());
  }
  if (auto s = migrate(*db); !s) return failed(file.string(), s.error());
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  return UploadStore(std::move(impl));
}

Result<FeedbackOutcome> UploadStore::add_feedback(const Feedback& f, std::string_view received,
                                                  int max_new_per_day) {
  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return failed("storing feedback", s.error());
  auto find = sql::Stmt::prepare(
      db, "SELECT kiosk, rating, service, comment, created FROM feedback WHERE uuid = ?");
  if (!find) return find.error();
  find->bind(1, f.uuid);
  if (find->step()) {
    FeedbackOutcome outcome{FeedbackOutcome::Kind::replayed, {}};
    const auto differs = [&](const char* name) {
      outcome.kind = FeedbackOutcome::Kind::conflict;
      outcome.differing_field = name;
    };
    if (find->text(0) != f.kiosk) {
      differs("kiosk");
    } else if (find->integer(1) != f.rating) {
      differs("rating");
    } else if (find->text(2) != f.service) {
      differs("service");
    } else if (find->text(3) != f.comment) {
      differs("comment");
    } else if (find->text(4) != f.created) {
      differs("created");
    }
    return outcome;
  }
  if (auto s = find->status(); !s) return failed("storing feedback", s.error());
  const std::string day(received.substr(0, 10));
  auto today = sql::Stmt::prepare(db, "SELECT count FROM feedback_day WHERE kiosk = ? AND day = ?");
  if (!today) return today.error();
  today->bind(1, f.kiosk).bind(2, day);
  if (today->step() && today->integer(0) >= max_new_per_day) {
    return FeedbackOutcome{FeedbackOutcome::Kind::over_quota, {}};
  }
  if (auto s = today->status(); !s) return failed("storing feedback", s.error());
  auto count = sql::Stmt::prepare(db,
                                  "INSERT INTO feedback_day(kiosk, day, count) VALUES(?, ?, 1) "
                                  "ON CONFLICT(kiosk, day) DO UPDATE SET count = count + 1");
  if (!count) return count.error();
  count->bind(1, f.kiosk).bind(2, day);
  if (auto s = count->run(); !s) return failed("storing feedback", s.error());
  auto insert = sql::Stmt::prepare(db,
                                   "INSERT INTO feedback(uuid, kiosk, rating, service, comment, "
                                   "created, received) VALUES(?,?,?,?,?,?,?)");
  if (!insert) return insert.error();
  insert->bind(1, f.uuid)
      .bind(2, f.kiosk)
      .bind(3, f.rating)
      .bind(4, f.service)
      .bind(5, f.comment)
      .bind(6, f.created)
      .bind(7, received);
  if (auto s = insert->run(); !s) return failed("storing feedback", s.error());
  if (auto s = tx.commit(); !s) return failed("storing feedback", s.error());
  return FeedbackOutcome{FeedbackOutcome::Kind::stored, {}};
}

Status UploadStore::put_heartbeat(const Heartbeat& h, std::string_view received) {
  // Times are fixed-width UTC text, so they compare as strings.
  auto put = sql::Stmt::prepare(
      impl_->db,
      "INSERT INTO heartbeat(kiosk, received, app_version, content_version, "
      "last_sync, last_error, outbox, free_disk_bytes, uptime_s, sent) "
      "VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(kiosk) DO UPDATE SET "
      "received = excluded.received, app_version = excluded.app_version, "
      "content_version = excluded.content_version, last_sync = excluded.last_sync, "
      "last_error = excluded.last_error, outbox = excluded.outbox, "
      "free_disk_bytes = excluded.free_disk_bytes, uptime_s = excluded.uptime_s, "
      "sent = excluded.sent WHERE excluded.sent >= heartbeat.sent OR heartbeat.sent > ?11");
  if (!put) return put.error();
  put->bind(1, h.kiosk)
      .bind(2, received)
      .bind(3, h.app_version)
      .bind(4, h.content_version)
      .bind(5, h.last_sync)
      .bind(6, h.last_error)
      .bind(7, h.outbox)
      .bind(8, h.free_disk_bytes)
      .bind(9, h.uptime_s)
      .bind(10, h.sent);
  // A stored `sent` more than 10 minutes ahead of the server's clock came
  // from a kiosk clock that was wrong: it must not freeze the row.
  const auto now = parse_utc(received);
  put->bind(11, now ? format_utc(*now + 600) : std::string(received));
  if (auto s = put->run(); !s) return failed("storing a heartbeat", s.error());
  // Heard from now, whatever the order its heartbeats arrive in.
  auto heard = sql::Stmt::prepare(impl_->db, "UPDATE heartbeat SET received = ? WHERE kiosk = ?");
  if (!heard) return heard.error();
  heard->bind(1, std::string(received)).bind(2, h.kiosk);
  if (auto s = heard->run(); !s) return failed("storing a heartbeat", s.error());
  return {};
}

Result<int> UploadStore::merge_misses(const MissBatch& batch, int max_queries_per_day,
                                      std::int64_t max_count) {
  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return failed("storing search misses", s.error());
  auto update = sql::Stmt::prepare(
      db, "UPDATE search_miss SET count = max(count, ?) WHERE kiosk = ? AND day = ? AND query = ?");
  auto queries =
      sql::Stmt::prepare(db, "SELECT count(*) FROM search_miss WHERE kiosk = ? AND day = ?");
  auto insert =
      sql::Stmt::prepare(db, "INSERT INTO search_miss(kiosk, day, query, count) VALUES(?,?,?,?)");
  if (!update) return update.error();
  if (!queries) return queries.error();
  if (!insert) return insert.error();
  int dropped = 0;
  for (const auto& m : batch.misses) {
    const std::int64_t count = std::min(m.count, max_count);
    update->reset();
    update->bind(1, count).bind(2, batch.kiosk).bind(3, m.day).bind(4, m.query);
    if (auto s = update->run(); !s) return failed("storing search misses", s.error());
    if (sqlite3_changes(db.get()) > 0) continue;
    queries->reset();
    queries->bind(1, batch.kiosk).bind(2, m.day);
    if (!queries->step()) return failed("storing search misses", Error{db.last_error()});
    if (queries->integer(0) >= max_queries_per_day) {
      ++dropped;
      continue;
    }
    insert->reset();
    insert->bind(1, batch.kiosk).bind(2, m.day).bind(3, m.query).bind(4, count);
    if (auto s = insert->run(); !s) return failed("storing search misses", s.error());
  }
  if (auto s = tx.commit(); !s) return failed("storing search misses", s.error());
  return dropped;
}

Result<KioskAdmission> UploadStore::admit_kiosk(std::string_view kiosk, std::string_view address,
                                                std::string_view received,
                                                int max_new_per_address_per_day, int max_kiosks) {
  const auto& db = impl_->db;
  auto known = sql::Stmt::prepare(db, "SELECT 1 FROM kiosk WHERE kiosk = ?");
  if (!known) return known.error();
  known->bind(1, std::string(kiosk));
  if (known->step()) return KioskAdmission::known;
  if (auto s = known->status(); !s) return failed("reading kiosks", s.error());

  auto all = sql::Stmt::prepare(db, "SELECT count(*) FROM kiosk");
  if (!all) return all.error();
  if (!all->step()) return failed("reading kiosks", Error{db.last_error()});
  if (all->integer(0) >= max_kiosks) return KioskAdmission::fleet_full;

  const auto when = parse_utc(received);
  const std::string day_ago = when ? format_utc(*when - 86400) : std::string(received);
  auto recent =
      sql::Stmt::prepare(db, "SELECT count(*) FROM kiosk WHERE address = ? AND first_seen > ?");
  if (!recent) return recent.error();
  recent->bind(1, std::string(address)).bind(2, day_ago);
  if (!recent->step()) return failed("reading kiosks", Error{db.last_error()});
  if (recent->integer(0) >= max_new_per_address_per_day) return KioskAdmission::address_quota;

  auto add = sql::Stmt::prepare(db, "INSERT INTO kiosk(kiosk, first_seen, address) VALUES(?,?,?)");
  if (!add) return add.error();
  add->bind(1, std::string(kiosk)).bind(2, std::string(received)).bind(3, std::string(address));
  if (auto s = add->run(); !s) return failed("storing a kiosk", s.error());
  return KioskAdmission::admitted;
}

Result<std::vector<StoredFeedback>> UploadStore::feedback() const {
  auto rows = sql::Stmt::prepare(impl_->db,
                                 "SELECT uuid, kiosk, rating, service, comment, created, received "
                                 "FROM feedback ORDER BY received, rowid");
  if (!rows) return rows.error();
  std::vector<StoredFeedback> out;
  while (rows->step()) {
    StoredFeedback s;
    s.feedback.uuid = rows->text(0);
    s.feedback.kiosk = rows->text(1);
    s.feedback.rating = static_cast<int>(rows->integer(2));
    s.feedback.service = rows->text(3);
    s.feedback.comment = rows->text(4);
    s.feedback.created = rows->text(5);
    s.received = rows->text(6);
    out.push_back(std::move(s));
  }
  if (auto s = rows->status(); !s) return failed("reading feedback", s.error());
  return out;
}

Result<std::vector<KioskStatus>> UploadStore::kiosks() const {
  auto rows = sql::Stmt::prepare(
      impl_->db,
      "SELECT kiosk, received, app_version, content_version, last_sync, last_error, outbox, "
      "free_disk_bytes, uptime_s, sent FROM heartbeat ORDER BY kiosk");
  if (!rows) return rows.error();
  std::vector<KioskStatus> out;
  while (rows->step()) {
    KioskStatus k;
    k.heartbeat.kiosk = rows->text(0);
    k.received = rows->text(1);
    k.heartbeat.app_version = rows->text(2);
    k.heartbeat.content_version = rows->integer(3);
    k.heartbeat.last_sync = rows->text(4);
    k.heartbeat.last_error = rows->text(5);
    k.heartbeat.outbox = rows->integer(6);
    k.heartbeat.free_disk_bytes = rows->integer(7);
    k.heartbeat.uptime_s = rows->integer(8);
    k.heartbeat.sent = rows->text(9);
    out.push_back(std::move(k));
  }
  if (auto s = rows->status(); !s) return failed("reading heartbeats", s.error());
  return out;
}

Result<std::vector<MissTotal>> UploadStore::miss_totals(
    const std::optional<std::string>& since_day) const {
  auto rows = sql::Stmt::prepare(impl_->db,
                                 "SELECT query, sum(count) AS total FROM search_miss "
                                 "WHERE day >= ? GROUP BY query ORDER BY total DESC, query");
  if (!rows) return rows.error();
  rows->bind(1, since_day.value_or(""));
  std::vector<MissTotal> out;
  while (rows->step()) out.push_back({rows->text(0), rows->integer(1)});
  if (auto s = rows->status(); !s) return failed("reading search misses", s.error());
  return out;
}

}  // namespace kiosk_server
