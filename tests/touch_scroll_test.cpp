// Drag-to-scroll physics, driven by a fake clock: every time is passed in, so
// nothing here waits.
#include <doctest/doctest.h>

#include <cmath>

#include "kiosk/touch_scroll.hpp"

using kiosk::ScrollConfig;
using kiosk::TouchScroll;
using State = kiosk::TouchScroll::State;

namespace {

constexpr float kContent = 5000;
constexpr float kView = 800;
constexpr float kMaxOffset = kContent - kView;

TouchScroll make_scroll(ScrollConfig config = {}) {
  TouchScroll scroll(config);
  scroll.set_content(kContent, kView);
  return scroll;
}

// Moves the finger in a straight line from `from` to `to` over `seconds`,
// reporting positions at `hz` as a touchscreen does. Returns the last time.
double drag(TouchScroll& scroll, float from, float to, double t0, double seconds, double hz = 120) {
  const int steps = static_cast<int>(std::lround(seconds * hz));
  for (int i = 1; i <= steps; ++i) {
    const float y = from + (to - from) * static_cast<float>(i) / static_cast<float>(steps);
    scroll.move(y, t0 + i / hz);
  }
  return t0 + steps / hz;
}

// A flick up the screen at 1500 px/s for 0.2 s (300 px), lifted at once.
// Leaves the scroll coasting from offset 300 and returns the release time.
double fling_up(TouchScroll& scroll, double t0 = 1.0) {
  scroll.press(600, t0, true);
  const double t = drag(scroll, 600, 300, t0, 0.2);
  scroll.release(t);
  return t;
}

}  // namespace

TEST_CASE("touch scroll: a tap below the slop stays unclaimed and does not scroll") {
  TouchScroll scroll = make_scroll();
  scroll.scroll_by(100);
  scroll.press(400, 1.0, true);
  CHECK(scroll.state() == State::pending);
  scroll.move(410, 1.05);  // a fingertip's wobble, under the 16 px touch slop
  scroll.move(392, 1.10);
  CHECK(scroll.state() == State::pending);
  CHECK_FALSE(scroll.claimed());
  CHECK(scroll.offset() == 100);
  scroll.release(1.15);
  CHECK(scroll.state() == State::idle);
  CHECK_FALSE(scroll.claimed());
  CHECK_FALSE(scroll.animating());
  CHECK(scroll.offset() == 100);
}

TEST_CASE("touch scroll: a drag past the slop claims and follows the finger") {
  TouchScroll scroll = make_scroll();
  scroll.press(400, 1.0, true);
  scroll.move(380, 1.1);  // 20 px: past the 16 px slop
  CHECK(scroll.state() == State::dragging);
  CHECK(scroll.claimed());
  CHECK(scroll.offset() == doctest::Approx(20));
  scroll.move(300, 1.2);
  CHECK(scroll.offset() == doctest::Approx(100));
  scroll.move(350, 1.3);  // back down: the content comes back with the finger
  CHECK(scroll.offset() == doctest::Approx(50));
  scroll.move(390, 1.4);  // back inside the slop: still a drag
  CHECK(scroll.state() == State::dragging);
  CHECK(scroll.offset() == doctest::Approx(10));

  scroll.release(1.6);
  CHECK(scroll.claimed());  // the app must still swallow this press's click
  scroll.press(200, 2.0, true);
  CHECK_FALSE(scroll.claimed());  // until the next press
}

TEST_CASE("touch scroll: touch slop is larger than mouse slop") {
  CHECK(ScrollConfig{}.touch_slop_px > ScrollConfig{}.mouse_slop_px);

  TouchScroll by_touch = make_scroll();
  by_touch.press(400, 1.0, true);
  by_touch.move(390, 1.1);  // 10 px
  CHECK(by_touch.state() == State::pending);
  CHECK_FALSE(by_touch.claimed());
  CHECK(by_touch.offset() == 0);

  TouchScroll by_mouse = make_scroll();
  by_mouse.press(400, 1.0, false);
  by_mouse.move(390, 1.1);  // the same 10 px
  CHECK(by_mouse.state() == State::dragging);
  CHECK(by_mouse.claimed());
  CHECK(by_mouse.offset() == doctest::Approx(10));

  ScrollConfig config;
  config.touch_slop_px = 30;
  TouchScroll custom = make_scroll(config);
  custom.press(400, 1.0, true);
  custom.move(375, 1.1);
  CHECK(custom.state() == State::pending);
  custom.move(369, 1.2);
  CHECK(custom.state() == State::dragging);
}

TEST_CASE("touch scroll: a fling coasts, decelerates and stops") {
  TouchScroll scroll = make_scroll();
  double t = fling_up(scroll);
  REQUIRE(scroll.state() == State::coasting);
  CHECK(scroll.animating());
  CHECK(scroll.claimed());
  CHECK(scroll.velocity() == doctest::Approx(1500).epsilon(0.05));

  float last_offset = scroll.offset();
  float last_speed = scroll.velocity();
  int frames = 0;
  while (scroll.animating() && frames < 10'000) {
    t += 1.0 / 60;
    scroll.update(t);
    ++frames;
    CHECK(scroll.offset() >= last_offset);  // keeps going the way it was flung
    if (scroll.animating()) CHECK(scroll.velocity() < last_speed);  // slowing
    last_offset = scroll.offset();
    last_speed = scroll.velocity();
  }
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.velocity() == 0);
  // Speed falls from ~1500 to 8 px/s at 4/s: about 1.3 s, about 373 px.
  CHECK(frames == doctest::Approx(60 * std::log(1500.0 / 8) / 4).epsilon(0.1));
  CHECK(scroll.offset() == doctest::Approx(300 + (1500 - 8) / 4.0).epsilon(0.05));

  const float rest = scroll.offset();
  scroll.update(t + 5);
  CHECK(scroll.offset() == rest);
}

TEST_CASE("touch scroll: coasting is frame-rate independent") {
  TouchScroll at_30 = make_scroll();
  TouchScroll at_144 = make_scroll();
  const double t0 = fling_up(at_30);
  REQUIRE(fling_up(at_144) == t0);
  REQUIRE(at_30.animating());
  REQUIRE(at_144.animating());

  for (int i = 1; i <= 30; ++i) at_30.update(t0 + i / 30.0);
  for (int i = 1; i <= 144; ++i) at_144.update(t0 + i / 144.0);
  CHECK(at_30.animating());  // still moving after 1 s, so this compares the motion
  CHECK(at_30.offset() > 300 + 100);
  CHECK(std::abs(at_30.offset() - at_144.offset()) <= 0.5f);
  CHECK(at_30.velocity() == doctest::Approx(at_144.velocity()).epsilon(0.001));

  // And they come to rest in the same place, though the last frames differ.
  for (int i = 1; i <= 3 * 30; ++i) at_30.update(t0 + 1 + i / 30.0);
  for (int i = 1; i <= 3 * 144; ++i) at_144.update(t0 + 1 + i / 144.0);
  CHECK(at_30.state() == State::idle);
  CHECK(at_144.state() == State::idle);
  CHECK(std::abs(at_30.offset() - at_144.offset()) <= 0.5f);
}

TEST_CASE("touch scroll: offsets clamp at both ends and coasting stops at the end") {
  TouchScroll scroll = make_scroll();
  scroll.press(300, 1.0, true);
  scroll.move(700, 1.1);  // pulling down at the top
  CHECK(scroll.offset() == 0);
  scroll.move(-6000, 1.2);  // far past the bottom
  CHECK(scroll.offset() == kMaxOffset);
  scroll.move(-6000, 1.3);
  scroll.release(1.4);
  CHECK(scroll.state() == State::idle);

  // Flung toward the top while at the top: nothing to coast into.
  scroll.stop();
  scroll.scroll_by(-kContent);
  scroll.press(300, 2.0, true);
  scroll.release(drag(scroll, 300, 600, 2.0, 0.2));
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.offset() == 0);

  // A fling that would carry ~373 px in a range of 400 stops at the end.
  TouchScroll shorter;
  shorter.set_content(1200, 800);
  double t = fling_up(shorter);
  REQUIRE(shorter.animating());
  const double natural_stop = t + std::log(1500.0 / 8) / 4;
  while (shorter.animating() && t < natural_stop) {
    t += 1.0 / 60;
    shorter.update(t);
    CHECK(shorter.offset() <= 400);
  }
  CHECK(t < natural_stop);  // the end stopped it, not friction
  CHECK(shorter.state() == State::idle);
  CHECK(shorter.offset() == 400);
  CHECK(shorter.velocity() == 0);
}

TEST_CASE("touch scroll: a press during coasting catches the list") {
  TouchScroll scroll = make_scroll();
  double t = fling_up(scroll);
  for (int i = 0; i < 10; ++i) scroll.update(t += 1.0 / 60);
  REQUIRE(scroll.animating());
  const float before = scroll.offset();

  t += 1.0 / 120;
  scroll.press(500, t, true);
  CHECK(scroll.state() == State::pending);
  CHECK_FALSE(scroll.animating());
  CHECK(scroll.velocity() == 0);
  // Stopping a moving list is not a tap on the button under the finger.
  CHECK(scroll.claimed());
  // Caught where the list was at the touch, a little past the last frame.
  CHECK(scroll.offset() > before);
  CHECK(scroll.offset() < before + 20);

  const float caught = scroll.offset();
  scroll.update(t + 0.5);
  CHECK(scroll.offset() == caught);
  scroll.release(t + 0.1);
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.offset() == caught);
}

TEST_CASE("touch scroll: a slow release after holding still does not fling") {
  TouchScroll scroll = make_scroll();
  scroll.press(600, 1.0, true);
  const double t = drag(scroll, 600, 300, 1.0, 0.2);  // fast: 1500 px/s
  // The finger rests 200 ms; a touchscreen reports no motion meanwhile.
  scroll.release(t + 0.2);
  CHECK(scroll.state() == State::idle);
  CHECK_FALSE(scroll.animating());
  CHECK(scroll.velocity() == 0);
  CHECK(scroll.offset() == doctest::Approx(300));
  CHECK(scroll.claimed());
}

TEST_CASE("touch scroll: set_content shrinking clamps the offset") {
  TouchScroll scroll = make_scroll();
  scroll.scroll_by(3000);
  CHECK(scroll.offset() == 3000);
  scroll.set_content(2000, kView);  // range now [0, 1200]
  CHECK(scroll.offset() == 1200);
  scroll.set_content(kContent, kView);  // growing keeps the place
  CHECK(scroll.offset() == 1200);
  scroll.set_content(600, kView);  // fits in the view: nothing to scroll
  CHECK(scroll.offset() == 0);
  scroll.scroll_by(50);
  CHECK(scroll.offset() == 0);
}

TEST_CASE("touch scroll: scroll_by moves, clamps and stops coasting") {
  TouchScroll scroll = make_scroll();
  scroll.scroll_by(120);
  CHECK(scroll.offset() == 120);
  scroll.scroll_by(-40);
  CHECK(scroll.offset() == 80);
  scroll.scroll_by(-1000);
  CHECK(scroll.offset() == 0);
  scroll.scroll_by(1e6f);
  CHECK(scroll.offset() == kMaxOffset);
  CHECK(scroll.state() == State::idle);

  scroll.scroll_by(-kContent);
  double t = fling_up(scroll);
  scroll.update(t += 0.1);
  REQUIRE(scroll.animating());
  const float coasted = scroll.offset();
  scroll.scroll_by(-60);
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.velocity() == 0);
  CHECK(scroll.offset() == doctest::Approx(coasted - 60));
  scroll.update(t + 1);
  CHECK(scroll.offset() == doctest::Approx(coasted - 60));
}

TEST_CASE("touch scroll: a fast then stopped drag does not fling") {
  TouchScroll scroll = make_scroll();
  scroll.press(600, 1.0, true);
  double t = drag(scroll, 600, 300, 1.0, 0.2);  // fast
  // Stopped, with the screen still reporting the resting finger.
  t = drag(scroll, 300, 300, t, 0.15);
  CHECK(scroll.velocity() == 0);
  scroll.release(t + 0.005);
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.velocity() == 0);
  CHECK(scroll.offset() == doctest::Approx(300));
}

TEST_CASE("touch scroll: velocity is fitted over recent samples, not the last pair") {
  TouchScroll scroll = make_scroll();
  scroll.press(600, 1.0, true);
  const double t = drag(scroll, 600, 300, 1.0, 0.2);  // steady 1500 px/s upward
  // One jittery sample 4 px back down 2 ms later: as a last pair, that is
  // 2000 px/s the other way.
  scroll.move(304, t + 0.002);
  scroll.release(t + 0.003);
  REQUIRE(scroll.state() == State::coasting);
  CHECK(scroll.velocity() > 1000);  // still the way the finger was going
  const float released_at = scroll.offset();
  scroll.update(t + 0.1);
  CHECK(scroll.offset() > released_at);
}

TEST_CASE("touch scroll: stop makes it idle at once and keeps the claim") {
  TouchScroll scroll = make_scroll();
  double t = fling_up(scroll);
  scroll.update(t += 0.1);
  REQUIRE(scroll.animating());
  const float at = scroll.offset();
  scroll.stop();
  CHECK(scroll.state() == State::idle);
  CHECK_FALSE(scroll.animating());
  CHECK(scroll.velocity() == 0);
  CHECK(scroll.offset() == at);
  CHECK(scroll.claimed());
  scroll.update(t + 1);
  CHECK(scroll.offset() == at);

  // Mid-drag: later motion and the lift are ignored.
  scroll.press(600, t + 2, true);
  scroll.move(500, t + 2.1);
  scroll.stop();
  scroll.move(100, t + 2.2);
  scroll.release(t + 2.3);
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.offset() == doctest::Approx(at + 100));
  CHECK(scroll.claimed());
}

TEST_CASE("touch scroll: overscroll lets a drag pull past the end and eases back") {
  ScrollConfig config;
  config.overscroll_px = 50;
  TouchScroll scroll = make_scroll(config);
  scroll.press(300, 1.0, true);
  scroll.move(330, 1.1);
  CHECK(scroll.offset() == doctest::Approx(-30));
  scroll.move(500, 1.2);
  CHECK(scroll.offset() == doctest::Approx(-50));  // no further than configured
  scroll.release(1.5);
  REQUIRE(scroll.animating());
  float last = scroll.offset();
  double t = 1.5;
  while (scroll.animating() && t < 5) {
    scroll.update(t += 1.0 / 60);
    CHECK(scroll.offset() >= last);
    last = scroll.offset();
  }
  CHECK(t < 2.5);
  CHECK(scroll.state() == State::idle);
  CHECK(scroll.offset() == 0);
}
