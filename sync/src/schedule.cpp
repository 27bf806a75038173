#include "sync/schedule.hpp"

#include <algorithm>
#include <cmath>

namespace published {
namespace {

constexpr double kFirstRetryS = 10;

}  // namespace

SyncSchedule::SyncSchedule(double period_s, std::uint64_t seed)
    : period_s_(std::max(period_s, 1.0)), rng_(seed) {}

double SyncSchedule::jitter(double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng_);
}

double SyncSchedule::first_delay_s() { return std::min(period_s_, jitter(2, 15)); }

double SyncSchedule::next_delay_s(const CycleReport& report) {
  const bool transient = !report.content_ok() && report.failure == Failure::Kind::transient;
  if (!transient) {
    transient_failures_ = 0;
    return period_s_ * jitter(0.9, 1.1);
  }
  ++transient_failures_;
  const double backoff =
      std::min(period_s_, kFirstRetryS * std::pow(2.0, std::min(transient_failures_ - 1, 30)));
  double delay = backoff * jitter(0.5, 1.0);
  if (report.retry_after_s >= 0) delay = std::max(delay, static_cast<double>(report.retry_after_s));
  return std::min(delay, period_s_);
}

}  // namespace published
