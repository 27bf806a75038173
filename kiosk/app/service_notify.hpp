// Tells systemd's service manager how the kiosk is doing (sd_notify): READY=1
// once the first frame is on screen, WATCHDOG=1 while the main loop turns, and
// STATUS= lines for `systemctl status`. Does nothing when the app does not run
// under systemd ($NOTIFY_SOCKET unset), so development and tests are unchanged.
//
// Under the kiosk compositor (cage) the app is the compositor's child, not the
// unit's main process: the unit says NotifyAccess=all, and the watchdog
// interval is taken from $WATCHDOG_USEC even though $WATCHDOG_PID names cage.
#pragma once

#include <functional>
#include <string>

namespace service {

class ServiceNotifier {
 public:
  // Monotonic seconds; the default is std::chrono::steady_clock.
  using Clock = std::function<double()>;

  // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC once.
  explicit ServiceNotifier(Clock clock = {});

  // True when a service manager listens.
  bool under_systemd() const { return under_systemd_; }
  // Seconds between two pings (half of WatchdogSec=); 0 when there is no watchdog.
  double ping_interval_s() const { return ping_interval_s_; }

  // READY=1 with `status`, also written once to stderr (the journal); later
  // calls only update the status. REQUIRES: no visitor-typed text in `status`.
  void ready(const std::string& status);
  // STATUS=`text`. REQUIRES: no visitor-typed text in `text`.
  void status(const std::string& text);
  // Call on every turn of the main loop: pings when a ping is due.
  void tick();
  // The longest the loop may sleep before the next ping is due, in seconds;
  // a day when there is no watchdog.
  double max_wait_s() const;

 private:
  Clock clock_;
  bool under_systemd_ = false;
  bool ready_sent_ = false;
  double ping_interval_s_ = 0;
  double last_ping_s_ = 0;
};

}  // namespace service
