// Failed log-ins, counted per account and per client address, with a delay
// that doubles after each failure past the first few (docs/console.md).
#pragma once

#include <cstddef>
#include <ctime>
#include <map>
#include <string>

namespace kiosk_server::console {

class LoginThrottle {
 public:
  // Failures allowed before any delay, and the longest delay.
  LoginThrottle(int free_failures = 3, int max_delay_s = 900)
      : free_failures_(free_failures), max_delay_s_(max_delay_s) {}

  // Seconds `key` must still wait before its next attempt; 0 to go ahead.
  int wait(const std::string& key, std::time_t now) const;
  void failed(const std::string& key, std::time_t now);
  void succeeded(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    std::time_t last = 0;
    std::time_t next_allowed = 0;
  };
  int free_failures_;
  int max_delay_s_;
  std::map<std::string, Entry> entries_;
};

}  // namespace kiosk_server::console
