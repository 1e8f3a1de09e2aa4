#pragma once
// kiosk-central's command line: serve, list-claims, set-status.
#include <string>
#include <vector>

namespace server::cli {

using Args = std::vector<std::string>;

int serve(const Args& args);
int list_claims(const Args& args);
int set_status(const Args& args);

}  // namespace server::cli
