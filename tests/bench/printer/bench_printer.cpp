// Encode a claim receipt (target < 5 ms) and render it to PNG (target < 50 ms). The baseline,
// measured in the same run, is a plain ASCII document with as many lines and no QR code, so
// the ratios show what Chinese text and the QR code cost.
#include <algorithm>
#include <chrono>
#include <vector>

#include <fmt/core.h>

#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "kiosk/receipts/claim_receipt.h"

namespace dp = drivers::printer;
using Clock = std::chrono::steady_clock;

namespace {

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::ranges::sort(times);
  return times[times.size() / 2];
}

dp::Document ascii_baseline(std::size_t lines) {
  dp::Document doc;
  for (std::size_t i = 0; i < lines; ++i)
    doc.text(fmt::format("Line {:03} of the baseline document, plain ASCII", i));
  doc.cut();
  return doc;
}

double render_to_png_ms(const std::vector<std::uint8_t>& bytes, const dp::Profile& p, int runs) {
  return median_ms(runs, [&] {
    auto pages = dp::render(bytes, dp::InterpreterOptions::from(p), nullptr);
    for (const auto& page : pages) {
      if (dp::encode_png(page).empty()) std::abort();
    }
  });
}

// The 200-line receipt: a header, 200 bill rows of Chinese and figures with a separator every
// 20 rows (box-drawing rules), a CODE128 barcode and a QR code, then a cut.
dp::Document receipt_200_lines() {
  dp::Document doc;
  doc.text("工会服务站  医疗费用明细", {.bold = true}, dp::Align::center);
  for (int i = 0; i < 200; ++i) {
    if (i % 20 == 0) doc.blocks.emplace_back(dp::Separator{U'─'});
    doc.blocks.emplace_back(dp::Row{{fmt::format("{:03} 市第一人民医院 门诊", i + 1),
                                     fmt::format("{}.{:02}", 100 + i * 7, i % 100)},
                                    {},
                                    {}});
  }
  doc.blocks.emplace_back(dp::Barcode{.data = "CLM-2026-000200"});
  doc.blocks.emplace_back(dp::Qr{.payload = "https://kiosk.example/c/CLM-2026-000200"});
  doc.cut();
  return doc;
}

}  // namespace

int main() {
  const int runs = 50;
  dp::Profile profile = dp::generic_80mm();
  auto claim = kiosk::receipts::sample_claim();
  auto document = kiosk::receipts::claim_receipt(claim);

  auto first = Clock::now();
  auto encoded = dp::encode(document, profile);
  auto cold_pages = dp::render(encoded->bytes, dp::InterpreterOptions::from(profile), nullptr);
  double cold = std::chrono::duration<double, std::milli>(Clock::now() - first).count();

  double encode_ms = median_ms(runs, [&] {
    if (!dp::encode(kiosk::receipts::claim_receipt(claim), profile)) std::abort();
  });
  double render_ms = render_to_png_ms(encoded->bytes, profile, runs);
  double interpret_ms = median_ms(runs, [&] {
    (void)dp::render(encoded->bytes, dp::InterpreterOptions::from(profile), nullptr);
  });

  auto baseline_doc = ascii_baseline(document.blocks.size());
  double base_encode_ms = median_ms(runs, [&] { (void)dp::encode(baseline_doc, profile); });
  auto baseline = dp::encode(baseline_doc, profile);
  double base_render_ms = render_to_png_ms(baseline->bytes, profile, runs);

  dp::Profile raster = profile;
  raster.native_qr = false;
  raster.gb_level = dp::GbLevel::none;
  raster.hanzi_mode = false;
  double image_encode_ms = median_ms(runs, [&] { (void)dp::encode(document, raster); });

  fmt::print("claim receipt: {} bytes, page {}x{} dots\n", encoded->bytes.size(),
             cold_pages.at(0).width, cold_pages.at(0).height);
  fmt::print("first encode+render (cold glyph cache): {:8.3f} ms\n", cold);
  fmt::print(
      "encode claim receipt (median of {}):    {:8.3f} ms  target < 5 ms   {}  ratio to ASCII "
      "baseline {:.2f}\n",
      runs, encode_ms, encode_ms < 5 ? "OK" : "OVER", encode_ms / base_encode_ms);
  fmt::print(
      "render claim receipt to PNG:             {:8.3f} ms  target < 50 ms  {}  ratio to ASCII "
      "baseline {:.2f}\n",
      render_ms, render_ms < 50 ? "OK" : "OVER", render_ms / base_render_ms);
  fmt::print("  of which interpreting (no PNG):        {:8.3f} ms\n", interpret_ms);
  fmt::print("ASCII baseline: encode {:.3f} ms, render to PNG {:.3f} ms\n", base_encode_ms,
             base_render_ms);
  fmt::print("encode for a printer without Hanzi font or native QR (all images): {:.3f} ms\n",
             image_encode_ms);

  auto long_bytes = dp::encode(receipt_200_lines(), profile);
  auto long_pages = dp::render(long_bytes->bytes, dp::InterpreterOptions::from(profile), nullptr);
  double long_ms = render_to_png_ms(long_bytes->bytes, profile, 20);
  fmt::print(
      "200-line receipt: {} bytes, page {}x{} dots, stream to PNG (median of 20): {:.3f} ms\n",
      long_bytes->bytes.size(), long_pages.at(0).width, long_pages.at(0).height, long_ms);
  return 0;
}
