// The person's claims as their progress screen and the records' claimed marks read them:
// what the claim is for (the records' ids, from the encrypted bills) and where it stands,
// with the reason when it was refused, without personal data. Also how the server's reason
// is sealed, since this is where it is read.
#include <fmt/core.h>

#include "kiosk/core/date.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::string_view kReasonPlace = "claims.server_reason";
}  // namespace

std::string seal_server_reason(const Cipher& cipher, std::string_view uuid,
                               std::optional<std::string_view> reason) {
  return cipher.encrypt(reason.value_or(std::string_view{}), where(kReasonPlace, uuid));
}

std::expected<std::vector<core::ClaimLine>, Error> Store::claim_lines(std::string_view id_number) {
  std::lock_guard lock(m_impl->mutex);
  auto s = sql::Statement::prepare(m_impl->db, R"sql(
    SELECT c.uuid, c.created_at, coalesce(o.state, 'pending'), c.server_status,
      c.total_benefit_fen, c.bills_enc, o.last_error_enc, c.server_reason_enc
    FROM claims c LEFT JOIN outbox o ON o.claim_uuid = c.uuid
    WHERE c.id_hash = ? ORDER BY c.sequence DESC)sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, m_impl->cipher.lookup_hash(id_number));
  std::vector<core::ClaimLine> lines;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return lines;
    const std::string uuid = s->column_text(0);
    core::ClaimLine line;
    line.number = core::short_id(uuid);
    if (auto made = core::parse_rfc3339(s->column_text(1))) line.date = core::date_cst(*made);
    line.upload = core::parse_upload_state(s->column_text(2)).value_or(core::UploadState::pending);
    if (auto status = s->column_opt_text(3)) line.status = core::parse_claim_status(*status);
    line.benefit_fen = s->column_int(4);
    // Bills that do not open (`store check` names them) leave the claim without marks.
    if (auto bills = open_claim_bills(m_impl->cipher, uuid, s->column_blob(5))) {
      for (const auto& bill : *bills) line.bill_ids.push_back(bill.id);
    }
    // The reason of where the claim stands: the outbox's while the server has not taken it,
    // the server's once it has. One that does not open (`store check` names it) is left out.
    const bool held = line.upload == core::UploadState::quarantined;
    const int reason_column = held ? 6 : 7;
    if ((held || line.status) && !s->column_null(reason_column)) {
      auto reason = m_impl->cipher.decrypt(s->column_blob(reason_column),
                                           where(held ? "outbox.error" : kReasonPlace, uuid));
      if (reason) line.reason = std::string(reason->reveal());
    }
    lines.push_back(std::move(line));
  }
}

}  // namespace kiosk::store
