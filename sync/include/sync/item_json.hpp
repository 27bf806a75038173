// Content objects: one item in one language as canonical JSON (keys sorted,
// no spaces), so the same item always gives the same bytes and the same hash.
#pragma once

#include <string>
#include <string_view>

#include "content/authoring.hpp"
#include "content/content_set.hpp"
#include "content/result.hpp"

namespace published {

std::string object_bytes(const content::Category& item);
std::string object_bytes(const content::Document& item);
std::string object_bytes(const content::Faq& item);
std::string object_bytes(const content::Service& item);
std::string object_bytes(const content::Announcement& item);
std::string object_bytes(const content::OfficeInfo& item);
std::string object_bytes(const content::Glossary& item);

// Parses an object; refuses anything that is not exactly one item with the
// fields its type has.
content::Result<content::AuthoredItem> parse_object(std::string_view bytes);

// Adds a parsed item to the set of its type.
void add_to_set(content::AuthoredItem item, content::ContentSet& set);

}  // namespace published
