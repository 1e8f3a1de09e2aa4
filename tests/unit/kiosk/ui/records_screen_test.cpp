// The records, record and progress screens in headless frames: the real drawing, tapped and
// dragged through ImGui's io, and the text they draw read back from the vertices.
#include <string>

#include <fmt/core.h>

#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;
using Records = core::screen::Records;

namespace {
core::Date ymd(int y, unsigned m, unsigned d) {
  return core::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// N records, one every three days back from 2026-11-01, over several years.
std::vector<core::Bill> many_bills(int n) {
  std::vector<core::Bill> bills;
  const auto last = std::chrono::sys_days(ymd(2026, 11, 1));
  for (int i = 0; i < n; ++i) {
    core::Bill bill;
    bill.id = fmt::format("JS{:06}", i);
    bill.institution = i % 2 ? "北京协和医院" : "北京大学第一医院";
    bill.visit_type = i % 3 ? core::VisitType::outpatient : core::VisitType::inpatient;
    bill.discharged = core::Date{last - std::chrono::days(3 * i)};
    bill.admitted = bill.visit_type == core::VisitType::inpatient
                        ? core::Date{last - std::chrono::days(3 * i + 2)}
                        : bill.discharged;
    bill.total_fen = 100000 + i;
    bill.fund_paid_fen = 60000;
    bill.cash_paid_fen = 30000 + i;
    bill.account_paid_fen = 10000;
    bills.push_back(bill);
  }
  return bills;
}

core::Session visit_with(std::vector<core::Bill> bills,
                         core::Lookup outcome = core::Lookup::loaded) {
  core::Session session({900s, core::Language::zh_CN});
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("诸葛孔瑾");
  identity.id_number = core::Secret("110105198503172314");
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});
  const auto visit = session.visit().number;
  if (outcome == core::Lookup::loaded) {
    core::Member member;
    member.name = core::Secret("诸葛孔瑾");
    member.id_number = core::Secret("110105198503172314");
    session.handle(core::server::MemberLoaded{visit, std::move(member), std::move(bills), {}},
                   core::TimePoint{});
  } else {
    session.handle(core::server::LookupFailed{visit, core::server::LookupFailure::unreachable,
                                              core::ErrorClass::network},
                   core::TimePoint{});
  }
  return session;
}

void open(core::Session& session, core::screen::Menu::Item item) {
  session.handle(core::PersonInput{core::ScreenIntent{
                     core::screen::Menu::Intent{core::screen::Menu::Open{item}}}},
                 core::TimePoint{});
}

void apply(core::Session& session, std::vector<core::Input> inputs) {
  for (auto& input : inputs) session.handle(std::move(input), core::TimePoint{});
}

// The record ids the inputs ask to open.
std::vector<std::string> opened(const std::vector<core::Input>& inputs) {
  std::vector<std::string> ids;
  for (const auto& input : inputs) {
    const auto* person = std::get_if<core::PersonInput>(&input);
    const auto* intent = person ? std::get_if<core::ScreenIntent>(person) : nullptr;
    const auto* mine = intent ? std::get_if<Records::Intent>(intent) : nullptr;
    const auto* open = mine ? std::get_if<Records::Open>(mine) : nullptr;
    if (open) ids.push_back(open->bill_id);
  }
  return ids;
}

ImVec2 centre(const ImVec4& r) {
  return ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
}

std::string frame_text(testing::HeadlessUi& ui, const core::Session& session) {
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  const ImDrawData* data = ImGui::GetDrawData();
  REQUIRE(data != nullptr);
  return testing::drawn_text(*data, *ImGui::GetIO().Fonts);
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("500 records scroll by dragging and a drag never opens one", "[ui][frame][records]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = visit_with(many_bills(500));
  open(session, core::screen::Menu::Item::records);
  REQUIRE(session.screen_if<Records>());

  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  REQUIRE(ui.host().item_rect("records"));
  REQUIRE(ui.host().item_rect("records/0"));
  CHECK_FALSE(ui.host().item_rect("records/40"));  // rows out of view are not drawn
  const ImVec2 start = centre(*ui.host().item_rect("records/1"));

  // Drag up by 600 px, ten times over: each drag starts on a row.
  std::vector<core::Input> inputs;
  for (int drag = 0; drag < 10; ++drag) {
    for (auto& i : ui.frame(session, start, false)) inputs.push_back(std::move(i));
    for (int step = 0; step <= 12; ++step) {
      ImVec2 at(start.x, start.y - 50.0f * static_cast<float>(step));
      for (auto& i : ui.frame(session, at, true)) inputs.push_back(std::move(i));
    }
    for (auto& i : ui.frame(session, ImVec2(start.x, start.y - 600.0f), false))
      inputs.push_back(std::move(i));
  }
  CHECK(opened(inputs).empty());
  CHECK(session.screen_if<Records>());
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK_FALSE(ui.host().item_rect("records/0"));
  // 6000 px down: about row 20 at the top, never more than the visible handful drawn.
  int drawn = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < 500; ++i) {
    if (ui.host().item_rect(fmt::format("records/{}", i))) {
      if (drawn++ == 0) first = i;
    }
  }
  CHECK(first >= 15);
  CHECK(drawn <= 12);
}

TEST_CASE("a tap opens the record under the finger", "[ui][frame][records]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto bills = many_bills(50);
  auto session = visit_with(bills);
  open(session, core::screen::Menu::Item::records);
  // Newest first: row 2 is the third newest, which many_bills made third.
  auto inputs = ui.tap(session, "records/2");
  REQUIRE(opened(inputs) == std::vector<std::string>{"JS000002"});
  apply(session, std::move(inputs));
  const auto* detail = session.screen_if<core::screen::RecordDetail>();
  REQUIRE(detail);
  CHECK(detail->bill_id == "JS000002");

  apply(session, ui.tap(session, "record.back"));
  CHECK(session.screen_if<Records>());
  apply(session, ui.tap(session, "records.back"));
  CHECK(session.screen_if<core::screen::Menu>());
}

TEST_CASE("year chips narrow the list", "[ui][frame][records]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = visit_with(many_bills(500));  // 2022 to 2026
  open(session, core::screen::Menu::Item::records);
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  REQUIRE(ui.host().item_rect("records.year.all"));
  apply(session, ui.tap(session, "records.year.2025"));
  REQUIRE(session.screen_if<Records>()->year == 2025);
  apply(session, ui.tap(session, "records/0"));
  const auto* detail = session.screen_if<core::screen::RecordDetail>();
  REQUIRE(detail);
  const auto* bill = core::screen::record_of(*detail, session.visit());
  REQUIRE(bill);
  CHECK(static_cast<int>(bill->discharged.year()) == 2025);
  CHECK(bill->discharged.month() == std::chrono::December);
}

TEST_CASE("records, a record and progress draw no unmasked personal data, and the claimed mark",
          "[ui][frame][records][masking]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  auto session = visit_with(many_bills(5));
  open(session, core::screen::Menu::Item::records);
  core::ClaimLine claim;
  claim.number = "3F2A9C1B";
  claim.date = ymd(2026, 11, 2);
  claim.upload = core::UploadState::retry_wait;
  claim.benefit_fen = 88000;
  claim.bill_ids = {"JS000000"};
  session.handle(
      core::claims::Listed{session.visit().number, core::claims::ListResult::listed, {claim}},
      core::TimePoint{});

  const auto records = frame_text(ui, session);
  CHECK(has(records, "医保结算单"));
  CHECK(has(records, "北京协和医院"));
  CHECK(has(records, "1,000.01元"));  // spaces are not drawn
  CHECK(has(records, "已申报·编号3F2A9C1B·待上传"));
  for (const auto* secret : {"诸葛", "孔瑾", "110105198503172314", "19850317"}) {
    CHECK_FALSE(has(records, secret));
  }

  apply(session, ui.tap(session, "records/0"));
  const auto detail = frame_text(ui, session);
  CHECK(has(detail, "JS000000"));
  CHECK(has(detail, "已申报·编号3F2A9C1B·待上传"));
  CHECK_FALSE(has(detail, "孔瑾"));
  CHECK_FALSE(has(detail, "110105198503172314"));

  apply(session, ui.tap(session, "home"));
  CHECK(session.screen_if<core::screen::Attract>());
}

TEST_CASE("when records cannot be fetched the screen says so and asks again",
          "[ui][frame][records]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = visit_with({}, core::Lookup::failed);
  open(session, core::screen::Menu::Item::records);
  const auto text = frame_text(ui, session);
  CHECK(has(text, "现在查不到结算单"));
  CHECK(session.lookup() == core::Lookup::failed);
  apply(session, ui.tap(session, "records.retry"));
  CHECK(session.lookup() == core::Lookup::pending);
}

TEST_CASE("progress shows each claim's state, 待上传 while still here", "[ui][frame][progress]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = visit_with(many_bills(3));
  open(session, core::screen::Menu::Item::progress);
  CHECK(has(frame_text(ui, session), "正在查询"));

  core::ClaimLine waiting;
  waiting.number = "AAAA1111";
  waiting.date = ymd(2026, 11, 2);
  waiting.upload = core::UploadState::pending;
  waiting.benefit_fen = 88000;
  core::ClaimLine refused = waiting;
  refused.number = "BBBB2222";
  refused.upload = core::UploadState::acked;
  refused.status = core::ClaimStatus::rejected;
  refused.reason = "结算单重复";
  core::ClaimLine held = waiting;
  held.number = "CCCC3333";
  held.upload = core::UploadState::quarantined;
  session.handle(
      core::claims::Listed{
          session.visit().number, core::claims::ListResult::listed, {waiting, refused, held}},
      core::TimePoint{});
  const auto text = frame_text(ui, session);
  CHECK(has(text, "申报编号AAAA1111"));
  CHECK(has(text, "待上传"));
  CHECK(has(text, "预计互助金880.00元"));
  CHECK(has(text, "未通过"));
  CHECK(has(text, "原因：结算单重复"));
  CHECK(has(text, "工作人员会处理"));
  CHECK(has(text, "2026-11-02"));

  apply(session, ui.tap(session, "progress.back"));
  CHECK(session.screen_if<core::screen::Menu>());
}
