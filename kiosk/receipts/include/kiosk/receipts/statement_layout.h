#pragma once
// Where everything on the A4 statement goes: the pages, and on each page the text boxes,
// rules and the QR code, in PDF points (1/72 inch) from the page's top-left corner. Text is
// measured with Pango (the same shaping and line breaking the PDF uses), so page breaks
// follow the real height of each row. Drawing (statement_pdf) only paints this model.
#include <cstddef>
#include <expected>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/receipts/statement.h"

namespace kiosk::receipts {

inline constexpr double kA4WidthPt = 595.2756;   // 210 mm
inline constexpr double kA4HeightPt = 841.8898;  // 297 mm

enum class TextAlign { left, center, right };
enum class TextWeight { regular, bold };

struct TextBox {
  double x = 0, y = 0, width = 0, height = 0;  // the box; text wraps inside `width`
  std::string text;
  double size_pt = 10;
  TextWeight weight = TextWeight::regular;
  TextAlign align = TextAlign::left;
  int max_lines = 0;  // more lines end in an ellipsis; 0: no limit
  int lines = 1;      // after line breaking
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width_pt = 0.5;
};

struct QrBox {
  double x = 0, y = 0, size = 0;  // square, quiet zone included
  std::string payload;
};

using PageItem = std::variant<TextBox, Rule, QrBox>;

struct StatementPage {
  std::size_t first_record = 0;  // index into the records in printed order
  std::size_t record_count = 0;
  bool has_totals = false;    // the totals and the verification block
  double table_top = 0;       // where the records' rows start and must end
  double table_bottom = 0;    // the lowest a row, the totals or the verification block may reach
  double content_bottom = 0;  // where the last row/block actually ends
  std::vector<PageItem> items;
};

struct StatementLayout {
  std::vector<core::Bill> records;  // sorted by settlement date, then id
  StatementTotals totals;
  std::vector<StatementPage> pages;
};

// Validates, sorts, measures and breaks the statement into pages.
std::expected<StatementLayout, StatementError> lay_out_statement(
    const Statement& statement, const StatementOptions& options = {});

// Every text box's text on one page, in drawing order, joined by '\n' (for tests and logs).
std::string page_text(const StatementPage& page);

}  // namespace kiosk::receipts
