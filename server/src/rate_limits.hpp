// Token buckets keyed by a client address or a kiosk id: a burst, then a
// steady rate. Time comes from the caller (the server's Clock), so tests
// decide when a bucket refills.
#pragma once

#include <cstddef>
#include <ctime>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kiosk_server {

class TokenBuckets {
 public:
  // Each key starts with `burst` tokens and gains `per_second` a second, up
  // to `burst`. At most `max_keys` keys are remembered: past that, full
  // buckets (keys idle long enough to have refilled) are forgotten first.
  TokenBuckets(double burst, double per_second, std::size_t max_keys = 100000);

  // Takes a token for `key` at `now`: 0 when there was one, else the whole
  // seconds until there will be (at least 1). Safe from several threads.
  int take(const std::string& key, std::time_t now);

 private:
  struct Bucket {
    double tokens = 0;
    std::time_t at = 0;
  };
  double refilled(const Bucket& b, std::time_t now) const;

  double burst_;
  double per_second_;
  std::size_t max_keys_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace kiosk_server
