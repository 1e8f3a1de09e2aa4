#pragma once
// Runs a program for a test and collects its exit code and output, with a time limit.
// Tests of whole programs (kiosk, kioskctl, kiosk-central) use it instead of system().
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::testing {

struct ProcessResult {
  int exit_code = -1;        // -1 when killed by a signal
  int signal = 0;            // the signal that ended it, if any
  bool timed_out = false;    // killed by us after the time limit
  std::string out;
  std::string err;
};

struct ProcessOptions {
  // Variables to set (value) or remove (nullopt) in the child's environment.
  std::map<std::string, std::optional<std::string>> env;
  std::chrono::milliseconds timeout{30'000};
  std::string stdin_text;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// A build output's path: KIOSK_BINARY_DIR + RELATIVE ("kiosk/app/kiosk").
std::string binary_path(const std::string& relative);

}  // namespace kiosk::testing
