// kioskctl store: check a store's integrity, see its upload queue, purge old personal data.
#include <filesystem>

#include <fmt/core.h>

#include "args.h"
#include "kiosk/store/store.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {
constexpr std::string_view kUsage =
    "usage: kioskctl store check --db PATH\n"
    "       kioskctl store queue --db PATH\n"
    "       kioskctl store purge --db PATH --days N\n"
    "  check  SQLite integrity, the audit hash chain, every stored body and personal value;\n"
    "         exit 0 when sound, 1 with one line per problem otherwise. check and queue open\n"
    "         the database read-only: they never write, migrate or checkpoint it, and refuse\n"
    "         a file that is not a sound database (an empty file too) without touching it\n"
    "         or the -wal beside it\n"
    "  queue  the upload queue's counts per state and the age of the oldest pending claim\n"
    "  purge  removes personal data of claims uploaded more than N days ago\n"
    "The key file is PATH.key.\n";

int fail(const store::Error& error) {
  fmt::print(stderr, "kioskctl store: {}\n", error.message);
  return kExitFailure;
}

std::expected<store::Store, store::Error> open_existing(const std::string& db,
                                                        store::Access access) {
  if (!std::filesystem::exists(db)) {
    return std::unexpected(
        store::Error{store::Error::Kind::io, fmt::format("there is no database at {}", db), ""});
  }
  return store::Store::open(store::StoreOptions{.db_path = db,
                                                .key_path = {},  // <db>.key
                                                .create_key = store::CreateKey::never,
                                                .on_damage = store::OnDamage::fail,
                                                .access = access});
}

int check(const std::string& db) {
  auto opened = open_existing(db, store::Access::read_only);
  if (!opened) return fail(opened.error());
  auto report = opened->check();
  if (!report) return fail(report.error());
  for (const auto& problem : report->problems) fmt::print("problem: {}\n", problem);
  fmt::print("{}: {} claims, {} outbox items, {} audit entries\n",
             report->sound() ? "sound" : "NOT SOUND", report->claims, report->outbox_items,
             report->audit_entries);
  return report->sound() ? kExitOk : kExitFailure;
}

int queue(const std::string& db) {
  auto opened = open_existing(db, store::Access::read_only);
  if (!opened) return fail(opened.error());
  auto counts = store::Outbox(*opened).counts(store::now());
  if (!counts) return fail(counts.error());
  fmt::print("pending {}  sending {}  retry_wait {}  quarantined {}  acked {}\n", counts->pending,
             counts->sending, counts->retry_wait, counts->quarantined, counts->acked);
  if (counts->oldest_pending_age) {
    fmt::print(
        "oldest waiting claim: {} minutes\n",
        std::chrono::duration_cast<std::chrono::minutes>(*counts->oldest_pending_age).count());
  }
  if (counts->last_error_class) {
    fmt::print("last error: {}\n", core::to_string(*counts->last_error_class));
  }
  return kExitOk;
}

int purge(const std::string& db, const ParsedArgs& args) {
  auto days = args.get_int("--days", 0, 36500);
  if (!days) return usage_error(days.error());
  if (!*days) return usage_error("store purge needs --days");
  auto opened = open_existing(db, store::Access::read_write);
  if (!opened) return fail(opened.error());
  auto purged = opened->purge_synced_personal_data(static_cast<int>(**days), store::now());
  if (!purged) return fail(purged.error());
  fmt::print("purged the personal data of {} uploaded claims\n", *purged);
  return kExitOk;
}

int run(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kUsage);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  auto args = parse_args(Args(raw.begin() + 1, raw.end()), {{"--db", "--days"}, {}});
  if (!args) return usage_error(args.error());
  auto db = args->get("--db");
  if (!db) return usage_error(fmt::format("store {} needs --db", raw[0]));
  if (raw[0] == "check") return check(*db);
  if (raw[0] == "queue") return queue(*db);
  if (raw[0] == "purge") return purge(*db, *args);
  return usage_error(fmt::format("unknown store command '{}'; `kioskctl store --help`", raw[0]));
}
}  // namespace

KIOSKCTL_COMMAND(store, "store", "check a store, show its upload queue, purge old personal data",
                 run);

}  // namespace kiosk::ctl
