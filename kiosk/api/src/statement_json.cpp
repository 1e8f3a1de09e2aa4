#include "kiosk/api/statement_json.h"

namespace kiosk::api {

nlohmann::ordered_json statement_registration_to_json(const StatementRegistration& statement) {
  return {
      {"number", statement.number},
      {"terminal_id", statement.terminal_id},
      {"member_id_hash", statement.member_id_hash},
      {"masked_name", statement.masked_name},
      {"period",
       {{"from", core::format_date(statement.period_from)},
        {"to", core::format_date(statement.period_to)}}},
      {"totals",
       {{"total_fen", statement.totals.total_fen},
        {"fund_paid_fen", statement.totals.fund_paid_fen},
        {"personal_fen", statement.totals.personal_fen}}},
      {"record_count", statement.totals.count},
      {"printed_at", core::format_rfc3339_cst(statement.printed_at)},
  };
}

}  // namespace kiosk::api
