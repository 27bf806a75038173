// Drag-to-scroll with inertia: the physics, without a window.
//
// Dear ImGui has no drag-to-scroll, so the app feeds this class the finger
// (or mouse) positions of one scroll area and draws at offset(). Nothing here
// knows about SDL, ImGui or a clock: every call takes the time in seconds from
// whatever monotonic clock the caller uses, so tests drive it without waiting.
//
// The state machine:
//
//   idle --press--> pending --move past slop--> dragging --release--> coasting
//                      |                            |  (fast enough)      |
//                      +--release (a tap)--> idle   +--release (slow)--> idle
//   coasting --update reaches an end or stop speed / press / stop / scroll_by--> idle
//
// Units: positions and offsets in pixels, y growing downward as on screen;
// offset 0 shows the top of the content. Velocities are of the offset, in
// px/s: positive means the content is moving up (the finger moved up).
#pragma once

#include <array>
#include <cstddef>

namespace kiosk {

struct ScrollConfig {
  // How far a press must move before it becomes a drag. A fingertip wobbles
  // several pixels while tapping; a mouse barely moves, so its slop is smaller.
  float touch_slop_px = 16;
  float mouse_slop_px = 6;
  // Exponential velocity decay rate while coasting: v(t) = v0 * exp(-friction * t).
  // REQUIRES: >= 0 (0 means no decay: coasting runs until it reaches an end).
  float friction_per_s = 4.0f;
  // A release slower than this ends the drag where it is instead of flinging.
  float min_fling_px_s = 60;
  // Coasting stops when the speed decays below this.
  // REQUIRES: > 0 (values below 0.5 act as 0.5, so a coast always ends).
  float stop_speed_px_s = 8;
  // Release velocities are capped at this, so a glitchy sample cannot throw
  // the list to its far end.
  float max_speed_px_s = 12000;
  // How far a drag may pull past either end; on release the offset eases back
  // to the end (state coasting with no fling). 0 clamps at the ends.
  // REQUIRES: >= 0.
  float overscroll_px = 0;
};

// One scroll area's scroll position and its motion.
//
// REQUIRES: times passed to press/move/release/update are in seconds from one
// monotonic clock and never decrease; a time earlier than the last one seen is
// treated as the last one. All inputs are finite.
//
// Not thread-safe: call from the UI thread only.
class TouchScroll {
 public:
  enum class State { idle, pending, dragging, coasting };

  explicit TouchScroll(ScrollConfig config = {});

  // The scroll range becomes [0, max(0, content_height - view_height)].
  // The offset is clamped into it at once (content that shrank while scrolled
  // to its bottom shows its new bottom); a drag or coast in progress continues.
  void set_content(float content_height, float view_height);

  // A finger or mouse button went down inside the scroll area: state pending.
  // Stops any coasting where it is, so a touch "catches" a moving list.
  // Ends any earlier gesture (a missed release). Clears claimed(), except when
  // the press catches a coasting list: stopping a list is not a tap.
  // `touch` selects the touch slop rather than the mouse slop.
  void press(float y, double t, bool touch);

  // The pointer that pressed moved to y. Pending becomes dragging (and
  // claimed) once |y - press_y| exceeds the slop; while dragging the content
  // sticks to the finger: offset = start_offset - (y - press_y), clamped to the
  // range (widened by overscroll_px). Ignored when idle or coasting, so hover
  // motion of a mouse with no button down does nothing.
  void move(float y, double t);

  // The pointer lifted at time t (at its last moved-to position).
  // Pending -> idle: that was a tap, and the app may act on it.
  // Dragging -> coasting if the release velocity exceeds min_fling_px_s, else
  // idle. The velocity is a least-squares fit over the samples of the last
  // 100 ms (the lift itself counts as a sample at the last position), not the
  // last pair of samples: one jittery sample cannot fling the list backwards,
  // and a finger that stopped before lifting does not fling at all even when
  // the platform sends no motion events while it is still.
  void release(double t);

  // Advances coasting to time t. Frame-rate independent: the motion is the
  // closed-form solution from the moment coasting began,
  //   v(t) = v0 * exp(-friction * dt),
  //   offset(t) = offset0 + (v0 / friction) * (1 - exp(-friction * dt)),
  // so a 30 Hz and a 144 Hz screen show the same position at the same time,
  // and the exact moment the speed falls to stop_speed_px_s is solved for
  // rather than detected at the next frame. Coasting stops with velocity 0 at
  // either end of the range. No-op in other states.
  void update(double t);

  // Mouse wheel or keys: moves the offset by dy pixels (positive scrolls
  // toward the bottom), clamped to the range. Stops coasting. During a press
  // or drag the finger keeps its grip at the new offset.
  void scroll_by(float dy);

  // Idle now, velocity 0, offset clamped to the range (screen change, idle
  // reset). claimed() is kept: a finger still down on a drag must not click.
  void stop();

  float offset() const { return offset_; }
  float max_offset() const { return max_offset_; }
  State state() const { return state_; }

  // True from the moment a drag crossed the slop until the next press. The app
  // then suppresses the click of the button under the finger: a list made of
  // buttons must scroll when dragged, not press the button the drag started on.
  bool claimed() const { return claimed_; }

  // True while coasting: the app must keep drawing frames (an idle kiosk
  // otherwise sleeps until the next event).
  bool animating() const { return state_ == State::coasting; }

  // Offset velocity in px/s: while coasting, the current one; while dragging,
  // the estimate at the last sample; otherwise 0.
  float velocity() const { return velocity_; }

 private:
  struct Sample {
    double t;
    float y;
  };
  // Samples closer than 4 ms are merged, so even a 1000 Hz mouse leaves about
  // 190 ms of history: more than the 100 ms velocity window.
  static constexpr std::size_t kMaxSamples = 48;

  void add_sample(float y, double t);
  float estimate_velocity(double now) const;
  float clamp_to_range(float offset) const;
  float clamp_to_drag_range(float offset) const;
  void begin_coast(float v, double t);
  void begin_settle(double t);
  void go_idle();

  ScrollConfig config_;
  State state_ = State::idle;
  float offset_ = 0;
  float max_offset_ = 0;
  float velocity_ = 0;
  bool claimed_ = false;

  // The gesture.
  float slop_ = 0;
  float press_y_ = 0;
  float start_offset_ = 0;
  float last_y_ = 0;
  double last_t_ = 0;
  std::array<Sample, kMaxSamples> samples_{};
  std::size_t sample_count_ = 0;

  // The coast: fling (decaying velocity) or settle (easing back from overscroll).
  bool settling_ = false;
  double coast_t0_ = 0;
  double coast_offset0_ = 0;
  double coast_v0_ = 0;
  double coast_stop_t_ = 0;  // when the fling's speed reaches stop_speed_px_s
};

}  // namespace kiosk
