#include "devices/identity_from_card.h"

namespace kiosk::app {
namespace {
core::CardType card_type(drivers::idcard::CardType type) {
  switch (type) {
    case drivers::idcard::CardType::resident: return core::CardType::resident;
    case drivers::idcard::CardType::hk_mo_tw_permit: return core::CardType::hk_mo_tw_permit;
    case drivers::idcard::CardType::foreign_permanent: return core::CardType::foreign_permanent;
    case drivers::idcard::CardType::foreign_permanent_2023: return core::CardType::foreign_permanent_2023;
  }
  return core::CardType::resident;
}

core::Sex sex(drivers::idcard::Sex sex) {
  switch (sex) {
    case drivers::idcard::Sex::male: return core::Sex::male;
    case drivers::idcard::Sex::female: return core::Sex::female;
    case drivers::idcard::Sex::unknown: return core::Sex::unknown;
  }
  return core::Sex::unknown;
}
}  // namespace

core::Identity identity_from_card(drivers::idcard::Identity& card, const drivers::idcard::Date& today) {
  core::Identity identity;
  identity.card_type = card_type(card.card_type);
  identity.name = core::Secret(card.name);
  identity.name_en = core::Secret(card.name_en);
  identity.sex = sex(card.sex);
  identity.nation = card.nation;
  identity.birth_date = core::Secret(drivers::idcard::format_date(card.birth_date));
  identity.address = core::Secret(card.address);
  identity.id_number = core::Secret(card.id_number);
  identity.issuer = card.issuer;
  identity.valid_from = drivers::idcard::format_date(card.valid_from);
  identity.valid_to = drivers::idcard::format_expiry(card.valid_to);
  identity.id_number_valid = card.id_number_valid;
  identity.expired = card.expired(today);
  card.wipe();
  return identity;
}

}  // namespace kiosk::app
