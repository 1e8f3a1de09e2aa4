#include "kiosk/core/screens/claim_form.h"

#include <algorithm>

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"
#include "kiosk/core/rules.h"
#include "kiosk/core/validation.h"

namespace kiosk::core::screen {
namespace {
using Step = ClaimForm::Step;
using Field = ClaimForm::Field;

// Does BILL count for a plan MEMBER is enrolled in for the bill's year?
bool eligible(const Bill& bill, const Member* member, const Rules& rules) {
  for (const auto& plan : rules.plans) {
    if (std::find(plan.visit_types.begin(), plan.visit_types.end(), bill.visit_type) ==
        plan.visit_types.end()) {
      continue;
    }
    const int year = static_cast<int>(bill.discharged.year());
    if (member == nullptr || member->enrolled(plan.id, year)) return true;
  }
  return false;
}

std::vector<Bill> chosen_bills(const ClaimForm& form, const Visit& visit) {
  std::vector<Bill> bills;
  for (std::size_t i = 0; i < visit.bills.size() && i < form.chosen.size(); ++i) {
    if (form.chosen[i]) bills.push_back(visit.bills[i]);
  }
  return bills;
}

bool member_phone_usable(const Visit& visit) {
  return visit.member && validate_mobile(visit.member->phone.reveal()).has_value();
}

bool member_bank_usable(const Visit& visit) {
  return visit.member && validate_bank_card(visit.member->bank_account.reveal()).has_value();
}

// The details step: a valid account and phone, or the field to fix and why.
bool details_complete(ClaimForm& form, const Visit& visit) {
  if (!form.use_member_bank || !member_bank_usable(visit)) form.use_member_bank = false;
  if (!form.use_member_bank && !form.bank_account.validate().has_value()) {
    form.editing = Field::bank_account;
    form.problem = form.bank_account.empty() ? "claim.bank_missing" : "claim.bank_invalid";
    return false;
  }
  if (form.use_member_phone && member_phone_usable(visit)) return true;
  form.use_member_phone = false;
  if (!form.phone.validate()) {
    form.editing = Field::phone;
    form.problem = form.phone.empty() ? "claim.phone_missing" : "claim.phone_invalid";
    return false;
  }
  return true;
}

effect::SaveClaim draft(const ClaimForm& form, Context& context) {
  const Visit& visit = context.visit();
  effect::SaveClaim save;
  save.visit = visit.number;
  Claim& claim = save.claim;
  if (visit.member) claim.member = *visit.member;
  if (!form.use_member_phone || !member_phone_usable(visit))
    claim.member.phone = form.phone.value();
  claim.bank_account = form.use_member_bank && member_bank_usable(visit)
                           ? visit.member->bank_account
                           : form.bank_account.value();
  claim.bills = chosen_bills(form, visit);
  claim.estimate = form.estimate;
  claim.commitment.text_version = kCommitmentVersion;
  save.signature = form.signature.render(384, 128, 2);
  return save;
}

void next(ClaimForm& form, Context& context) {
  form.problem.reset();
  switch (form.step) {
    case Step::choose: {
      if (form.chosen_count() == 0) {
        form.problem = "claim.none_chosen";
        return;
      }
      const auto bills = chosen_bills(form, context.visit());
      form.estimate = estimate_benefits(context.rules(), bills, context.visit().history);
      form.step = Step::estimate;
      return;
    }
    case Step::estimate: form.step = Step::details; return;
    case Step::details:
      if (details_complete(form, context.visit())) {
        form.editing = Field::none;
        form.step = Step::commitment;
      }
      return;
    case Step::commitment:
      if (form.signature.is_blank()) {
        form.problem = "claim.sign_first";
        return;
      }
      form.step = Step::confirm;
      return;
    case Step::confirm:
      form.step = Step::saving;  // a second tap must not save the claim twice
      context.emit(draft(form, context));
      return;
    case Step::saving: return;
  }
}

void previous(ClaimForm& form, Context& context) {
  form.problem.reset();
  form.editing = Field::none;
  switch (form.step) {
    case Step::choose: context.go(Menu{}); return;
    case Step::estimate: form.step = Step::choose; return;
    case Step::details: form.step = Step::estimate; return;
    case Step::commitment: form.step = Step::details; return;
    case Step::confirm: form.step = Step::commitment; return;
    case Step::saving: return;
  }
}

void key(ClaimForm& form, KeypadKey key) {
  Keypad* pad = form.editing == Field::bank_account ? &form.bank_account
                : form.editing == Field::phone      ? &form.phone
                                                    : nullptr;
  if (pad == nullptr || form.step != Step::details) return;
  form.problem.reset();
  switch (pad->press(key)) {
    case KeypadResult::confirmed: form.editing = Field::none; break;
    case KeypadResult::rejected:
      form.problem = form.editing == Field::phone ? "claim.phone_invalid" : "claim.bank_invalid";
      break;
    default: break;
  }
}
}  // namespace

const char* ClaimForm::voice() const {
  switch (step) {
    case Step::choose: return "voice.claim_records";
    case Step::estimate: return "voice.claim_estimate";
    case Step::details: return "voice.claim_details";
    case Step::commitment: return "voice.claim_commitment";
    case Step::confirm: return "voice.claim_confirm";
    case Step::saving: return nullptr;
  }
  return nullptr;
}

std::size_t ClaimForm::chosen_count() const {
  return static_cast<std::size_t>(std::count(chosen.begin(), chosen.end(), true));
}

ClaimForm start_claim(const Visit& visit, const Rules& rules) {
  ClaimForm form;
  const Member* member = visit.member ? &*visit.member : nullptr;
  for (const auto& bill : visit.bills) form.chosen.push_back(eligible(bill, member, rules));
  form.use_member_phone = member_phone_usable(visit);
  form.use_member_bank = member_bank_usable(visit);
  return form;
}

void handle(ClaimForm& form, const ClaimForm::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const ClaimForm::Toggle& toggle) {
                   if (form.step != Step::choose || toggle.bill >= form.chosen.size()) return;
                   form.chosen[toggle.bill] = !form.chosen[toggle.bill];
                   form.problem.reset();
                 },
                 [&](const ClaimForm::Next&) { next(form, context); },
                 [&](const ClaimForm::Previous&) { previous(form, context); },
                 [&](const ClaimForm::Edit& edit) {
                   if (form.step != Step::details) return;
                   form.editing = edit.field;
                   if (edit.field == Field::phone) form.use_member_phone = false;
                   if (edit.field == Field::bank_account) form.use_member_bank = false;
                 },
                 [&](const ClaimForm::Key& pressed) {
                   key(form, pressed.key);
                   if (form.problem) context.speak("voice.claim_input_invalid");
                 },
                 [&](const ClaimForm::Sign& sign) {
                   if (form.step != Step::commitment) return;
                   form.signature.apply(sign.input);
                   if (sign.input.kind != SignatureInput::Kind::point) form.problem.reset();
                 },
             },
             intent);
}

void react(ClaimForm& form, const claims::Saved& saved, Context& context) {
  if (form.step != Step::saving || saved.visit != context.visit().number) return;
  context.go(ClaimDone{saved.uuid, saved.number, short_id(saved.uuid), false,
                       ClaimDone::Receipt::printing});
  context.emit(effect::PrintReceipt{saved.uuid});
  context.speak("voice.claim_saved");
}

void react(ClaimForm& form, const claims::NotSaved& failed, Context& context) {
  if (form.step != Step::saving || failed.visit != context.visit().number) return;
  form.step = Step::confirm;
  form.problem = "claim.not_saved";
  context.speak("voice.claim_not_saved");
}

}  // namespace kiosk::core::screen
