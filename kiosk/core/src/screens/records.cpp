#include "kiosk/core/screens/records.h"

#include <algorithm>
#include <functional>

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {
namespace {
int year_of(const Bill& bill) {
  return static_cast<int>(bill.discharged.year());
}
}  // namespace

void handle(Records& screen, const Records::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Records::SelectYear& select) { screen.year = select.year; },
                 [&](const Records::Open& open) {
                   const auto& bills = context.visit().bills;
                   const bool known = std::ranges::any_of(
                       bills, [&](const Bill& bill) { return bill.id == open.bill_id; });
                   if (known) context.go(RecordDetail{open.bill_id, screen});
                 },
                 [&](const Records::Back&) { context.go(Menu{}); },
                 [&](const Records::Retry&) {
                   // The same as the menu's "再查一次": one place decides when to ask again.
                   Menu menu;
                   handle(menu, Menu::Intent{Menu::RetryLookup{}}, context);
                 },
             },
             intent);
}

void react(Records& screen, const claims::Listed& listed, Context& context) {
  screen.claims.take(listed, context.visit().number);
}
std::vector<int> record_years(const std::vector<Bill>& bills) {
  std::vector<int> years;
  for (const auto& bill : bills) {
    if (bill.discharged.ok()) years.push_back(year_of(bill));
  }
  std::ranges::sort(years, std::greater<>{});
  auto [first, last] = std::ranges::unique(years);
  years.erase(first, last);
  return years;
}

std::vector<const Bill*> records_shown(const std::vector<Bill>& bills, std::optional<int> year) {
  std::vector<const Bill*> shown;
  shown.reserve(bills.size());
  for (const auto& bill : bills) {
    if (!year || year_of(bill) == *year) shown.push_back(&bill);
  }
  // Newest first; the same day keeps a fixed order (by record number) so rows never swap.
  std::ranges::stable_sort(shown, [](const Bill* a, const Bill* b) {
    if (a->discharged != b->discharged) return a->discharged > b->discharged;
    if (a->admitted != b->admitted) return a->admitted > b->admitted;
    return a->id < b->id;
  });
  return shown;
}

}  // namespace kiosk::core::screen
