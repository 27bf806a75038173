#include "content/feedback_outbox.hpp"

#include <sodium.h>

#include <array>
#include <utility>

#include "content/text.hpp"
#include "records.hpp"
#include "sqlite.hpp"

namespace content {

struct FeedbackOutbox::Impl {
  sql::Db db;
};

namespace {

// A random (version 4) UUID in lower case.
std::string new_uuid() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uuid;
  uuid.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid.push_back('-');
    uuid.push_back(kHex[bytes[i] >> 4]);
    uuid.push_back(kHex[bytes[i] & 0x0f]);
  }
  return uuid;
}

Error refused(const std::string& why) { return Error{"feedback not stored: " + why}; }

}  // namespace

FeedbackOutbox::FeedbackOutbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FeedbackOutbox::FeedbackOutbox(FeedbackOutbox&&) noexcept = default;
FeedbackOutbox& FeedbackOutbox::operator=(FeedbackOutbox&&) noexcept = default;
FeedbackOutbox::~FeedbackOutbox() = default;

Result<FeedbackOutbox> FeedbackOutbox::open(const std::filesystem::path& file) {
  if (sodium_init() < 0) return Error{"cannot initialise libsodium's random numbers"};
  auto db = records::open_db(file);
  if (!db) return db.error();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return FeedbackOutbox(std::move(impl));
}

Result<std::string> FeedbackOutbox::add(int rating, std::string_view service_id,
                                        std::string_view comment, std::string_view created_at) {
  if (rating < 1 || rating > 4) {
    return refused("the rating " + std::to_string(rating) + " is not 1 to 4");
  }
  if (!service_id.empty() && !records::is_service_id(service_id)) {
    return refused("the service id \"" + std::string(service_id) +
                   "\" is not 1 to 64 characters of a-z, 0-9 and '-'");
  }
  if (const auto bad = text::first_invalid_utf8(comment)) {
    return refused("the comment has invalid UTF-8 at byte " + std::to_string(*bad));
  }
  const std::string nfc = text::to_nfc(comment);
  if (nfc.size() > kMaxFeedbackCommentBytes) {
    return refused("the comment has " + std::to_string(nfc.size()) + " bytes; at most " +
                   std::to_string(kMaxFeedbackCommentBytes) + " are kept");
  }
  if (!records::is_utc_time(created_at)) {
    return refused("\"" + std::string(created_at) + "\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  }

  auto stmt = sql::Stmt::prepare(impl_->db,
                                 "INSERT INTO feedback_outbox(uuid, rating, service_id, comment, "
                                 "created_at) VALUES(?,?,?,?,?)");
  if (!stmt) return refused(stmt.error().message);
  std::string uuid = new_uuid();
  stmt->bind(1, uuid).bind(2, rating).bind(3, service_id).bind(4, nfc).bind(5, created_at);
  // One statement, so its own transaction: committed, and with
  // synchronous=FULL synced, when run() returns.
  if (auto s = stmt->run(); !s) return refused(s.error().message);
  return uuid;
}

std::vector<FeedbackEntry> FeedbackOutbox::pending(int limit) const {
  std::vector<FeedbackEntry> entries;
  if (limit <= 0) return entries;
  auto stmt = sql::Stmt::prepare(impl_->db,
                                 "SELECT uuid, rating, service_id, comment, created_at "
                                 "FROM feedback_outbox ORDER BY seq LIMIT ?");
  if (!stmt) return entries;
  stmt->bind(1, limit);
  while (stmt->step()) {
    entries.push_back({stmt->text(0), static_cast<int>(stmt->integer(1)), stmt->text(2),
                       stmt->text(3), stmt->text(4)});
  }
  return entries;
}

Status FeedbackOutbox::remove(std::string_view uuid) {
  auto stmt = sql::Stmt::prepare(impl_->db, "DELETE FROM feedback_outbox WHERE uuid = ?");
  if (!stmt) return Error{"cannot remove a feedback: " + stmt.error().message};
  stmt->bind(1, uuid);
  if (auto s = stmt->run(); !s)
    return Error{"cannot remove feedback " + std::string(uuid) + ": " + s.error().message};
  return {};
}

int FeedbackOutbox::pending_count() const {
  auto stmt = sql::Stmt::prepare(impl_->db, "SELECT count(*) FROM feedback_outbox");
  return stmt && stmt->step() ? static_cast<int>(stmt->integer(0)) : 0;
}

}  // namespace content
