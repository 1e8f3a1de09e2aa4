// Naming an IPP printer: a URI straight to the printer or a queue of the local CUPS server.
#include <catch2/catch.hpp>

#include "drivers/ipp/target.h"

using namespace drivers::ipp;

TEST_CASE("an ipp URI names host, port and resource") {
  auto t = parse_target("ipp://127.0.0.1:8631/ipp/print");
  REQUIRE(t);
  CHECK(t->kind == Target::Kind::uri);
  CHECK(t->host == "127.0.0.1");
  CHECK(t->port == 8631);
  CHECK(t->resource == "/ipp/print");
  CHECK(t->printer_uri == "ipp://127.0.0.1:8631/ipp/print");
  CHECK_FALSE(t->encrypted);

  auto secure = parse_target("ipps://[::1]/ipp/print");
  REQUIRE(secure);
  CHECK(secure->encrypted);
  CHECK(secure->host == "::1");
  CHECK(secure->port == 631);
}

TEST_CASE("a bare name is a CUPS queue on the local server") {
  auto t = parse_target("Office_A4-2.left");
  REQUIRE(t);
  CHECK(t->kind == Target::Kind::cups_queue);
  CHECK(t->resource == "/printers/Office_A4-2.left");
  CHECK(t->printer_uri == "ipp://localhost/printers/Office_A4-2.left");
  CHECK(t->display == "CUPS queue Office_A4-2.left");
}

TEST_CASE("what cannot name a printer is refused with the reason") {
  for (const char* bad : {"", "http://127.0.0.1/ipp/print", "socket://10.0.0.1:9100",
                          "ipp:///nohost", "Office A4", "a/b", "queue#1"}) {
    INFO(bad);
    auto t = parse_target(bad);
    REQUIRE_FALSE(t);
    CHECK(t.error().kind == Error::Kind::bad_target);
    CHECK_FALSE(t.error().message.empty());
  }
  CHECK_FALSE(parse_target(std::string(128, 'q')));
  CHECK(parse_target(std::string(127, 'q')));
}
