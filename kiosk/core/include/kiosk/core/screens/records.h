#pragma once
// The settlement records (医保结算单) of the visit, newest first, filtered by year. The
// records themselves live in the Visit; this screen holds the chosen year and what this
// terminal's store says about claims already made for them (the claimed marks).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/claim_line.h"

namespace kiosk::core {
class Context;
struct Visit;
namespace claims {
struct Listed;
}

namespace screen {
struct Records {
  static constexpr const char* kName = "records";
  static constexpr const char* kVoice = "voice.records";  // spoken when it appears
  std::optional<int> year;                                // nullopt: every year
  PersonClaims claims;                                    // for the claimed marks

  struct SelectYear {
    std::optional<int> year;
  };
  struct Open {
    std::string bill_id;
  };
  struct Back {};
  // Ask the central server again after a lookup that failed.
  struct Retry {};
  using Intent = std::variant<SelectYear, Open, Back, Retry>;
};

void handle(Records& screen, const Records::Intent& intent, Context& context);
void react(Records& screen, const claims::Listed& listed, Context& context);

// The years of the visit's records (the discharge date's year), newest first.
std::vector<int> record_years(const std::vector<Bill>& bills);
// The records shown for YEAR (all when nullopt), newest discharge first.
std::vector<const Bill*> records_shown(const std::vector<Bill>& bills, std::optional<int> year);
}  // namespace screen
}  // namespace kiosk::core
