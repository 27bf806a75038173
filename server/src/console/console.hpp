// The staff console: its JSON API under /api/v1/console/ and its pages under
// /console/ (docs/console.md). Free of any HTTP library, like Routes, which
// hands it every request under those paths.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "console/accounts.hpp"
#include "console/console_store.hpp"
#include "console/content_tree.hpp"
#include "console/login_throttle.hpp"
#include "kiosk_server/server.hpp"
#include "kiosk_server/utc_time.hpp"
#include "routes.hpp"
#include "sync/signing.hpp"

namespace kiosk_server::console {

// The largest request body the console takes (a 256 KiB body and its fields,
// escaped as JSON).
inline constexpr std::size_t kMaxConsoleBodyBytes = 1024 * 1024;

// True for the paths the console answers.
bool is_console_path(const std::string& path);

class Console {
 public:
  // Checks the key file (mode 0600, this user's), reads the tree once, and
  // opens the console's tables in `db`.
  static content::Result<std::unique_ptr<Console>> open(const ConsoleSettings& settings,
                                                        const std::filesystem::path& repo,
                                                        const std::filesystem::path& db,
                                                        const Clock& clock, bool trust_proxy);

  // `address` is the client's, as the per-address limits count it. Safe to
  // call from several threads at once (one request is handled at a time).
  HttpReply handle(const HttpRequest& request, const std::string& address);

 private:
  struct Caller {
    User user;
    Role role = Role::viewer;
    Session session;
  };
  struct Call {
    const HttpRequest& request;
    std::string address;
    std::string path;                // without the query
    std::vector<std::string> parts;  // segments after /api/v1/console/
    std::map<std::string, std::string> query;
    std::optional<Caller> caller;
    nlohmann::json body;
  };

  Console(ConsoleSettings settings, std::filesystem::path repo, std::unique_ptr<ConsoleStore> store,
          published::SigningKey key, const Clock& clock, bool trust_proxy);

  HttpReply api(Call& call);
  HttpReply page(const Call& call) const;

  // Sessions (console_session.cpp).
  std::optional<HttpReply> authenticate(Call& call);
  std::optional<HttpReply> check_origin(const Call& call) const;
  HttpReply login(Call& call);
  HttpReply logout(Call& call);
  HttpReply session_info(const Call& call) const;
  HttpReply change_own_password(Call& call);

  // Items (console_items.cpp).
  HttpReply list_items(const Call& call);
  HttpReply get_item(const Call& call, const std::string& id, const std::string& lang);
  HttpReply put_item(Call& call, const std::string& id, const std::string& lang);
  HttpReply item_action(Call& call, const std::string& id, const std::string& lang,
                        const std::string& action);
  HttpReply preview(const Call& call) const;
  HttpReply status() const;

  // Publishing and history (console_publish.cpp).
  HttpReply publish(Call& call, std::optional<std::int64_t> rollback_of = std::nullopt);
  HttpReply list_versions();
  HttpReply version_item(Call& call, std::int64_t version, const std::string& id,
                         const std::string& lang, bool restore);
  HttpReply rollback(Call& call, std::int64_t version);
  content::Status ensure_baseline();
  std::int64_t newest_version() const;

  // Audit and users (console_admin.cpp).
  HttpReply list_audit(const Call& call);
  HttpReply list_users();
  HttpReply add_user(Call& call);
  HttpReply user_action(Call& call, const std::string& name, const std::string& action);
  void audit(const Call& call, const std::string& action, const std::string& target,
             const std::string& detail, const std::string& user = "");

  // The state an item is in, and its revision, as the list and GET show.
  struct ItemView {
    std::string type, id, lang, title, category, state, revision, updated, path;
    std::optional<Draft> draft;
    const TreeEntry* file = nullptr;
    // The draft's text, else the file's.
    const std::string& text() const { return draft ? draft->text : file->text; }
  };
  content::Result<std::optional<ItemView>> view_of(const std::string& id, const std::string& lang);
  ItemView view_of_draft(Draft draft) const;
  ItemView view_of_file(const TreeEntry& file);
  // (id, lang) -> the revision the newest version holds.
  const std::map<std::pair<std::string, std::string>, std::string>& published_revisions();
  std::optional<std::map<std::pair<std::string, std::string>, std::string>> published_cache_;

  std::string now_text() const { return format_utc(clock_.now()); }

  ConsoleSettings settings_;
  std::filesystem::path repo_;
  std::unique_ptr<ConsoleStore> store_;
  published::SigningKey key_;
  const Clock& clock_;
  bool trust_proxy_;
  ContentTree tree_;
  LoginThrottle account_throttle_{3};
  // An office behind one address shares it: more room before the delays.
  LoginThrottle address_throttle_{10};
  std::mutex mutex_;
};

}  // namespace kiosk_server::console
