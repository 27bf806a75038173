// Categories: the subjects of regulations or FAQs, as big buttons.
#include "common.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void categories(App& app) {
  const bool faqs = app.session.nav.current().id == "faqs";
  title(app.t(faqs ? "categories.faq_title" : "categories.documents_title"));
  const auto list = app.store().categories(app.lang());
  const float gap = theme::sizes().gap;
  ui::begin_scroll("categories", ImVec2(0, 0));
  const float w = (avail_w() - gap - 20) / 2;
  int shown = 0;
  for (const auto& c : list) {
    const int count = faqs ? c.faq_count : c.document_count;
    if (count == 0) continue;
    if (shown++ % 2 == 1) ImGui::SameLine(0, gap);
    std::string label = c.title + "  (" + std::to_string(count) + ")";
    if (ui::button(("cat-" + c.id).c_str(), label, ImVec2(w, 130))) {
      app.go({faqs ? kiosk::ScreenId::faqs : kiosk::ScreenId::documents, c.id});
    }
  }
  if (shown == 0) ui::wrapped(app.t("categories.empty"));
  ui::end_scroll();
}

}  // namespace screens
