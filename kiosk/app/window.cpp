#include "window.hpp"

#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <set>
#include <vector>

namespace platform {

std::string Window::open(const WindowOptions& options) {
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  // SIGTERM and SIGINT are the app's (stop_signals.hpp), not SDL_QUIT events.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    return std::string("cannot start SDL: ") + SDL_GetError();
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  int w = options.width, h = options.height;
  if (w <= 0 || h <= 0) {
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
      w = mode.w;
      h = mode.h;
    } else {
      w = 1920;
      h = 1080;
    }
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  }
  window_ = SDL_CreateWindow("Customs kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                             flags);
  if (!window_) return std::string("cannot open a window: ") + SDL_GetError();
  gl_ = SDL_GL_CreateContext(window_);
  if (!gl_) return std::string("cannot create an OpenGL 3.2 context: ") + SDL_GetError();
  SDL_GL_MakeCurrent(window_, gl_);
  SDL_GL_SetSwapInterval(1);
  if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
  SDL_GetWindowSize(window_, &width_, &height_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing of a session is written to disk
  io.LogFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would cost frames
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
  ImGui_ImplOpenGL3_Init("#version 150");
  imgui_ready_ = true;
  return {};
}

Window::~Window() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

void Window::reload_fonts() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Window::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (pointer_.active) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(pointer_.x, pointer_.y);
    io.MouseDown[0] = pointer_.down;
  }
  ImGui::NewFrame();
}

static ImVec4 clear_colour_(0.96f, 0.96f, 0.97f, 1);

void Window::set_clear_colour(float r, float g, float b) { clear_colour_ = ImVec4(r, g, b, 1); }

static void render(SDL_Window* window) {
  ImGui::Render();
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = clear_colour_;
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::end_frame() {
  render(window_);
  SDL_GL_SwapWindow(window_);
}

unsigned int Window::end_frame_reading_pixel(int x, int y) {
  render(window_);
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  unsigned char rgba[4] = {};
  if (w <= 0 || h <= 0) {
    SDL_GL_SwapWindow(window_);
    return 0;
  }
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(std::clamp(x, 0, w - 1), std::clamp(h - 1 - y, 0, h - 1), 1, 1, GL_RGBA,
               GL_UNSIGNED_BYTE, rgba);
  SDL_GL_SwapWindow(window_);
  return IM_COL32(rgba[0], rgba[1], rgba[2], 255);
}

std::string Window::end_frame_with_screenshot(const std::string& png_path, int* distinct_colours) {
  render(window_);
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  SDL_GL_SwapWindow(window_);
  // OpenGL's rows run bottom-up; PNG's top-down.
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  std::set<std::uint32_t> colours;
  for (int y = 0; y < h; ++y) {
    std::copy_n(&pixels[static_cast<std::size_t>(h - 1 - y) * row], row, &flipped[y * row]);
  }
  for (std::size_t i = 0; i + 3 < flipped.size() && colours.size() < 4096; i += 4 * 7) {
    flipped[i + 3] = 255;
    colours.insert(flipped[i] | flipped[i + 1] << 8 | flipped[i + 2] << 16);
  }
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (distinct_colours) *distinct_colours = static_cast<int>(colours.size());
  if (!stbi_write_png(png_path.c_str(), w, h, 4, flipped.data(), static_cast<int>(row))) {
    return "cannot write " + png_path;
  }
  return {};
}

}  // namespace platform
