// An item as the console's JSON has it, and as an authoring file
// (docs/authoring-format.md) has it: both ways, with every problem of a save
// tied to the field it is about.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "content/authoring.hpp"
#include "content/result.hpp"

namespace kiosk_server::console {

struct FieldSpec {
  std::string_view name;
  bool required = false;
  // text (several lines), line, date (YYYY-MM-DD), datetime (a date or
  // YYYY-MM-DDTHH:MM), integer, list (of lines), url.
  std::string_view kind;
};

// The front-matter fields of `type`, beyond id, type and lang; empty for an
// unknown type.
const std::vector<FieldSpec>& fields_of(std::string_view type);
// Every type, in the order the console lists them.
const std::vector<std::string_view>& item_types();

struct FieldError {
  std::string field;  // "" for the item as a whole
  std::string message;
};

// The authoring file for `fields` (a JSON object with "type", the front-matter
// fields and "body"; other keys the GET answer carries are ignored), or every
// problem found in the JSON itself. Does not yet apply the authoring rules:
// see check_item_text.
content::Result<std::string, std::vector<FieldError>> item_text_from_json(
    const nlohmann::json& fields, const std::string& id, const std::string& lang);

// The authoring rules (kioskctl import's, file by file) applied to `text`
// made by item_text_from_json: the parsed item, or problems against fields.
content::Result<content::AuthoredItem, std::vector<FieldError>> check_item_text(
    const std::string& text);

// The JSON fields of an authoring file ("type", the front-matter fields,
// "body"), whatever state the file is in; a file that cannot be read gives
// only "body" with the whole text.
nlohmann::json json_from_item_text(std::string_view text);

// The item's title as the list shows it ("" when the file does not parse).
std::string title_of(const content::AuthoredItem& item);
// The item's body (answer, description, text).
std::string body_of(const content::AuthoredItem& item);

}  // namespace kiosk_server::console
