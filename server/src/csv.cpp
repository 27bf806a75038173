#include "kiosk_server/csv.hpp"

namespace kiosk_server {

std::string csv_cell(std::string_view text) {
  std::string cell;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    cell += '\'';
  }
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string feedback_csv(const std::vector<StoredFeedback>& rows) {
  std::string out = "uuid,kiosk,rating,service,comment,created,received\r\n";
  for (const auto& row : rows) {
    const auto& f = row.feedback;
    out += csv_cell(f.uuid) + ',' + csv_cell(f.kiosk) + ',' + std::to_string(f.rating) + ',' +
           csv_cell(f.service) + ',' + csv_cell(f.comment) + ',' + csv_cell(f.created) + ',' +
           csv_cell(row.received) + "\r\n";
  }
  return out;
}

}  // namespace kiosk_server
