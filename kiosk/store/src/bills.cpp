// Settlement records as the store keeps them: one JSON array per claim or per cached person,
// encrypted, because hospitals, dates and amounts are health data.
#include <fmt/core.h>

#include "kiosk/api/bill_json.h"
#include "store_impl.h"

namespace kiosk::store {

std::string seal_claim_bills(const Cipher& cipher, std::string_view uuid,
                             std::span<const core::Bill> bills) {
  std::string plain = api::bills_to_text(bills);
  std::string sealed = cipher.encrypt(plain, where("claims.bills", uuid));
  core::secure_zero(plain.data(), plain.size());
  return sealed;
}

std::expected<std::vector<core::Bill>, Error> open_claim_bills(const Cipher& cipher,
                                                               std::string_view uuid,
                                                               std::string_view sealed) {
  auto plain = cipher.decrypt(sealed, where("claims.bills", uuid));
  if (!plain) return std::unexpected(plain.error());
  auto bills = api::bills_from_text(plain->reveal());
  if (!bills) {
    return std::unexpected(Error{Error::Kind::damaged,
                                 fmt::format("the bills of claim {} are unreadable", uuid),
                                 bills.error()});
  }
  return std::move(*bills);
}

}  // namespace kiosk::store
