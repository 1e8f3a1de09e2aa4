#pragma once
// The mutual-aid claim (职工医疗互助金申报) as a short wizard on one screen: choose records
// (the eligible ones preselected), see the estimate with its explanation, give the bank
// account and mobile number, read the personal commitment and sign it, confirm. Everything
// typed or drawn lives here and goes with the visit.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/estimate.h"
#include "kiosk/core/keypad.h"
#include "kiosk/core/signature.h"

namespace kiosk::core {
class Context;
struct Visit;
struct Rules;
namespace claims {
struct Saved;
struct NotSaved;
}  // namespace claims

namespace screen {
struct ClaimForm {
  static constexpr const char* kName = "claim";
  enum class Step { choose, estimate, details, commitment, confirm, saving };
  enum class Field { none, bank_account, phone };  // which one the number pad is typing

  Step step = Step::choose;
  std::vector<bool> chosen;  // one per Visit::bills, in the same order
  Estimate estimate;         // of the chosen records, counting earlier claims
  Field editing = Field::none;
  Keypad bank_account{KeypadKind::bank_account};
  Keypad phone{KeypadKind::mobile};
  bool use_member_phone = true;  // the member record's number, shown masked
  bool use_member_bank = true;   // the member record's bank account, shown masked
  Signature signature;
  std::optional<std::string> problem;  // a catalogue key: why the step cannot go on

  struct Toggle {
    std::size_t bill = 0;  // index into Visit::bills
  };
  struct Next {};
  struct Previous {};
  struct Edit {
    Field field = Field::none;
  };
  struct Key {
    KeypadKey key;
  };
  struct Sign {
    SignatureInput input;
  };
  using Intent = std::variant<Toggle, Next, Previous, Edit, Key, Sign>;

  std::size_t chosen_count() const;
  // Each step's own prompt, spoken when the step appears (none while saving).
  const char* voice() const;
};

// The form for VISIT's records: those that count for a plan the member is enrolled in for
// the record's year are chosen.
ClaimForm start_claim(const Visit& visit, const Rules& rules);
void handle(ClaimForm& screen, const ClaimForm::Intent& intent, Context& context);
// Saved: the done screen, and the receipt prints. Not saved: back to confirm, saying so.
void react(ClaimForm& screen, const claims::Saved& event, Context& context);
void react(ClaimForm& screen, const claims::NotSaved& event, Context& context);

// What the commitment says; its version goes into the claim (and the server keeps it).
inline constexpr const char* kCommitmentVersion = "2026-11";
}  // namespace screen
}  // namespace kiosk::core
