// One sync cycle of a kiosk: fetch, verify and apply content; upload the
// feedback outbox; send the heartbeat and the search-miss counts.
//
// The repository sits at the server URL's root and the API under /api/v1/,
// so one URL serves both. Only the content step decides the cycle's result;
// an upload or heartbeat that fails is a warning and is retried next cycle
// (a static server that answers POSTs with 405 does not fail a sync).
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sync/failure.hpp"
#include "sync/http.hpp"
#include "sync/signing.hpp"

namespace published {

struct SyncSettings {
  std::string server_url;
  std::filesystem::path db;  // the kiosk's content cache
  PublicKey trust_anchor;    // the department's key the kiosk was installed with
  std::string kiosk_id;      // 1..64 of a-z, 0-9, '-'; empty sends no heartbeat
  std::string app_version;
  std::function<std::time_t()> now = [] { return std::time(nullptr); };
  std::function<std::int64_t()> uptime_s = [] { return std::int64_t{0}; };
  // The local day (YYYY-MM-DD) search misses older than 30 days are
  // forgotten before; empty keeps them.
  std::function<std::string()> local_day;
};

struct CycleReport {
  enum class Content { updated, unchanged, refused, failed };
  Content content = Content::failed;
  std::string content_message;  // why, when refused or failed; what, when updated
  Failure::Kind failure = Failure::Kind::failed;
  int retry_after_s = -1;
  std::int64_t version = 0;  // installed after the cycle
  std::size_t objects_fetched = 0;
  int feedback_sent = 0;
  int feedback_waiting = 0;
  // Feedback the server refused (a 4xx other than 404, 405, 408 and 429):
  // kept in the outbox and tried again later (see SyncClient), never deleted.
  // The count and the server's reason for the latest refusal; not repeated
  // in `warnings`, which are one line per problem, never one per item.
  int feedback_refused = 0;
  std::string feedback_refused_reason;
  // No kiosk id: the server refuses feedback without one, so none was sent.
  bool feedback_needs_kiosk_id = false;
  std::vector<std::string> warnings;  // uploads and heartbeat
  Traffic traffic;                    // this cycle's bytes on the wire

  bool content_ok() const { return content == Content::updated || content == Content::unchanged; }
};

// Feedback the server refused is kept and offered again: at the next cycle
// of a new SyncClient (kioskctl sync --once), and by a long-lived one (the
// app's worker) after 1 hour, then 2, 4, ... up to 24 hours between tries, so a
// refusal costs the server one request per item and day at most.
class SyncClient {
 public:
  SyncClient(SyncSettings settings, HttpTransport& transport);
  CycleReport run_cycle();

  // The content step alone, recording its outcome in the store.
  CycleReport sync_content();

 private:
  void upload_feedback(CycleReport& report);
  void send_heartbeat(CycleReport& report);
  void send_search_misses(CycleReport& report);

  struct Refusal {
    std::time_t retry_at = 0;
    int times = 0;
  };

  SyncSettings settings_;
  HttpTransport& transport_;
  std::map<std::string, Refusal> refused_;  // by feedback UUID, still in the outbox
  std::string last_refusal_;                // the server's reason, as "HTTP 422: ..."
};

}  // namespace published
