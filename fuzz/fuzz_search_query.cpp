// Any bytes as what a visitor typed: a real search on a real store must
// succeed (possibly with no hits), never fail or crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "content/store.hpp"
#include "search_query.hpp"

namespace {

content::ContentStore& store() {
  static content::ContentStore* instance = [] {
    const auto db = std::filesystem::temp_directory_path() / "kiosk-fuzz-search.db";
    std::filesystem::remove(db);
    auto opened = content::ContentStore::open(db, content::OpenMode::read_write);
    if (!opened) std::abort();
    content::ContentSet set;
    content::Document d;
    d.id = "doc-628";
    d.category_id = "cat-a";
    d.title = "Quyết định phê duyệt đề án hải quan số";
    d.number = "628/QĐ-TTg";
    d.issuer = "Thủ tướng";
    d.issued = "2024-07-10";
    d.body_markdown = "Thủ tục **hải quan điện tử**, đường biển và dương lịch.";
    set.documents.push_back(d);
    content::Faq f{"faq-a", content::Lang::vi, "cat-a", "Khai báo ngoại tệ?", "Trên 5.000 USD.",
                   {}};
    set.faqs.push_back(f);
    if (!opened->replace_content(set, 1)) std::abort();
    return new content::ContentStore(std::move(opened).value());
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)content::build_match_expression(text);
  const auto hits = store().search(text, content::Lang::vi, 5);
  if (!hits.ok()) __builtin_trap();
  return 0;
}
