#include "content/glossary.hpp"

#include "content/text.hpp"

namespace content {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

GlossaryParse parse_glossary(std::string_view text) {
  GlossaryParse out;
  int line_no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    ++line_no;
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    GlossaryGroup group;
    group.line = line_no;
    std::string problem;
    std::size_t at = 0;
    while (problem.empty() && at <= line.size()) {
      const auto eq = std::min(line.find('=', at), line.size());
      const std::string_view term = trim(line.substr(at, eq - at));
      at = eq + 1;
      const auto words = text::split_words(term).size();
      if (words == 0) {
        problem = "a term with no letters or digits (write \"XNK = xuất nhập khẩu\")";
      } else if (words > kMaxGlossaryTermWords) {
        problem = "a term of more than " + std::to_string(kMaxGlossaryTermWords) + " words";
      } else if (term.size() > kMaxGlossaryTermBytes) {
        problem = "a term longer than " + std::to_string(kMaxGlossaryTermBytes) + " bytes";
      } else {
        group.terms.emplace_back(term);
      }
    }
    if (problem.empty() && group.terms.size() < 2) {
      problem = "a line needs two or more terms separated by '=' (\"XNK = xuất nhập khẩu\")";
    } else if (problem.empty() && group.terms.size() > kMaxGlossaryGroupTerms) {
      problem = "more than " + std::to_string(kMaxGlossaryGroupTerms) + " terms on one line";
    }
    if (!problem.empty()) {
      out.problems.push_back({line_no, std::move(problem)});
    } else {
      out.groups.push_back(std::move(group));
    }
  }
  return out;
}

}  // namespace content
