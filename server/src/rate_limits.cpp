#include "rate_limits.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk_server {

TokenBuckets::TokenBuckets(double burst, double per_second, std::size_t max_keys)
    : burst_(std::max(1.0, burst)), per_second_(std::max(1e-6, per_second)), max_keys_(max_keys) {}

double TokenBuckets::refilled(const Bucket& b, std::time_t now) const {
  const double elapsed = now > b.at ? static_cast<double>(now - b.at) : 0.0;
  return std::min(burst_, b.tokens + elapsed * per_second_);
}

int TokenBuckets::take(const std::string& key, std::time_t now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      std::erase_if(buckets_,
                    [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
      // Still full of busy keys: forget them all rather than refuse a newcomer.
      if (buckets_.size() >= max_keys_) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = refilled(b, now);
  b.at = std::max(b.at, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

}  // namespace kiosk_server
