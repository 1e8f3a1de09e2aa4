#include <catch2/catch.hpp>

#include "kiosk/core/secret.h"

using namespace kiosk::core;

TEST_CASE("wipe zeroes the bytes before emptying", "[secret]") {
  Secret secret("11010519491231002X-and-more-so-the-heap-is-used");
  const char* buffer = secret.reveal().data();
  std::size_t size = secret.reveal().size();
  secret.wipe();
  CHECK(secret.empty());
  // The buffer is still owned by the (now empty) string: its old contents must be gone.
  for (std::size_t i = 0; i < size; ++i) CHECK(buffer[i] == '\0');
}

TEST_CASE("moving a secret leaves nothing in the source", "[secret]") {
  Secret source("13812345678");
  Secret target(std::move(source));
  CHECK(target.reveal() == "13812345678");
  CHECK(source.empty());  // NOLINT(bugprone-use-after-move): checking the wipe on purpose

  Secret assigned;
  assigned = std::move(target);
  CHECK(assigned.reveal() == "13812345678");
  CHECK(target.empty());  // NOLINT(bugprone-use-after-move)
}
