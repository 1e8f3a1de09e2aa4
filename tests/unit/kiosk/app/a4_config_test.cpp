// [a4] printer and [statement] mask: read, defaulted, and refused with file, line and key.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "kiosk/app/config.h"

using namespace kiosk::app;
using kiosk::core::StatementMask;

TEST_CASE("no [a4] printer: statements print on the receipt printer, masked", "[config][a4]") {
  auto config = parse_config("", "kiosk.toml");
  REQUIRE(config);
  CHECK(config->a4.printer.empty());
  CHECK_FALSE(config->session.a4_printer);
  CHECK(config->statement_mask == StatementMask::name_and_id);
}

TEST_CASE("an [a4] printer by IPP address or CUPS queue name offers A4", "[config][a4]") {
  for (const char* printer : {"ipp://127.0.0.1:8631/ipp/print", "ipps://printer.local/ipp/print",
                              "Office_A4", "hall-a4.2"}) {
    auto config = parse_config(fmt::format("[a4]\nprinter = \"{}\"\n", printer), "kiosk.toml");
    INFO(printer << (config ? "" : config.error()));
    REQUIRE(config);
    CHECK(config->a4.printer == printer);
    CHECK(config->session.a4_printer);
  }
}

TEST_CASE("a bad [a4] printer names the file, the line and the key", "[config][a4]") {
  for (const char* value : {"\"\"", "\"http://127.0.0.1/ipp/print\"", "\"Office A4\"", "\"ipp://\"",
                            "631", "\"lpr:/dev/lp0\""}) {
    auto config =
        parse_config(fmt::format("# A4\n\n[a4]\nprinter = {}\n", value), "/etc/kiosk/kiosk.toml");
    INFO(value);
    REQUIRE_FALSE(config);
    CHECK(
        config.error().starts_with("/etc/kiosk/kiosk.toml:4: a4.printer: expected an IPP "
                                   "printer address such as"));
  }
}

TEST_CASE("[statement] mask: name_and_id or id_only, nothing else", "[config][a4]") {
  auto id_only = parse_config("[statement]\nmask = \"id_only\"\n", "kiosk.toml");
  REQUIRE(id_only);
  CHECK(id_only->statement_mask == StatementMask::id_only);
  auto both = parse_config("[statement]\nmask = \"name_and_id\"\n", "kiosk.toml");
  REQUIRE(both);
  CHECK(both->statement_mask == StatementMask::name_and_id);
  for (const char* value : {"\"none\"", "\"\"", "\"ID_ONLY\"", "true"}) {
    auto config = parse_config(fmt::format("[statement]\nmask = {}\n", value), "k.toml");
    INFO(value);
    REQUIRE_FALSE(config);
    CHECK(config.error().starts_with(
        "k.toml:2: statement.mask: expected \"name_and_id\" (name and ID number masked) or "
        "\"id_only\""));
  }
}
