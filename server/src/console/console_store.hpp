// What the staff console keeps beside the authoring tree: accounts, sessions,
// drafts, the published history and the audit log. One interface, so a
// PostgreSQL store can stand where the SQLite one stands today.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/result.hpp"

namespace kiosk_server::console {

struct User {
  std::string name;
  std::string role;  // viewer | editor | publisher | admin
  std::string password_hash;
  std::string created;  // UTC, ISO 8601
  bool disabled = false;
};

struct Session {
  std::string token_hash;  // hex SHA-256 of the cookie's token
  std::string user;
  std::string csrf;
  std::int64_t created = 0;    // unix seconds
  std::int64_t last_seen = 0;  // unix seconds
};

// A change to one item that is not in the tree yet.
struct Draft {
  std::string id;
  std::string lang;
  std::string type;
  std::string text;  // the whole authoring file; empty for a deletion
  bool deleted = false;
  std::string state;  // draft | review
  std::string author;
  std::string updated;  // UTC, ISO 8601
  std::string comment;  // a publisher's note when sent back
  std::string base;     // the tree file's revision the change started from ("" new)
};

// One item as a published version holds it.
struct PublishedItem {
  std::string id;
  std::string lang;
  std::string type;
  std::string title;
  std::string text;  // the authoring file
};

struct VersionChange {
  std::string id;
  std::string lang;
  std::string type;
  std::string title;
  std::string change;  // added | changed | deleted
  std::string text;    // empty when deleted
  std::string previous_text;
};

struct Version {
  std::int64_t version = 0;
  std::string published_by;
  std::string published_at;
  std::optional<std::int64_t> rollback_of;
  std::vector<VersionChange> changes;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;
  std::string user;
  std::string address;
  std::string action;
  std::string target;
  std::string detail;
};

class ConsoleStore {
 public:
  virtual ~ConsoleStore() = default;

  virtual content::Status add_user(const User& user) = 0;
  virtual content::Result<std::optional<User>> find_user(const std::string& name) = 0;
  virtual content::Result<std::vector<User>> users() = 0;
  virtual content::Status set_password(const std::string& name, const std::string& hash) = 0;
  virtual content::Status set_disabled(const std::string& name, bool disabled) = 0;

  virtual content::Status add_session(const Session& session) = 0;
  virtual content::Result<std::optional<Session>> find_session(const std::string& token_hash) = 0;
  virtual content::Status touch_session(const std::string& token_hash, std::int64_t now) = 0;
  virtual content::Status end_sessions(const std::string& user) = 0;
  virtual content::Status end_session(const std::string& token_hash) = 0;

  virtual content::Result<std::optional<Draft>> find_draft(const std::string& id,
                                                           const std::string& lang) = 0;
  virtual content::Result<std::vector<Draft>> drafts() = 0;
  virtual content::Status put_draft(const Draft& draft) = 0;
  virtual content::Status remove_draft(const std::string& id, const std::string& lang) = 0;

  // The items of the newest version; empty before the first.
  virtual content::Result<std::vector<PublishedItem>> published_items() = 0;
  // Records `version` and makes `items` the published set, in one transaction.
  virtual content::Status record_version(const Version& version,
                                         const std::vector<PublishedItem>& items) = 0;
  // True once a baseline or a version has been recorded.
  virtual content::Result<bool> has_baseline() = 0;
  virtual content::Status record_baseline(const std::vector<PublishedItem>& items) = 0;
  virtual content::Result<std::vector<Version>> versions(bool with_texts) = 0;
  virtual content::Result<std::optional<Version>> version(std::int64_t number) = 0;
  // Every item as version `number` held it.
  virtual content::Result<std::vector<PublishedItem>> items_as_of(std::int64_t number) = 0;

  virtual content::Status append_audit(const AuditEntry& entry) = 0;
  virtual content::Result<std::vector<AuditEntry>> audit(int limit, std::int64_t before) = 0;
};

// The SQLite store: its own tables in kiosk-server's database file, beside
// the upload store's.
content::Result<std::unique_ptr<ConsoleStore>> open_sqlite_console_store(
    const std::filesystem::path& file);

}  // namespace kiosk_server::console
