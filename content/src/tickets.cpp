#include "content/tickets.hpp"

#include <utility>

#include "records.hpp"
#include "sqlite.hpp"

namespace content {

struct TicketDispenser::Impl {
  sql::Db db;
};

namespace {

bool is_prefix(std::string_view s) {
  if (s.empty() || s.size() > 2) return false;
  for (const char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

std::string ticket_number(std::string_view prefix, int sequence) {
  std::string digits = std::to_string(sequence);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return std::string(prefix) + "-" + digits;
}

TicketDispenser::TicketDispenser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TicketDispenser::TicketDispenser(TicketDispenser&&) noexcept = default;
TicketDispenser& TicketDispenser::operator=(TicketDispenser&&) noexcept = default;
TicketDispenser::~TicketDispenser() = default;

Result<TicketDispenser> TicketDispenser::open(const std::filesystem::path& file) {
  auto db = records::open_db(file);
  if (!db) return db.error();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return TicketDispenser(std::move(impl));
}

Result<Ticket> TicketDispenser::issue(std::string_view service_id, std::string_view prefix,
                                      std::string_view local_day, std::string_view issued_at) {
  if (!records::is_service_id(service_id)) {
    return Error{"cannot issue a ticket: the service id \"" + std::string(service_id) +
                 "\" is not 1 to 64 characters of a-z, 0-9 and '-'"};
  }
  if (!is_prefix(prefix)) {
    return Error{"cannot issue a ticket: the prefix \"" + std::string(prefix) +
                 "\" is not one or two capital letters A-Z"};
  }
  if (!records::is_day(local_day)) {
    return Error{"cannot issue a ticket: \"" + std::string(local_day) +
                 "\" is not a date YYYY-MM-DD"};
  }
  if (!records::is_local_time(issued_at) || issued_at.substr(0, 10) != local_day) {
    return Error{"cannot issue a ticket: \"" + std::string(issued_at) +
                 "\" is not a time YYYY-MM-DDTHH:MM:SS on " + std::string(local_day)};
  }

  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return Error{"cannot issue a ticket: " + s.error().message};
  auto next = sql::Stmt::prepare(
      db, "SELECT coalesce(max(sequence), 0) + 1 FROM ticket WHERE service_id = ? AND day = ?");
  if (!next) return Error{"cannot issue a ticket: " + next.error().message};
  next->bind(1, service_id).bind(2, local_day);
  if (!next->step()) {
    auto s = next->status();
    return Error{"cannot issue a ticket: " + (s ? db.last_error() : s.error().message)};
  }
  Ticket ticket;
  ticket.service_id = service_id;
  ticket.prefix = prefix;
  ticket.day = local_day;
  ticket.sequence = static_cast<int>(next->integer(0));
  next->reset();  // no statement in progress at COMMIT
  ticket.number = ticket_number(prefix, ticket.sequence);
  ticket.issued_at = issued_at;

  auto insert = sql::Stmt::prepare(
      db, "INSERT INTO ticket(service_id, day, sequence, prefix, issued_at) VALUES(?,?,?,?,?)");
  if (!insert) return Error{"cannot issue a ticket: " + insert.error().message};
  insert->bind(1, ticket.service_id).bind(2, ticket.day).bind(3, ticket.sequence);
  insert->bind(4, ticket.prefix).bind(5, ticket.issued_at);
  if (auto s = insert->run(); !s) return Error{"cannot issue a ticket: " + s.error().message};
  if (auto s = tx.commit(); !s) return Error{"cannot issue a ticket: " + s.error().message};
  return ticket;
}

int TicketDispenser::issued_today(std::string_view service_id, std::string_view day) const {
  auto stmt =
      sql::Stmt::prepare(impl_->db, "SELECT count(*) FROM ticket WHERE service_id = ? AND day = ?");
  if (!stmt) return 0;
  stmt->bind(1, service_id).bind(2, day);
  return stmt->step() ? static_cast<int>(stmt->integer(0)) : 0;
}

}  // namespace content
