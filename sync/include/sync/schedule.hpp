// When the next sync cycle runs: every period, with jitter so a fleet of
// kiosks does not arrive at once; after a transient failure, sooner, backing
// off exponentially with jitter, honouring the server's Retry-After, and
// never later than one period.
#pragma once

#include <cstdint>
#include <random>

#include "sync/client.hpp"

namespace published {

class SyncSchedule {
 public:
  SyncSchedule(double period_s, std::uint64_t seed);

  // The wait before the first cycle after start: a few seconds, jittered.
  double first_delay_s();
  // The wait after a cycle that ended with `report`.
  double next_delay_s(const CycleReport& report);

  double period_s() const { return period_s_; }
  int transient_failures() const { return transient_failures_; }

 private:
  double jitter(double low, double high);

  double period_s_;
  int transient_failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace published
