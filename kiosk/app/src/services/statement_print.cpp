#include "services/statement_print.h"

#include <array>
#include <cstring>

#include "kiosk/receipts/statement_receipt.h"
#include "kiosk/store/crypto.h"

namespace kiosk::app {

std::expected<receipts::Statement, std::string> visit_statement(const core::Visit& visit,
                                                                const core::StatementPeriod& period,
                                                                const Config& config,
                                                                core::WallTime printed_at,
                                                                std::string number) {
  if (!visit.identity) return std::unexpected(std::string("no visit is open"));
  if (!period.ok()) return std::unexpected(std::string("the period is not a valid month range"));
  receipts::Statement statement;
  statement.center_name = config.center_name;
  const auto& identity = *visit.identity;
  // Foreigners' cards may carry only the English name.
  statement.member.name = identity.name.empty() ? identity.name_en : identity.name;
  statement.member.id_number = identity.id_number;
  statement.mask = config.statement_mask;
  if (visit.member) statement.member.union_name = visit.member->union_name;
  statement.period_from = period.first_day();
  statement.period_to = period.last_day();
  statement.records = core::records_in(visit.bills, period);
  statement.printed_at = printed_at;
  statement.terminal_id = config.terminal_id;
  statement.verification_number = std::move(number);
  return statement;
}

std::string new_verification_number() {
  const std::string random = store::random_bytes(receipts::kVerificationRandomBytes);
  std::array<std::uint8_t, receipts::kVerificationRandomBytes> bytes{};
  std::memcpy(bytes.data(), random.data(), bytes.size());
  return receipts::make_verification_number(bytes);
}

std::expected<drivers::printer::Document, std::string> statement_document(
    const receipts::Statement& statement) {
  auto document = receipts::statement_receipt(statement);
  if (!document) return std::unexpected(document.error().message);
  return std::move(*document);
}

}  // namespace kiosk::app
