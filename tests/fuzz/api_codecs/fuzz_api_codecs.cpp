// Feeds arbitrary bytes to every reader of kiosk_api. The first byte picks the shape; the rest
// is the JSON text. Whatever a reader accepts must be written back and read again to the same
// value: a codec that reads what it cannot write (or writes what it cannot read) traps.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/api/bill_json.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/api/estimate_json.h"
#include "kiosk/api/lookup_json.h"

namespace {
using nlohmann::json;

json again(const nlohmann::ordered_json& written) {
  return json::parse(written.dump());
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    check(!kiosk::api::bills_from_text(text).has_value());
    return 0;
  }
  using namespace kiosk::api;
  switch (data[0] % 6) {
    case 0:
      if (auto bill = bill_from_json(value))
        check(bill_from_json(again(bill_to_json(*bill))) == *bill);
      break;
    case 1:
      if (auto bills = bills_from_text(text))
        check(bills_from_text(bills_to_text(*bills)) == *bills);
      break;
    case 2:
      if (auto estimate = estimate_from_json(value)) {
        check(estimate_from_json(
                  again(estimate_to_json(*estimate, EstimateFields::with_display))) == *estimate);
        check(estimate_from_json(again(estimate_to_json(*estimate, EstimateFields::contract)))
                  .has_value());
      }
      break;
    case 3:
      if (auto history = history_from_json(value)) {
        for (const auto& usage : *history) {
          check(plan_usage_from_json(again(plan_usage_to_json(usage))) == usage);
        }
      }
      break;
    case 4:
      if (auto record = claim_record_from_json(value)) {
        auto back = claim_record_from_json(again(claim_record_to_json(*record)));
        check(back && back->claim_uuid == record->claim_uuid && back->status == record->status &&
              back->reason == record->reason);
      }
      break;
    case 5:
      if (auto lookup = lookup_from_json(value)) {
        auto back = lookup_from_json(again(lookup_to_json(*lookup)));
        check(back && back->bills == lookup->bills && back->history == lookup->history &&
              back->member.enrolments == lookup->member.enrolments);
        if (back) back->member.wipe();
        lookup->member.wipe();
      }
      break;
  }
  return 0;
}
