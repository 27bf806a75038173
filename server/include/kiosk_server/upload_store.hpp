// kiosk-server's own SQLite file: what kiosks uploaded.
//
//   feedback     one row per feedback UUID, forever (the UUID is the primary
//                key, so an upload is stored at most once)
//   heartbeat    the latest heartbeat of each kiosk, with when it arrived
//   search_miss  per (kiosk, day, query) the highest count a kiosk reported
//   kiosk        every kiosk id accepted, first heard when and from where
//
// The file is WAL with synchronous=FULL: a write has reached the disk when
// its call returns. An UploadStore is used from one thread at a time; several
// processes may share the file (SQLite locks it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "kiosk_server/uploads.hpp"

namespace kiosk_server {

struct StoredFeedback {
  Feedback feedback;
  std::string received;  // YYYY-MM-DDTHH:MM:SSZ, by the server's clock
};

struct KioskStatus {
  Heartbeat heartbeat;
  std::string received;  // when the heartbeat arrived, by the server's clock
};

struct MissTotal {
  std::string query;
  std::int64_t count = 0;  // summed over kiosks and days
};

struct FeedbackOutcome {
  enum class Kind { stored, replayed, conflict, over_quota };
  Kind kind = Kind::stored;
  // For a conflict: the first field that differs from the stored feedback.
  std::string differing_field;
};

enum class KioskAdmission {
  known,          // heard before
  admitted,       // new, and now recorded
  address_quota,  // new, but its address introduced too many kiosk ids in the last 24 h
  fleet_full,     // new, but the server already knows the most kiosks it accepts
};

class UploadStore {
 public:
  // Opens `file`, creating it (and its tables) when `create` is true. A file
  // made by a newer kiosk-server is refused.
  static content::Result<UploadStore> open(const std::filesystem::path& file, bool create);

  UploadStore(UploadStore&&) noexcept;
  UploadStore& operator=(UploadStore&&) noexcept;
  ~UploadStore();

  // Stores `feedback` unless its UUID is already stored: then `replayed` when
  // the stored one is the same, `conflict` when it differs. A new one is
  // `over_quota`, and not stored, when its kiosk already has
  // `max_new_per_day` feedbacks received on `received`'s UTC day. One
  // transaction.
  content::Result<FeedbackOutcome> add_feedback(const Feedback& feedback, std::string_view received,
                                                int max_new_per_day = 1 << 30);

  // Replaces the kiosk's latest heartbeat unless the stored one was sent
  // later (by the kiosk's clock): an old heartbeat arriving late changes
  // nothing but when the kiosk was last heard (`received`). A stored one
  // sent more than 10 minutes after `received` (a kiosk clock far ahead) is
  // always replaced.
  content::Status put_heartbeat(const Heartbeat& heartbeat, std::string_view received);

  // Keeps, per (kiosk, day, query), the larger of the stored and the new
  // count (a count above `max_count` as `max_count`), so the same batch sent
  // twice changes nothing. A query new for its (kiosk, day) is not stored
  // once that pair has `max_queries_per_day`. One transaction. Returns how
  // many rows were not stored.
  content::Result<int> merge_misses(const MissBatch& batch, int max_queries_per_day = 1 << 30,
                                    std::int64_t max_count = 1'000'000);

  // Whether uploads from `kiosk` are taken: a kiosk id heard before always
  // is; a new one is recorded with `received` and `address` unless its
  // address introduced `max_new_per_address_per_day` kiosk ids in the 24 h
  // before `received`, or the server knows `max_kiosks` already.
  content::Result<KioskAdmission> admit_kiosk(std::string_view kiosk, std::string_view address,
                                              std::string_view received,
                                              int max_new_per_address_per_day, int max_kiosks);

  // Every feedback, oldest received first (then in the order stored).
  content::Result<std::vector<StoredFeedback>> feedback() const;
  // The latest heartbeat of every kiosk, by kiosk id.
  content::Result<std::vector<KioskStatus>> kiosks() const;
  // Totals per query over all kiosks, most first (then by query), counting
  // only days on or after `since_day` (YYYY-MM-DD) when given.
  content::Result<std::vector<MissTotal>> miss_totals(
      const std::optional<std::string>& since_day) const;

 private:
  struct Impl;
  explicit UploadStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk_server
