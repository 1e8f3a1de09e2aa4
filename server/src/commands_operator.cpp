// kiosk-central's operator commands for the central staff: claims listed and filtered by
// centre, terminal, state and date; a claim's state set with a reason; the fleet of terminals
// by their last heartbeat; claims as CSV for the finance office. Each command opens the same
// --db the server uses (SQLite or PostgreSQL) and may run while the server serves.
#include <cstdio>

#include <fmt/core.h>

#include "commands.h"
#include "kiosk/core/date.h"

namespace server::cli {
namespace {
using nlohmann::json;

// The filter from --centre, --terminal, --status, --from and --to; nullopt after saying why.
std::optional<ClaimFilter> filter_of(const Options& o) {
  ClaimFilter f{o.centre.value_or(""), o.terminal.value_or(""), o.status.value_or(""),
                o.from.value_or(""), o.to.value_or("")};
  static const char* kStates[] = {"received", "reviewing", "approved", "paid", "rejected"};
  if (!f.status.empty() &&
      std::find(std::begin(kStates), std::end(kStates), f.status) == std::end(kStates)) {
    usage(fmt::format("--status {} is not a state: received, reviewing, approved, paid, rejected",
                      f.status));
    return std::nullopt;
  }
  for (const auto* date : {&f.from_date, &f.to_date}) {
    if (!date->empty() && !kiosk::core::parse_date(*date)) {
      usage(fmt::format("--from and --to take a date as YYYY-MM-DD, not '{}'", *date));
      return std::nullopt;
    }
  }
  return f;
}

// A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is
// prefixed with ' so a spreadsheet does not run it as a formula.
std::string csv(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string device(const json& heartbeat, const char* name) {
  const json* devices =
      heartbeat.is_object() && heartbeat.contains("devices") ? &heartbeat["devices"] : nullptr;
  if (devices == nullptr || !devices->is_object() || !devices->contains(name) ||
      !(*devices)[name].is_string()) {
    return "-";
  }
  return (*devices)[name].get<std::string>();
}
}  // namespace

namespace {
// The claims an operator command asks for (its --db and filters); an exit code after saying
// why not.
std::expected<std::vector<ClaimRecord>, int> filtered_claims(const Args& args,
                                                             const char* command) {
  auto o = parse(args);
  if (!o) return std::unexpected(2);
  if (!o->db || !o->positionals.empty()) {
    return std::unexpected(usage(fmt::format(
        "{} needs --db and takes --centre, --terminal, --status, --from, --to", command)));
  }
  auto filter = filter_of(*o);
  if (!filter) return std::unexpected(2);
  auto db = open_db(*o);
  if (!db) return std::unexpected(1);
  auto claims = db->list_claims(*filter);
  if (!claims) {
    fmt::print(stderr, "kiosk-central: {}\n", claims.error());
    return std::unexpected(1);
  }
  return std::move(*claims);
}
}  // namespace

int list_claims(const Args& args) {
  auto claims = filtered_claims(args, "list-claims");
  if (!claims) return claims.error();
  for (const auto& claim : *claims) {
    auto line = to_json(claim);
    line["idempotency_key"] = claim.idempotency_key;
    line["centre"] = claim.centre;
    line["eligible_fen"] = claim.eligible_fen;
    line["benefit_fen"] = claim.benefit_fen;
    fmt::print("{}\n", line.dump());
  }
  return 0;
}

int export_claims(const Args& args) {
  auto claims = filtered_claims(args, "export-claims");
  if (!claims) return claims.error();
  // No personal data: the finance office matches claims to members in the union's records
  // by claim id.
  fmt::print(
      "claim_uuid,centre,terminal_id,status,reason,received_at,updated_at,"
      "eligible_fen,benefit_fen\r\n");
  for (const auto& c : *claims) {
    fmt::print("{},{},{},{},{},{},{},{},{}\r\n", csv(c.idempotency_key), csv(c.centre),
               csv(c.terminal_id), csv(c.status), csv(c.reason.value_or("")), csv(c.received_at),
               csv(c.updated_at), c.eligible_fen, c.benefit_fen);
  }
  return 0;
}

int set_status(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->db || o->positionals.size() != 2) {
    return usage("set-status needs --db DB CLAIM STATUS [--reason TEXT]");
  }
  auto db = open_db(*o);
  if (!db) return 1;
  auto updated = db->set_status(o->positionals[0], o->positionals[1], o->reason);
  if (!updated) {
    fmt::print(stderr, "kiosk-central: {}\n", updated.error());
    return 1;
  }
  fmt::print("{}\n", to_json(*updated).dump());
  return 0;
}

int fleet(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->db || !o->positionals.empty()) return usage("fleet needs --db and takes --centre");
  const std::string format = o->format.value_or("table");
  if (format != "table" && format != "json") return usage("--format is table or json");
  auto db = open_db(*o);
  if (!db) return 1;
  auto entries = db->fleet(o->centre.value_or(""));
  if (!entries) {
    fmt::print(stderr, "kiosk-central: {}\n", entries.error());
    return 1;
  }
  if (format == "table") {
    fmt::print("{:<12} {:<16} {:<25} {:<10} {:<12} {:<12} {:>6} {:>6}\n", "centre", "terminal",
               "last heartbeat", "version", "printer", "reader", "queue", "oldest");
  }
  for (const auto& e : *entries) {
    const json& h = e.heartbeat;
    const json queue = h.is_object() && h.contains("queue") ? h["queue"] : json::object();
    auto count = [&](const char* key) {
      return queue.is_object() && queue.contains(key) && queue[key].is_number_integer()
                 ? queue[key].get<std::int64_t>()
                 : 0;
    };
    const std::int64_t waiting = count("pending") + count("sending") + count("retry_wait");
    const std::string version = h.is_object() && h.contains("version") && h["version"].is_string()
                                    ? h["version"].get<std::string>()
                                    : "-";
    if (format == "json") {
      fmt::print("{}\n", json{{"terminal_id", e.terminal_id},
                              {"centre", e.centre},
                              {"last_heartbeat", e.received_at},
                              {"version", version},
                              {"printer", device(h, "printer")},
                              {"reader", device(h, "reader")},
                              {"queue", waiting},
                              {"oldest_pending_age_s", count("oldest_pending_age_s")}}
                             .dump());
      continue;
    }
    fmt::print("{:<12} {:<16} {:<25} {:<10} {:<12} {:<12} {:>6} {:>5}s\n",
               e.centre.empty() ? "-" : e.centre, e.terminal_id, e.received_at, version,
               device(h, "printer"), device(h, "reader"), waiting, count("oldest_pending_age_s"));
  }
  return 0;
}

}  // namespace server::cli
