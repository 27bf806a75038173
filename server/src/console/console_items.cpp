// The item list, one item, saving drafts, and a change's way through review.
#include <algorithm>
#include <cctype>
#include <set>

#include "console/console.hpp"
#include "console/console_http.hpp"
#include "console/item_text.hpp"
#include "console/markdown_preview.hpp"
#include "content/text.hpp"

namespace kiosk_server::console {
namespace {

using nlohmann::json;

bool valid_id(const std::string& id) {
  if (id.size() < 2 || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool valid_lang(const std::string& lang) { return lang == "vi" || lang == "en"; }

std::string draft_revision(const Draft& d) {
  return "d" + revision_of((d.deleted ? "deleted\n" : "") + d.text);
}

int type_rank(const std::string& type) {
  const auto& types = item_types();
  const auto it = std::find(types.begin(), types.end(), type);
  return static_cast<int>(it - types.begin());
}

HttpReply field_errors(const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  return json_reply(422, {{"errors", list}});
}

// True when a word of `folded` starts with `word`: "ly" finds "lý do", not "quản lý"'s "quan".
bool starts_a_word(const std::string& folded, const std::string& word) {
  for (auto at = folded.find(word); at != std::string::npos; at = folded.find(word, at + 1)) {
    if (at == 0) return true;
    const auto before = static_cast<unsigned char>(folded[at - 1]);
    if (!std::isalnum(before) && before < 0x80) return true;
  }
  return false;
}

std::string today_of(std::time_t now) { return format_utc(now).substr(0, 10); }

}  // namespace

const std::map<std::pair<std::string, std::string>, std::string>& Console::published_revisions() {
  if (!published_cache_) {
    published_cache_.emplace();
    if (auto items = store_->published_items()) {
      for (const auto& item : *items)
        (*published_cache_)[{item.id, item.lang}] = revision_of(item.text);
    }
  }
  return *published_cache_;
}

Console::ItemView Console::view_of_draft(Draft draft) const {
  ItemView v;
  const auto fields = json_from_item_text(draft.text);
  v.type = draft.type;
  v.id = draft.id;
  v.lang = draft.lang;
  v.title = fields.contains("title") && fields["title"].is_string()
                ? fields["title"].get<std::string>()
                : "";
  v.category = fields.contains("category") && fields["category"].is_string()
                   ? fields["category"].get<std::string>()
                   : "";
  v.state = draft.state;
  v.revision = draft_revision(draft);
  v.updated = draft.updated;
  v.file = tree_.find(draft.id, draft.lang);
  v.path = v.file ? v.file->path : "";
  v.draft = std::move(draft);
  return v;
}

Console::ItemView Console::view_of_file(const TreeEntry& file) {
  ItemView v;
  v.type = file.type;
  v.id = file.id;
  v.lang = file.lang;
  v.title = file.title;
  v.category = file.category;
  v.revision = file.revision;
  v.path = file.path;
  v.updated = file.updated;  // when the file last changed, by the console or by hand
  v.file = &file;
  const auto& published = published_revisions();
  const auto it = published.find({file.id, file.lang});
  if (it == published.end() || it->second != file.revision) {
    v.state = "approved";
  } else if (!file.until.empty() && file.until < today_of(clock_.now())) {
    v.state = "expired";
  } else {
    v.state = "published";
  }
  return v;
}

content::Result<std::optional<Console::ItemView>> Console::view_of(const std::string& id,
                                                                   const std::string& lang) {
  if (auto s = tree_.refresh(); !s) return s.error();
  auto draft = store_->find_draft(id, lang);
  if (!draft) return draft.error();
  if (*draft) return std::optional<ItemView>(view_of_draft(std::move(**draft)));
  if (const auto* file = tree_.find(id, lang)) return std::optional<ItemView>(view_of_file(*file));
  return std::optional<ItemView>();
}

HttpReply Console::list_items(const Call& call) {
  if (auto s = tree_.refresh(); !s) return error_reply(500, s.error().message);
  auto drafts = store_->drafts();
  if (!drafts) return error_reply(500, drafts.error().message);
  const auto get = [&](const char* key) {
    const auto it = call.query.find(key);
    return it == call.query.end() ? std::string() : it->second;
  };
  const auto type = get("type"), state = get("state"), lang = get("lang"),
             category = get("category");
  std::vector<std::string> words;
  {
    const auto q = content::text::fold_for_search(get("q"));
    for (const auto& w : content::text::split_words(q))
      words.push_back(q.substr(w.begin, w.end - w.begin));
  }
  const auto limit = whole_number(get("limit")).value_or(0);
  const auto offset = whole_number(get("offset")).value_or(0);

  std::vector<ItemView> views;
  std::set<std::pair<std::string, std::string>> drafted;
  const auto wanted = [&](const ItemView& v, const std::string& folded) {
    if (!type.empty() && v.type != type) return false;
    if (!state.empty() && v.state != state) return false;
    if (!lang.empty() && v.lang != lang) return false;
    if (!category.empty() && v.category != category) return false;
    return std::all_of(words.begin(), words.end(),
                       [&](const std::string& w) { return starts_a_word(folded, w); });
  };
  for (auto& d : *drafts) {
    drafted.insert({d.id, d.lang});
    auto v = view_of_draft(std::move(d));
    const auto fields = json_from_item_text(v.text());
    const std::string folded = content::text::fold_for_search(v.id + " " + v.title + " " +
                                                              fields.value("body", std::string()));
    if (wanted(v, folded)) views.push_back(std::move(v));
  }
  for (const auto& [path, file] : tree_.files()) {
    if (!file.item || drafted.count({file.id, file.lang})) continue;
    if (tree_.find(file.id, file.lang) != &file) continue;  // a duplicate: publish says so
    auto v = view_of_file(file);
    if (wanted(v, file.folded)) views.push_back(std::move(v));
  }
  std::sort(views.begin(), views.end(), [](const ItemView& a, const ItemView& b) {
    const int ra = type_rank(a.type), rb = type_rank(b.type);
    return std::tie(ra, a.id, a.lang) < std::tie(rb, b.id, b.lang);
  });
  json list = json::array();
  const auto total = static_cast<long long>(views.size());
  for (long long i = offset; i < total && (limit == 0 || i < offset + limit); ++i) {
    const auto& v = views[static_cast<std::size_t>(i)];
    list.push_back({{"type", v.type},
                    {"id", v.id},
                    {"lang", v.lang},
                    {"title", v.title},
                    {"state", v.state},
                    {"revision", v.revision},
                    {"category", v.category},
                    {"updated", v.updated}});
  }
  auto reply = json_reply(200, list);
  reply.headers.emplace_back("X-Total-Count", std::to_string(total));
  return reply;
}

HttpReply Console::get_item(const Call&, const std::string& id, const std::string& lang) {
  if (!valid_id(id) || !valid_lang(lang)) return error_reply(404, "no such item");
  auto view = view_of(id, lang);
  if (!view) return error_reply(500, view.error().message);
  if (!*view) return error_reply(404, "no such item");
  const auto& v = **view;
  json out = json_from_item_text(v.text());
  out["type"] = v.type;
  out["id"] = v.id;
  out["lang"] = v.lang;
  if (!out.contains("body")) out["body"] = "";
  out["state"] = v.state;
  out["revision"] = v.revision;
  out["deleted"] = v.draft && v.draft->deleted;
  out["comment"] = v.draft ? v.draft->comment : "";
  out["author"] = v.draft ? v.draft->author : "";
  out["updated"] = v.updated;
  out["path"] = v.path;
  return json_reply(200, out);
}

HttpReply Console::put_item(Call& call, const std::string& id, const std::string& lang) {
  if (!valid_id(id)) {
    return field_errors(
        {{"id", "an id is 2 to 64 characters of a-z, 0-9 and '-', such as faq-hanh-ly"}});
  }
  if (!valid_lang(lang)) return field_errors({{"lang", "the language must be vi or en"}});
  const auto& body = call.body;
  if (!body.is_object()) return field_errors({{"", "send the item as a JSON object"}});
  std::string revision;
  if (const auto it = body.find("revision"); it != body.end() && !it->is_null()) {
    if (!it->is_string())
      return field_errors({{"revision", "revision must be the text a GET gave"}});
    revision = it->get<std::string>();
  }
  auto view = view_of(id, lang);
  if (!view) return error_reply(500, view.error().message);
  if (*view && revision != (*view)->revision) {
    return json_reply(
        409, {{"error", revision.empty() ? "an item with this id and language already exists"
                                         : "someone else changed this item since you opened it"},
              {"revision", (*view)->revision}});
  }
  if (!*view && !revision.empty()) {
    return json_reply(409, {{"error", "this item no longer exists"}, {"revision", ""}});
  }
  if (*view && body.contains("type") && body["type"].is_string() &&
      body["type"].get<std::string>() != (*view)->type) {
    return field_errors({{"type", "an item's type cannot change; make a new item instead"}});
  }
  auto text = item_text_from_json(body, id, lang);
  if (!text) return field_errors(text.error());
  auto item = check_item_text(*text);
  if (!item) return field_errors(item.error());
  if (id == "office" && item->type != content::ItemType::office) {
    return field_errors({{"id", "the id \"office\" is kept for the office item"}});
  }
  // What only the whole tree can say: categories that exist, prefixes used once.
  const auto path = *view && (*view)->file ? (*view)->file->path : std::string("(this change)");
  std::vector<FieldError> tree_errors;
  for (const auto& p : tree_.check(&*item)) {
    if (p.file != path && p.file != "(this change)") continue;
    std::string field;
    if (p.reason.find("category") != std::string::npos) field = "category";
    if (p.reason.find("prefix") != std::string::npos) field = "prefix";
    tree_errors.push_back({field, p.reason});
  }
  if (!tree_errors.empty()) return field_errors(tree_errors);

  Draft draft;
  if (*view && (*view)->draft) {
    draft = *(*view)->draft;
  } else {
    draft.base = *view && (*view)->file ? (*view)->file->revision : "";
  }
  draft.id = id;
  draft.lang = lang;
  draft.type = std::string(content::to_string(item->type));
  draft.text = *text;
  draft.deleted = false;
  draft.state = "draft";
  draft.author = call.caller->user.name;
  draft.updated = now_text();
  draft.comment.clear();
  if (auto s = store_->put_draft(draft); !s) return error_reply(500, s.error().message);
  audit(call, "save", draft.type + " " + id + "/" + lang, *view ? "changed" : "new item");
  return json_reply(200, {{"revision", draft_revision(draft)}, {"state", draft.state}});
}

HttpReply Console::item_action(Call& call, const std::string& id, const std::string& lang,
                               const std::string& action) {
  if (!valid_id(id) || !valid_lang(lang)) return error_reply(404, "no such item");
  auto view = view_of(id, lang);
  if (!view) return error_reply(500, view.error().message);
  if (!*view) return error_reply(404, "no such item");
  auto& v = **view;
  const std::string target = v.type + " " + id + "/" + lang;
  const auto& caller = *call.caller;
  const std::string comment =
      call.body.is_object() && call.body.contains("comment") && call.body["comment"].is_string()
          ? call.body["comment"].get<std::string>()
          : "";
  if (comment.size() > 4000) return field_errors({{"comment", "a comment is at most 4000 bytes"}});

  if (action == "delete") {
    const std::string revision =
        call.body.is_object() && call.body.contains("revision") && call.body["revision"].is_string()
            ? call.body["revision"].get<std::string>()
            : "";
    if (revision != v.revision) {
      return json_reply(409, {{"error", "someone else changed this item since you opened it"},
                              {"revision", v.revision}});
    }
    if (!v.file) {
      return error_reply(409, "this item was never approved; discard the draft instead");
    }
    Draft draft;
    draft.id = id;
    draft.lang = lang;
    draft.type = v.file->type;
    draft.text = v.file->text;
    draft.deleted = true;
    draft.state = "draft";
    draft.author = caller.user.name;
    draft.updated = now_text();
    draft.base = v.file->revision;
    if (auto s = store_->put_draft(draft); !s) return error_reply(500, s.error().message);
    audit(call, "delete", target, "a draft that deletes the item");
    return json_reply(200, {{"revision", draft_revision(draft)}, {"state", "draft"}});
  }

  if (!v.draft) return error_reply(409, "this item has no change waiting");
  auto draft = *v.draft;
  if (action == "discard") {
    if (draft.author != caller.user.name && caller.role < Role::publisher) {
      return error_reply(403, "only the change's author or a publisher may discard it");
    }
    if (auto s = store_->remove_draft(id, lang); !s) return error_reply(500, s.error().message);
    audit(call, "discard", target, "");
    return no_content();
  }
  if (action == "submit") {
    if (draft.state != "review") {
      draft.state = "review";
      draft.comment.clear();
      draft.updated = now_text();
      if (auto s = store_->put_draft(draft); !s) return error_reply(500, s.error().message);
      audit(call, "submit", target, draft.deleted ? "deletion" : "");
    }
    return json_reply(200, {{"state", "review"}, {"revision", draft_revision(draft)}});
  }
  if (draft.state != "review")
    return error_reply(409, "this change has not been submitted for review");
  if (action == "reject") {
    draft.state = "draft";
    draft.comment = comment;
    draft.updated = now_text();
    if (auto s = store_->put_draft(draft); !s) return error_reply(500, s.error().message);
    audit(call, "reject", target, comment);
    return json_reply(200, {{"state", "draft"}, {"revision", draft_revision(draft)}});
  }
  // approve
  if (draft.author == caller.user.name && !settings_.allow_self_approval) {
    return error_reply(403,
                       "you cannot approve your own change; another publisher must (or start the "
                       "server with --allow-self-approval)");
  }
  const std::string on_disk = v.file ? v.file->revision : "";
  if (on_disk != draft.base) {
    return json_reply(409, {{"error",
                             "the file was changed in the authoring tree since this change "
                             "began; open the item again and redo the change"},
                            {"revision", v.revision}});
  }
  std::vector<FieldError> errors;
  if (draft.deleted) {
    for (const auto& p : tree_.check(nullptr, std::pair{id, lang})) {
      errors.push_back({"", p.to_string()});
    }
  } else {
    auto item = check_item_text(draft.text);
    if (!item) return field_errors(item.error());
    for (const auto& p : tree_.check(&*item)) {
      if (p.file == v.path || p.file == "(this change)") errors.push_back({"", p.reason});
    }
  }
  if (!errors.empty()) return field_errors(errors);
  const auto s =
      draft.deleted ? tree_.remove(id, lang) : tree_.write(id, lang, draft.type, draft.text);
  if (!s) return error_reply(500, s.error().message);
  if (auto r = store_->remove_draft(id, lang); !r) return error_reply(500, r.error().message);
  audit(call, "approve", target, (draft.deleted ? "deletion by " : "change by ") + draft.author);
  return json_reply(200, {{"state", "approved"}});
}

HttpReply Console::preview(const Call& call) const {
  const auto& body = call.body;
  if (!body.is_object() || !body.contains("body") || !body["body"].is_string()) {
    return error_reply(400, "send {\"body\": MARKDOWN}");
  }
  const auto markdown = body["body"].get<std::string>();
  auto p = preview_markdown(markdown);
  if (markdown.size() > content::kMaxBodyBytes) {
    p.warnings.push_back("the body is longer than the kiosk takes (" +
                         std::to_string(content::kMaxBodyBytes / 1024) + " KiB)");
  }
  return json_reply(200, {{"html", p.html}, {"warnings", p.warnings}});
}

HttpReply Console::status() const {
  json fields = json::object();
  json types = json::array();
  for (const auto type : item_types()) {
    types.push_back(type);
    json list = json::array();
    for (const auto& f : fields_of(type)) {
      list.push_back({{"name", f.name}, {"required", f.required}, {"kind", f.kind}});
    }
    fields[std::string(type)] = list;
  }
  json problems = json::array();
  for (const auto& [path, file] : tree_.files()) {
    for (const auto& p : file.problems) problems.push_back(p.to_string());
  }
  return json_reply(200, {{"key_id", key_.public_key.id},
                          {"version", newest_version()},
                          {"allow_self_approval", settings_.allow_self_approval},
                          {"types", types},
                          {"fields", fields},
                          {"tree_problems", problems}});
}

}  // namespace kiosk_server::console
