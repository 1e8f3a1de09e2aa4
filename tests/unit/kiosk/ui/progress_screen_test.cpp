// The progress screen (查询申报进度) in headless frames: a refusal's reason as long as the sync
// worker keeps (200 characters) is drawn whole, in its own row, above the next claim.
#include <string>

#include "base/utf8.h"
#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;

namespace {
std::size_t characters(const std::string& text) {
  return base::utf8_decode(text).size();
}

core::Session progress_visit() {
  core::Session session({900s, core::Language::zh_CN});
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("诸葛孔瑾");
  identity.id_number = core::Secret("110105198503172314");
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});
  session.handle(core::PersonInput{core::ScreenIntent{core::screen::Menu::Intent{
                     core::screen::Menu::Open{core::screen::Menu::Item::progress}}}},
                 core::TimePoint{});
  return session;
}

std::string drawn(testing::HeadlessUi& ui, const core::Session& session) {
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  const ImDrawData* data = ImGui::GetDrawData();
  REQUIRE(data != nullptr);
  std::string text = testing::drawn_text(*data, *ImGui::GetIO().Fonts);
  std::erase(text, '\n');  // a wrapped reason is one run per line
  return text;
}
}  // namespace

TEST_CASE("progress draws a 200-character refusal reason whole, above the next claim",
          "[ui][frame][progress]") {
  auto catalogue = testing::load_catalogue();
  // The body font with every ideograph, as the kiosk builds it: a reason is not catalogue text.
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  auto session = progress_visit();
  REQUIRE(session.screen_if<core::screen::Progress>());

  // 200 characters, as many as the worker keeps of a reason.
  std::string reason;
  const std::u32string sentence = U"所附发票与医保结算单上的金额不一致，请携带原件到服务台核对。";
  while (characters(reason) + sentence.size() <= 200) reason += testing::to_utf8(sentence);
  const std::u32string filler = U"请核对";
  for (std::size_t i = 0; characters(reason) < 200; ++i) {
    reason += testing::to_utf8(std::u32string(1, filler[i % filler.size()]));
  }
  REQUIRE(characters(reason) == 200);

  core::ClaimLine refused;
  refused.number = "AAAA1111";
  refused.date = core::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{2}};
  refused.upload = core::UploadState::acked;
  refused.status = core::ClaimStatus::rejected;
  refused.benefit_fen = 88000;
  refused.reason = reason;
  core::ClaimLine paid = refused;
  paid.number = "BBBB2222";
  paid.status = core::ClaimStatus::paid;
  paid.reason.clear();
  session.handle(
      core::claims::Listed{
          session.visit().number, core::claims::ListResult::listed, {refused, paid}},
      core::TimePoint{});
  const std::string text = drawn(ui, session);
  INFO(text);
  const auto at = text.find("原因：" + reason);
  CHECK(at != std::string::npos);
  const auto next = text.find("申报编号BBBB2222");
  CHECK(next != std::string::npos);
  CHECK(next > at);  // drawn after the whole reason, so in the row below
  CHECK(text.find("已发放") != std::string::npos);
  // The reason's row grew to hold its lines: at 1080 px it wraps to several.
  const auto row0 = ui.host().item_rect("progress/0");
  const auto row1 = ui.host().item_rect("progress/1");
  REQUIRE(row0);
  REQUIRE(row1);
  const float line = ui.fonts().body->FontSize;
  CHECK((row0->w - row0->y) - (row1->w - row1->y) > 4.0f * line);
  CHECK(row1->y >= row0->w);
}
