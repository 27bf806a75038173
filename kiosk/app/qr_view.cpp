#include "qr_view.hpp"

#include <imgui.h>
#include <qrencode.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace qr {
namespace {

struct Matrix {
  int width = 0;
  std::vector<bool> dark;
};

// Encoding costs more than drawing: keep the few codes on screen.
const Matrix* encode(std::string_view text) {
  static std::map<std::string, Matrix, std::less<>> cache;
  if (auto it = cache.find(text); it != cache.end()) return &it->second;
  if (cache.size() > 32) cache.clear();
  const std::string s(text);
  QRcode* code = QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M);
  if (!code) return nullptr;
  Matrix m;
  m.width = code->width;
  m.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  QRcode_free(code);
  return &cache.emplace(s, std::move(m)).first->second;
}

}  // namespace

bool draw(std::string_view text, float size) {
  const Matrix* m = text.empty() ? nullptr : encode(text);
  if (!m) return false;
  const int quiet = 4;
  const float cell = size / static_cast<float>(m->width + 2 * quiet);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + size, at.y + size), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < m->width; ++y) {
    for (int x = 0; x < m->width; ++x) {
      if (!m->dark[static_cast<std::size_t>(y) * m->width + x]) continue;
      const ImVec2 a(at.x + (x + quiet) * cell, at.y + (y + quiet) * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), IM_COL32(0, 0, 0, 255));
    }
  }
  ImGui::Dummy(ImVec2(size, size));
  return true;
}

}  // namespace qr
