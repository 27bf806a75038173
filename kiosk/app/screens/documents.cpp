// The documents of one category: number, title, dates.
#include "common.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void documents(App& app) {
  const std::string& category = app.session.nav.current().id;
  for (const auto& c : app.store().categories(app.lang())) {
    if (c.id == category) title(c.title);
  }
  const auto list = app.store().documents_in(category, app.lang());
  ui::begin_scroll("documents", ImVec2(0, 0));
  const float w = avail_w() - 20;
  for (const auto& d : list) {
    std::string label = d.number.empty() ? d.title : d.number + " — " + d.title;
    if (d.lang != app.lang())
      label += "  " + app.t(d.lang == content::Lang::vi ? "common.only_vi" : "common.only_en");
    if (ui::row(("doc-" + d.id).c_str(), label, ImVec2(w, 120))) {
      app.go({kiosk::ScreenId::document, d.id});
    }
  }
  ui::end_scroll();
}

}  // namespace screens
