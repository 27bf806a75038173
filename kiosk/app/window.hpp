// The platform layer: one SDL2 window with an OpenGL 3 context and Dear
// ImGui's SDL2 + OpenGL3 backends. Nothing else in the app calls SDL's video
// or GL functions.
#pragma once

#include <SDL.h>

#include <string>

namespace platform {

struct WindowOptions {
  int width = 0;  // 0: full screen at the display's size
  int height = 0;
  bool hide_cursor = false;
};

class Window {
 public:
  // Returns an error message, empty on success.
  std::string open(const WindowOptions& options);
  ~Window();

  // Scripts drive a virtual pointer: SDL's backend reads the real pointer's
  // state, which injected events do not change.
  struct Pointer {
    bool active = false;
    float x = 0, y = 0;
    bool down = false;
  };
  void set_virtual_pointer(const Pointer& p) { pointer_ = p; }

  // The background every frame starts from.
  static void set_clear_colour(float r, float g, float b);

  void begin_frame();
  void end_frame();  // renders and presents
  // Renders the current frame into a PNG (call between render and present:
  // end_frame(screenshot_path) does both). Returns an error message.
  std::string end_frame_with_screenshot(const std::string& png_path, int* distinct_colours);
  // Renders, reads the pixel at (x, y) (window coordinates, top-left origin)
  // as IM_COL32 packing, and presents.
  unsigned int end_frame_reading_pixel(int x, int y);
  // Recreates the font texture after the atlas was rebuilt.
  void reload_fonts();
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  int width_ = 0, height_ = 0;
  bool imgui_ready_ = false;
  Pointer pointer_;
};

}  // namespace platform
