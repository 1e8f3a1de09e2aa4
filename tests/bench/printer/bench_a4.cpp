// Render the A4 statement to PDF: a 3-page statement (target < 150 ms), beside a 1-page one
// and the layout alone (Pango measuring, no drawing), measured in the same run. The first
// render is shown apart: it includes loading fontconfig's cache and the CJK font.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

#include <fmt/core.h>

#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"

namespace rc = kiosk::receipts;
using Clock = std::chrono::steady_clock;

namespace {

template <typename F>
double once_ms(F&& f) {
  auto start = Clock::now();
  f();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) times.push_back(once_ms(f));
  std::ranges::sort(times);
  return times[times.size() / 2];
}

// The smallest sample statement that fills `pages` pages.
rc::Statement statement_of(std::size_t pages) {
  for (std::size_t n = 1;; ++n) {
    rc::Statement s = rc::sample_statement(n);
    auto layout = rc::lay_out_statement(s);
    if (!layout) std::abort();
    if (layout->pages.size() == pages) return s;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
  rc::Statement one_page = rc::sample_statement(1);
  double cold = once_ms([&] {
    if (!rc::render_statement_pdf(one_page)) std::abort();
  });
  rc::Statement three_pages = statement_of(3);
  std::size_t bytes = 0;
  double pdf3 = median_ms(runs, [&] {
    auto pdf = rc::render_statement_pdf(three_pages);
    if (!pdf) std::abort();
    bytes = pdf->size();
  });
  double layout3 = median_ms(runs, [&] {
    if (!rc::lay_out_statement(three_pages)) std::abort();
  });
  double pdf1 = median_ms(runs, [&] {
    if (!rc::render_statement_pdf(one_page)) std::abort();
  });

  fmt::print("A4 statement to PDF (median of {} runs)\n", runs);
  fmt::print("{:<44} {:>9}\n", "figure", "ms");
  fmt::print("{:<44} {:>9.1f}\n", "first render, 1 page (fontconfig + font load)", cold);
  fmt::print("{:<44} {:>9.1f}\n", "baseline: 1-page statement (1 record)", pdf1);
  fmt::print("{:<44} {:>9.1f}\n",
             fmt::format("layout only, 3 pages ({} records)", three_pages.records.size()), layout3);
  fmt::print("{:<44} {:>9.1f}   target < 150 ms, {}\n",
             fmt::format("3-page statement to PDF ({} KiB)", bytes / 1024), pdf3,
             pdf3 < 150 ? "met" : "MISSED");
  fmt::print("ratio 3-page / 1-page: {:.2f}\n", pdf3 / pdf1);
  return 0;
}
