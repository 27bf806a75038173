// Shared test fixtures: temporary directories, authoring trees on disk,
// running kioskctl.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/store.hpp"

namespace test {

// A fresh directory, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& file, std::string_view text);

// One authoring file: front matter lines (without the +++ fences) and a body.
std::string authoring(std::string_view front, std::string_view body);

// A small valid bilingual tree: two categories, documents (one with number
// 628/QĐ-TTg), FAQs, a service, an announcement and the office.
void write_small_tree(const std::filesystem::path& root);

std::filesystem::path demo_tree();
// A store in `dir` with `tree` imported, opened read-write.
content::ContentStore import_tree(const std::filesystem::path& tree,
                                  const std::filesystem::path& db);

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs the program at `path` with `args`, no shell involved.
RunResult run_program(const std::string& path, const std::vector<std::string>& args);
// The same, with `input` on its standard input.
RunResult run_program_with_input(const std::string& path, const std::vector<std::string>& args,
                                 std::string_view input);
// Runs kioskctl with `args`.
RunResult run_kioskctl(const std::vector<std::string>& args);

std::vector<std::string> ids_of(const std::vector<content::SearchHit>& hits);

}  // namespace test
