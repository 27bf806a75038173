#include "kiosk/touch_scroll.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kiosk {
namespace {

// The release velocity is fitted over this much recent history: long enough
// to smooth out a jittery sample, short enough that a finger which stopped
// before lifting reads as stopped.
constexpr double kVelocityWindowS = 0.100;

// Samples closer together than this are merged, so the fixed history still
// spans more than the velocity window when a mouse reports at 1000 Hz.
constexpr double kMinSampleSpacingS = 0.004;

// How fast an overscrolled offset eases back to the end: the excess decays as
// exp(-rate * t), and the offset snaps to the end once within kSettleDonePx.
constexpr double kSettleRatePerS = 12.0;
constexpr double kSettleDonePx = 0.5;

// The least stop speed honoured, whatever the configuration says.
constexpr double kMinStopSpeedPxS = 0.5;

}  // namespace

TouchScroll::TouchScroll(ScrollConfig config) : config_(config) {}

float TouchScroll::clamp_to_range(float offset) const {
  return std::clamp(offset, 0.0f, max_offset_);
}

float TouchScroll::clamp_to_drag_range(float offset) const {
  const float over = std::max(0.0f, config_.overscroll_px);
  return std::clamp(offset, -over, max_offset_ + over);
}

void TouchScroll::set_content(float content_height, float view_height) {
  max_offset_ = std::max(0.0f, content_height - view_height);
  if (state_ == State::pending || state_ == State::dragging) {
    offset_ = clamp_to_drag_range(offset_);
    return;
  }
  offset_ = clamp_to_range(offset_);
  // An ease back from overscroll aims at an end that may just have moved.
  if (state_ == State::coasting && settling_) go_idle();
}

void TouchScroll::press(float y, double t, bool touch) {
  t = std::max(t, last_t_);
  // Catch a coasting list where it is now, not where the last frame drew it.
  // A touch that stops a moving list is that, not a tap on what was under
  // the finger (as on phones): it claims the press.
  const bool catching = state_ == State::coasting;
  if (catching) update(t);
  state_ = State::pending;
  claimed_ = catching;
  velocity_ = 0;
  slop_ = touch ? config_.touch_slop_px : config_.mouse_slop_px;
  press_y_ = y;
  start_offset_ = offset_;
  last_y_ = y;
  last_t_ = t;
  sample_count_ = 0;
  add_sample(y, t);
}

void TouchScroll::move(float y, double t) {
  if (state_ != State::pending && state_ != State::dragging) return;
  t = std::max(t, last_t_);
  last_t_ = t;
  last_y_ = y;
  add_sample(y, t);
  if (state_ == State::pending) {
    if (std::abs(y - press_y_) <= slop_) return;
    state_ = State::dragging;
    claimed_ = true;
  }
  offset_ = clamp_to_drag_range(start_offset_ - (y - press_y_));
  velocity_ = estimate_velocity(t);
}

void TouchScroll::release(double t) {
  if (state_ == State::pending) {
    go_idle();  // a tap
    return;
  }
  if (state_ != State::dragging) return;
  t = std::max(t, last_t_);
  last_t_ = t;
  // The lift is a sample at the last position: without it a finger held still
  // (no motion events) would be judged by the motion before it stopped.
  add_sample(last_y_, t);
  if (offset_ < 0 || offset_ > max_offset_) {
    begin_settle(t);
    return;
  }
  const float v = estimate_velocity(t);
  const bool pushing_into_end = (offset_ <= 0 && v < 0) || (offset_ >= max_offset_ && v > 0);
  if (std::abs(v) > config_.min_fling_px_s && !pushing_into_end) {
    begin_coast(v, t);
  } else {
    go_idle();
  }
}

void TouchScroll::update(double t) {
  if (state_ != State::coasting) return;
  t = std::max(t, last_t_);
  last_t_ = t;
  const double dt = t - coast_t0_;

  if (settling_) {
    const double end = coast_offset0_ < 0 ? 0.0 : static_cast<double>(max_offset_);
    const double excess = (coast_offset0_ - end) * std::exp(-kSettleRatePerS * dt);
    if (std::abs(excess) < kSettleDonePx) {
      offset_ = static_cast<float>(end);
      go_idle();
      return;
    }
    offset_ = static_cast<float>(end + excess);
    velocity_ = static_cast<float>(-kSettleRatePerS * excess);
    return;
  }

  // Closed form from the start of the coast, evaluated no later than the
  // moment the speed reaches stop_speed, so the resting place is the same at
  // any frame rate.
  const double run = std::min(t, coast_stop_t_) - coast_t0_;
  const double k = config_.friction_per_s;
  double pos = 0;
  double v = 0;
  if (k > 0) {
    const double decay = std::exp(-k * run);
    pos = coast_offset0_ + coast_v0_ / k * (1.0 - decay);
    v = coast_v0_ * decay;
  } else {
    pos = coast_offset0_ + coast_v0_ * run;
    v = coast_v0_;
  }
  if (pos <= 0) {
    offset_ = 0;
    go_idle();
    return;
  }
  if (pos >= max_offset_) {
    offset_ = max_offset_;
    go_idle();
    return;
  }
  offset_ = static_cast<float>(pos);
  velocity_ = static_cast<float>(v);
  if (t >= coast_stop_t_) go_idle();
}

void TouchScroll::scroll_by(float dy) {
  if (state_ == State::coasting) go_idle();
  const float before = offset_;
  offset_ = clamp_to_range(offset_ + dy);
  // Keep a finger that is down holding the content where it now is.
  start_offset_ += offset_ - before;
}

void TouchScroll::stop() {
  go_idle();
  offset_ = clamp_to_range(offset_);
  sample_count_ = 0;
}

void TouchScroll::add_sample(float y, double t) {
  const Sample s{t, y};
  // The newest sample is provisional while it is too close to the one before
  // it: it moves forward instead of a new one being added.
  if (sample_count_ >= 2 &&
      samples_[sample_count_ - 1].t - samples_[sample_count_ - 2].t < kMinSampleSpacingS) {
    samples_[sample_count_ - 1] = s;
    return;
  }
  if (sample_count_ == samples_.size()) {
    std::copy(samples_.begin() + 1, samples_.end(), samples_.begin());
    --sample_count_;
  }
  samples_[sample_count_++] = s;
}

float TouchScroll::estimate_velocity(double now) const {
  // Least-squares slope of y over t for the samples in the window; times are
  // taken relative to `now` to keep the sums well conditioned.
  const double from = now - kVelocityWindowS;
  double n = 0;
  double sum_t = 0;
  double sum_y = 0;
  for (std::size_t i = 0; i < sample_count_; ++i) {
    if (samples_[i].t < from) continue;
    n += 1;
    sum_t += samples_[i].t - now;
    sum_y += samples_[i].y;
  }
  if (n < 2) return 0;
  const double mean_t = sum_t / n;
  const double mean_y = sum_y / n;
  double cov = 0;
  double var = 0;
  for (std::size_t i = 0; i < sample_count_; ++i) {
    if (samples_[i].t < from) continue;
    const double dt = samples_[i].t - now - mean_t;
    cov += dt * (samples_[i].y - mean_y);
    var += dt * dt;
  }
  if (var <= 1e-12) return 0;
  // The finger moving up (y decreasing) moves the offset down the content.
  const double v = -cov / var;
  const double cap = std::max(0.0f, config_.max_speed_px_s);
  return static_cast<float>(std::clamp(v, -cap, cap));
}

void TouchScroll::begin_coast(float v, double t) {
  const double speed = std::abs(v);
  // A stop speed of 0 would leave the list creeping (and the app drawing)
  // forever; below half a pixel per second nothing visibly moves anyway.
  const double stop_speed = std::max(kMinStopSpeedPxS, double{config_.stop_speed_px_s});
  if (speed <= stop_speed) {
    go_idle();
    return;
  }
  state_ = State::coasting;
  settling_ = false;
  coast_t0_ = t;
  coast_offset0_ = offset_;
  coast_v0_ = v;
  velocity_ = v;
  if (config_.friction_per_s > 0) {
    coast_stop_t_ = t + std::log(speed / stop_speed) / config_.friction_per_s;
  } else {
    // No decay: the coast runs at constant speed until it reaches an end,
    // which it does in finite time because the range is finite.
    coast_stop_t_ = std::numeric_limits<double>::infinity();
  }
}

void TouchScroll::begin_settle(double t) {
  state_ = State::coasting;
  settling_ = true;
  coast_t0_ = t;
  coast_offset0_ = offset_;
  const double end = offset_ < 0 ? 0.0 : static_cast<double>(max_offset_);
  velocity_ = static_cast<float>(-kSettleRatePerS * (coast_offset0_ - end));
}

void TouchScroll::go_idle() {
  state_ = State::idle;
  velocity_ = 0;
}

}  // namespace kiosk
