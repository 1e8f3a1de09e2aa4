#pragma once
// assets/demo/people.toml (built in, demo_rules.h), parsed once for the readers of its tables:
// demo_people() ([[person]]) and demo_records_specs() ([[generated_records]]).
#include <toml++/toml.h>

namespace kiosk::store {

// The parsed file. It is built in and covered by its tests: a file that no longer reads stops
// the program with a message naming the file, not with a demo that is quietly empty.
const toml::table& demo_people_file();

// A demo file that does not hold what it must: the message on stderr, then abort.
[[noreturn]] void demo_file_broken(const char* message);

}  // namespace kiosk::store
