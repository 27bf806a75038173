#include "support.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "content/authoring.hpp"

namespace test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, std::string_view text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
}

std::string authoring(std::string_view front, std::string_view body) {
  return "+++\n" + std::string(front) + "+++\n" + std::string(body);
}

void write_small_tree(const std::filesystem::path& root) {
  write_file(root / "cat/luggage.vi.md",
             authoring("id = \"cat-hanh-ly\"\ntype = \"category\"\nlang = \"vi\"\n"
                       "title = \"Hành lý\"\norder = 2\n",
                       "Hành lý của người xuất nhập cảnh.\n"));
  write_file(root / "cat/luggage.en.md",
             authoring("id = \"cat-hanh-ly\"\ntype = \"category\"\nlang = \"en\"\n"
                       "title = \"Luggage\"\norder = 2\n",
                       "Travellers' luggage.\n"));
  write_file(root / "cat/edecl.vi.md",
             authoring("id = \"cat-khai-bao\"\ntype = \"category\"\nlang = \"vi\"\n"
                       "title = \"Khai báo điện tử\"\norder = 1\n",
                       "Khai hải quan điện tử.\n"));
  write_file(
      root / "doc/628.vi.md",
      authoring(
          "id = \"doc-628\"\ntype = \"document\"\nlang = \"vi\"\ncategory = \"cat-khai-bao\"\n"
          "title = \"Quyết định phê duyệt đề án\"\nnumber = \"628/QĐ-TTg\"\n"
          "issuer = \"Thủ tướng Chính phủ\"\nissued = 2024-07-10\n"
          "effective = \"2024-07-10\"\nsummary = \"Đề án về hải quan số.\"\n"
          "source_url = \"https://example.gov.vn/628\"\ntags = [\"hải quan số\", \"đề án\"]\n",
          "## Nội dung\n\nPhát triển **hải quan số** và thủ tục điện tử.\n"));
  write_file(
      root / "doc/628.en.md",
      authoring(
          "id = \"doc-628\"\ntype = \"document\"\nlang = \"en\"\ncategory = \"cat-khai-bao\"\n"
          "title = \"Decision approving the scheme\"\nnumber = \"628/QĐ-TTg\"\n"
          "issuer = \"Prime Minister\"\nissued = 2024-07-10\n",
          "## Content\n\nDevelop **digital customs** and electronic procedures.\n"));
  write_file(root / "doc/bien.vi.md",
             authoring("id = \"doc-duong-bien\"\ntype = \"document\"\nlang = \"vi\"\n"
                       "category = \"cat-khai-bao\"\ntitle = \"Vận chuyển hàng bằng đường biển\"\n"
                       "number = \"12/2020/TT-BTC\"\nissuer = \"Bộ Tài chính\"\n"
                       "issued = \"2020-03-01\"\nexpires = \"2022-12-31\"\n",
                       "Hàng hóa đi đường biển phải khai trước khi tàu đến.\n"));
  write_file(root / "doc/lich.vi.md",
             authoring("id = \"doc-duong-lich\"\ntype = \"document\"\nlang = \"vi\"\n"
                       "category = \"cat-khai-bao\"\ntitle = \"Ngày nghỉ theo dương lịch\"\n"
                       "number = \"05/TB-HQ\"\nissuer = \"Chi cục Hải quan\"\n"
                       "issued = \"2025-01-02\"\n",
                       "Lịch nghỉ các ngày lễ theo dương lịch.\n"));
  write_file(root / "faq/allowance.vi.md",
             authoring("id = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"vi\"\n"
                       "category = \"cat-hanh-ly\"\ntitle = \"Hành lý miễn thuế gồm những gì?\"\n"
                       "tags = [\"miễn thuế\"]\n",
                       "Rượu từ 22 độ trở lên: 1,5 lít. Thuốc lá điếu: 200 điếu.\n"));
  write_file(root / "faq/allowance.en.md",
             authoring("id = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"en\"\n"
                       "category = \"cat-hanh-ly\"\ntitle = \"What is the duty-free allowance?\"\n",
                       "Spirits of 22% or more: 1.5 litres. Cigarettes: 200.\n"));
  write_file(root / "faq/declare.vi.md",
             authoring("id = \"faq-khai-bao-tien\"\ntype = \"faq\"\nlang = \"vi\"\n"
                       "category = \"cat-hanh-ly\"\ntitle = \"Khi nào phải khai báo ngoại tệ?\"\n",
                       "Mang trên 5.000 USD tiền mặt phải khai báo hải quan.\n"));
  write_file(root / "svc/a.vi.md",
             authoring("id = \"svc-tiep-nhan\"\ntype = \"service\"\nlang = \"vi\"\n"
                       "title = \"Tiếp nhận hồ sơ\"\nprefix = \"A\"\n",
                       "Quầy 1–3.\n"));
  write_file(root / "ann/tet.vi.md",
             authoring("id = \"ann-tet\"\ntype = \"announcement\"\nlang = \"vi\"\n"
                       "title = \"Lịch làm việc Tết\"\nstarts = 2026-12-01\n"
                       "ends = \"2027-02-28T17:00\"\n",
                       "Chi cục làm việc đến 11:30 ngày 29 Tết.\n"));
  write_file(root / "office.vi.md",
             authoring("id = \"office\"\ntype = \"office\"\nlang = \"vi\"\n"
                       "title = \"Chi cục Hải quan cửa khẩu\"\naddress = \"1 Đường Cảng\"\n"
                       "phone = \"0225 3 000 000\"\nhours = [\"Thứ Hai – Thứ Sáu: 7:30–17:00\"]\n",
                       ""));
}

std::filesystem::path demo_tree() {
  return std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/demo/content";
}

content::ContentStore import_tree(const std::filesystem::path& tree,
                                  const std::filesystem::path& db) {
  auto load = content::load_authoring_tree(tree);
  for (const auto& p : load.problems) MESSAGE(p.to_string());
  REQUIRE(load.problems.empty());
  auto store = content::ContentStore::open(db, content::OpenMode::read_write);
  REQUIRE(store.ok());
  REQUIRE(store->replace_content(load.set, 1).ok());
  return std::move(store).value();
}

namespace {
std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

RunResult run_kioskctl(const std::vector<std::string>& args) {
  return run_program(KIOSKCTL_PATH, args);
}

RunResult run_program(const std::string& program, const std::vector<std::string>& args) {
  return run_program_with_input(program, args, "");
}

RunResult run_program_with_input(const std::string& program, const std::vector<std::string>& args,
                                 std::string_view input) {
  TempDir dir;
  const auto out_file = dir / "out";
  const auto err_file = dir / "err";
  const auto in_file = dir / "in";
  write_file(in_file, input);
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_file.c_str(), O_RDONLY);
    dup2(in, 0);
    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string path = program;
    argv.push_back(path.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_file);
  r.err = slurp(err_file);
  return r;
}

std::vector<std::string> ids_of(const std::vector<content::SearchHit>& hits) {
  std::vector<std::string> ids;
  for (const auto& h : hits) ids.push_back(h.id);
  return ids;
}

}  // namespace test
