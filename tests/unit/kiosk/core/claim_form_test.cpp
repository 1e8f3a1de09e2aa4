// The claim wizard through the session: choose, estimate, details, commitment, confirm,
// saved, uploaded; and every way it can be stopped.
#include <catch2/catch.hpp>

#include "kiosk/core/context.h"
#include "kiosk/core/session.h"

using namespace kiosk::core;
using namespace std::chrono_literals;
using std::chrono::year_month_day;

namespace {
using Form = screen::ClaimForm;
const TimePoint t0{};

Rules inpatient_rules() {
  Plan plan;
  plan.id = "inpatient";
  plan.name = "住院医疗互助";
  plan.visit_types = {VisitType::inpatient};
  plan.base = Base::personal_total;
  plan.deductible_fen = 100'000;
  plan.annual_cap_fen = 5'000'000;
  plan.bands = {Band{std::nullopt, 50}};
  return Rules{"test", {plan}};
}

Bill bill(std::string id, VisitType type, Fen cash) {
  Bill b;
  b.id = std::move(id);
  b.institution = "市第一人民医院";
  b.visit_type = type;
  b.admitted = year_month_day{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{1}};
  b.discharged =
      year_month_day{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{9}};
  b.total_fen = cash * 3;
  b.fund_paid_fen = cash * 2;
  b.cash_paid_fen = cash;
  return b;
}

// A session on the menu of a member enrolled in the inpatient plan for 2026, with one
// inpatient and one outpatient record, and the member's phone on file.
Session member_on_menu(std::string phone = "13812345678", std::string bank = "") {
  Session session({90s, Language::zh_CN});
  session.handle(ServerInput{server::RulesLoaded{inpatient_rules()}}, t0);
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  session.handle(device::CardRead{std::move(identity)}, t0);
  Member member;
  member.name = Secret("张三丰");
  member.id_number = Secret("11010519491231002X");
  member.phone = Secret(phone);
  member.bank_account = Secret(bank);
  member.enrolments = {PlanEnrolment{"inpatient", 2026}};
  session.handle(server::MemberLoaded{session.visit().number,
                                      std::move(member),
                                      {bill("B1", VisitType::inpatient, 300'000),
                                       bill("B2", VisitType::outpatient, 5'000)},
                                      {}},
                 t0);
  return session;
}

std::vector<Effect> tap(Session& session, Form::Intent intent) {
  return session.handle(PersonInput{ScreenIntent{std::move(intent)}}, t0);
}

const Form& form(const Session& session) {
  const auto* form = session.screen_if<Form>();
  REQUIRE(form);
  return *form;
}

void type(Session& session, std::string_view digits) {
  for (char c : digits) tap(session, Form::Key{*digit_key(c - '0')});
  tap(session, Form::Key{KeypadKey::confirm});
}

void sign(Session& session) {
  for (float x = 0.1f; x <= 0.9f; x += 0.05f) {
    tap(session, Form::Sign{SignatureInput{SignatureInput::Kind::point, {x, 0.5f}}});
  }
  tap(session, Form::Sign{SignatureInput{SignatureInput::Kind::end_stroke, {}}});
}

template <class T>
const T* find_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* found = std::get_if<T>(&e)) return found;
  }
  return nullptr;
}

void open_claim(Session& session) {
  session.handle(PersonInput{ScreenIntent{
                     screen::Menu::Intent{screen::Menu::Open{screen::Menu::Item::claim}}}},
                 t0);
}
// From the menu to a submitted claim (the save effect emitted) with the usual answers.
void submit_claim(Session& session) {
  open_claim(session);
  tap(session, Form::Next{});
  tap(session, Form::Next{});
  tap(session, Form::Edit{Form::Field::bank_account});
  type(session, "6222021234567890128");
  tap(session, Form::Next{});
  sign(session);
  tap(session, Form::Next{});
  tap(session, Form::Next{});
  REQUIRE(form(session).step == Form::Step::saving);
}
}  // namespace

TEST_CASE("the eligible records are chosen and the estimate counts only them", "[claim]") {
  auto session = member_on_menu();
  open_claim(session);
  REQUIRE(form(session).chosen == std::vector<bool>{true, false});  // outpatient is in no plan
  tap(session, Form::Next{});
  CHECK(form(session).step == Form::Step::estimate);
  // 3,000 yuan paid, 1,000 deductible, 50 % of the rest.
  CHECK(form(session).estimate.total_benefit_fen == 100'000);
  REQUIRE(form(session).estimate.plans.size() == 1);
  CHECK_FALSE(form(session).estimate.plans[0].explanation.empty());
}

TEST_CASE("earlier claims this year are counted in the estimate", "[claim]") {
  auto session = member_on_menu();
  // Replace the lookup with one whose history already used the deductible.
  Member member;
  member.phone = Secret("13812345678");
  member.enrolments = {PlanEnrolment{"inpatient", 2026}};
  session.handle(server::MemberLoaded{session.visit().number,
                                      std::move(member),
                                      {bill("B1", VisitType::inpatient, 300'000)},
                                      {PlanHistory{"inpatient", 2026, 100'000, 0}}},
                 t0);
  open_claim(session);
  tap(session, Form::Next{});
  CHECK(form(session).estimate.total_benefit_fen == 150'000);
}

TEST_CASE("without a bank account on file it is typed once on the number pad", "[claim]") {
  auto session = member_on_menu();
  int taps = 0;
  open_claim(session), ++taps;
  tap(session, Form::Next{}), ++taps;  // the chosen records
  tap(session, Form::Next{}), ++taps;  // the estimate
  // The bank account is not on the member record: typed once on the number pad.
  tap(session, Form::Next{});
  CHECK(form(session).problem == std::optional<std::string>("claim.bank_missing"));
  CHECK(form(session).editing == Form::Field::bank_account);
  type(session, "6222021234567890128");
  tap(session, Form::Next{}), ++taps;  // the phone on file is used
  CHECK(form(session).step == Form::Step::commitment);
  tap(session, Form::Next{});
  CHECK(form(session).problem == std::optional<std::string>("claim.sign_first"));
  sign(session);
  tap(session, Form::Next{}), ++taps;
  CHECK(form(session).step == Form::Step::confirm);
  auto effects = tap(session, Form::Next{});
  ++taps;
  CHECK(taps == 6);  // and the 19 digits of the account
  const auto* save = find_effect<effect::SaveClaim>(effects);
  REQUIRE(save);
  CHECK(save->claim.bills.size() == 1);
  CHECK(save->claim.member.phone.reveal() == "13812345678");
  CHECK(save->claim.bank_account.reveal() == "6222021234567890128");
  CHECK(save->claim.estimate.total_benefit_fen == 100'000);
  CHECK(save->signature.ink_count() > 0);
  CHECK(describe(Effect{*save}).find("6222") == std::string::npos);
  // A second tap while saving saves nothing more.
  CHECK(find_effect<effect::SaveClaim>(tap(session, Form::Next{})) == nullptr);

  auto saved = session.handle(
      ClaimsInput{claims::Saved{session.visit().number, "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b", 7}},
      t0);
  const auto* done = session.screen_if<screen::ClaimDone>();
  REQUIRE(done);
  CHECK(done->number == 7);
  CHECK(done->short_id == "3F2B8C1E");
  CHECK_FALSE(done->uploaded);  // 待上传 until the server has it
  REQUIRE(find_effect<effect::PrintReceipt>(saved));
  session.handle(ClaimsInput{claims::Uploaded{"3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b"}}, t0);
  CHECK(session.screen_if<screen::ClaimDone>()->uploaded);
}

TEST_CASE("a wrong phone or account is refused with the field to fix", "[claim]") {
  auto session = member_on_menu("");  // no phone on file
  open_claim(session);
  tap(session, Form::Next{});
  tap(session, Form::Next{});
  tap(session, Form::Edit{Form::Field::bank_account});
  type(session, "6222021234567890123");  // fails Luhn
  CHECK(form(session).problem == std::optional<std::string>("claim.bank_invalid"));
  tap(session, Form::Key{KeypadKey::clear});
  type(session, "6222021234567890128");
  tap(session, Form::Next{});
  CHECK(form(session).problem == std::optional<std::string>("claim.phone_missing"));
  CHECK(form(session).editing == Form::Field::phone);
  type(session, "23812345678");
  CHECK(form(session).problem == std::optional<std::string>("claim.phone_invalid"));
}

TEST_CASE("nothing chosen cannot go on, and back from the first step is the menu", "[claim]") {
  auto session = member_on_menu();
  open_claim(session);
  tap(session, Form::Toggle{0});
  tap(session, Form::Next{});
  CHECK(form(session).problem == std::optional<std::string>("claim.none_chosen"));
  tap(session, Form::Previous{});
  CHECK(session.screen_if<screen::Menu>());
}

TEST_CASE("a claim that could not be saved goes back to confirm and says so", "[claim]") {
  auto session = member_on_menu();
  submit_claim(session);
  session.handle(ClaimsInput{claims::NotSaved{session.visit().number, "disk full"}}, t0);
  CHECK(form(session).step == Form::Step::confirm);
  CHECK(form(session).problem == std::optional<std::string>("claim.not_saved"));
}

TEST_CASE("the idle timeout wipes what was typed and drawn", "[claim]") {
  auto session = member_on_menu();
  open_claim(session);
  tap(session, Form::Next{});
  tap(session, Form::Next{});
  tap(session, Form::Edit{Form::Field::bank_account});
  type(session, "6222021234567890128");
  auto effects = session.handle(time::Tick{}, t0 + 90s);
  CHECK(find_effect<effect::WipePersonalData>(effects));
  CHECK(session.screen_if<screen::Attract>());
  CHECK_FALSE(session.visit().open());
}

TEST_CASE("the done screen follows the receipt's print job", "[claim]") {
  auto session = member_on_menu();
  submit_claim(session);
  session.handle(
      ClaimsInput{claims::Saved{session.visit().number, "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b", 1}},
      t0);
  using Receipt = screen::ClaimDone::Receipt;
  SECTION("printed") {
    session.handle(PrinterInput{printer::JobQueued{12}}, t0);
    session.handle(PrinterInput{printer::JobDone{11}}, t0);  // another job
    CHECK(session.screen_if<screen::ClaimDone>()->receipt == Receipt::printing);
    session.handle(PrinterInput{printer::JobDone{12}}, t0);
    CHECK(session.screen_if<screen::ClaimDone>()->receipt == Receipt::printed);
  }
  SECTION("paper out: the claim stays saved and staff reprint") {
    session.handle(PrinterInput{printer::JobQueued{12}}, t0);
    session.handle(PrinterInput{printer::JobFailed{12, printer::JobFailure::paper_out}}, t0);
    CHECK(session.screen_if<screen::ClaimDone>()->receipt == Receipt::failed);
    CHECK(session.screen_if<screen::ClaimDone>()->number == 1);
  }
  SECTION("not even queued") {
    session.handle(PrinterInput{printer::JobFailed{0, printer::JobFailure::error}}, t0);
    CHECK(session.screen_if<screen::ClaimDone>()->receipt == Receipt::failed);
  }
}

TEST_CASE("with the bank account and mobile on file, card to saved claim is six taps", "[claim]") {
  auto session = member_on_menu("13812345678", "6217009876543210981");
  int taps = 0;
  open_claim(session), ++taps;
  tap(session, Form::Next{}), ++taps;  // the chosen records
  tap(session, Form::Next{}), ++taps;  // the estimate
  tap(session, Form::Next{}), ++taps;  // account and mobile as on file
  REQUIRE(form(session).step == Form::Step::commitment);
  sign(session);  // strokes, not taps
  tap(session, Form::Next{}), ++taps;
  auto effects = tap(session, Form::Next{});
  ++taps;
  CHECK(taps == 6);
  const auto* save = find_effect<effect::SaveClaim>(effects);
  REQUIRE(save);
  CHECK(save->claim.bank_account.reveal() == "6217009876543210981");
}

TEST_CASE("another bank account than the one on file can be typed", "[claim]") {
  auto session = member_on_menu("13812345678", "6217009876543210981");
  open_claim(session);
  tap(session, Form::Next{});
  tap(session, Form::Next{});
  tap(session, Form::Edit{Form::Field::bank_account});
  CHECK_FALSE(form(session).use_member_bank);
  type(session, "6222021234567890128");
  tap(session, Form::Next{});
  sign(session);
  tap(session, Form::Next{});
  const auto effects = tap(session, Form::Next{});
  const auto* save = find_effect<effect::SaveClaim>(effects);
  REQUIRE(save);
  CHECK(save->claim.bank_account.reveal() == "6222021234567890128");
}
