// Feedback as RFC 4180 CSV for staff, who open it in a spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk_server/upload_store.hpp"

namespace kiosk_server {

// One cell. A cell that a spreadsheet would take for a formula (it starts
// with = + - @, a tab or a carriage return) gets a leading single quote; a
// cell holding a comma, a double quote or a line break is then quoted, with
// double quotes doubled.
std::string csv_cell(std::string_view text);

// Header "uuid,kiosk,rating,service,comment,created,received", then one row
// per feedback in the order given; every line ends with CRLF.
std::string feedback_csv(const std::vector<StoredFeedback>& rows);

}  // namespace kiosk_server
