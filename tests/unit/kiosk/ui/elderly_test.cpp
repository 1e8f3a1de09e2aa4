// The elderly-friendly checks over the real screens: every text colour pair at WCAG 7:1,
// every touch target at least 15 mm on the configured panel on every screen in both text
// sizes, and large text's body at 44 px or more. The figures print for the note.
#include <algorithm>
#include <functional>

#include <fmt/core.h>

#include "../core/records_fixture.h"
#include "drawn_text.h"
#include "headless_ui.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/theme.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace kiosk::core::testing;
using namespace std::chrono_literals;

namespace {
const ImVec2 kPanel(1080, 1920);

template <class Intent>
void tap(core::Session& session, Intent intent) {
  session.handle(core::PersonInput{core::ScreenIntent{std::move(intent)}}, core::TimePoint{});
}

core::Session loaded_visit(core::TextSize size) {
  core::Session session({900s, core::Language::zh_CN});
  session.handle(core::person::SetTextSize{size}, {});
  std::vector<core::Bill> bills;
  for (int i = 0; i < 12; ++i) {
    bills.push_back(make_bill(fmt::format("B{}", i), ymd(2026, 10 - i % 9, 1 + i), 150000 + i));
  }
  open_visit(session, std::move(bills));
  return session;
}

core::Session staff_session(core::screen::StaffHome::Page page, bool open) {
  core::Session session({900s, core::Language::zh_CN});
  tap(session, core::screen::Attract::Intent{core::screen::Attract::OpenStaff{}});
  session.handle(core::staff::PinChecked{core::staff::PinVerdict::accepted, {"S001"}, 0, 0s}, {});
  if (open) tap(session, core::screen::StaffHome::Intent{core::screen::StaffHome::Open{page}});
  return session;
}

// Every screen the terminal shows, by name, built through the session as a person gets there.
std::vector<std::pair<std::string, std::function<core::Session()>>> every_screen(
    core::TextSize size) {
  using Menu = core::screen::Menu;
  using Form = core::screen::ClaimForm;
  using Home = core::screen::StaffHome;
  std::vector<std::pair<std::string, std::function<core::Session()>>> screens;
  screens.emplace_back("attract", [=] {
    core::Session s({900s, core::Language::zh_CN});
    s.handle(core::person::SetTextSize{size}, {});
    return s;
  });
  screens.emplace_back("menu", [=] { return loaded_visit(size); });
  screens.emplace_back("records", [=] {
    auto s = loaded_visit(size);
    open_item(s, Menu::Item::records);
    return s;
  });
  screens.emplace_back("record_detail", [=] {
    auto s = loaded_visit(size);
    open_item(s, Menu::Item::records);
    tap(s, core::screen::Records::Intent{core::screen::Records::Open{"B0"}});
    return s;
  });
  screens.emplace_back("statement", [=] {
    auto s = loaded_visit(size);
    open_item(s, Menu::Item::statement);
    return s;
  });
  for (int steps = 0; steps < 4; ++steps) {
    screens.emplace_back(fmt::format("claim step {}", steps + 1), [=] {
      auto s = loaded_visit(size);
      open_item(s, Menu::Item::claim);
      if (s.screen_if<Form>()->chosen_count() == 0) tap(s, Form::Intent{Form::Toggle{0}});
      for (int i = 0; i < steps; ++i) tap(s, Form::Intent{Form::Next{}});
      if (steps == 2) tap(s, Form::Intent{Form::Edit{Form::Field::bank_account}});
      return s;
    });
  }
  screens.emplace_back("progress", [=] {
    auto s = loaded_visit(size);
    open_item(s, Menu::Item::progress);
    s.handle(core::claims::Listed{s.visit().number,
                                  core::claims::ListResult::listed,
                                  {claim_line({"B1"}, core::UploadState::pending)}},
             {});
    return s;
  });
  screens.emplace_back("staff_pin", [=] {
    core::Session s({900s, core::Language::zh_CN});
    tap(s, core::screen::Attract::Intent{core::screen::Attract::OpenStaff{}});
    return s;
  });
  screens.emplace_back("staff", [=] { return staff_session(Home::Page::queue, false); });
  screens.emplace_back("staff_queue", [=] { return staff_session(Home::Page::queue, true); });
  screens.emplace_back("staff_reprint", [=] { return staff_session(Home::Page::reprint, true); });
  screens.emplace_back("staff_devices", [=] { return staff_session(Home::Page::devices, true); });
  screens.emplace_back("staff_summary", [=] { return staff_session(Home::Page::summary, true); });
  return screens;
}

StaffView sample_staff_view() {
  StaffView view;
  for (int i = 1; i <= 3; ++i) {
    StaffClaimRow row;
    row.uuid = fmt::format("uuid-{}", i);
    row.sequence = i;
    row.short_id = fmt::format("3F2A9C1{}", i);
    row.created = "11-29 14:03";
    row.upload = i == 2 ? core::UploadState::quarantined : core::UploadState::acked;
    row.reason = i == 2 ? "结算单 B1 已在其他申报中" : "";
    row.benefit_fen = 88000;
    view.claims.push_back(row);
  }
  view.printer_state = "staff.printer_paper_near_end";
  view.reader_state = "staff.reader_online";
  view.server_state = "staff.server_ok";
  view.clock_state = "staff.clock_ok";
  view.day.date = "2026-11-29";
  return view;
}

}  // namespace

TEST_CASE("every text colour pair of the theme has at least 7:1 contrast", "[ui][elderly]") {
  float lowest = 21.0f;
  const char* lowest_use = "";
  for (const auto& pair : kTextPairs) {
    const float ratio = contrast_ratio(pair.text, pair.background);
    INFO(pair.use << ": " << ratio);
    CHECK(ratio >= 7.0f);
    if (ratio < lowest) {
      lowest = ratio;
      lowest_use = pair.use;
    }
  }
  fmt::print("contrast: {} pairs, lowest {:.2f}:1 ({})\n", std::size(kTextPairs), lowest,
             lowest_use);
  // The formula itself: black on white is 21:1, a colour on itself 1:1.
  CHECK(contrast_ratio(IM_COL32_BLACK, IM_COL32_WHITE) == Approx(21.0f));
  CHECK(contrast_ratio(color::kBrand, color::kBrand) == Approx(1.0f));
}

TEST_CASE("every touch target on every screen is at least 15 mm, in both text sizes",
          "[ui][elderly][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, kPanel);
  ui.set_staff(sample_staff_view(), QueueView{2, 1, 300s, "network"});
  const float px_per_mm = px_per_mm_from_diagonal(kPanel, kDefaultPanelDiagonalInch);
  for (auto size : {core::TextSize::normal, core::TextSize::large}) {
    float smallest = 1e9f;
    std::string smallest_item;
    int targets = 0;
    for (auto& [name, build] : every_screen(size)) {
      core::Session session = build();
      ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
      ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
      REQUIRE_FALSE(ui.failure());
      INFO(name << " (" << session.screen_name() << ")");
      CHECK(ui.host().item_rects().size() > 1);
      for (const auto& [item, r] : ui.host().item_rects()) {
        if (item == "attract.staff_marker") continue;  // a note for staff, not a target
        const float side_mm = std::min(r.z - r.x, r.w - r.y) / px_per_mm;
        INFO(item << ": " << side_mm << " mm");
        CHECK(side_mm >= kMinTouchTargetMm - 0.01f);
        ++targets;
        if (side_mm < smallest) {
          smallest = side_mm;
          smallest_item = name + ": " + item;
        }
      }
    }
    fmt::print("targets ({} text): {} checked over {} screens, smallest {:.1f} mm ({})\n",
               size == core::TextSize::large ? "large" : "normal", targets,
               every_screen(size).size(), smallest, smallest_item);
  }
}

TEST_CASE("large text draws the body at 44 px or more and headings larger",
          "[ui][elderly][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, kPanel);
  std::map<core::TextSize, std::map<int, int>> sizes;
  std::map<core::TextSize, std::size_t> rows;
  for (auto size : {core::TextSize::normal, core::TextSize::large}) {
    for (auto item : {core::screen::Menu::Item::records, core::screen::Menu::Item::progress}) {
      auto session = loaded_visit(size);
      if (item == core::screen::Menu::Item::records) {
        open_item(session, item);
      }
      ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
      ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
      for (auto [px, n] : testing::drawn_text_sizes(*ImGui::GetDrawData(), ui.atlas())) {
        sizes[size][px] += n;
      }
      if (item == core::screen::Menu::Item::records) {
        for (const auto& [id, r] : ui.host().item_rects()) {
          if (id.starts_with("records/")) ++rows[size];
        }
      }
    }
  }
  // The body is the size most glyphs are drawn at; headings the largest but the clock.
  auto body = [&](core::TextSize size) {
    return std::max_element(sizes[size].begin(), sizes[size].end(),
                            [](auto a, auto b) { return a.second < b.second; })
        ->first;
  };
  auto largest = [&](core::TextSize size) { return sizes[size].rbegin()->first; };
  fmt::print(
      "body text: normal {} px, large {} px; largest text: normal {} px, large {} px; "
      "records in view: normal {}, large {}\n",
      body(core::TextSize::normal), body(core::TextSize::large), largest(core::TextSize::normal),
      largest(core::TextSize::large), rows[core::TextSize::normal], rows[core::TextSize::large]);
  CHECK(body(core::TextSize::normal) == 36);
  CHECK(body(core::TextSize::large) >= 44);
  CHECK(largest(core::TextSize::large) > largest(core::TextSize::normal));
  // Fewer records per screen.
  CHECK(rows[core::TextSize::large] < rows[core::TextSize::normal]);
}
