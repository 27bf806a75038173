#include "service_notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

namespace service {

namespace {

double steady_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// sd_watchdog_enabled() answers 0 in a child of the main process (it checks
// $WATCHDOG_PID), so the interval is read here; a malformed value means none.
double watchdog_usec() {
  const char* text = std::getenv("WATCHDOG_USEC");
  if (!text || !*text) return 0;
  char* end = nullptr;
  const unsigned long long usec = std::strtoull(text, &end, 10);
  if (*end != '\0') return 0;
  return static_cast<double>(usec);
}

}  // namespace

ServiceNotifier::ServiceNotifier(Clock clock) : clock_(std::move(clock)) {
  if (!clock_) clock_ = steady_seconds;
  const char* socket = std::getenv("NOTIFY_SOCKET");
  under_systemd_ = socket && *socket;
  if (under_systemd_) ping_interval_s_ = watchdog_usec() / 2e6;
  last_ping_s_ = clock_();
}

void ServiceNotifier::ready(const std::string& status) {
  if (!under_systemd_) return;
  const std::string message = (ready_sent_ ? "" : "READY=1\n") + std::string("STATUS=") + status;
  sd_notify(0, message.c_str());
  if (!ready_sent_) std::cerr << "customs-kiosk: " << status << "\n";  // the journal's line
  ready_sent_ = true;
}

void ServiceNotifier::status(const std::string& text) {
  if (!under_systemd_) return;
  sd_notify(0, ("STATUS=" + text).c_str());
}

void ServiceNotifier::tick() {
  if (ping_interval_s_ <= 0) return;
  const double now = clock_();
  if (now - last_ping_s_ < ping_interval_s_) return;
  sd_notify(0, "WATCHDOG=1");
  last_ping_s_ = now;
}

double ServiceNotifier::max_wait_s() const {
  if (ping_interval_s_ <= 0) return 86400;
  return std::max(0.0, last_ping_s_ + ping_interval_s_ - clock_());
}

}  // namespace service
