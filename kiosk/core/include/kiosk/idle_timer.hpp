// When the visitor has gone: after `timeout` seconds without a touch the app
// asks "Are you still there?" for `countdown` seconds, then resets. Time is
// passed in (seconds on a monotonic clock), so tests need no waiting.
#pragma once

namespace kiosk {

class IdleTimer {
 public:
  enum class Phase { active, asking, expired };

  IdleTimer(double timeout_s, double countdown_s, double now)
      : timeout_(timeout_s), countdown_(countdown_s), last_touch_(now) {}

  void touch(double now) { last_touch_ = now; }
  Phase phase(double now) const {
    const double idle = now - last_touch_;
    if (idle < timeout_) return Phase::active;
    if (idle < timeout_ + countdown_) return Phase::asking;
    return Phase::expired;
  }
  // Whole seconds left on the "still there?" countdown.
  int seconds_left(double now) const {
    const double left = timeout_ + countdown_ - (now - last_touch_);
    return left <= 0 ? 0 : static_cast<int>(left + 0.999);
  }
  // Seconds until the phase next changes (or the countdown ticks), for the
  // main loop's wait; never negative.
  double next_change(double now) const {
    const double idle = now - last_touch_;
    if (idle < timeout_) return timeout_ - idle;
    const double left = timeout_ + countdown_ - idle;
    if (left <= 0) return 0;
    const double fraction = left - static_cast<int>(left);
    return fraction > 0.001 ? fraction : 1.0;
  }

 private:
  double timeout_;
  double countdown_;
  double last_touch_;
};

}  // namespace kiosk
