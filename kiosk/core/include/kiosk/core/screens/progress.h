#pragma once
// 查询申报进度: the person's claims made on this terminal, newest first, with where each
// stands (待上传 while still here), the estimated benefit, and the reason when refused.
// The list comes from the app's store (effect::LoadClaims) and lives only on this screen.
#include <variant>
#include <vector>

#include "kiosk/core/claim_line.h"

namespace kiosk::core {
class Context;
namespace claims {
struct Listed;
}

namespace screen {
struct Progress {
  static constexpr const char* kName = "progress";
  static constexpr const char* kVoice = "voice.progress";  // spoken when it appears
  PersonClaims claims;

  struct Back {};
  struct Retry {};  // read the list again after the store failed
  using Intent = std::variant<Back, Retry>;
};

void handle(Progress& screen, const Progress::Intent& intent, Context& context);
void react(Progress& screen, const claims::Listed& listed, Context& context);
}  // namespace screen
}  // namespace kiosk::core
