#include "kiosk_server/uploads.hpp"

#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "content/text.hpp"
#include "fields.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server {
namespace {

using nlohmann::json;

// A field name as it may appear in a one-line reason: printable ASCII, short.
std::string shown_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return "(a field name)";
  for (const char c : name) {
    if (c < 0x20 || c > 0x7e) return "(a field name)";
  }
  return name;
}

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

// Reads the fields of one JSON object, keeping the first problem found.
class FieldReader {
 public:
  FieldReader(const json& object, std::string prefix)
      : object_(object), prefix_(std::move(prefix)) {}

  // Refuses any field not in `known`.
  void only(std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : object_.items()) {
      bool found = false;
      for (const auto k : known) found = found || k == name;
      if (!found) {
        fail_raw(prefix_ + shown_name(name), "is not a known field");
        return;
      }
    }
  }

  // A string field; `check` returns a problem or nullopt.
  template <typename Check>
  std::string text(const char* name, Check check) {
    const json* v = field(name);
    if (!v) return {};
    if (!v->is_string()) {
      fail(name, "must be a string");
      return {};
    }
    auto s = v->get<std::string>();
    if (auto problem = check(s)) fail(name, *problem);
    return s;
  }

  std::int64_t integer(const char* name, std::int64_t min, std::int64_t max) {
    const json* v = field(name);
    if (!v) return 0;
    const std::string range =
        "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    std::int64_t n = 0;
    if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(kInt64Max)) {
        fail(name, range);
        return 0;
      }
      n = static_cast<std::int64_t>(u);
    } else if (v->is_number_integer()) {
      n = v->get<std::int64_t>();
    } else {
      fail(name, range);
      return 0;
    }
    if (n < min || n > max) fail(name, range);
    return n;
  }

  const json* array(const char* name) {
    const json* v = field(name);
    if (v && !v->is_array()) {
      fail(name, "must be an array");
      return nullptr;
    }
    return v;
  }

  bool ok() const { return !error_; }
  const std::string& error() const { return *error_; }
  void fail(const char* name, const std::string& why) { fail_raw(prefix_ + name, why); }

 private:
  const json* field(const char* name) {
    if (error_) return nullptr;
    const auto it = object_.find(name);
    if (it == object_.end()) {
      fail(name, "is missing");
      return nullptr;
    }
    return &*it;
  }
  void fail_raw(const std::string& where, const std::string& why) {
    if (!error_) error_ = where + ": " + why;
  }

  const json& object_;
  std::string prefix_;
  std::optional<std::string> error_;
};

using Problem = std::optional<std::string>;

Problem slug_problem(const std::string& s) {
  if (fields::is_slug(s)) return std::nullopt;
  return "must be 1 to 64 characters of a-z, 0-9 and '-'";
}

Problem time_problem(const std::string& s) {
  if (parse_utc(s)) return std::nullopt;
  return "must be a UTC time YYYY-MM-DDTHH:MM:SSZ";
}

// Parses `body` as one JSON object; the Error names the byte where it broke.
content::Result<json> parse_object(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return content::Error{"body: larger than " + std::to_string(kMaxBodyBytes) + " bytes"};
  }
  // nlohmann keeps the last of two equal keys; a body that says two things
  // about one field is refused instead.
  std::vector<std::set<std::string>> keys;
  std::optional<std::string> duplicate;
  const json::parser_callback_t note_keys = [&](int, json::parse_event_t event, json& value) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty() && value.is_string()) {
      if (!keys.back().insert(value.get<std::string>()).second && !duplicate) {
        duplicate = value.get<std::string>();
      }
    }
    return true;
  };
  json parsed;
  try {
    parsed = json::parse(body, note_keys);
  } catch (const json::parse_error& e) {
    return content::Error{"body: not valid JSON (at byte " + std::to_string(e.byte) + ")"};
  } catch (const json::exception&) {  // a number out of range, and the like
    return content::Error{"body: not valid JSON (a value out of range)"};
  }
  if (duplicate) {
    return content::Error{"body: the field " + shown_name(*duplicate) + " appears more than once"};
  }
  if (!parsed.is_object()) return content::Error{"body: must be a JSON object"};
  return parsed;
}

}  // namespace

std::string shown_safely(std::string_view text) { return fields::shown_safely(text); }

bool is_uuid_v4(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return text[14] == '4' &&
         (text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b');
}

content::Result<Feedback> parse_feedback(std::string_view body) {
  auto parsed = parse_object(body);
  if (!parsed) return parsed.error();
  FieldReader in(*parsed, "");
  in.only({"uuid", "kiosk", "rating", "service", "comment", "created"});
  Feedback f;
  f.uuid = in.text("uuid", [](const std::string& s) -> Problem {
    if (is_uuid_v4(s)) return std::nullopt;
    return "must be a lower-case UUID v4";
  });
  f.kiosk = in.text("kiosk", slug_problem);
  f.rating = static_cast<int>(in.integer("rating", 1, 4));
  f.service = in.text("service", [](const std::string& s) -> Problem {
    if (s.empty() || fields::is_slug(s)) return std::nullopt;
    return "must be empty or 1 to 64 characters of a-z, 0-9 and '-'";
  });
  f.comment = in.text(
      "comment", [](const std::string& s) { return fields::text_problem(s, kMaxBodyBytes, true); });
  if (in.ok()) {
    // Stored and compared in NFC, as the kiosk stores it.
    f.comment = content::text::to_nfc(f.comment);
    if (f.comment.size() > kMaxCommentBytes) {
      in.fail("comment", "is " + std::to_string(f.comment.size()) + " bytes, at most " +
                             std::to_string(kMaxCommentBytes) + " are allowed");
    }
  }
  f.created = in.text("created", time_problem);
  if (!in.ok()) return content::Error{in.error()};
  return f;
}

content::Result<Heartbeat> parse_heartbeat(std::string_view body) {
  auto parsed = parse_object(body);
  if (!parsed) return parsed.error();
  FieldReader in(*parsed, "");
  in.only({"kiosk", "app_version", "content_version", "last_sync", "last_error", "outbox",
           "free_disk_bytes", "uptime_s", "sent"});
  Heartbeat h;
  h.kiosk = in.text("kiosk", slug_problem);
  h.app_version = in.text("app_version", [](const std::string& s) -> Problem {
    if (fields::is_version(s)) return std::nullopt;
    return "must be 1 to 32 characters of 0-9, A-Z, a-z and . + ~ -";
  });
  h.content_version = in.integer("content_version", 0, kInt64Max);
  h.last_sync = in.text("last_sync", [](const std::string& s) -> Problem {
    if (s.empty() || parse_utc(s)) return std::nullopt;
    return "must be empty or a UTC time YYYY-MM-DDTHH:MM:SSZ";
  });
  h.last_error = in.text("last_error", [](const std::string& s) {
    return fields::text_problem(s, kMaxLastErrorBytes, false);
  });
  h.outbox = in.integer("outbox", 0, kInt64Max);
  h.free_disk_bytes = in.integer("free_disk_bytes", 0, kInt64Max);
  h.uptime_s = in.integer("uptime_s", 0, kInt64Max);
  h.sent = in.text("sent", time_problem);
  if (!in.ok()) return content::Error{in.error()};
  return h;
}

content::Result<MissBatch> parse_search_misses(std::string_view body) {
  auto parsed = parse_object(body);
  if (!parsed) return parsed.error();
  FieldReader in(*parsed, "");
  in.only({"kiosk", "misses"});
  MissBatch batch;
  batch.kiosk = in.text("kiosk", slug_problem);
  const json* rows = in.array("misses");
  if (rows && rows->size() > kMaxMissRows) {
    in.fail("misses", "has " + std::to_string(rows->size()) + " rows, at most " +
                          std::to_string(kMaxMissRows) + " are allowed");
  }
  if (!in.ok()) return content::Error{in.error()};
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const json& row = (*rows)[i];
    const std::string prefix = "misses[" + std::to_string(i) + "]";
    if (!row.is_object()) return content::Error{prefix + ": must be an object"};
    FieldReader r(row, prefix + ".");
    r.only({"query", "day", "count"});
    MissCount m;
    m.query = r.text("query", [](const std::string& s) -> Problem {
      if (auto problem = fields::text_problem(s, 64, false)) return problem;
      if (s.size() < 3) return "must be 3 to 64 bytes";
      if (fields::has_digit(s)) return "must not contain digits (the kiosk masks them as '#')";
      return std::nullopt;
    });
    m.day = r.text("day", [](const std::string& s) -> Problem {
      if (is_day(s)) return std::nullopt;
      return "must be a day YYYY-MM-DD";
    });
    m.count = r.integer("count", 1, 1'000'000);
    if (!r.ok()) return content::Error{r.error()};
    batch.misses.push_back(std::move(m));
  }
  return batch;
}

}  // namespace kiosk_server
