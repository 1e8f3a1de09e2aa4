// Lays the statement out on A4: the header repeated on every page, the records' rows broken
// over pages by their measured height, the totals and verification block on the last page,
// and "第 N 页 共 M 页" on every page.
#include "kiosk/receipts/statement_layout.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <cairo-pdf.h>
#include <fmt/core.h>

#include "statement_text.h"

namespace kiosk::receipts {
namespace {

constexpr double mm(double value) {
  return value * 72.0 / 25.4;
}

constexpr double kMarginX = mm(15);
constexpr double kContentWidth = kA4WidthPt - 2 * kMarginX;
constexpr double kTop = mm(12);
constexpr double kTableBottom = kA4HeightPt - mm(18);  // rows and the last block end above
constexpr double kFooterY = kA4HeightPt - mm(13);
constexpr double kPadX = mm(1.2);
constexpr double kPadY = mm(1.3);
constexpr double kBodyPt = 9.5;
constexpr double kQrSize = mm(32);
constexpr int kMaxCellLines = 3;  // a longer institution name is cut with an ellipsis

struct Column {
  const char* title;
  double width;
  TextAlign align;
};
constexpr std::array<Column, 6> kColumns{{
    {"结算日期", mm(25), TextAlign::left},
    {"医疗机构", mm(61), TextAlign::left},
    {"类别", mm(22), TextAlign::center},
    {"医疗费用总额", mm(24), TextAlign::right},
    {"统筹基金支付", mm(24), TextAlign::right},
    {"个人负担", mm(24), TextAlign::right},
}};

// A run of items laid out from y = 0, placed later by shifting.
struct Block {
  std::vector<PageItem> items;
  double height = 0;
};

void shift(std::vector<PageItem>& items, double dy) {
  for (PageItem& item : items) {
    std::visit(
        [dy](auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, Rule>) {
            v.y1 += dy;
            v.y2 += dy;
          } else {
            v.y += dy;
          }
        },
        item);
  }
}

void append(std::vector<PageItem>& to, Block block, double y) {
  shift(block.items, y);
  std::move(block.items.begin(), block.items.end(), std::back_inserter(to));
}

class Builder {
 public:
  explicit Builder(const detail::TextShaper& shaper) : m_shaper(shaper) {}

  TextBox text(std::string content, double x, double y, double width, double size_pt,
               TextWeight weight = TextWeight::regular, TextAlign align = TextAlign::left,
               int max_lines = 0) const {
    TextBox box{.x = x,
                .y = y,
                .width = width,
                .text = std::move(content),
                .size_pt = size_pt,
                .weight = weight,
                .align = align,
                .max_lines = max_lines};
    m_shaper.measure(box);
    return box;
  }

  static Rule rule(double y, double width_pt) {
    return Rule{kMarginX, y, kMarginX + kContentWidth, y, width_pt};
  }

  // One table row: each cell padded, the row as tall as its tallest cell. `spans` merges
  // columns: {3, 1, 1, 1} puts the first cell across the first three columns.
  Block row(const std::vector<std::string>& cells, TextWeight weight,
            const std::vector<int>& spans = {1, 1, 1, 1, 1, 1}) const {
    Block block;
    double x = kMarginX;
    std::size_t column = 0;
    double tallest = 0;
    for (std::size_t i = 0; i < cells.size() && column < kColumns.size(); ++i) {
      double width = 0;
      for (int s = 0; s < spans[i] && column < kColumns.size(); ++s)
        width += kColumns[column++].width;
      TextAlign align = spans[i] > 1 ? TextAlign::left : kColumns[column - 1].align;
      TextBox box = text(cells[i], x + kPadX, kPadY, width - 2 * kPadX, kBodyPt, weight, align,
                         kMaxCellLines);
      tallest = std::max(tallest, box.height);
      block.items.emplace_back(std::move(box));
      x += width;
    }
    block.height = tallest + 2 * kPadY;
    return block;
  }

 private:
  const detail::TextShaper& m_shaper;
};

std::string date_cell(const core::Bill& bill) {
  if (bill.admitted == bill.discharged) return core::format_date(bill.discharged);
  return fmt::format("{}\n至{}", core::format_date(bill.admitted),
                     core::format_date(bill.discharged));
}

// "2025年01月15日 09:30" in China Standard Time, as a formal document writes it.
std::string printed_time(core::WallTime time) {
  using namespace std::chrono;
  core::Date date = core::date_cst(time);
  auto local = time + hours{8};
  auto of_day = duration_cast<minutes>(local - floor<days>(local));
  return fmt::format("{:04}年{:02}月{:02}日 {:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     of_day.count() / 60, of_day.count() % 60);
}

// The page header: centre, title, the person, the period and the table's column titles.
// Returns the items and, as height, where the first row starts.
Block header(const Builder& b, const Statement& s) {
  Block block;
  double y = kTop;
  TextBox center =
      b.text(s.center_name, kMarginX, y, kContentWidth, 12, TextWeight::regular, TextAlign::center);
  y += center.height + mm(1.5);
  TextBox title = b.text("医疗费用个人承担证明单", kMarginX, y, kContentWidth, 20, TextWeight::bold,
                         TextAlign::center);
  y += title.height + mm(4);
  block.items.emplace_back(std::move(center));
  block.items.emplace_back(std::move(title));

  const double half = kContentWidth / 2;
  const std::string name = statement_name(s);
  const std::string id_number = statement_id_number(s);
  std::vector<std::pair<std::string, std::string>> info{
      {"姓名：" + name, "身份证号：" + id_number},
      {fmt::format("统计期间：{} 至 {}", core::format_date(s.period_from),
                   core::format_date(s.period_to)),
       s.member.union_name.empty() ? std::string() : "所属工会：" + s.member.union_name}};
  for (auto& [left, right] : info) {
    TextBox l = b.text(std::move(left), kMarginX, y, half - mm(2), 10.5);
    TextBox r = b.text(std::move(right), kMarginX + half, y, half, 10.5);
    y += std::max(l.height, r.height) + mm(1.2);
    block.items.emplace_back(std::move(l));
    block.items.emplace_back(std::move(r));
  }
  y += mm(2);
  block.items.emplace_back(Builder::rule(y, 1.0));
  std::vector<std::string> titles;
  for (const Column& c : kColumns) titles.emplace_back(c.title);
  Block columns = b.row(titles, TextWeight::bold);
  const double columns_height = columns.height;
  append(block.items, std::move(columns), y);
  y += columns_height;
  block.items.emplace_back(Builder::rule(y, 0.6));
  block.height = y;
  return block;
}

Block record_row(const Builder& b, const core::Bill& bill) {
  Block row =
      b.row({date_cell(bill), bill.institution, std::string(core::display_name_zh(bill.visit_type)),
             format_statement_yuan(bill.total_fen), format_statement_yuan(bill.fund_paid_fen),
             format_statement_yuan(core::personal_total(bill))},
            TextWeight::regular);
  row.items.emplace_back(Builder::rule(row.height, 0.3));
  return row;
}

// The totals row and the verification block (number, time, terminal, note, QR code).
Block closing(const Builder& b, const Statement& s, const StatementOptions& options,
              const StatementTotals& totals) {
  Block block;
  Block sums = b.row(
      {fmt::format("合计（共 {} 笔）", totals.count), format_statement_yuan(totals.total_fen),
       format_statement_yuan(totals.fund_paid_fen), format_statement_yuan(totals.personal_fen)},
      TextWeight::bold, {3, 1, 1, 1});
  double y = sums.height;
  append(block.items, std::move(sums), 0);
  block.items.emplace_back(Builder::rule(y, 1.0));
  y += mm(5);

  const double text_width = kContentWidth - kQrSize - mm(6);
  double text_y = y;
  auto line = [&](std::string content, double size, TextWeight weight = TextWeight::regular) {
    TextBox box = b.text(std::move(content), kMarginX, text_y, text_width, size, weight);
    text_y += box.height + mm(1.2);
    block.items.emplace_back(std::move(box));
  };
  line(fmt::format("个人负担合计：{}（人民币{}）", format_statement_yuan(totals.personal_fen),
                   yuan_in_capitals(totals.personal_fen)),
       11, TextWeight::bold);
  line("验证编号：" + s.verification_number, 10);
  line("打印时间：" + printed_time(s.printed_at), 10);
  if (!s.terminal_id.empty()) line("打印终端：" + s.terminal_id, 10);
  text_y += mm(1.5);
  line(fmt::format("说明：本证明单由{0}自助服务终端根据医疗保障结算记录生成，个人负担为个人现金"
                   "支付与个人账户支付之和。核验方式：扫描右侧二维码，或凭验证编号向{0}查询本证明"
                   "单的内容。",
                   s.center_name),
       9);

  const double qr_x = kMarginX + kContentWidth - kQrSize;
  block.items.emplace_back(QrBox{qr_x, y, kQrSize, statement_qr_payload(s, options)});
  TextBox caption = b.text("扫码核验", qr_x, y + kQrSize + mm(0.5), kQrSize, 8.5,
                           TextWeight::regular, TextAlign::center);
  double qr_bottom = caption.y + caption.height;
  block.items.emplace_back(std::move(caption));
  block.height = std::max(text_y, qr_bottom);
  return block;
}

std::vector<PageItem> footer(const Builder& b, const Statement& s, std::size_t page,
                             std::size_t pages) {
  const double third = kContentWidth / 3;
  std::vector<PageItem> items;
  items.emplace_back(Builder::rule(kFooterY - mm(1.5), 0.3));
  items.emplace_back(b.text("验证编号：" + s.verification_number, kMarginX, kFooterY, third, 8.5));
  items.emplace_back(b.text(fmt::format("第 {} 页 共 {} 页", page, pages), kMarginX + third,
                            kFooterY, third, 8.5, TextWeight::regular, TextAlign::center));
  items.emplace_back(b.text("打印时间：" + printed_time(s.printed_at), kMarginX + 2 * third,
                            kFooterY, third, 8.5, TextWeight::regular, TextAlign::right));
  return items;
}

}  // namespace

namespace detail {

std::expected<StatementLayout, StatementError> lay_out(const Statement& statement,
                                                       const StatementOptions& options,
                                                       const TextShaper& shaper) {
  if (auto valid = validate_statement(statement); !valid) return std::unexpected(valid.error());
  StatementLayout layout;
  layout.records = statement.records;
  std::stable_sort(
      layout.records.begin(), layout.records.end(), [](const core::Bill& a, const core::Bill& b) {
        return a.discharged != b.discharged ? a.discharged < b.discharged : a.id < b.id;
      });
  auto totals = statement_totals(layout.records);
  if (!totals) return std::unexpected(totals.error());
  layout.totals = *totals;

  Builder builder(shaper);
  const Block head = header(builder, statement);
  std::vector<Block> rows;
  rows.reserve(layout.records.size());
  for (const core::Bill& bill : layout.records) rows.push_back(record_row(builder, bill));
  Block last = closing(builder, statement, options, layout.totals);

  // Greedy page breaking; then the closing block must fit under the last row, else it
  // moves to a new page and takes the last row with it, so that totals never stand alone.
  struct Range {
    std::size_t first = 0, count = 0;
  };
  std::vector<Range> ranges;
  Range current;
  double y = head.height;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (current.count > 0 && y + rows[i].height > kTableBottom) {
      ranges.push_back(current);
      current = {i, 0};
      y = head.height;
    }
    y += rows[i].height;
    ++current.count;
  }
  if (y + last.height > kTableBottom) {
    if (current.count >= 2) {
      ranges.push_back({current.first, current.count - 1});
      current = {current.first + current.count - 1, 1};
    } else {
      ranges.push_back(current);
      current = {rows.size(), 0};
    }
  }
  ranges.push_back(current);

  for (std::size_t p = 0; p < ranges.size(); ++p) {
    StatementPage page;
    page.first_record = ranges[p].first;
    page.record_count = ranges[p].count;
    page.table_top = head.height;
    page.table_bottom = kTableBottom;
    page.items = head.items;
    y = head.height;
    for (std::size_t i = page.first_record; i < page.first_record + page.record_count; ++i) {
      append(page.items, rows[i], y);
      y += rows[i].height;
    }
    if (p + 1 == ranges.size()) {
      page.has_totals = true;
      append(page.items, last, y);
      y += last.height;
    }
    page.content_bottom = y;
    auto foot = footer(builder, statement, p + 1, ranges.size());
    std::move(foot.begin(), foot.end(), std::back_inserter(page.items));
    layout.pages.push_back(std::move(page));
  }
  return layout;
}

}  // namespace detail

std::expected<StatementLayout, StatementError> lay_out_statement(const Statement& statement,
                                                                 const StatementOptions& options) {
  // Measure on a PDF surface that discards its output: the same font options as the
  // document itself, so these pages are the pages render_statement_pdf draws.
  std::unique_ptr<cairo_surface_t, detail::SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(nullptr, nullptr, kA4WidthPt, kA4HeightPt));
  std::unique_ptr<cairo_t, detail::CairoDestroy> cr(cairo_create(surface.get()));
  auto shaper = detail::TextShaper::create(cr.get(), options.font_family);
  if (!shaper) return std::unexpected(shaper.error());
  return detail::lay_out(statement, options, *shaper);
}

std::string page_text(const StatementPage& page) {
  std::string text;
  for (const PageItem& item : page.items) {
    if (const auto* box = std::get_if<TextBox>(&item)) {
      text += box->text;
      text += '\n';
    }
  }
  return text;
}

}  // namespace kiosk::receipts
