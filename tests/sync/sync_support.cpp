#include "sync_support.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "content/authoring.hpp"
#include "sync/item_json.hpp"

namespace synctest {
namespace {

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

published::SigningKey new_key() {
  auto key = published::generate_key();
  REQUIRE(key);
  return *key;
}

Department::Department(std::time_t start) : key_(new_key()), clock_(start - 60) {
  test::write_small_tree(dir_ / "tree");
  auto load = content::load_authoring_tree(dir_ / "tree");
  for (const auto& p : load.problems) MESSAGE(p.to_string());
  REQUIRE(load.problems.empty());
  set_ = std::move(load.set);
  REQUIRE(published::write_key_files(key_, dir_ / "key"));
}

published::PublishReport Department::publish(int expires_days, std::time_t at) {
  clock_ = at ? at : clock_ + 60;
  auto report = published::publish(set_, repo(), key_, expires_days, clock_);
  if (!report) FAIL(report.error().message);
  return *report;
}

std::string Department::envelope(std::int64_t version) const {
  const auto file = repo() / "manifests" / (std::to_string(version) + ".signed");
  REQUIRE(std::filesystem::exists(file));
  return slurp(file);
}

published::Head Department::head(std::int64_t version) const {
  const std::string bytes = envelope(version);
  const auto body = bytes.find("\n\n");
  REQUIRE(body != std::string::npos);
  auto head = published::parse_head(std::string_view(bytes).substr(body + 2));
  REQUIRE(head);
  return *head;
}

void Department::serve_head(const std::string& bytes) const {
  test::write_file(repo() / "manifest.signed", bytes);
}

void change_faq(content::ContentSet& set, const std::string& question) {
  for (auto& faq : set.faqs) {
    if (faq.id == kFaq && faq.lang == content::Lang::vi) {
      faq.question = question;
      faq.answer_markdown = "Nước hoa: tối đa năm chai. " + question + "\n";
      return;
    }
  }
  FAIL("no FAQ " << kFaq);
}

std::string faq_object_path(const content::ContentSet& set, const std::string& id) {
  for (const auto& faq : set.faqs) {
    if (faq.id == id && faq.lang == content::Lang::vi) {
      return published::object_path(published::sha256_hex(published::object_bytes(faq)));
    }
  }
  FAIL("no FAQ " << id);
  return {};
}

published::SyncSettings settings(const std::string& url, const std::filesystem::path& db,
                                 const published::PublicKey& anchor, std::time_t now) {
  published::SyncSettings s;
  s.server_url = url;
  s.db = db;
  s.trust_anchor = anchor;
  s.app_version = "test";
  s.now = [now] { return now; };
  return s;
}

published::CycleReport sync_once(const published::SyncSettings& s,
                                 const published::CurlOptions& options) {
  auto transport = published::make_curl_transport(options);
  published::SyncClient client(s, *transport);
  return client.run_cycle();
}

Snapshot snapshot(const std::filesystem::path& db) {
  auto store = content::ContentStore::open(db, content::OpenMode::read_only);
  REQUIRE(store);
  Snapshot s;
  const auto stats = store->stats();
  s.version = stats.content_version;
  s.categories = stats.categories;
  s.documents = stats.documents;
  s.faqs = stats.faqs;
  s.services = stats.services;
  if (auto faq = store->faq(kFaq, content::Lang::vi)) s.faq_question = faq->question;
  auto allowance = store->search("miễn thuế", content::Lang::vi);
  REQUIRE(allowance);
  s.search_allowance = test::ids_of(*allowance);
  auto perfume = store->search("nước hoa", content::Lang::vi);
  REQUIRE(perfume);
  s.search_perfume = test::ids_of(*perfume);
  s.manifest_sha256 = store->meta("manifest.sha256").value_or("");
  return s;
}

std::string last_error(const std::filesystem::path& db) {
  auto store = content::ContentStore::open(db, content::OpenMode::read_only);
  REQUIRE(store);
  return store->meta("sync.last_error").value_or("");
}

pid_t spawn_kioskctl(const std::vector<std::string>& args) {
  std::vector<std::string> copy = args;
  std::string path = KIOSKCTL_PATH;
  std::vector<char*> argv{path.data()};
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace synctest
