// The statement as the kiosk prints it, through the real spooler to the virtual printer over
// TCP: the PNG it keeps is read with zbarimg, and the QR code gives the verification number.
#include <catch2/catch.hpp>

#include <filesystem>

#include "drivers/printer/encoder.h"
#include "drivers/printer/spooler.h"
#include "drivers/printer/virtual_printer.h"
#include "harness.h"
#include "kiosk/receipts/statement_receipt.h"

using namespace kiosk;
using namespace std::chrono_literals;
namespace dp = drivers::printer;

TEST_CASE("a printed statement's PNG from the virtual printer scans back to its number") {
  test::TempDir dir;
  dp::VirtualPrinterOptions printer_options;
  printer_options.out_dir = dir.path() / "prints";
  auto printer = dp::VirtualPrinter::start(std::move(printer_options));
  REQUIRE(printer);
  auto statement = receipts::sample_statement(5);
  std::array<std::uint8_t, receipts::kVerificationRandomBytes> random{1, 2, 3, 4, 5,
                                                                      6, 7, 8, 9, 10};
  statement.verification_number = receipts::make_verification_number(random);
  auto document = receipts::statement_receipt(statement);
  REQUIRE(document);
  auto encoded = dp::encode(*document, dp::generic_80mm());
  REQUIRE(encoded);
  dp::SpoolerOptions options;
  options.uri = (*printer)->uri();
  options.idle_poll = 0ms;
  auto result = dp::print_job(options, encoded->bytes, 1);
  REQUIRE(result.outcome == dp::JobResult::Outcome::done);
  REQUIRE((*printer)->wait_for_pages(1, 20s));
  const auto png = (*printer)->pages().front();
  // Kept under the build folder for people to look at.
  const auto kept = test::binary("statement-printed");
  std::filesystem::create_directories(kept);
  std::filesystem::copy_file(png, kept / "statement-80mm.png",
                             std::filesystem::copy_options::overwrite_existing);
  auto scanned = test::run_command("zbarimg --raw -q '" + png.string() + "'");
  CHECK(scanned.status == 0);
  CHECK(scanned.out.find("KIOSK-STATEMENT:" + statement.verification_number) != std::string::npos);
  (*printer)->stop();
}
