// Queue tickets handed out at the kiosk, numbered per service and per day.
//
// A ticket is committed to disk (synchronous=FULL) before issue() returns, so
// a number once printed is never printed again, even after a crash or power
// loss; the database refuses a second row with the same service, day and
// sequence. Several TicketDispensers, in one process or several, may share
// the file: each issue() takes the write lock, so they never collide.
// A TicketDispenser is used from one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "content/result.hpp"

namespace content {

struct Ticket {
  std::string service_id;
  std::string prefix;     // "A"
  std::string day;        // the office's local day, YYYY-MM-DD
  int sequence = 0;       // 1 for the day's first ticket of the service
  std::string number;     // what the visitor reads: "A-015", "B-1000"
  std::string issued_at;  // YYYY-MM-DDTHH:MM:SS, local time
};

class TicketDispenser {
 public:
  // Opens (creating and migrating if needed) the kiosk's content file.
  static Result<TicketDispenser> open(const std::filesystem::path& file);

  TicketDispenser(TicketDispenser&&) noexcept;
  TicketDispenser& operator=(TicketDispenser&&) noexcept;
  ~TicketDispenser();

  // The next ticket of `service_id` on `local_day`, on disk when this returns.
  // REQUIRES (checked, an Error otherwise): `service_id` is 1 to 64 characters
  // of a-z, 0-9 and '-'; `prefix` is one or two capital letters A-Z;
  // `local_day` is a real date YYYY-MM-DD; `issued_at` is YYYY-MM-DDTHH:MM:SS
  // on `local_day` (take both from one reading of the clock).
  // Also an Error when the file stays locked by another writer for 5 s.
  Result<Ticket> issue(std::string_view service_id, std::string_view prefix,
                       std::string_view local_day, std::string_view issued_at);

  // How many tickets `service_id` has issued on `day`; 0 when unreadable.
  int issued_today(std::string_view service_id, std::string_view day) const;

 private:
  struct Impl;
  explicit TicketDispenser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "A" and 15 -> "A-015": at least three digits, more when needed ("B-1000").
std::string ticket_number(std::string_view prefix, int sequence);

}  // namespace content
