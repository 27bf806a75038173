// Feedback as RFC 4180 CSV for staff, who open it in a spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk_server/upload_store.hpp"

namespace kiosk_server {

// One cell. A cell that a spreadsheet could take for a formula gets a
// leading single quote: its first visible character is = + - @ or a
// look-alike (fullwidth ＝, small ﹢, U+2212 ...), after any spaces; or it
// starts with something a person cannot see (a tab, a line break, a
// non-breaking or zero-width space, a BOM, another format character).
// A cell holding a comma, a double quote or a line break is then quoted,
// with double quotes doubled.
std::string csv_cell(std::string_view text);

// Header "uuid,kiosk,rating,service,comment,created,received", then one row
// per feedback in the order given; every line ends with CRLF.
std::string feedback_csv(const std::vector<StoredFeedback>& rows);

}  // namespace kiosk_server
