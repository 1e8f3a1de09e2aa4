// kioskctl sync run|status|quarantined|requeue: drain the outbox to the central server, show
// where it stands, list the claims the server refused, and send refused claims again.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "args.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/worker.h"
#if __has_include("kiosk/app/config.h")
#include "kiosk/app/config.h"
#define KIOSKCTL_HAS_APP_CONFIG 1
#endif

namespace kiosk::ctl {
namespace {
constexpr const char* kUsage =
    "usage: kioskctl sync run (--config FILE | --db PATH --server URL --tls-dir DIR)\n"
    "                         [--until-empty] [--timeout-s N]\n"
    "       kioskctl sync status (--config FILE | --db PATH --server URL --tls-dir DIR)\n"
    "       kioskctl sync quarantined (--config FILE | --db PATH)\n"
    "       kioskctl sync requeue (--config FILE | --db PATH) (CLAIM_UUID... | --all)\n"
    "run sends what is due now (with --until-empty: keeps going, retries included, until\n"
    "nothing is pending, or N seconds, default 300) and prints\n"
    "{\"acked\", \"quarantined\", \"quarantined_now\", \"pending\", \"last_error_class\"};\n"
    "exit 0 when nothing is left to send, 1 when something is, and 5 when the server refused\n"
    "claims for good in this run (quarantined_now of them: see sync quarantined).\n"
    "status prints the queue and probes the server without sending.\n"
    "quarantined prints one line per claim the server refused for good:\n"
    "{\"claim_uuid\", \"attempts\", \"error_class\", \"reason\"}. requeue makes them due again\n"
    "with the same frozen body, after the cause was fixed; a uuid that is not quarantined\n"
    "changes nothing and exits 1.\n"
    "--tls-dir holds ca.pem, kiosk.pem and kiosk.key as deploy/dev-ca.sh names them; the\n"
    "database's key file is PATH.key.\n";

// `sync run`: claims were quarantined in this run.
constexpr int kExitQuarantined = 5;

struct Target {
  std::filesystem::path db;
  sync::ClientOptions client;
  std::string terminal_id;
};

std::expected<Target, std::string> target_from(const ParsedArgs& args, bool needs_server) {
  Target t;
  if (auto config_path = args.get("--config")) {
    if (args.has("--db") || args.has("--server") || args.has("--tls-dir")) {
      return std::unexpected("use either --config or --db/--server/--tls-dir, not both");
    }
#ifdef KIOSKCTL_HAS_APP_CONFIG
    auto config = app::load_config(*config_path);
    if (!config) return std::unexpected(config.error());
    t.db = config->database_path();
    t.client.base_url = config->central.url;
    t.client.ca_file = config->central.ca_file.empty() ? config->data_dir / "tls" / "ca.pem"
                                                       : config->central.ca_file;
    // Empty paths mean the files deploy/dev-ca.sh makes, in <data_dir>/tls (deploy/kiosk.toml).
    t.client.cert_file = config->central.cert_file.empty() ? config->data_dir / "tls" / "kiosk.pem"
                                                           : config->central.cert_file;
    t.client.key_file = config->central.key_file.empty() ? config->data_dir / "tls" / "kiosk.key"
                                                         : config->central.key_file;
    t.terminal_id = config->terminal_id;
    return t;
#else
    return std::unexpected(
        "this kioskctl was built without the kiosk configuration reader; "
        "use --db, --server and --tls-dir");
#endif
  }
  auto db = args.get("--db");
  auto server = args.get("--server");
  auto tls = args.get("--tls-dir");
  if (!needs_server) {
    if (!db) return std::unexpected("this sync command needs --config FILE or --db PATH");
    if (server || tls) return std::unexpected("this sync command takes no --server or --tls-dir");
    t.db = *db;
    return t;
  }
  if (!db || !server || !tls) {
    return std::unexpected("sync needs --config FILE, or --db PATH --server URL --tls-dir DIR");
  }
  t.db = *db;
  t.client = sync::client_options_from_tls_dir(*server, *tls);
  return t;
}

// status and quarantined only look: read-only, so they change neither the file nor its -wal.
std::expected<store::Store, std::string> open_store(const std::filesystem::path& db,
                                                    store::Access access) {
  if (!std::filesystem::exists(db)) {
    return std::unexpected(fmt::format("there is no database at {}", db.string()));
  }
  store::StoreOptions options;
  options.db_path = db;
  options.create_key = store::CreateKey::never;
  options.on_damage = store::OnDamage::fail;
  options.access = access;
  auto opened = store::Store::open(options);
  if (!opened) return std::unexpected(opened.error().message);
  return std::move(*opened);
}

nlohmann::json optional_text(const std::optional<core::ErrorClass>& cls) {
  return cls ? nlohmann::json(core::to_string(*cls)) : nlohmann::json(nullptr);
}

int run(const Target& target, bool until_empty, std::int64_t timeout_s) {
  auto opened = open_store(target.db, store::Access::read_write);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  sync::SyncOptions options;
  options.terminal_id = target.terminal_id;
  sync::Worker worker(*opened, target.client, options);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  auto result = until_empty ? worker.run_until_empty(deadline) : worker.run_due(deadline);
  if (!result) {
    fmt::print(stderr, "kioskctl sync: {} ({})\n", result.error().message,
               sync::to_string(result.error().cls));
    return kExitFailure;
  }
  const auto s = worker.state();
  const nlohmann::json out = {{"acked", s.queue.acked},
                              {"quarantined", s.queue.quarantined},
                              {"quarantined_now", s.quarantined_by_worker},
                              {"pending", s.queue.pending + s.queue.sending + s.queue.retry_wait},
                              {"last_error_class", optional_text(s.last_error_class)}};
  fmt::print("{}\n", out.dump());
  // A supervisor or script must notice refused claims: they wait for staff, not for retries.
  if (s.quarantined_by_worker > 0) return kExitQuarantined;
  return *result ? kExitOk : kExitFailure;
}

int status(const Target& target) {
  auto opened = open_store(target.db, store::Access::read_only);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  auto counts = store::Outbox(*opened).counts(store::now());
  if (!counts) {
    fmt::print(stderr, "kioskctl sync: {}\n", counts.error().message);
    return kExitFailure;
  }
  nlohmann::json out = {
      {"acked", counts->acked},
      {"quarantined", counts->quarantined},
      {"pending", counts->pending + counts->sending + counts->retry_wait},
      {"retry_wait", counts->retry_wait},
      {"sending", counts->sending},
      {"oldest_pending_age_s",
       counts->oldest_pending_age ? nlohmann::json(std::chrono::duration_cast<std::chrono::seconds>(
                                                       *counts->oldest_pending_age)
                                                       .count())
                                  : nlohmann::json(nullptr)},
      {"last_acked_ms", counts->last_acked ? nlohmann::json(store::unix_ms(*counts->last_acked))
                                           : nlohmann::json(nullptr)},
      {"last_error_class", optional_text(counts->last_error_class)}};
  // A health probe tells whether the server is reachable now, and if not, why.
  auto client = sync::Client::create(target.client);
  if (client) {
    auto probe = client->health();
    out["server_reachable"] = probe.has_value();
    out["probe_error_class"] =
        probe ? nlohmann::json(nullptr) : nlohmann::json(sync::to_string(probe.error().cls));
  } else {
    out["server_reachable"] = false;
    out["probe_error_class"] = sync::to_string(client.error().cls);
  }
  fmt::print("{}\n", out.dump());
  return kExitOk;
}

int quarantined(const Target& target) {
  auto opened = open_store(target.db, store::Access::read_only);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  auto items = store::Outbox(*opened).items(store::OutboxState::quarantined, 0);
  if (!items) {
    fmt::print(stderr, "kioskctl sync: {}\n", items.error().message);
    return kExitFailure;
  }
  for (const auto& item : *items) {
    fmt::print("{}\n", nlohmann::json{{"claim_uuid", item.claim_uuid},
                                      {"attempts", item.attempts},
                                      {"error_class", item.last_error_class
                                                          ? core::to_string(*item.last_error_class)
                                                          : ""},
                                      {"reason", item.last_error_message}}
                           .dump());
  }
  return kExitOk;
}

int requeue(const Target& target, const std::vector<std::string>& uuids, bool all) {
  auto opened = open_store(target.db, store::Access::read_write);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  store::Outbox outbox(*opened);
  auto items = outbox.items(store::OutboxState::quarantined, 0);
  if (!items) {
    fmt::print(stderr, "kioskctl sync: {}\n", items.error().message);
    return kExitFailure;
  }
  std::vector<std::int64_t> ids;
  for (const auto& item : *items) {
    if (all) ids.push_back(item.id);
  }
  for (const auto& uuid : uuids) {
    const auto it = std::find_if(items->begin(), items->end(),
                                 [&](const auto& item) { return item.claim_uuid == uuid; });
    if (it == items->end()) {
      fmt::print(stderr, "kioskctl sync: claim {} is not quarantined; nothing was requeued\n",
                 uuid);
      return kExitFailure;
    }
    ids.push_back(it->id);
  }
  int requeued = 0;
  for (const auto id : ids) {
    if (auto ok = outbox.requeue(id, store::now()); !ok) {
      fmt::print(stderr, "kioskctl sync: {} ({} requeued before it)\n", ok.error().message,
                 requeued);
      return kExitFailure;
    }
    ++requeued;
  }
  fmt::print("{}\n", nlohmann::json{{"requeued", requeued}}.dump());
  return kExitOk;
}

int sync_command(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kUsage);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  const std::string& verb = raw[0];
  if (verb != "run" && verb != "status" && verb != "quarantined" && verb != "requeue") {
    return usage_error(
        fmt::format("unknown sync command '{}'; use run, status, quarantined or requeue", verb));
  }
  auto args = parse_args(
      Args(raw.begin() + 1, raw.end()),
      {{"--config", "--db", "--server", "--tls-dir", "--timeout-s"}, {"--until-empty", "--all"}});
  if (!args) return usage_error(args.error());
  if (verb == "requeue") {
    if (args->positionals.empty() == !args->has("--all")) {
      return usage_error("sync requeue takes claim uuids or --all");
    }
  } else if (!args->positionals.empty()) {
    return usage_error(fmt::format("unexpected argument '{}'", args->positionals[0]));
  }
  const bool offline = verb == "quarantined" || verb == "requeue";
  if (!offline && args->has("--all")) return usage_error("only sync requeue takes --all");
  if (verb != "run" && (args->has("--until-empty") || args->has("--timeout-s"))) {
    return usage_error(fmt::format("sync {} takes no --until-empty or --timeout-s", verb));
  }
  auto target = target_from(*args, !offline);
  if (!target) return usage_error(target.error());
  if (verb == "quarantined") return quarantined(*target);
  if (verb == "requeue") return requeue(*target, args->positionals, args->has("--all"));
  // stdout carries the one JSON result line; the worker's log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("sync"));
  if (verb == "status") return status(*target);
  auto timeout = args->get_int("--timeout-s", 1, 7 * 24 * 3600);
  if (!timeout) return usage_error(timeout.error());
  return run(*target, args->has("--until-empty"), timeout->value_or(300));
}
}  // namespace

KIOSKCTL_COMMAND(sync, "sync",
                 "upload the claim outbox to the central server, show it, requeue refused claims",
                 sync_command);

}  // namespace kiosk::ctl
