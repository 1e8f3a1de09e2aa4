#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "scoped_env.h"
#include "temp_dir.h"

using namespace kiosk::testing;
namespace fs = std::filesystem;

TEST_CASE("TempDir makes a new private directory each time and removes it with its contents") {
  fs::path kept;
  {
    TempDir a("kiosk-support-test");
    TempDir b("kiosk-support-test");
    CHECK(a.path() != b.path());
    CHECK(fs::is_directory(a.path()));
    CHECK((fs::status(a.path()).permissions() & fs::perms::others_all) == fs::perms::none);
    fs::create_directories(a.path() / "sub");
    std::ofstream(a.path() / "sub" / "file") << "x";
    kept = a.path();
  }
  CHECK_FALSE(fs::exists(kept));
}

TEST_CASE("TempDir honours TMPDIR") {
  TempDir base("kiosk-support-base");
  ScopedEnv tmpdir("TMPDIR", base.path().string());
  TempDir inner("kiosk-support-inner");
  CHECK(inner.path().parent_path() == base.path());
}
