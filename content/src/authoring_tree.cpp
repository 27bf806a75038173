// Reading a whole authoring tree and the checks that span files.
#include <algorithm>
#include <fstream>
#include <map>
#include <thread>

#include "content/authoring.hpp"

namespace content {
namespace {

bool skipped_name(const std::filesystem::path& p) {
  const auto name = p.filename().string();
  return name.empty() || name.front() == '.' || name.front() == '_';
}

// The item's category, for the types that have one.
const std::string* category_of(const AuthoredItem& item) {
  if (const auto* d = std::get_if<Document>(&item.value)) return &d->category_id;
  if (const auto* f = std::get_if<Faq>(&item.value)) return &f->category_id;
  return nullptr;
}

ParsedFile read_and_parse(const std::filesystem::path& path, const std::string& name) {
  ParsedFile result;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.problems.push_back({name, 1, "cannot read the file"});
    return result;
  }
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
  if (size > kMaxFileBytes) {
    result.problems.push_back({name, 1,
                               "the file is " + std::to_string(size) + " bytes; the limit is " +
                                   std::to_string(kMaxFileBytes)});
    return result;
  }
  in.seekg(0);
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  return parse_authoring_file(name, bytes);
}

}  // namespace

std::vector<Problem> check_tree(const std::vector<std::pair<std::string, AuthoredItem>>& owned) {
  std::vector<std::pair<const std::string*, const AuthoredItem*>> items;
  items.reserve(owned.size());
  for (const auto& [file, item] : owned) items.emplace_back(&file, &item);
  return check_tree(items);
}

std::vector<Problem> check_tree(
    const std::vector<std::pair<const std::string*, const AuthoredItem*>>& items) {
  std::vector<Problem> problems;
  std::map<std::pair<std::string, Lang>, const std::string*> seen;             // id+lang -> file
  std::map<std::string, std::pair<ItemType, const std::string*>> types;        // id -> type, file
  std::map<std::string, std::pair<std::string, const std::string*>> prefixes;  // prefix -> id
  std::map<std::string, std::string> prefix_of_service;  // service id -> prefix
  for (const auto& [file_ptr, item_ptr] : items) {
    const std::string& file = *file_ptr;
    const AuthoredItem& item = *item_ptr;
    auto [it, fresh] = seen.emplace(std::make_pair(item.id, item.lang), &file);
    if (!fresh) {
      problems.push_back({file, 1,
                          "duplicate id \"" + item.id + "\" in lang " +
                              std::string(to_string(item.lang)) + ": also in " + *it->second});
    }
    auto [t, first] = types.emplace(item.id, std::make_pair(item.type, &file));
    if (!first && t->second.first != item.type) {
      problems.push_back({file, 1,
                          "id \"" + item.id + "\" is a " + std::string(to_string(item.type)) +
                              " here but a " + std::string(to_string(t->second.first)) + " in " +
                              *t->second.second});
    }
    if (const auto* service = std::get_if<Service>(&item.value)) {
      auto [p, unused] = prefixes.emplace(service->prefix, std::make_pair(item.id, &file));
      if (p->second.first != item.id) {
        problems.push_back({file, 1,
                            "ticket prefix \"" + service->prefix +
                                "\" is already used by service \"" + p->second.first + "\" in " +
                                *p->second.second});
      }
      auto [s, new_service] = prefix_of_service.emplace(item.id, service->prefix);
      if (!new_service && s->second != service->prefix) {
        problems.push_back({file, 1,
                            "service \"" + item.id + "\" has prefix \"" + service->prefix +
                                "\" here and \"" + s->second + "\" in its other language"});
      }
    }
  }
  for (const auto& [file_ptr, item_ptr] : items) {
    const std::string& file = *file_ptr;
    const AuthoredItem& item = *item_ptr;
    const auto* category = category_of(item);
    if (!category || category->empty()) continue;
    const auto t = types.find(*category);
    if (t == types.end() || t->second.first != ItemType::category) {
      problems.push_back(
          {file, item.category_line,
           "dangling category \"" + *category + "\": no category with that id in the tree"});
    }
  }
  return problems;
}

TreeLoad load_authoring_tree(const std::filesystem::path& root) {
  TreeLoad load;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    load.problems.push_back({root.string(), 1, "not a directory"});
    return load;
  }
  std::vector<std::filesystem::path> files;
  std::filesystem::recursive_directory_iterator it(root, ec), end;
  if (ec) {
    load.problems.push_back({root.string(), 1, "cannot read the directory: " + ec.message()});
    return load;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      load.problems.push_back({root.string(), 1, "cannot read the directory: " + ec.message()});
      return load;
    }
    const auto& path = it->path();
    if (skipped_name(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (path.extension() != ".md" || !it->is_regular_file(ec)) continue;
    files.push_back(path);
    if (files.size() > kMaxTreeFiles) {
      load.problems.push_back(
          {root.string(), 1, "more than " + std::to_string(kMaxTreeFiles) + " files in the tree"});
      return load;
    }
  }
  std::sort(files.begin(), files.end());
  load.files = files.size();

  // Files are read and parsed on every core; results keep the file order.
  std::vector<ParsedFile> parsed(files.size());
  std::vector<std::string> names(files.size());
  const auto parse_range = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < files.size(); i += step) {
      names[i] = files[i].lexically_relative(root).generic_string();
      parsed[i] = read_and_parse(files[i], names[i]);
    }
  };
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 1; w < workers && w < files.size(); ++w) {
      threads.emplace_back(parse_range, w, workers);
    }
    parse_range(0, workers);
  }

  std::vector<std::pair<std::string, AuthoredItem>> items;
  items.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (auto& p : parsed[i].problems) load.problems.push_back(std::move(p));
    if (parsed[i].item) items.emplace_back(std::move(names[i]), std::move(*parsed[i].item));
  }
  for (auto& p : check_tree(items)) load.problems.push_back(std::move(p));
  if (!load.problems.empty()) return load;

  for (auto& [file, item] : items) {
    std::visit(
        [&](auto&& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Category>)
            load.set.categories.push_back(std::move(value));
          if constexpr (std::is_same_v<T, Document>) load.set.documents.push_back(std::move(value));
          if constexpr (std::is_same_v<T, Faq>) load.set.faqs.push_back(std::move(value));
          if constexpr (std::is_same_v<T, Service>) load.set.services.push_back(std::move(value));
          if constexpr (std::is_same_v<T, Announcement>) {
            load.set.announcements.push_back(std::move(value));
          }
          if constexpr (std::is_same_v<T, OfficeInfo>) load.set.offices.push_back(std::move(value));
          if constexpr (std::is_same_v<T, Glossary>)
            load.set.glossaries.push_back(std::move(value));
        },
        item.value);
  }
  return load;
}

}  // namespace content
