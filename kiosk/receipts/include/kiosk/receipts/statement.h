#pragma once
// The personal-share statement (医疗费用个人承担证明单): an A4 PDF that staff file and other
// offices accept. Core values in, PDF bytes out. The person appears masked as `mask` says (the
// ID number always, the name by default, through kiosk::core::mask_*); amounts are yuan
// formatted from integer fen.
// It does not print, and it does not ask the central server for the verification number:
// the caller obtains the number (GET /api/v1/statements/{number} answers it) and passes it in.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/date.h"
#include "kiosk/core/member.h"
#include "kiosk/core/money.h"
#include "kiosk/core/screens/statement_mask.h"
#include "kiosk/core/screens/statement_period.h"

namespace kiosk::receipts {

struct Statement {
  std::string center_name = "职工服务中心";  // first line of every page
  core::Member member;                       // printed as `mask` says
  core::StatementMask mask = core::StatementMask::name_and_id;
  core::Date period_from{};  // the records' settlement dates lie in here
  core::Date period_to{};
  std::vector<core::Bill> records;  // printed in order of settlement date
  core::WallTime printed_at{};
  std::string terminal_id;          // the kiosk that printed it
  std::string verification_number;  // [A-Za-z0-9-]{4,40}: becomes part of a URL path
};

struct StatementOptions {
  // QR payload = prefix + verification number (ASCII). A deployment whose verifiers open a
  // web page sets an https URL ending in '/'.
  std::string qr_prefix = "KIOSK-STATEMENT:";
  // Fontconfig family; the layout refuses to fall back silently to a face without CJK.
  std::string font_family = "Noto Sans CJK SC";
};

struct StatementError {
  enum class Kind {
    invalid,       // the statement's own values are wrong (message names the field/record)
    font_missing,  // the CJK font is not installed
    output,        // cairo could not produce or write the PDF
  };
  Kind kind = Kind::invalid;
  std::string message;
};

// Column sums over the records, each added with an overflow check: core's sum, which the
// statement screen shows too.
using StatementTotals = core::StatementTotals;
std::expected<StatementTotals, StatementError> statement_totals(
    const std::vector<core::Bill>& records);

// The person's name and ID number as the statement prints them (A4 and receipt alike).
std::string statement_name(const Statement& statement);
std::string statement_id_number(const Statement& statement);

// "¥1,234.56": how the statement shows money.
std::string format_statement_yuan(core::Fen fen);

// The amount in Chinese capitals as cheques and certificates write it (大写金额):
// 580258 -> "伍仟捌佰零贰元伍角捌分", 1000000100 -> "壹仟万零壹元整". Empty for a negative
// amount or one of 10^16 yuan or more.
std::string yuan_in_capitals(core::Fen fen);

// The QR code's text.
std::string statement_qr_payload(const Statement& statement, const StatementOptions& options = {});

// Checks the statement (verification number, period, amounts) without laying it out.
std::expected<void, StatementError> validate_statement(const Statement& statement);

// The PDF document, in memory.
std::expected<std::vector<std::uint8_t>, StatementError> render_statement_pdf(
    const Statement& statement, const StatementOptions& options = {});
// The same, written to PATH (replaced atomically: a half-written file never remains).
std::expected<void, StatementError> write_statement_pdf(const Statement& statement,
                                                        const std::filesystem::path& path,
                                                        const StatementOptions& options = {});

// A plausible statement with `records` settlement records in 2024, for the demo, kioskctl,
// tests and benchmarks. Some institution names are long enough to wrap in their column.
Statement sample_statement(std::size_t records = 3);

}  // namespace kiosk::receipts
