// What the heartbeat says about the devices follows what the session was told.
#include <catch2/catch.hpp>

#include "services/device_states.h"
#include "services/remote_config.h"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("device states follow the reader and the printer", "[app][heartbeat]") {
  core::Session session({60s, core::Language::zh_CN});
  app::DeviceStates states;
  states.update(session);
  CHECK(states.snapshot() ==
        std::map<std::string, std::string>{{"printer", "ok"}, {"reader", "online"}});

  session.handle(core::device::ReaderStatus{core::device::Reader::offline}, core::TimePoint{});
  session.handle(core::printer::Status{true, core::printer::Paper::near_end, false},
                 core::TimePoint{});
  states.update(session);
  CHECK(states.snapshot().at("reader") == "offline");
  CHECK(states.snapshot().at("printer") == "paper_near_end");

  session.handle(core::printer::Status{true, core::printer::Paper::out, true}, core::TimePoint{});
  states.update(session);
  CHECK(states.snapshot().at("printer") == "cover_open");
  session.handle(core::printer::Status{false, core::printer::Paper::ok, false}, core::TimePoint{});
  states.update(session);
  CHECK(states.snapshot().at("printer") == "offline");
}

TEST_CASE("a bad config from the server keeps the one before", "[app][config]") {
  app::RemoteConfig remote;
  CHECK(remote.current()->notices.empty());
  REQUIRE(remote.apply(R"({"version":"v1","benefit_rules":{},"staff_pin_hashes":[],
      "notices":[{"id":"n1","title":"通知","body":"周日照常办理"}]})"));
  REQUIRE(remote.current()->notices.size() == 1);
  auto refused = remote.apply(R"({"version":"v2","notices":"none"})");
  REQUIRE_FALSE(refused);
  CHECK(remote.current()->version == "v1");
  CHECK(remote.current()->notices.size() == 1);
}
