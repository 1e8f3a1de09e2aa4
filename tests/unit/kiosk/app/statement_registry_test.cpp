// The statement registration queue: durable before printing, sent until the server has it,
// never twice once it has. The sender is the HTTP exchange's result; the real one posts with
// sync::Client (Kiosk::start_statements).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include "services/statement_print.h"
#include "services/statement_registry.h"
#include "temp_dir.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

// Counts what reaches the "server" per body, and answers what the test says.
struct FakeServer {
  RegisterResult answer = RegisterResult::registered;
  std::map<std::string, int> received;
  RegisterSender sender() {
    return [this](const std::string& body, std::string& why) {
      ++received[body];
      if (answer != RegisterResult::registered) why = "HTTP 503: busy";
      return answer;
    };
  }
};

const system_clock::time_point t0 = sys_days{2026y / November / 29};

}  // namespace

TEST_CASE("a registration is sent once the server has it, never again", "[statement]") {
  kiosk::testing::TempDir dir("kiosk-statement-registry");
  auto registry = StatementRegistry::open(dir.path() / "statements.db");
  REQUIRE(registry);
  REQUIRE((*registry)->add("ST-0000-0000-0000-0001", "{\"n\":1}"));
  REQUIRE((*registry)->add("ST-0000-0000-0000-0001", "{\"n\":1}"));  // the same again: one row
  FakeServer server;
  CHECK((*registry)->send_due(server.sender(), t0) == 1);
  CHECK((*registry)->send_due(server.sender(), t0 + 1h) == 0);
  CHECK(server.received == std::map<std::string, int>{{"{\"n\":1}", 1}});
  CHECK((*registry)->counts().registered == 1);
  CHECK((*registry)->counts().pending == 0);
}

TEST_CASE("a registration made offline survives a restart and goes when the server is back",
          "[statement]") {
  kiosk::testing::TempDir dir("kiosk-statement-registry");
  FakeServer server;
  server.answer = RegisterResult::retry;
  {
    auto registry = StatementRegistry::open(dir.path() / "statements.db");
    REQUIRE(registry);
    REQUIRE((*registry)->add("ST-0000-0000-0000-0002", "{\"n\":2}"));
    CHECK((*registry)->send_due(server.sender(), t0) == 1);
    // Backoff: not again before the first retry delay has passed.
    CHECK((*registry)->send_due(server.sender(), t0 + kFirstRetryDelay - 1s) == 0);
    CHECK((*registry)->send_due(server.sender(), t0 + kFirstRetryDelay) == 1);
    // The second retry waits twice as long.
    CHECK((*registry)->send_due(server.sender(), t0 + kFirstRetryDelay * 2) == 0);
    CHECK((*registry)->counts().pending == 1);
  }
  auto reopened = StatementRegistry::open(dir.path() / "statements.db");
  REQUIRE(reopened);
  CHECK((*reopened)->counts().pending == 1);
  server.answer = RegisterResult::registered;
  CHECK((*reopened)->send_due(server.sender(), t0 + 1h) == 1);
  CHECK((*reopened)->send_due(server.sender(), t0 + 2h) == 0);
  CHECK(server.received["{\"n\":2}"] == 3);
  CHECK((*reopened)->counts().registered == 1);
}

TEST_CASE("a registration the server refuses is kept for staff and not sent again", "[statement]") {
  kiosk::testing::TempDir dir("kiosk-statement-registry");
  auto registry = StatementRegistry::open(dir.path() / "statements.db");
  REQUIRE(registry);
  REQUIRE((*registry)->add("ST-0000-0000-0000-0003", "{}"));
  FakeServer server;
  server.answer = RegisterResult::refused;
  CHECK((*registry)->send_due(server.sender(), t0) == 1);
  CHECK((*registry)->send_due(server.sender(), t0 + 24h) == 0);
  CHECK((*registry)->counts().refused == 1);
}

TEST_CASE("the sender thread sends what is added without being asked", "[statement]") {
  kiosk::testing::TempDir dir("kiosk-statement-registry");
  auto registry = StatementRegistry::open(dir.path() / "statements.db");
  REQUIRE(registry);
  std::atomic<int> sent{0};
  (*registry)->start([&](const std::string&, std::string&) {
    ++sent;
    return RegisterResult::registered;
  });
  REQUIRE((*registry)->add("ST-0000-0000-0000-0004", "{}"));
  for (int i = 0; i < 500 && (*registry)->counts().registered == 0; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  CHECK((*registry)->counts().registered == 1);
  (*registry)->stop();
  CHECK(sent == 1);
}

TEST_CASE("a database path that cannot be opened is an error naming it", "[statement]") {
  auto registry = StatementRegistry::open("/nonexistent-folder/statements.db");
  REQUIRE_FALSE(registry);
  CHECK(registry.error().find("/nonexistent-folder/statements.db") != std::string::npos);
}

TEST_CASE("the visit's statement holds the period's records and the card's person", "[statement]") {
  core::Visit visit;
  core::Identity identity;
  identity.name = core::Secret("张三丰");
  identity.id_number = core::Secret("11010519491231002X");
  visit.identity = std::move(identity);
  core::Bill in;
  in.id = "IN";
  in.institution = "北京协和医院";
  in.admitted = in.discharged = 2026y / March / 1;
  in.total_fen = 100'00;
  in.fund_paid_fen = 60'00;
  in.cash_paid_fen = 40'00;
  core::Bill out = in;
  out.id = "OUT";
  out.admitted = out.discharged = 2025y / December / 31;
  visit.bills = {out, in};
  Config config;
  config.terminal_id = "GH-0007";
  auto statement = visit_statement(visit, core::StatementPeriod::year_of(2026y), config, t0,
                                   "ST-0000-0000-0000-0005");
  REQUIRE(statement);
  REQUIRE(statement->records.size() == 1);
  CHECK(statement->records[0].id == "IN");
  CHECK(statement->period_from == 2026y / January / 1);
  CHECK(statement->period_to == 2026y / December / 31);
  CHECK(statement->member.name.reveal() == "张三丰");
  CHECK(statement->terminal_id == "GH-0007");
  auto document = statement_document(*statement);
  REQUIRE(document);
  // Not open: nothing to print.
  CHECK_FALSE(visit_statement(core::Visit{}, core::StatementPeriod::year_of(2026y), config, t0,
                              "ST-0000-0000-0000-0006"));
  // Verification numbers from the secure source differ and are well formed.
  const auto a = new_verification_number();
  const auto b = new_verification_number();
  CHECK(a != b);
  CHECK(a.size() == 22);
  CHECK(a.rfind("ST-", 0) == 0);
}
