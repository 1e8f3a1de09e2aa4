#pragma once
// kiosk-central's command line: serve (commands.cpp) and the operator commands for the central
// staff (commands_operator.cpp), with the options they share.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/database.h"

namespace server::cli {

using Args = std::vector<std::string>;

struct Options {
  std::optional<std::string> listen, db, key, reason, centre, terminal, status, from, to, format;
  std::optional<std::string> connections, group_commit;
  bool demo_data = false;
  std::vector<std::string> positionals;
};
std::optional<Options> parse(const Args& args);
// Prints "kiosk-central: MESSAGE (kiosk-central --help)" and returns 2.
int usage(const std::string& message);
// --db (sqlite:PATH, a path, or postgresql://...) with --key, --connections and
// --group-commit; nullptr after
// printing why it cannot be opened.
std::unique_ptr<Database> open_db(const Options& options);

int serve(const Args& args);
int list_claims(const Args& args);
int set_status(const Args& args);
int fleet(const Args& args);
int export_claims(const Args& args);

}  // namespace server::cli
