// --script FILE: drives the UI by named steps, for tests and the README's
// pictures. One step per line; '#' starts a comment.
//
//   tap ID            press and release the element drawn with that id
//   type TEXT         keys as from a physical keyboard (Telex applies in vi)
//   keys TEXT         taps the on-screen keyboard's keys for TEXT (a-z, 0-9
//                     on the digit layout are not switched to: letters and
//                     spaces only)
//   key NAME          backspace | escape
//   advance SECONDS   move the clock on (idle reset, the clock tick)
//   expect SCREEN     fail unless the current screen is SCREEN
//   expect-text TEXT  fail unless TEXT is the current input (the search, or
//                     the feedback comment on the feedback screen)
//   expect-element ID fail unless an element with that id was drawn
//   expect-no-element ID  fail if it was drawn
//   expect-visible ID fail unless all of the element is on screen (not
//                     scrolled away, not cut off by the keyboard)
//   expect-unobscured ID  fail unless the pixels at the element's edge are its
//                     own fill colour (nothing dims or covers it)
//   remember ID       note where the element is now, for:
//   expect-grown ID   fail unless it is taller than when remembered
//   expect-near ID PX fail unless its top moved at most PX pixels since
//   expect-min-width ID PX  fail unless it is at least PX wide
//   expect-feedback COUNT RATING SERVICE|- [COMMENT]
//                     fail unless the outbox holds COUNT entries, the newest
//                     with this rating, service and comment
//   screenshot FILE   write the current frame as PNG (fails on a blank frame)
//   wait FRAMES       draw that many frames
//   go SCREEN [ID]    open a screen directly (e.g. go document doc-nd-08-2015)
//   drag X Y DY FRAMES  press at (X, Y), move DY pixels over FRAMES frames, release
//   drag-on ID DY FRAMES  the same, starting at the element's centre
//   wheel X Y NOTCHES mouse wheel over (X, Y), 90 px a notch; positive
//                     scrolls toward the end (exact, unlike a drag's fling)
//   wait-sync SECONDS wait (in real time) until a sync cycle ends that the
//                     previous wait-sync did not see; fail after SECONDS
//   expect-sync TEXT  fail unless TEXT is in the last sync cycle's result
//
// "tap" presses the centre of the element's visible part: an element a
// visitor cannot see (under the keyboard, scrolled away) cannot be tapped.
//
// Any failure (unknown id, wrong screen, blank frame, missing glyph) makes
// the app exit non-zero with the line number and reason on stderr. At the
// end, a label clipped by its box or a theme colour pair below the contrast
// bar fails the run too (App::run).
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <vector>

class App;

class Script {
 public:
  // Returns an error message, empty on success.
  std::string load(const std::string& file);
  // Runs the next step; false when the script is done or failed.
  bool step(App& app);
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // A screenshot the next frame must take, if any.
  std::string take_screenshot_request();
  void screenshot_result(const std::string& error, int distinct_colours);
  // A pixel the next frame must read (expect-unobscured); false when none.
  bool take_probe_request(int& x, int& y);
  void probe_result(ImU32 colour);

 private:
  struct Step {
    int line;
    std::string verb;
    std::string arg;
  };
  std::vector<Step> steps_;
  std::size_t next_ = 0;
  int wait_frames_ = 3;  // let the first frames register the elements
  int release_in_ = -1;  // frames until the pending tap's release
  int drag_frames_ = 0;  // frames left in a drag
  float drag_step_ = 0;
  float tap_x_ = 0, tap_y_ = 0;
  double sync_deadline_ = 0;  // waiting for a sync cycle until then (steady seconds)
  int sync_cycles_seen_ = 0;
  std::string screenshot_;
  bool probe_ = false;
  int probe_x_ = 0, probe_y_ = 0;
  ImU32 probe_expected_ = 0;
  std::string probe_id_;
  std::map<std::string, std::pair<ImVec2, ImVec2>> remembered_;
  std::string error_;
  int line_ = 0;
};
