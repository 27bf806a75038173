// Publishing the tree as the next signed version, and the history of versions.
#include <set>

#include "console/console.hpp"
#include "console/console_http.hpp"
#include "console/line_diff.hpp"
#include "sync/repository.hpp"

namespace kiosk_server::console {
namespace {

using nlohmann::json;

std::vector<PublishedItem> items_of(const ContentTree& tree) {
  std::vector<PublishedItem> out;
  for (const auto& [path, file] : tree.files()) {
    if (file.item && tree.find(file.id, file.lang) == &file) {
      out.push_back({file.id, file.lang, file.type, file.title, file.text});
    }
  }
  return out;
}

}  // namespace

content::Status Console::ensure_baseline() {
  auto has = store_->has_baseline();
  if (!has) return has.error();
  if (*has) return content::Status::Ok();
  return store_->record_baseline(items_of(tree_));
}

std::int64_t Console::newest_version() const {
  std::int64_t newest = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(repo_ / "manifests", ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    const auto dot = name.find(".signed");
    if (dot == std::string::npos || dot + 7 != name.size()) continue;
    if (const auto n = whole_number(name.substr(0, dot)))
      newest = std::max<std::int64_t>(newest, *n);
  }
  return newest;
}

HttpReply Console::publish(Call& call, std::optional<std::int64_t> rollback_of) {
  if (auto s = tree_.refresh(true); !s) return error_reply(500, s.error().message);
  auto load = tree_.load();
  if (!load.problems.empty()) {
    json errors = json::array();
    for (const auto& p : load.problems)
      errors.push_back({{"field", ""}, {"message", p.to_string()}});
    return json_reply(
        422, {{"error", "the authoring tree does not pass the checks; nothing was published"},
              {"errors", errors}});
  }
  auto report = published::publish(load.set, repo_, key_, settings_.expires_days, clock_.now());
  if (!report) return error_reply(500, "publishing failed: " + report.error().message);

  auto before = store_->published_items();
  if (!before) return error_reply(500, before.error().message);
  std::map<std::pair<std::string, std::string>, PublishedItem> old;
  for (auto& item : *before) old[{item.id, item.lang}] = std::move(item);
  const auto now_items = items_of(tree_);
  Version version;
  version.version = report->version;
  version.published_by = call.caller->user.name;
  version.published_at = now_text();
  version.rollback_of = rollback_of;
  std::set<std::pair<std::string, std::string>> present;
  for (const auto& item : now_items) {
    present.insert({item.id, item.lang});
    const auto it = old.find({item.id, item.lang});
    if (it == old.end()) {
      version.changes.push_back(
          {item.id, item.lang, item.type, item.title, "added", item.text, ""});
    } else if (it->second.text != item.text) {
      version.changes.push_back(
          {item.id, item.lang, item.type, item.title, "changed", item.text, it->second.text});
    }
  }
  for (const auto& [key, item] : old) {
    if (!present.count(key)) {
      version.changes.push_back(
          {item.id, item.lang, item.type, item.title, "deleted", "", item.text});
    }
  }
  if (auto s = store_->record_version(version, now_items); !s) {
    return error_reply(500,
                       "version " + std::to_string(report->version) +
                           " was published but not recorded in the history: " + s.error().message);
  }
  published_cache_.reset();
  audit(call, rollback_of ? "rollback" : "publish", "version " + std::to_string(report->version),
        std::to_string(version.changes.size()) + " items changed" +
            (rollback_of ? "; the content of version " + std::to_string(*rollback_of) : ""));
  return json_reply(200, {{"version", report->version}, {"changed", version.changes.size()}});
}

HttpReply Console::list_versions() {
  auto versions = store_->versions(false);
  if (!versions) return error_reply(500, versions.error().message);
  json out = json::array();
  for (const auto& v : *versions) {
    json changes = json::array();
    for (const auto& c : v.changes) {
      changes.push_back({{"type", c.type},
                         {"id", c.id},
                         {"lang", c.lang},
                         {"title", c.title},
                         {"change", c.change}});
    }
    out.push_back({{"version", v.version},
                   {"published_by", v.published_by},
                   {"published_at", v.published_at},
                   {"rollback_of", v.rollback_of ? json(*v.rollback_of) : json(nullptr)},
                   {"changes", changes}});
  }
  return json_reply(200, out);
}

HttpReply Console::version_item(Call& call, std::int64_t number, const std::string& id,
                                const std::string& lang, bool restore) {
  auto version = store_->version(number);
  if (!version) return error_reply(500, version.error().message);
  if (!*version) return error_reply(404, "no such version in the console's history");
  std::optional<VersionChange> found;
  for (const auto& c : (*version)->changes) {
    if (c.id == id && c.lang == lang) found = c;
  }
  if (!found) {
    auto items = store_->items_as_of(number);
    if (!items) return error_reply(500, items.error().message);
    for (const auto& item : *items) {
      if (item.id == id && item.lang == lang) {
        found = VersionChange{id, lang, item.type, item.title, "unchanged", item.text, item.text};
      }
    }
  }
  if (!found) return error_reply(404, "the item is not in that version");
  if (!restore) {
    json diff = json::array();
    for (const auto& d : diff_lines(found->previous_text, found->text)) {
      diff.push_back({{"op", std::string(1, d.op)}, {"line", d.line}});
    }
    return json_reply(200, {{"type", found->type},
                            {"change", found->change},
                            {"text", found->text},
                            {"previous_text", found->previous_text},
                            {"diff", diff}});
  }
  if (found->text.empty())
    return error_reply(409, "the item was deleted in that version: nothing to restore");
  auto view = view_of(id, lang);
  if (!view) return error_reply(500, view.error().message);
  if (*view && (*view)->draft) {
    return error_reply(409,
                       "a change to this item is already waiting; send it on or discard it first");
  }
  Draft draft;
  draft.id = id;
  draft.lang = lang;
  draft.type = found->type;
  draft.text = found->text;
  draft.state = "draft";
  draft.author = call.caller->user.name;
  draft.updated = now_text();
  draft.comment = "restored from version " + std::to_string(number);
  draft.base = *view && (*view)->file ? (*view)->file->revision : "";
  if (auto s = store_->put_draft(draft); !s) return error_reply(500, s.error().message);
  audit(call, "restore", found->type + " " + id + "/" + lang,
        "the text of version " + std::to_string(number));
  auto saved = view_of(id, lang);
  return json_reply(200, {{"state", "draft"},
                          {"revision", saved && *saved ? (*saved)->revision : std::string()}});
}

HttpReply Console::rollback(Call& call, std::int64_t number) {
  auto version = store_->version(number);
  if (!version) return error_reply(500, version.error().message);
  if (!*version) return error_reply(404, "no such version in the console's history");
  auto items = store_->items_as_of(number);
  if (!items) return error_reply(500, items.error().message);
  if (auto s = tree_.refresh(true); !s) return error_reply(500, s.error().message);
  std::set<std::pair<std::string, std::string>> keep;
  for (const auto& item : *items) {
    keep.insert({item.id, item.lang});
    const auto* file = tree_.find(item.id, item.lang);
    if (file && file->text == item.text) continue;
    if (auto s = tree_.write(item.id, item.lang, item.type, item.text); !s) {
      return error_reply(500, s.error().message);
    }
  }
  std::vector<std::pair<std::string, std::string>> gone;
  for (const auto& [path, file] : tree_.files()) {
    if (file.item && !keep.count({file.id, file.lang})) gone.emplace_back(file.id, file.lang);
  }
  for (const auto& [id, lang] : gone) {
    if (auto s = tree_.remove(id, lang); !s) return error_reply(500, s.error().message);
  }
  return publish(call, number);
}

}  // namespace kiosk_server::console
