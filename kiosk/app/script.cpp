#include "script.hpp"

#include <SDL.h>

#include <chrono>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "kiosk_app.hpp"
#include "theme.hpp"
#include "ui.hpp"

std::string Script::load(const std::string& file) {
  std::ifstream in(file);
  if (!in) return "cannot read the script " + file;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    const auto space = line.find(' ');
    Step s{number, line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)};
    static const char* kVerbs[] = {"tap",
                                   "type",
                                   "key",
                                   "advance",
                                   "expect",
                                   "expect-text",
                                   "screenshot",
                                   "wait",
                                   "go",
                                   "drag",
                                   "wait-sync",
                                   "expect-sync",
                                   "expect-element",
                                   "expect-no-element",
                                   "expect-visible",
                                   "expect-unobscured",
                                   "expect-feedback",
                                   "remember",
                                   "expect-grown",
                                   "expect-near",
                                   "expect-min-width",
                                   "drag-on",
                                   "wheel"};
    if (s.verb == "keys") {  // one tap per key, on the same line
      for (const char c : s.arg) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!letter && c != ' ') {
          return file + ":" + std::to_string(number) + ": keys takes a-z, 0-9 and spaces";
        }
        steps_.push_back(Step{number, "tap", c == ' ' ? "kb-space" : std::string("kb-") + c});
      }
      continue;
    }
    bool known = false;
    for (const char* v : kVerbs) known = known || s.verb == v;
    if (!known) return file + ":" + std::to_string(number) + ": unknown step \"" + s.verb + "\"";
    steps_.push_back(std::move(s));
  }
  return {};
}

std::string Script::take_screenshot_request() { return std::exchange(screenshot_, {}); }

bool Script::take_probe_request(int& x, int& y) {
  if (!probe_) return false;
  probe_ = false;
  x = probe_x_;
  y = probe_y_;
  return true;
}

void Script::probe_result(ImU32 colour) {
  auto channel = [](ImU32 c, int shift) { return static_cast<int>((c >> shift) & 0xFF); };
  int worst = 0;
  for (const int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT}) {
    worst = std::max(worst, std::abs(channel(colour, shift) - channel(probe_expected_, shift)));
  }
  if (worst > 12) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "line %d: %s is covered or dimmed: its edge shows #%02x%02x%02x, not its fill "
                  "#%02x%02x%02x",
                  line_, probe_id_.c_str(), channel(colour, IM_COL32_R_SHIFT),
                  channel(colour, IM_COL32_G_SHIFT), channel(colour, IM_COL32_B_SHIFT),
                  channel(probe_expected_, IM_COL32_R_SHIFT),
                  channel(probe_expected_, IM_COL32_G_SHIFT),
                  channel(probe_expected_, IM_COL32_B_SHIFT));
    error_ = buf;
  }
}

void Script::screenshot_result(const std::string& error, int distinct_colours) {
  if (!error.empty()) {
    error_ = "line " + std::to_string(line_) + ": " + error;
  } else if (distinct_colours < 8) {
    error_ = "line " + std::to_string(line_) + ": blank frame (" +
             std::to_string(distinct_colours) + " colours)";
  }
}

namespace {

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

bool Script::step(App& app) {
  if (!error_.empty()) return false;
  if (release_in_ > 0) {
    if (--release_in_ == 0) {
      app.window_.set_virtual_pointer({true, tap_x_, tap_y_, false});
      release_in_ = -1;
      wait_frames_ = 2;
    }
    return true;
  }
  if (drag_frames_ > 0) {
    tap_y_ += drag_step_;
    const bool last = --drag_frames_ == 0;
    app.window_.set_virtual_pointer({true, tap_x_, tap_y_, !last});
    app.idle_.touch(app.now());
    app.frames_to_draw_ = 3;
    return true;
  }
  if (wait_frames_ > 0) {
    --wait_frames_;
    return true;
  }
  if (sync_deadline_ > 0) {
    const auto status = app.sync() ? app.sync()->status() : SyncWorker::Status{};
    if (status.cycles > sync_cycles_seen_ && !status.running) {
      sync_cycles_seen_ = status.cycles;
      sync_deadline_ = 0;
      wait_frames_ = 2;
      return true;
    }
    if (seconds_now() > sync_deadline_) {
      error_ = "line " + std::to_string(line_) + ": no sync cycle ended in time";
      return false;
    }
    SDL_Delay(20);  // the worker needs the CPU more than this loop does
    app.frames_to_draw_ = 1;
    return true;
  }
  if (next_ >= steps_.size()) return false;
  const Step& s = steps_[next_++];
  line_ = s.line;
  auto fail = [&](const std::string& reason) {
    error_ = "line " + std::to_string(s.line) + ": " + reason;
    return false;
  };
  if (s.verb == "tap") {
    ImVec2 at;
    if (!ui::registry().centre_of(s.arg, at)) return fail("no element \"" + s.arg + "\" on screen");
    tap_x_ = at.x;
    tap_y_ = at.y;
    app.window_.set_virtual_pointer({true, at.x, at.y, true});
    theme::set_last_input_was_touch(true);
    app.idle_.touch(app.now());
    app.frames_to_draw_ = 3;
    release_in_ = 2;
  } else if (s.verb == "type") {
    for (const char c : s.arg) {
      SDL_Event e{};
      e.type = SDL_TEXTINPUT;
      e.text.text[0] = c;
      SDL_PushEvent(&e);
    }
    wait_frames_ = 2;
  } else if (s.verb == "key") {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    if (s.arg == "backspace") {
      e.key.keysym.sym = SDLK_BACKSPACE;
    } else if (s.arg == "escape") {
      e.key.keysym.sym = SDLK_ESCAPE;
    } else {
      return fail("unknown key \"" + s.arg + "\"");
    }
    SDL_PushEvent(&e);
    wait_frames_ = 2;
  } else if (s.verb == "advance") {
    char* end = nullptr;
    const double seconds = std::strtod(s.arg.c_str(), &end);
    if (end == s.arg.c_str() || seconds < 0) return fail("advance needs seconds");
    app.clock_.advance(seconds);
    wait_frames_ = 2;
  } else if (s.verb == "expect") {
    const char* current = kiosk::to_string(app.session.nav.current().screen);
    if (s.arg != current) return fail("expected screen " + s.arg + ", on " + current);
  } else if (s.verb == "expect-element") {
    if (!ui::registry().find(s.arg)) return fail("no element \"" + s.arg + "\" on screen");
  } else if (s.verb == "expect-no-element") {
    if (ui::registry().find(s.arg)) return fail("element \"" + s.arg + "\" is on screen");
  } else if (s.verb == "expect-visible") {
    const ui::Element* e = ui::registry().find(s.arg);
    if (!e) return fail("no element \"" + s.arg + "\" on screen");
    if (!e->fully_visible()) {
      return fail("\"" + s.arg + "\" is not fully visible (" +
                  std::to_string(static_cast<int>(e->visible_max.y - e->visible_min.y)) + " of " +
                  std::to_string(static_cast<int>(e->max.y - e->min.y)) + " px high shown)");
    }
  } else if (s.verb == "expect-unobscured") {
    const ui::Element* e = ui::registry().find(s.arg);
    if (!e || !e->visible()) return fail("no element \"" + s.arg + "\" on screen");
    if (e->fill == 0) return fail("\"" + s.arg + "\" has no fill to compare");
    probe_ = true;
    probe_x_ = static_cast<int>(e->visible_min.x) + 4;
    probe_y_ = static_cast<int>((e->visible_min.y + e->visible_max.y) / 2);
    probe_expected_ = e->fill;
    probe_id_ = s.arg;
    wait_frames_ = 1;
  } else if (s.verb == "expect-feedback") {
    // COUNT RATING SERVICE|- [COMMENT]
    std::istringstream in(s.arg);
    int count = -1, rating = -1;
    std::string service;
    if (!(in >> count >> rating >> service))
      return fail("expect-feedback needs COUNT RATING SERVICE");
    std::string comment;
    std::getline(in >> std::ws, comment);
    if (service == "-") service.clear();
    const auto entries =
        app.outbox_ ? app.outbox_->pending(1000) : std::vector<content::FeedbackEntry>{};
    if (static_cast<int>(entries.size()) != count) {
      return fail("the outbox holds " + std::to_string(entries.size()) + " feedback, not " +
                  std::to_string(count));
    }
    if (count > 0) {
      const auto& last = entries.back();
      if (last.rating != rating || last.service_id != service || last.comment != comment) {
        return fail("the newest feedback is rating " + std::to_string(last.rating) +
                    ", service \"" + last.service_id + "\", comment \"" + last.comment + "\"");
      }
    }
  } else if (s.verb == "expect-text") {
    const bool comment = app.session.nav.current().screen == kiosk::ScreenId::feedback;
    const std::string& text =
        comment ? app.session.comment_input.text() : app.session.search_input.text();
    if (text != s.arg) {
      return fail(std::string("expected ") + (comment ? "comment" : "search text") + " \"" + s.arg +
                  "\", have \"" + text + "\"");
    }
  } else if (s.verb == "remember") {
    const ui::Element* e = ui::registry().find(s.arg);
    if (!e) return fail("no element \"" + s.arg + "\" on screen");
    remembered_[s.arg] = {e->min, e->max};
  } else if (s.verb == "expect-grown" || s.verb == "expect-near" || s.verb == "expect-min-width") {
    std::istringstream in(s.arg);
    std::string id;
    float px = 0;
    in >> id >> px;
    const ui::Element* e = ui::registry().find(id);
    if (!e) return fail("no element \"" + id + "\" on screen");
    const auto was = remembered_.find(id);
    if (s.verb != "expect-min-width" && was == remembered_.end()) {
      return fail("\"" + id + "\" was not remembered");
    }
    if (s.verb == "expect-grown") {
      const float before = was->second.second.y - was->second.first.y;
      if (e->max.y - e->min.y <= before + 1) {
        return fail("\"" + id + "\" did not grow: " + std::to_string(static_cast<int>(before)) +
                    " px high, now " + std::to_string(static_cast<int>(e->max.y - e->min.y)));
      }
    } else if (s.verb == "expect-near") {
      const float moved = std::abs(e->min.y - was->second.first.y);
      if (moved > px) {
        return fail("\"" + id + "\" moved " + std::to_string(static_cast<int>(moved)) +
                    " px on screen (at most " + std::to_string(static_cast<int>(px)) + ")");
      }
    } else if (e->max.x - e->min.x < px) {
      return fail("\"" + id + "\" is " + std::to_string(static_cast<int>(e->max.x - e->min.x)) +
                  " px wide, less than " + std::to_string(static_cast<int>(px)));
    }
  } else if (s.verb == "screenshot") {
    screenshot_ = s.arg;
    wait_frames_ = 1;
  } else if (s.verb == "go") {
    const auto space = s.arg.find(' ');
    const std::string screen = s.arg.substr(0, space);
    const std::string id = space == std::string::npos ? "" : s.arg.substr(space + 1);
    bool found = false;
    for (int i = 0; i <= static_cast<int>(kiosk::ScreenId::staff); ++i) {
      const auto sid = static_cast<kiosk::ScreenId>(i);
      if (screen == kiosk::to_string(sid)) {
        app.go({sid, id});
        found = true;
      }
    }
    if (!found) return fail("no screen \"" + screen + "\"");
    wait_frames_ = 2;
  } else if (s.verb == "drag" || s.verb == "drag-on") {
    float x = 0, y = 0, dy = 0;
    int frames = 0;
    if (s.verb == "drag-on") {
      char id[128] = {};
      ImVec2 at;
      if (std::sscanf(s.arg.c_str(), "%127s %f %d", id, &dy, &frames) != 3 || frames < 1) {
        return fail("drag-on needs ID DY FRAMES");
      }
      if (!ui::registry().centre_of(id, at))
        return fail(std::string("no element \"") + id + "\" on screen");
      x = at.x;
      y = at.y;
    } else if (std::sscanf(s.arg.c_str(), "%f %f %f %d", &x, &y, &dy, &frames) != 4 || frames < 1) {
      return fail("drag needs X Y DY FRAMES");
    }
    tap_x_ = x;
    tap_y_ = y;
    drag_step_ = dy / static_cast<float>(frames);
    drag_frames_ = frames + 1;
    app.window_.set_virtual_pointer({true, x, y, true});
    theme::set_last_input_was_touch(true);
    app.frames_to_draw_ = 3;
  } else if (s.verb == "wheel") {
    float x = 0, y = 0;
    int notches = 0;
    if (std::sscanf(s.arg.c_str(), "%f %f %d", &x, &y, &notches) != 3 || notches == 0 ||
        std::abs(notches) > 100) {
      return fail("wheel needs X Y NOTCHES (positive: toward the end)");
    }
    app.window_.set_virtual_pointer({true, x, y, false});
    for (int i = 0; i < std::abs(notches); ++i) {
      SDL_Event e{};
      e.type = SDL_MOUSEWHEEL;
      e.wheel.y = notches > 0 ? -1 : 1;
      SDL_PushEvent(&e);
    }
    app.frames_to_draw_ = 3;
    wait_frames_ = 3;
  } else if (s.verb == "wait") {
    wait_frames_ = std::max(1, std::atoi(s.arg.c_str()));
  } else if (s.verb == "wait-sync") {
    if (!app.sync()) return fail("wait-sync: no server is configured");
    sync_deadline_ = seconds_now() + std::max(1, std::atoi(s.arg.c_str()));
  } else if (s.verb == "expect-sync") {
    if (!app.sync()) return fail("expect-sync: no server is configured");
    const auto status = app.sync()->status();
    if (status.last_result.find(s.arg) == std::string::npos) {
      return fail("the last sync says \"" + status.last_result + "\", not \"" + s.arg + "\"");
    }
  }
  return true;
}
