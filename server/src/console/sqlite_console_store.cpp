// The console's tables in kiosk-server's SQLite file. They sit beside the
// upload store's tables and carry their own schema number (console_meta), so
// neither store has to know the other.
#include <map>
#include <utility>

#include "console/console_store.hpp"
#include "sqlite.hpp"

namespace kiosk_server::console {
namespace {

using content::Error;
using content::Result;
using content::Status;
namespace sql = content::sql;

constexpr int kSchema = 1;

constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS console_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS console_user (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
  created TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS console_session (
  token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
  created INTEGER NOT NULL, last_seen INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS console_session_user ON console_session(user);
CREATE TABLE IF NOT EXISTS console_draft (
  id TEXT NOT NULL, lang TEXT NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL,
  deleted INTEGER NOT NULL, state TEXT NOT NULL, author TEXT NOT NULL,
  updated TEXT NOT NULL, comment TEXT NOT NULL, base TEXT NOT NULL, PRIMARY KEY (id, lang));
CREATE TABLE IF NOT EXISTS console_item (
  id TEXT NOT NULL, lang TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (id, lang));
CREATE TABLE IF NOT EXISTS console_baseline (
  id TEXT NOT NULL, lang TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (id, lang));
CREATE TABLE IF NOT EXISTS console_version (
  version INTEGER PRIMARY KEY, published_by TEXT NOT NULL, published_at TEXT NOT NULL,
  rollback_of INTEGER);
CREATE TABLE IF NOT EXISTS console_change (
  version INTEGER NOT NULL, id TEXT NOT NULL, lang TEXT NOT NULL, type TEXT NOT NULL,
  title TEXT NOT NULL, change TEXT NOT NULL, text TEXT NOT NULL, previous_text TEXT NOT NULL,
  PRIMARY KEY (version, id, lang));
CREATE TABLE IF NOT EXISTS console_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
  address TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS console_audit_no_update BEFORE UPDATE ON console_audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS console_audit_no_delete BEFORE DELETE ON console_audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

Error failed(const std::string& what, const Error& e) { return Error{what + ": " + e.message}; }

class SqliteConsoleStore final : public ConsoleStore {
 public:
  explicit SqliteConsoleStore(sql::Db db) : db_(std::move(db)) {}

  Status add_user(const User& u) override {
    return run(
        "INSERT INTO console_user (name, role, password_hash, created, disabled) "
        "VALUES (?, ?, ?, ?, ?)",
        [&](sql::Stmt& s) {
          s.bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, u.created);
          s.bind(5, u.disabled ? 1 : 0);
        });
  }

  Result<std::optional<User>> find_user(const std::string& name) override {
    auto all = select_users("WHERE name = ?", name);
    if (!all) return all.error();
    if (all->empty()) return std::optional<User>();
    return std::optional<User>(std::move(all->front()));
  }

  Result<std::vector<User>> users() override { return select_users("ORDER BY name", {}); }

  Status set_password(const std::string& name, const std::string& hash) override {
    return run("UPDATE console_user SET password_hash = ? WHERE name = ?",
               [&](sql::Stmt& s) { s.bind(1, hash).bind(2, name); });
  }

  Status set_disabled(const std::string& name, bool disabled) override {
    return run("UPDATE console_user SET disabled = ? WHERE name = ?",
               [&](sql::Stmt& s) { s.bind(1, disabled ? 1 : 0).bind(2, name); });
  }

  Status add_session(const Session& x) override {
    return run(
        "INSERT INTO console_session (token_hash, user, csrf, created, last_seen) "
        "VALUES (?, ?, ?, ?, ?)",
        [&](sql::Stmt& s) {
          s.bind(1, x.token_hash).bind(2, x.user).bind(3, x.csrf);
          s.bind(4, x.created).bind(5, x.last_seen);
        });
  }

  Result<std::optional<Session>> find_session(const std::string& token_hash) override {
    auto s = sql::Stmt::prepare(db_,
                                "SELECT token_hash, user, csrf, created, last_seen "
                                "FROM console_session WHERE token_hash = ?");
    if (!s) return s.error();
    s->bind(1, token_hash);
    if (!s->step()) {
      if (auto st = s->status(); !st) return st.error();
      return std::optional<Session>();
    }
    return std::optional<Session>(
        Session{s->text(0), s->text(1), s->text(2), s->integer(3), s->integer(4)});
  }

  Status touch_session(const std::string& token_hash, std::int64_t now) override {
    return run("UPDATE console_session SET last_seen = ? WHERE token_hash = ?",
               [&](sql::Stmt& s) { s.bind(1, now).bind(2, token_hash); });
  }

  Status end_sessions(const std::string& user) override {
    return run("DELETE FROM console_session WHERE user = ?",
               [&](sql::Stmt& s) { s.bind(1, user); });
  }

  Status end_session(const std::string& token_hash) override {
    return run("DELETE FROM console_session WHERE token_hash = ?",
               [&](sql::Stmt& s) { s.bind(1, token_hash); });
  }

  Result<std::optional<Draft>> find_draft(const std::string& id, const std::string& lang) override {
    auto all = select_drafts("WHERE id = ? AND lang = ?", {id, lang});
    if (!all) return all.error();
    if (all->empty()) return std::optional<Draft>();
    return std::optional<Draft>(std::move(all->front()));
  }

  Result<std::vector<Draft>> drafts() override { return select_drafts("", {}); }

  Status put_draft(const Draft& d) override {
    return run(
        "INSERT OR REPLACE INTO console_draft "
        "(id, lang, type, text, deleted, state, author, updated, comment, base) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [&](sql::Stmt& s) {
          s.bind(1, d.id).bind(2, d.lang).bind(3, d.type).bind(4, d.text);
          s.bind(5, d.deleted ? 1 : 0).bind(6, d.state).bind(7, d.author).bind(8, d.updated);
          s.bind(9, d.comment).bind(10, d.base);
        });
  }

  Status remove_draft(const std::string& id, const std::string& lang) override {
    return run("DELETE FROM console_draft WHERE id = ? AND lang = ?",
               [&](sql::Stmt& s) { s.bind(1, id).bind(2, lang); });
  }

  Result<std::vector<PublishedItem>> published_items() override {
    return select_items("console_item");
  }

  Status record_version(const Version& v, const std::vector<PublishedItem>& items) override {
    sql::Transaction tx(db_);
    if (auto s = tx.begin(); !s) return failed("recording a version", s.error());
    if (auto s = run("INSERT INTO console_version (version, published_by, published_at, "
                     "rollback_of) VALUES (?, ?, ?, ?)",
                     [&](sql::Stmt& s) {
                       s.bind(1, v.version).bind(2, v.published_by).bind(3, v.published_at);
                       if (v.rollback_of) {
                         s.bind(4, *v.rollback_of);
                       } else {
                         s.bind_null(4);
                       }
                     });
        !s) {
      return s;
    }
    for (const auto& c : v.changes) {
      if (auto s = run("INSERT INTO console_change (version, id, lang, type, title, change, "
                       "text, previous_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [&](sql::Stmt& s) {
                         s.bind(1, v.version).bind(2, c.id).bind(3, c.lang).bind(4, c.type);
                         s.bind(5, c.title).bind(6, c.change).bind(7, c.text);
                         s.bind(8, c.previous_text);
                       });
          !s) {
        return s;
      }
    }
    if (auto s = replace_items("console_item", items); !s) return s;
    return tx.commit();
  }

  Result<bool> has_baseline() override {
    auto s = sql::Stmt::prepare(db_, "SELECT value FROM console_meta WHERE key = 'baseline'");
    if (!s) return s.error();
    const bool found = s->step();
    if (auto st = s->status(); !st) return st.error();
    return found;
  }

  Status record_baseline(const std::vector<PublishedItem>& items) override {
    sql::Transaction tx(db_);
    if (auto s = tx.begin(); !s) return failed("recording the first tree", s.error());
    if (auto s = replace_items("console_baseline", items); !s) return s;
    if (auto s = replace_items("console_item", items); !s) return s;
    if (auto s = db_.exec("INSERT OR REPLACE INTO console_meta VALUES ('baseline', '1')"); !s) {
      return s;
    }
    return tx.commit();
  }

  Result<std::vector<Version>> versions(bool with_texts) override {
    auto s = sql::Stmt::prepare(db_,
                                "SELECT version, published_by, published_at, rollback_of "
                                "FROM console_version ORDER BY version DESC");
    if (!s) return s.error();
    std::vector<Version> out;
    std::map<std::int64_t, std::size_t> at;
    while (s->step()) {
      Version v;
      v.version = s->integer(0);
      v.published_by = s->text(1);
      v.published_at = s->text(2);
      if (!s->is_null(3)) v.rollback_of = s->integer(3);
      at[v.version] = out.size();
      out.push_back(std::move(v));
    }
    if (auto st = s->status(); !st) return st.error();
    auto c = sql::Stmt::prepare(
        db_, with_texts ? "SELECT version, id, lang, type, title, change, text, previous_text "
                          "FROM console_change ORDER BY version, type, id, lang"
                        : "SELECT version, id, lang, type, title, change, '', '' "
                          "FROM console_change ORDER BY version, type, id, lang");
    if (!c) return c.error();
    while (c->step()) {
      const auto it = at.find(c->integer(0));
      if (it == at.end()) continue;
      out[it->second].changes.push_back(VersionChange{
          c->text(1), c->text(2), c->text(3), c->text(4), c->text(5), c->text(6), c->text(7)});
    }
    if (auto st = c->status(); !st) return st.error();
    return out;
  }

  Result<std::optional<Version>> version(std::int64_t number) override {
    auto all = versions(true);
    if (!all) return all.error();
    for (auto& v : *all) {
      if (v.version == number) return std::optional<Version>(std::move(v));
    }
    return std::optional<Version>();
  }

  Result<std::vector<PublishedItem>> items_as_of(std::int64_t number) override {
    auto base = select_items("console_baseline");
    if (!base) return base.error();
    std::map<std::pair<std::string, std::string>, PublishedItem> items;
    for (auto& item : *base) items[{item.id, item.lang}] = std::move(item);
    auto c = sql::Stmt::prepare(db_,
                                "SELECT id, lang, type, title, change, text FROM console_change "
                                "WHERE version <= ? ORDER BY version");
    if (!c) return c.error();
    c->bind(1, number);
    while (c->step()) {
      const std::pair key{c->text(0), c->text(1)};
      if (c->text(4) == "deleted") {
        items.erase(key);
      } else {
        items[key] = PublishedItem{key.first, key.second, c->text(2), c->text(3), c->text(5)};
      }
    }
    if (auto st = c->status(); !st) return st.error();
    std::vector<PublishedItem> out;
    out.reserve(items.size());
    for (auto& [key, item] : items) out.push_back(std::move(item));
    return out;
  }

  Status append_audit(const AuditEntry& e) override {
    return run(
        "INSERT INTO console_audit (at, user, address, action, target, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [&](sql::Stmt& s) {
          s.bind(1, e.at).bind(2, e.user).bind(3, e.address).bind(4, e.action);
          s.bind(5, e.target).bind(6, e.detail);
        });
  }

  Result<std::vector<AuditEntry>> audit(int limit, std::int64_t before) override {
    auto s = sql::Stmt::prepare(db_,
                                "SELECT id, at, user, address, action, target, detail "
                                "FROM console_audit WHERE id < ? ORDER BY id DESC LIMIT ?");
    if (!s) return s.error();
    s->bind(1, before).bind(2, limit);
    std::vector<AuditEntry> out;
    while (s->step()) {
      out.push_back(AuditEntry{s->integer(0), s->text(1), s->text(2), s->text(3), s->text(4),
                               s->text(5), s->text(6)});
    }
    if (auto st = s->status(); !st) return st.error();
    return out;
  }

 private:
  template <typename Bind>
  Status run(const char* statement, Bind&& bind) {
    auto s = sql::Stmt::prepare(db_, statement);
    if (!s) return s.error();
    bind(*s);
    return s->run();
  }

  Result<std::vector<User>> select_users(const std::string& tail, const std::string& name) {
    auto s = sql::Stmt::prepare(
        db_, "SELECT name, role, password_hash, created, disabled FROM console_user " + tail);
    if (!s) return s.error();
    if (!name.empty()) s->bind(1, name);
    std::vector<User> out;
    while (s->step()) {
      out.push_back(User{s->text(0), s->text(1), s->text(2), s->text(3), s->integer(4) != 0});
    }
    if (auto st = s->status(); !st) return st.error();
    return out;
  }

  Result<std::vector<Draft>> select_drafts(const std::string& where,
                                           const std::vector<std::string>& keys) {
    auto s = sql::Stmt::prepare(db_,
                                "SELECT id, lang, type, text, deleted, state, author, updated, "
                                "comment, base FROM console_draft " +
                                    where);
    if (!s) return s.error();
    for (std::size_t i = 0; i < keys.size(); ++i) s->bind(static_cast<int>(i + 1), keys[i]);
    std::vector<Draft> out;
    while (s->step()) {
      out.push_back(Draft{s->text(0), s->text(1), s->text(2), s->text(3), s->integer(4) != 0,
                          s->text(5), s->text(6), s->text(7), s->text(8), s->text(9)});
    }
    if (auto st = s->status(); !st) return st.error();
    return out;
  }

  Result<std::vector<PublishedItem>> select_items(const std::string& table) {
    auto s = sql::Stmt::prepare(db_, "SELECT id, lang, type, title, text FROM " + table);
    if (!s) return s.error();
    std::vector<PublishedItem> out;
    while (s->step()) {
      out.push_back(PublishedItem{s->text(0), s->text(1), s->text(2), s->text(3), s->text(4)});
    }
    if (auto st = s->status(); !st) return st.error();
    return out;
  }

  Status replace_items(const std::string& table, const std::vector<PublishedItem>& items) {
    if (auto s = db_.exec("DELETE FROM " + table); !s) return s;
    auto s = sql::Stmt::prepare(
        db_, "INSERT INTO " + table + " (id, lang, type, title, text) VALUES (?, ?, ?, ?, ?)");
    if (!s) return s.error();
    for (const auto& item : items) {
      s->reset();
      s->bind(1, item.id).bind(2, item.lang).bind(3, item.type).bind(4, item.title);
      s->bind(5, item.text);
      if (auto st = s->run(); !st) return st;
    }
    return Status::Ok();
  }

  sql::Db db_;
};

}  // namespace

Result<std::unique_ptr<ConsoleStore>> open_sqlite_console_store(const std::filesystem::path& file) {
  auto db = sql::Db::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) return db.error();
  if (auto s = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s) {
    return failed("cannot prepare " + file.string(), s.error());
  }
  if (auto s = db->exec(kTables); !s) return failed(file.string(), s.error());
  auto v = sql::Stmt::prepare(*db, "SELECT value FROM console_meta WHERE key = 'schema'");
  if (!v) return v.error();
  if (v->step()) {
    if (std::stoi("0" + v->text(0)) > kSchema) {
      return Error{file.string() + ": the console tables were made by a newer kiosk-server"};
    }
  } else if (auto s = db->exec("INSERT INTO console_meta VALUES ('schema', '" +
                               std::to_string(kSchema) + "')");
             !s) {
    return failed(file.string(), s.error());
  }
  return std::unique_ptr<ConsoleStore>(std::make_unique<SqliteConsoleStore>(std::move(*db)));
}

}  // namespace kiosk_server::console
