// Small time rules of the lobby, with time passed in (seconds on a monotonic
// clock) so tests need no waiting.
#pragma once

#include <algorithm>

namespace kiosk {

// A second press within `window_s` of an accepted one does not count: a
// visitor tapping a face twice sends one feedback.
class Debounce {
 public:
  explicit Debounce(double window_s) : window_(window_s) {}
  bool accept(double now) {
    if (accepted_ && now - last_ < window_) return false;
    accepted_ = true;
    last_ = now;
    return true;
  }
  void reset() { accepted_ = false; }

 private:
  double window_;
  double last_ = 0;
  bool accepted_ = false;
};

// Staff PIN attempts: after the n-th wrong PIN in a row the next attempt is
// refused for 2^(n-1) seconds (1, 2, 4, … up to 5 minutes).
class PinThrottle {
 public:
  bool may_try(double now) const { return now >= not_before_; }
  double wait_s(double now) const { return std::max(0.0, not_before_ - now); }
  void failed(double now) {
    ++failures_;
    const double delay = std::min(300.0, static_cast<double>(1 << std::min(failures_ - 1, 9)));
    not_before_ = now + delay;
  }
  void succeeded() {
    failures_ = 0;
    not_before_ = 0;
  }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
  double not_before_ = 0;
};

}  // namespace kiosk
