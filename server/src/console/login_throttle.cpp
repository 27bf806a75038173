#include "console/login_throttle.hpp"

#include <algorithm>

namespace kiosk_server::console {
namespace {

// Entries idle for a day are forgotten; the map never holds more than this.
constexpr std::size_t kMaxEntries = 100'000;
constexpr std::time_t kForgetAfter = 86400;

}  // namespace

int LoginThrottle::wait(const std::string& key, std::time_t now) const {
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.next_allowed <= now) return 0;
  return static_cast<int>(it->second.next_allowed - now);
}

void LoginThrottle::failed(const std::string& key, std::time_t now) {
  if (entries_.size() >= kMaxEntries) {
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.last > kForgetAfter; });
    if (entries_.size() >= kMaxEntries) entries_.erase(entries_.begin());
  }
  auto& e = entries_[key];
  if (e.failures > 0 && now - e.last > kForgetAfter) e = Entry{};
  ++e.failures;
  e.last = now;
  if (e.failures >= free_failures_) {
    const int doublings = std::min(e.failures - free_failures_, 20);
    e.next_allowed = now + std::min<std::time_t>(std::time_t{1} << doublings, max_delay_s_);
  }
}

void LoginThrottle::succeeded(const std::string& key) { entries_.erase(key); }

}  // namespace kiosk_server::console
