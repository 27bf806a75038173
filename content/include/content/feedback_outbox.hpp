// Visitor feedback waiting to be uploaded.
//
// add() returns only once the feedback is on disk (synchronous=FULL): the
// kiosk says "thank you" after that, never before. Each feedback gets a random
// UUID, the idempotency key of its upload; the uploader sends pending()
// entries, and remove()s one only after the server acknowledged it, so an
// upload is at least once and the server's deduplication makes it exactly once.
// Several FeedbackOutboxes (the touch app, the sync worker) may share the
// file, each with its own object. A FeedbackOutbox is used from one thread at
// a time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"

namespace content {

struct FeedbackEntry {
  std::string uuid;        // lower-case UUID v4, "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx"
  int rating = 0;          // 1 very satisfied, 2 satisfied, 3 unsatisfied, 4 very unsatisfied
  std::string service_id;  // empty when the visitor chose no service
  std::string comment;     // NFC, at most kMaxFeedbackCommentBytes; may be empty
  std::string created_at;  // UTC, YYYY-MM-DDTHH:MM:SSZ
};

inline constexpr std::size_t kMaxFeedbackCommentBytes = 1000;

class FeedbackOutbox {
 public:
  // Opens (creating and migrating if needed) the kiosk's content file.
  static Result<FeedbackOutbox> open(const std::filesystem::path& file);

  FeedbackOutbox(FeedbackOutbox&&) noexcept;
  FeedbackOutbox& operator=(FeedbackOutbox&&) noexcept;
  ~FeedbackOutbox();

  // Stores one feedback and returns its new UUID; on disk when this returns.
  // The comment is stored NFC-normalised.
  // REQUIRES (checked; an Error and nothing stored otherwise): `rating` in
  // 1..4; `service_id` empty or 1 to 64 characters of a-z, 0-9 and '-';
  // `comment` valid UTF-8 of at most kMaxFeedbackCommentBytes once in NFC;
  // `created_at` YYYY-MM-DDTHH:MM:SSZ (a fraction of a second is allowed).
  Result<std::string> add(int rating, std::string_view service_id, std::string_view comment,
                          std::string_view created_at);

  // Up to `limit` entries waiting for upload, oldest first; empty when
  // unreadable.
  std::vector<FeedbackEntry> pending(int limit) const;

  // Forgets an entry the server acknowledged. Removing an unknown UUID (one
  // removed before, after a retried acknowledgement) is not an error.
  Status remove(std::string_view uuid);

  // How many entries wait for upload; 0 when unreadable.
  int pending_count() const;

 private:
  struct Impl;
  explicit FeedbackOutbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace content
