// kioskctl claims: write demo claims into a store and list what it holds (masked).
#include <cstdio>
#include <filesystem>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "args.h"
#include "kiosk/core/money.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/store.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {
constexpr std::string_view kUsage =
    "usage: kioskctl claims add-demo --db PATH --count N\n"
    "       kioskctl claims list --db PATH [--json]\n"
    "  add-demo  saves N demo claims, one durable transaction each, and prints each uuid\n"
    "            as soon as its commit returns\n"
    "  list      the stored claims, newest first, with personal data masked; opens the\n"
    "            database read-only and changes nothing, not even the -wal beside it\n"
    "The key file is PATH.key (created with the database).\n";

int fail(const store::Error& error) {
  fmt::print(stderr, "kioskctl claims: {}\n", error.message);
  return kExitFailure;
}

int add_demo(const ParsedArgs& args) {
  auto db = args.get("--db");
  auto count = args.get_int("--count", 1, 1'000'000);
  if (!count) return usage_error(count.error());
  if (!db || !*count) return usage_error("claims add-demo needs --db and --count");
  auto opened = store::Store::open(store::StoreOptions{.db_path = *db,
                                                       .key_path = {},  // <db>.key
                                                       .create_key = store::CreateKey::if_missing,
                                                       .on_damage = store::OnDamage::move_aside});
  if (!opened) return fail(opened.error());
  if (const auto& report = opened->open_report(); report.moved_aside) {
    fmt::print(stderr, "kioskctl claims: the damaged database was moved to {} ({})\n",
               report.moved_aside->string(), report.damage);
  }
  for (std::int64_t i = 0; i < **count; ++i) {
    core::Claim claim = store::demo_claim(static_cast<std::size_t>(i), "DEMO-0001");
    auto saved = opened->save_claim(claim, store::now());
    if (!saved) return fail(saved.error());
    // Printed only after the commit returned: every printed uuid must be in the database.
    fmt::print("{}\n", claim.uuid);
    std::fflush(stdout);
  }
  return kExitOk;
}

int list(const ParsedArgs& args) {
  auto db = args.get("--db");
  if (!db) return usage_error("claims list needs --db");
  if (!std::filesystem::exists(*db)) {
    fmt::print(stderr, "kioskctl claims: there is no database at {}\n", *db);
    return kExitFailure;
  }
  auto opened = store::Store::open(store::StoreOptions{.db_path = *db,
                                                       .key_path = {},  // <db>.key
                                                       .create_key = store::CreateKey::never,
                                                       .on_damage = store::OnDamage::fail,
                                                       .access = store::Access::read_only});
  if (!opened) return fail(opened.error());
  auto claims = opened->list_claims();
  if (!claims) return fail(claims.error());
  for (const auto& c : *claims) {
    if (args.has("--json")) {
      nlohmann::ordered_json line = {
          {"uuid", c.uuid},
          {"sequence", c.sequence},
          {"created_at", c.created_at},
          {"state", core::to_string(c.state)},
          {"attempts", c.attempts},
          {"server_status",
           c.server_status ? nlohmann::ordered_json(core::to_string(*c.server_status)) : nullptr},
          {"name", c.name_masked},
          {"id_number", c.id_number_masked},
          {"phone", c.phone_masked},
          {"bank_account", c.bank_account_masked},
          {"bills", c.bill_count},
          {"bills_total_fen", c.bills_total_fen},
          {"personal_paid_fen", c.personal_paid_fen},
          {"total_benefit_fen", c.total_benefit_fen},
          {"purged", c.purged}};
      fmt::print("{}\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("{:>6} {} {:<11} {} {} {:>12} yuan  {}\n", c.sequence, c.uuid,
                 core::to_string(c.state), c.name_masked, c.id_number_masked,
                 core::format_yuan(c.total_benefit_fen), c.created_at);
    }
  }
  return kExitOk;
}

int run(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kUsage);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  auto args = parse_args(Args(raw.begin() + 1, raw.end()), {{"--db", "--count"}, {"--json"}});
  if (!args) return usage_error(args.error());
  if (raw[0] == "add-demo") return add_demo(*args);
  if (raw[0] == "list") return list(*args);
  return usage_error(fmt::format("unknown claims command '{}'; `kioskctl claims --help`", raw[0]));
}
}  // namespace

KIOSKCTL_COMMAND(claims, "claims", "add demo claims to a store, list stored claims", run);

}  // namespace kiosk::ctl
