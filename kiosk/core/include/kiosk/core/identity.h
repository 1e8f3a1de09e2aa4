#pragma once
// Who stands at the terminal, as the ID-card reader read it. Personal fields are Secrets.
#include <string>

#include "kiosk/core/secret.h"

namespace kiosk::core {

enum class CardType { resident, hk_mo_tw_permit, foreign_permanent, foreign_permanent_2023 };
enum class Sex { male, female, unknown };

struct Identity {
  CardType card_type = CardType::resident;
  Secret name;          // Chinese name
  Secret name_en;       // foreigner cards only
  Sex sex = Sex::unknown;
  std::string nation;   // resident cards, without 族
  Secret birth_date;    // YYYY-MM-DD
  Secret address;
  Secret id_number;
  std::string issuer;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD or "long-term"
  bool id_number_valid = false;  // form, check character, birth date and sex agree
  bool expired = false;          // past valid_to on the day it was read

  // Zeroes every personal field.
  void wipe() noexcept {
    name.wipe();
    name_en.wipe();
    birth_date.wipe();
    address.wipe();
    id_number.wipe();
  }
};

}  // namespace kiosk::core
