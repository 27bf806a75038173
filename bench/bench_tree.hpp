// The benchmarks' authoring tree: N documents and N FAQs (Vietnamese, a
// fifth also in English) built from the demo content's vocabulary, with a
// fixed seed so every run writes the same tree.
#pragma once

#include <filesystem>

void write_bench_tree(const std::filesystem::path& root, int documents, int faqs,
                      bool long_document);
