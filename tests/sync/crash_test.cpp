// kioskctl sync --once killed (SIGKILL) at random moments: the cache must
// always open with the old or the new version, whole, and a feedback must
// reach the server exactly once however often the upload is cut short.
// Slow: named "sync crash: ..." so they can be picked out.
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "content/feedback_outbox.hpp"
#include "sync_support.hpp"
#include "upload_server.hpp"

using namespace synctest;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kFaqs = 800;
constexpr int kChanged = 400;  // FAQs version 2 rewrites
constexpr int kRemoved = 100;  // the last ones, gone in version 2
constexpr int kAdded = 50;     // new in version 2
constexpr const char* kCategory = "cat-thu-tuc";

std::string faq_id(int i) {
  char id[32];
  std::snprintf(id, sizeof id, "faq-%04d", i);
  return id;
}

// About 60 words of plain Vietnamese, different for each FAQ.
std::string filler(int i) {
  static const char* words[] = {"tờ khai",      "hàng hóa", "xuất khẩu", "nhập khẩu", "giấy phép",
                                "kiểm tra",     "chứng từ", "lệ phí",    "cửa khẩu",  "phương tiện",
                                "doanh nghiệp", "thời hạn", "mẫu biểu",  "bản sao",   "chữ ký số"};
  std::string out;
  for (int w = 0; w < 60; ++w) {
    if (w) out += ' ';
    out += words[(i * 7 + w * 3) % 15];
  }
  return out;
}

// Version 1: kFaqs FAQs marked "tuyết". Version 2: kChanged of them marked
// "sấm" instead, the last kRemoved gone, kAdded new ones marked "sấm".
content::ContentSet big_content(int version) {
  content::ContentSet set;
  content::Category cat;
  cat.id = kCategory;
  cat.title = "Thủ tục hải quan";
  cat.description = "Câu hỏi thường gặp.";
  set.categories.push_back(cat);
  auto faq = [&](const std::string& id, int i, const char* mark) {
    content::Faq f;
    f.id = id;
    f.category_id = kCategory;
    f.question = "Câu hỏi số " + std::to_string(i) + " về thủ tục?";
    f.answer_markdown =
        "Trả lời số " + std::to_string(i) + ": " + filler(i) + ". Mốc " + mark + ".\n";
    set.faqs.push_back(f);
  };
  const int kept = version == 1 ? kFaqs : kFaqs - kRemoved;
  for (int i = 0; i < kept; ++i) faq(faq_id(i), i, version == 2 && i < kChanged ? "sấm" : "tuyết");
  if (version == 2) {
    for (int i = 0; i < kAdded; ++i) faq("faq-moi-" + std::to_string(i), kFaqs + i, "sấm");
  }
  return set;
}

std::string integrity_check(const std::filesystem::path& db) {
  sqlite3* h = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK) {
      result.clear();
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        result += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      }
      sqlite3_finalize(stmt);
    }
  }
  sqlite3_close(h);
  return result;
}

void copy_cache(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::filesystem::path target = to.string() + suffix;
    std::filesystem::remove(target);
    const std::filesystem::path source = from.string() + suffix;
    if (std::filesystem::exists(source)) std::filesystem::copy_file(source, target);
  }
}

// The version a cache opens with, after checking that its content is
// exactly that version's: -1 when it is not.
int whole_version(const std::filesystem::path& db) {
  auto store = content::ContentStore::open(db, content::OpenMode::read_write);
  if (!store) return -1;
  const std::int64_t version = store->stats().content_version;
  const auto faqs = store->faqs_with_answers_in(kCategory, content::Lang::vi);
  int new_marks = 0;
  for (const auto& f : faqs) new_marks += f.answer_markdown.find("sấm") != std::string::npos;
  auto hits = store->search("sấm", content::Lang::vi);
  if (!hits) return -1;
  if (version == 1 && faqs.size() == static_cast<std::size_t>(kFaqs) && new_marks == 0 &&
      hits->empty())
    return 1;
  if (version == 2 && faqs.size() == static_cast<std::size_t>(kFaqs - kRemoved + kAdded) &&
      new_marks == kChanged + kAdded && !hits->empty() &&
      !store->faq(faq_id(kFaqs - 1), content::Lang::vi) &&
      store->faq("faq-moi-0", content::Lang::vi)) {
    return 2;
  }
  MESSAGE("version " << version << " with " << faqs.size() << " FAQs, " << new_marks
                     << " of version 2, " << hits->size() << " search hits");
  return -1;
}

// SIGKILL loses nothing the kernel holds, so these tests lose no rigour in
// memory (/dev/shm), where fsync is free; on a slow disk the fsyncs of
// publishing and installing cost tens of seconds.
class TempDirsInMemory {
 public:
  TempDirsInMemory() {
    if (const char* old = std::getenv("TMPDIR")) old_ = old;
    if (std::filesystem::is_directory("/dev/shm")) setenv("TMPDIR", "/dev/shm", 1);
  }
  ~TempDirsInMemory() {
    if (old_) {
      setenv("TMPDIR", old_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }

 private:
  std::optional<std::string> old_;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("sync crash: kioskctl sync killed 100 times while applying a big change") {
  TempDirsInMemory in_memory;
  const std::time_t now = std::time(nullptr);
  Department dept(now);
  dept.content() = big_content(1);
  auto start = Clock::now();
  dept.publish(30, now);
  test::TempDir kiosk;
  const auto v1_cache = kiosk / "v1.db";
  const std::string url = "file://" + dept.repo().string();
  const auto installed = sync_once(settings(url, v1_cache, dept.key().public_key, now));
  REQUIRE_MESSAGE(installed.content == published::CycleReport::Content::updated,
                  installed.content_message);
  REQUIRE(whole_version(v1_cache) == 1);
  dept.content() = big_content(2);
  dept.publish(30, now);
  MESSAGE("setup (publish, install, publish): " << ms_since(start) << " ms");

  const auto trial = kiosk / "kiosk.db";
  const std::vector<std::string> args{"sync",     "--once", "--db",    trial.string(),
                                      "--server", url,      "--trust", dept.trust_file().string()};
  // One sync left alone: it must install version 2, and says how long a sync takes.
  copy_cache(v1_cache, trial);
  start = Clock::now();
  REQUIRE(wait_for(spawn_kioskctl(args)) == 0);
  const double full_ms = ms_since(start);
  REQUIRE(whole_version(trial) == 2);
  MESSAGE("a whole sync: " << full_ms << " ms");

  const unsigned seed = std::random_device{}();
  MESSAGE("seed " << seed);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> moment(0, full_ms * 1.1);
  int old_version = 0, new_version = 0, finished = 0;
  start = Clock::now();
  for (int i = 0; i < 100; ++i) {
    CAPTURE(i);
    copy_cache(v1_cache, trial);
    const pid_t pid = spawn_kioskctl(args);
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(moment(rng) * 1000)));
    kill(pid, SIGKILL);
    const int code = wait_for(pid);
    REQUIRE((code == 0 || code == 128 + SIGKILL));
    finished += code == 0;
    REQUIRE(integrity_check(trial) == "ok");
    const int version = whole_version(trial);
    REQUIRE((version == 1 || version == 2));
    (version == 1 ? old_version : new_version)++;
  }
  MESSAGE("100 kills in " << ms_since(start) << " ms: " << old_version << " opened with version 1, "
                          << new_version << " with version 2 (" << finished
                          << " syncs had finished)");
  // Kills landed on both sides of the commit.
  CHECK(old_version > 0);
  CHECK(new_version > 0);
}

TEST_CASE("sync crash: kioskctl killed during feedback upload loses and doubles nothing") {
  TempDirsInMemory in_memory;
  const std::time_t now = std::time(nullptr);
  Department dept(now);
  dept.publish(30, now);
  UploadServer upload(dept.repo());
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  REQUIRE(sync_once(settings(upload.url(), db, dept.key().public_key, now)).content_ok());

  const std::vector<std::string> args{
      "sync",       "--once",      "--db",    db.string(),
      "--server",   upload.url(),  "--trust", dept.trust_file().string(),
      "--kiosk-id", "sanh-chinh-1"};
  // How long a sync with nothing to upload takes: kills land from before
  // that to well into the upload.
  auto start = Clock::now();
  REQUIRE(wait_for(spawn_kioskctl(args)) == 0);
  const double idle_ms = ms_since(start);
  MESSAGE("a sync with nothing to upload: " << idle_ms << " ms");

  // Enough that no run uploads them all before the latest kill lands (a
  // few ms each on loopback), so kills do land mid-upload.
  constexpr int kQueued = 600;
  std::set<std::string> queued;
  {
    auto outbox = content::FeedbackOutbox::open(db);
    REQUIRE(outbox);
    for (int i = 0; i < kQueued; ++i) {
      auto uuid = outbox->add(1 + i % 4, i % 3 ? "svc-tiep-nhan" : "",
                              "Góp ý số " + std::to_string(i), published::utc_iso(now));
      REQUIRE(uuid);
      queued.insert(*uuid);
    }
  }
  REQUIRE(static_cast<int>(queued.size()) == kQueued);

  const unsigned seed = std::random_device{}();
  MESSAGE("seed " << seed);
  std::mt19937 rng(seed);
  // From half a sync before the upload starts to a little into it: an upload
  // on loopback is quick, and a window much longer lets whole runs finish.
  std::uniform_int_distribution<int> moment_ms(static_cast<int>(idle_ms / 2),
                                               static_cast<int>(idle_ms) + 60);
  int runs = 0, killed = 0;
  start = Clock::now();
  int left = kQueued;
  while (left > 0 && runs < 500) {
    const pid_t pid = spawn_kioskctl(args);
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(rng)));
    kill(pid, SIGKILL);
    killed += wait_for(pid) == 128 + SIGKILL;
    ++runs;
    auto outbox = content::FeedbackOutbox::open(db);
    REQUIRE(outbox);
    left = outbox->pending_count();
  }
  MESSAGE(runs << " runs (" << killed << " killed) in " << ms_since(start) << " ms");
  REQUIRE(left == 0);
  CHECK(killed > 0);

  const auto rows = upload.feedback();
  std::set<std::string> stored;
  for (const auto& r : rows) stored.insert(r.feedback.uuid);
  CHECK(static_cast<int>(rows.size()) == kQueued);
  CHECK(stored == queued);
}
