// Fixtures for sync tests: a department that publishes into a repository
// with its own key, a kiosk's cache, one sync cycle over real HTTP (libcurl),
// and a snapshot of what a kiosk shows, to prove a refused sync changed
// nothing.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "content/content_set.hpp"
#include "content/store.hpp"
#include "support.hpp"
#include "sync/client.hpp"
#include "sync/http.hpp"
#include "sync/manifest.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"

namespace synctest {

// 2026-11-23T08:00:00Z: the clock of tests that do not run kioskctl.
inline constexpr std::time_t kT = 1795420800;
inline constexpr std::time_t kDay = 86400;

published::SigningKey new_key();

// A department: a repository, the key that signs it, and the content of its
// next version (the small test tree, changed by the test as it likes).
class Department {
 public:
  explicit Department(std::time_t start = kT);
  std::filesystem::path repo() const { return dir_ / "repo"; }
  const published::SigningKey& key() const { return key_; }
  void set_key(const published::SigningKey& key) { key_ = key; }
  // The public key file a kiosk is installed with (kioskctl sync --trust).
  std::filesystem::path trust_file() const { return dir_ / "key/signing.pub"; }
  content::ContentSet& content() { return set_; }

  // Publishes the content as the next version, a minute after the last one
  // unless `at` says when.
  published::PublishReport publish(int expires_days = 30, std::time_t at = 0);
  std::time_t last_published() const { return clock_; }

  // The signed head of `version` ("manifests/<v>.signed") and its parsed body.
  std::string envelope(std::int64_t version) const;
  published::Head head(std::int64_t version) const;
  // Replaces manifest.signed with `bytes`.
  void serve_head(const std::string& bytes) const;

 private:
  test::TempDir dir_;
  published::SigningKey key_;
  content::ContentSet set_;
  std::time_t clock_;
};

// The FAQ every test changes: its Vietnamese question in the small tree.
inline constexpr const char* kFaq = "faq-mien-thue";
inline constexpr const char* kFaqQuestion = "Hành lý miễn thuế gồm những gì?";
// Changes kFaq (vi) so that it mentions perfume, a word nothing else uses.
void change_faq(content::ContentSet& set, const std::string& question);
// The object path of the vi FAQ `id` as `set` holds it.
std::string faq_object_path(const content::ContentSet& set, const std::string& id);

published::SyncSettings settings(const std::string& url, const std::filesystem::path& db,
                                 const published::PublicKey& anchor, std::time_t now = kT);
// One cycle with a fresh libcurl transport.
published::CycleReport sync_once(const published::SyncSettings& s,
                                 const published::CurlOptions& options = {});

// What a kiosk shows, for "nothing changed" checks.
struct Snapshot {
  std::int64_t version = 0;
  int categories = 0, documents = 0, faqs = 0, services = 0;
  std::string faq_question;                   // kFaq in Vietnamese
  std::vector<std::string> search_allowance;  // ids found for "miễn thuế"
  std::vector<std::string> search_perfume;    // ids found for "nước hoa"
  std::string manifest_sha256;
  bool operator==(const Snapshot&) const = default;
};
Snapshot snapshot(const std::filesystem::path& db);
std::string last_error(const std::filesystem::path& db);

// kioskctl in the background, output to /dev/null.
pid_t spawn_kioskctl(const std::vector<std::string>& args);
// Waits for `pid`; its exit code, or 128 + the signal that ended it.
int wait_for(pid_t pid);

}  // namespace synctest
