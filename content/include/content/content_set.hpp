// A whole set of kiosk content in memory: what an authoring tree or a
// published repository holds, and what the store replaces in one step.
#pragma once

#include <vector>

#include "content/types.hpp"

namespace content {

struct ContentSet {
  std::vector<Category> categories;
  std::vector<Document> documents;
  std::vector<Faq> faqs;
  std::vector<Service> services;
  std::vector<Announcement> announcements;
  std::vector<OfficeInfo> offices;
  std::vector<Glossary> glossaries;

  std::size_t size() const {
    return categories.size() + documents.size() + faqs.size() + services.size() +
           announcements.size() + offices.size() + glossaries.size();
  }
};

}  // namespace content
