// Paints the laid-out statement into a PDF with cairo: text through the same Pango shaper
// that measured it, rules as strokes, the QR code as filled modules (vector, any printer
// resolution scans).
#include <cairo-pdf.h>
#include <qrencode.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__) && __has_include(<sanitizer/lsan_interface.h>)
#include <sanitizer/lsan_interface.h>
#define KIOSK_LSAN_DISABLE() __lsan_disable()
#define KIOSK_LSAN_ENABLE() __lsan_enable()
#else
#define KIOSK_LSAN_DISABLE()
#define KIOSK_LSAN_ENABLE()
#endif

#include <fmt/core.h>

#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"
#include "statement_text.h"

namespace kiosk::receipts {
namespace {

constexpr int kQuietModules = 4;

StatementError output_error(std::string message) {
  return {StatementError::Kind::output, std::move(message)};
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

std::expected<void, StatementError> draw_qr(cairo_t* cr, const QrBox& box) {
  QRcode* code = QRcode_encodeString8bit(box.payload.c_str(), 0, QR_ECLEVEL_M);
  if (code == nullptr) {
    return std::unexpected(
        output_error(fmt::format("the QR code for '{}' could not be encoded", box.payload)));
  }
  const int modules = code->width + 2 * kQuietModules;
  const double unit = box.size / modules;
  for (int row = 0; row < code->width; ++row) {
    for (int col = 0; col < code->width; ++col) {
      if (code->data[row * code->width + col] & 1) {
        cairo_rectangle(cr, box.x + (col + kQuietModules) * unit,
                        box.y + (row + kQuietModules) * unit, unit, unit);
      }
    }
  }
  QRcode_free(code);
  // One fill for all modules: adjacent squares merge without hairline seams.
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill(cr);
  return {};
}

std::expected<void, StatementError> draw_page(cairo_t* cr, const detail::TextShaper& shaper,
                                              const StatementPage& page) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const PageItem& item : page.items) {
    if (const auto* text = std::get_if<TextBox>(&item)) {
      shaper.draw(cr, *text);
    } else if (const auto* rule = std::get_if<Rule>(&item)) {
      cairo_set_line_width(cr, rule->width_pt);
      cairo_move_to(cr, rule->x1, rule->y1);
      cairo_line_to(cr, rule->x2, rule->y2);
      cairo_stroke(cr);
    } else if (const auto* qr = std::get_if<QrBox>(&item)) {
      if (auto drawn = draw_qr(cr, *qr); !drawn) return drawn;
    }
  }
  cairo_show_page(cr);
  return {};
}

}  // namespace

std::expected<std::vector<std::uint8_t>, StatementError> render_statement_pdf(
    const Statement& statement, const StatementOptions& options) {
  std::vector<std::uint8_t> pdf;
  std::unique_ptr<cairo_surface_t, detail::SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(append_bytes, &pdf, kA4WidthPt, kA4HeightPt));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "医疗费用个人承担证明单");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                 statement.center_name.c_str());
  std::unique_ptr<cairo_t, detail::CairoDestroy> cr(cairo_create(surface.get()));
  auto shaper = detail::TextShaper::create(cr.get(), options.font_family);
  if (!shaper) return std::unexpected(shaper.error());
  auto layout = detail::lay_out(statement, options, *shaper);
  if (!layout) return std::unexpected(layout.error());
  for (const StatementPage& page : layout->pages) {
    if (auto drawn = draw_page(cr.get(), *shaper, page); !drawn)
      return std::unexpected(drawn.error());
  }
  cr.reset();
  // cairo 1.16 (Debian 12) loses 768 bytes per embedded CFF font subset while it writes the
  // fonts here (fixed in later cairo). Not ours to free: keep LeakSanitizer from failing
  // every test that renders a statement over it, and only over this call.
  KIOSK_LSAN_DISABLE();
  cairo_surface_finish(surface.get());
  KIOSK_LSAN_ENABLE();
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(output_error(
        fmt::format("cairo could not write the PDF: {}", cairo_status_to_string(status))));
  }
  return pdf;
}

std::expected<void, StatementError> write_statement_pdf(const Statement& statement,
                                                        const std::filesystem::path& path,
                                                        const StatementOptions& options) {
  auto pdf = render_statement_pdf(statement, options);
  if (!pdf) return std::unexpected(pdf.error());
  // A file of its own beside the target (two writers never share it), flushed to the disk
  // before the rename: after a power cut the path holds the old statement or the new one,
  // never a short file.
  std::string temporary = path.string() + ".XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    return std::unexpected(output_error(
        fmt::format("cannot write {}: {}; check that the folder exists and is writable",
                    path.string(), std::strerror(errno))));
  }
  std::size_t written = 0;
  while (written < pdf->size()) {
    ssize_t n = ::write(fd, pdf->data() + written, pdf->size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool complete = written == pdf->size() && ::fsync(fd) == 0;
  const int write_errno = errno;
  ::close(fd);
  std::error_code error;
  if (!complete) {
    std::filesystem::remove(temporary, error);
    return std::unexpected(output_error(
        fmt::format("cannot write {}: {}", path.string(), std::strerror(write_errno))));
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::string why = error.message();
    std::filesystem::remove(temporary, error);
    return std::unexpected(output_error(fmt::format("cannot replace {}: {}", path.string(), why)));
  }
  return {};
}

}  // namespace kiosk::receipts
