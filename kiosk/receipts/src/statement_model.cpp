// The statement's values before any layout: checks, sums with overflow checks, formats.
#include <vector>

#include <fmt/core.h>

#include "kiosk/core/mask.h"
#include "kiosk/receipts/statement.h"

namespace kiosk::receipts {
namespace {

StatementError invalid(std::string message) {
  return {StatementError::Kind::invalid, std::move(message)};
}

// a + b into `sum`, or false when the result does not fit in an int64 of fen.
bool add_fen(core::Fen a, core::Fen b, core::Fen& sum) {
  return !__builtin_add_overflow(a, b, &sum);
}

std::expected<core::Fen, StatementError> personal_share(const core::Bill& bill) {
  core::Fen personal = 0;
  if (!add_fen(bill.cash_paid_fen, bill.account_paid_fen, personal)) {
    return std::unexpected(
        invalid(fmt::format("record {}: cash plus personal account paid is too large", bill.id)));
  }
  return personal;
}

std::expected<void, StatementError> check_record(const core::Bill& bill) {
  if (bill.id.empty()) return std::unexpected(invalid("a settlement record has no number"));
  if (bill.institution.empty()) {
    return std::unexpected(invalid(fmt::format("record {} names no institution", bill.id)));
  }
  if (bill.total_fen < 0 || bill.fund_paid_fen < 0 || bill.account_paid_fen < 0 ||
      bill.cash_paid_fen < 0) {
    return std::unexpected(
        invalid(fmt::format("record {} has a negative amount; the statement certifies payments, "
                            "refunds must be settled first",
                            bill.id)));
  }
  auto personal = personal_share(bill);
  if (!personal) return std::unexpected(personal.error());
  core::Fen paid = 0;
  if (!add_fen(*personal, bill.fund_paid_fen, paid) || paid > bill.total_fen) {
    return std::unexpected(invalid(fmt::format(
        "record {}: fund paid {} plus personal share {} exceeds the total {}; the record is "
        "inconsistent, ask the insurer to correct it",
        bill.id, core::format_yuan(bill.fund_paid_fen), core::format_yuan(*personal),
        core::format_yuan(bill.total_fen))));
  }
  if (!bill.admitted.ok() || !bill.discharged.ok() || bill.discharged < bill.admitted) {
    return std::unexpected(invalid(fmt::format("record {} has no valid dates", bill.id)));
  }
  return {};
}

bool valid_verification_number(const std::string& number) {
  if (number.size() < 4 || number.size() > 40) return false;
  for (char c : number) {
    bool ok =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::expected<StatementTotals, StatementError> statement_totals(
    const std::vector<core::Bill>& records) {
  auto totals = core::sum_records(records);
  if (!totals) return std::unexpected(invalid(std::move(totals.error())));
  return *totals;
}

std::string statement_name(const Statement& statement) {
  const std::string_view name = statement.member.name.reveal();
  return statement.mask == core::StatementMask::id_only ? std::string(name) : core::mask_name(name);
}

std::string statement_id_number(const Statement& statement) {
  return core::mask_id_number(statement.member.id_number.reveal());
}

std::string format_statement_yuan(core::Fen fen) {
  if (fen < 0) return "-¥" + core::format_yuan(fen).substr(1);
  return "¥" + core::format_yuan(fen);
}

std::string yuan_in_capitals(core::Fen fen) {
  static constexpr const char* kDigits[] = {"零", "壹", "贰", "叁", "肆",
                                            "伍", "陆", "柒", "捌", "玖"};
  static constexpr const char* kPlaces[] = {"", "拾", "佰", "仟"};
  static constexpr const char* kGroups[] = {"", "万", "亿", "万亿"};
  constexpr core::Fen kMaxYuan = 9'999'999'999'999'999;  // four groups of four digits
  if (fen < 0 || fen / 100 > kMaxYuan) return {};
  core::Fen yuan = fen / 100;
  std::vector<int> groups;  // four digits each, lowest first
  for (core::Fen rest = yuan; rest > 0; rest /= 10'000)
    groups.push_back(static_cast<int>(rest % 10'000));
  std::string out;
  bool gap = false;  // a zero group lies between the last written digit and the next
  for (std::size_t g = groups.size(); g-- > 0;) {
    int value = groups[g];
    if (value == 0) {
      gap = !out.empty();
      continue;
    }
    // Zeros between two written digits are read as one 零: across groups, or inside one.
    if (!out.empty() && (gap || value < 1000)) out += "零";
    gap = false;
    bool pending_zero = false;
    bool started = false;
    for (int place = 3; place >= 0; --place) {
      int digit = value / (place == 3 ? 1000 : place == 2 ? 100 : place == 1 ? 10 : 1) % 10;
      if (digit == 0) {
        pending_zero = started;
        continue;
      }
      if (pending_zero) out += "零";
      pending_zero = false;
      started = true;
      out += kDigits[digit];
      out += kPlaces[place];
    }
    // 万亿 reads as 万 when the 亿 group follows: 壹万贰仟亿 but 壹万亿.
    out += g == 3 && groups[2] != 0 ? "万" : kGroups[g];
  }
  if (yuan > 0) out += "元";
  const int jiao = static_cast<int>(fen / 10 % 10);
  const int cents = static_cast<int>(fen % 10);
  if (jiao == 0 && cents == 0) return out.empty() ? "零元整" : out + "整";
  if (jiao > 0) {
    out += kDigits[jiao];
    out += "角";
  } else if (yuan > 0) {
    out += "零";
  }
  if (cents > 0) {
    out += kDigits[cents];
    out += "分";
  }
  return out;
}

std::string statement_qr_payload(const Statement& statement, const StatementOptions& options) {
  return options.qr_prefix + statement.verification_number;
}

std::expected<void, StatementError> validate_statement(const Statement& statement) {
  if (!valid_verification_number(statement.verification_number)) {
    return std::unexpected(
        invalid(fmt::format("verification number '{}' must be 4 to 40 letters, digits or '-'",
                            statement.verification_number)));
  }
  if (!statement.period_from.ok() || !statement.period_to.ok() ||
      statement.period_to < statement.period_from) {
    return std::unexpected(invalid("the statement period is not a valid date range"));
  }
  if (statement.records.empty()) {
    return std::unexpected(
        invalid("no settlement records in the period: there is nothing to certify"));
  }
  if (statement.member.name.empty() || statement.member.id_number.empty()) {
    return std::unexpected(invalid("the statement needs the person's name and ID number"));
  }
  for (const core::Bill& bill : statement.records) {
    if (auto checked = check_record(bill); !checked) return checked;
    if (bill.discharged < statement.period_from || bill.discharged > statement.period_to) {
      return std::unexpected(invalid(
          fmt::format("record {} was settled on {}, outside the period {} to {}", bill.id,
                      core::format_date(bill.discharged), core::format_date(statement.period_from),
                      core::format_date(statement.period_to))));
    }
  }
  if (auto totals = statement_totals(statement.records); !totals) {
    return std::unexpected(totals.error());
  }
  return {};
}

}  // namespace kiosk::receipts
