// Time as kiosk-server sees it: a clock seam, and UTC times written
// YYYY-MM-DDTHH:MM:SSZ and days written YYYY-MM-DD.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk_server {

// Where "now" comes from, so tests can choose it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::time_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::time_t now() const override { return std::time(nullptr); }
};

// "2026-11-23T08:00:00Z"
std::string format_utc(std::time_t t);

// The time `text` names, or nullopt unless it is exactly YYYY-MM-DDTHH:MM:SSZ
// with a real date (no 31 April, 29 February only in leap years) and a time
// of day from 00:00:00 to 23:59:59.
std::optional<std::time_t> parse_utc(std::string_view text);

// True when `text` is exactly YYYY-MM-DD and a real date.
bool is_day(std::string_view text);

}  // namespace kiosk_server
