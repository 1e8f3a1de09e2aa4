// Heartbeats carry SyncOptions::version: by default the build's, not a number written by hand.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/sync/worker.h"

TEST_CASE("heartbeat version: the build's project version by default") {
  CHECK(kiosk::sync::SyncOptions{}.version == KIOSK_PROJECT_VERSION);
}
