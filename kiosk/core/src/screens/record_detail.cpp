#include "kiosk/core/screens/record_detail.h"

#include <algorithm>

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(RecordDetail& screen, const RecordDetail::Intent& intent, Context& context) {
  std::visit(
      overloaded{
          [&](const RecordDetail::Back&) { context.go(std::move(screen.list)); },
      },
      intent);
}

void react(RecordDetail& screen, const claims::Listed& listed, Context& context) {
  react(screen.list, listed, context);  // the answer may come while a record is open
}

const Bill* record_of(const RecordDetail& screen, const Visit& visit) {
  auto it = std::ranges::find_if(visit.bills,
                                 [&](const Bill& bill) { return bill.id == screen.bill_id; });
  return it == visit.bills.end() ? nullptr : &*it;
}

}  // namespace kiosk::core::screen
