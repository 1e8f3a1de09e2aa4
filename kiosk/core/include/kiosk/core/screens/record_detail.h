#pragma once
// One settlement record in full, opened from the records list. It keeps the list's state
// (year, claimed marks) so that "back" returns to the list as it was.
#include <string>
#include <variant>

#include "kiosk/core/screens/records.h"

namespace kiosk::core {
class Context;

namespace screen {
struct RecordDetail {
  static constexpr const char* kName = "record_detail";
  static constexpr const char* kVoice = "voice.record_detail";  // spoken when it appears
  std::string bill_id;
  Records list;  // the list to go back to

  struct Back {};
  using Intent = std::variant<Back>;
};

void handle(RecordDetail& screen, const RecordDetail::Intent& intent, Context& context);
void react(RecordDetail& screen, const claims::Listed& listed, Context& context);
// The record shown, from the visit; nullptr when the visit no longer holds it.
const Bill* record_of(const RecordDetail& screen, const Visit& visit);
}  // namespace screen
}  // namespace kiosk::core
