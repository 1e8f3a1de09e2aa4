// Files that are not sound databases are never written to, and tools that only look open
// read-only: neither the database file nor the -wal beside it changes, byte for byte.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "kiosk/store/demo_claims.h"
#include "kiosk/store/private_dir.h"
#include "kiosk/store/schema.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::Error;
namespace fs = std::filesystem;

namespace {
fs::path with_suffix(const fs::path& path, const char* suffix) {
  fs::path out = path;
  out += suffix;
  return out;
}

// A copy of a store taken while the writer is still open: its last claims are only in the
// -wal, as after a power cut or a backup taken while the terminal ran.
fs::path store_with_wal(const test::TempDir& dir, int claims) {
  const auto source = dir / "live.db";
  const auto copy = dir / "copy.db";
  auto s = test::open_store(source);
  for (int i = 0; i < claims; ++i) {
    core::Claim claim = store::demo_claim(static_cast<std::size_t>(i), "T");
    REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
  }
  for (const char* suffix : {"", "-wal", ".key"}) {
    fs::copy_file(with_suffix(source, suffix), with_suffix(copy, suffix));
  }
  REQUIRE(fs::file_size(with_suffix(copy, "-wal")) > 0);
  return copy;
}

store::StoreOptions read_only(const fs::path& db) {
  auto options = test::options_for(db);
  options.access = store::Access::read_only;
  return options;
}

struct Bytes {
  std::string db, wal;
  static Bytes of(const fs::path& db) {
    const auto wal = with_suffix(db, "-wal");
    return {test::read_bytes(db), fs::exists(wal) ? test::read_bytes(wal) : "(no -wal)"};
  }
  bool operator==(const Bytes&) const = default;
};
}  // namespace

TEST_CASE("read-only: with a wrong key and a -wal, the check refuses and changes neither file") {
  test::TempDir dir;
  const auto db = store_with_wal(dir, 5);
  const auto key = with_suffix(db, ".key");
  const std::string right_key = test::read_bytes(key);
  {
    std::ofstream out(key, std::ios::binary | std::ios::trunc);
    out << std::string(32, 'w');
  }
  const auto before = Bytes::of(db);
  auto opened = store::Store::open(read_only(db));
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().kind == Error::Kind::key);
  CHECK(opened.error().message.find("does not belong") != std::string::npos);
  CHECK(Bytes::of(db) == before);

  // The right key: sound, the claims in the -wal are seen, and still nothing changed.
  {
    std::ofstream out(key, std::ios::binary | std::ios::trunc);
    out << right_key;
  }
  {
    auto s = store::Store::open(read_only(db));
    REQUIRE(s.has_value());
    auto report = s->check();
    REQUIRE(report.has_value());
    CHECK(report->sound());
    CHECK(report->claims == 5);
    CHECK(s->list_claims()->size() == 5);
  }
  CHECK(Bytes::of(db) == before);
}

TEST_CASE("read-only: a 0-byte file with its -wal is refused and neither file is touched") {
  test::TempDir dir;
  const auto db = store_with_wal(dir, 3);
  { std::ofstream truncate(db, std::ios::binary | std::ios::trunc); }
  const auto before = Bytes::of(db);
  REQUIRE(before.db.empty());

  auto looked = store::Store::open(read_only(db));
  REQUIRE_FALSE(looked.has_value());
  CHECK(looked.error().kind == Error::Kind::damaged);
  CHECK(looked.error().message.find("is not a SQLite database (it is empty (0 bytes))") !=
        std::string::npos);
  CHECK(looked.error().message.find("nothing was changed") != std::string::npos);
  CHECK(Bytes::of(db) == before);

  // A tool that writes refuses too.
  auto options = test::options_for(db);
  options.on_damage = store::OnDamage::fail;
  auto tool = store::Store::open(options);
  REQUIRE_FALSE(tool.has_value());
  CHECK(tool.error().kind == Error::Kind::damaged);
  CHECK(Bytes::of(db) == before);

  // The terminal moves both aside, whole, records it and begins a new database.
  auto s = test::open_store(db);
  const auto& report = s.open_report();
  REQUIRE(report.moved_aside.has_value());
  CHECK(report.created);
  CHECK(report.damage == "it is empty (0 bytes)");
  CHECK(test::read_bytes(*report.moved_aside).empty());
  CHECK(test::read_bytes(with_suffix(*report.moved_aside, "-wal")) == before.wal);
  CHECK(test::raw_text(db, "SELECT event FROM audit_log ORDER BY seq DESC LIMIT 1") ==
        "damaged_database_moved_aside");
  CHECK(s.list_claims()->empty());
}

TEST_CASE(
    "read-only: a file of another kind, a missing file and an old schema are refused unchanged") {
  test::TempDir dir;
  const auto text = dir / "notes.db";
  {
    std::ofstream out(text, std::ios::binary);
    out << std::string(200, 'x');
  }
  auto other = store::Store::open(read_only(text));
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().message.find("does not begin with the SQLite header") != std::string::npos);
  CHECK(test::read_bytes(text) == std::string(200, 'x'));

  // A sound SQLite file that is not a kiosk store (as a restore from a missing backup can
  // leave): never given a schema. Tools refuse it; the terminal moves it aside.
  const auto foreign = dir / "foreign.db";
  REQUIRE(test::raw_exec(foreign, "CREATE TABLE notes (text TEXT)") == "");
  const std::string foreign_bytes = test::read_bytes(foreign);
  auto looked = store::Store::open(read_only(foreign));
  REQUIRE_FALSE(looked.has_value());
  CHECK(looked.error().message.find("it holds no kiosk schema") != std::string::npos);
  auto tool_options = test::options_for(foreign);
  tool_options.on_damage = store::OnDamage::fail;
  CHECK_FALSE(store::Store::open(tool_options).has_value());
  CHECK(test::read_bytes(foreign) == foreign_bytes);
  {
    auto terminal = test::open_store(foreign);
    REQUIRE(terminal.open_report().moved_aside.has_value());
    CHECK(terminal.open_report().damage == "it holds no kiosk schema");
    CHECK(test::read_bytes(*terminal.open_report().moved_aside) == foreign_bytes);
  }

  auto missing = store::Store::open(read_only(dir / "missing.db"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == Error::Kind::not_found);
  CHECK_FALSE(fs::exists(dir / "missing.db"));
  CHECK_FALSE(fs::exists(dir / "missing.db.key"));

  const auto old = dir / "old.db";
  REQUIRE(store::create_database_at_version(old, 3).has_value());
  const std::string before = test::read_bytes(old);
  auto refused = store::Store::open(read_only(old));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == Error::Kind::schema);
  CHECK(refused.error().message.find("start the terminal once") != std::string::npos);
  CHECK(test::read_bytes(old) == before);
}

TEST_CASE("a new database appears whole: no empty file is left at its name") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  // What a creation killed half-way leaves: a temporary file of a process that is gone (pid
  // numbers this high are above Linux's limit, so none is running).
  { std::ofstream(dir / "k.db.creating-999999999") << "half"; }
  { std::ofstream(dir / "k.db.creating-999999999-wal") << "half"; }
  { auto s = test::open_store(db); }
  CHECK(fs::file_size(db) > 0);
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().find(".creating-") == std::string::npos);
  }
  auto s = store::Store::open(read_only(db));
  REQUIRE(s.has_value());
  CHECK(s->check()->sound());
}

TEST_CASE("private data folder: folders become 0700 and files 0600, links are left alone") {
  test::TempDir dir;
  const auto data = dir / "data";
  fs::create_directories(data / "prints" / "2026");
  { std::ofstream(data / "prints" / "2026" / "r.png") << "png"; }
  { std::ofstream(data / "kiosk.db") << ""; }
  { std::ofstream(dir / "outside.txt") << "not ours"; }
  ::chmod((dir / "outside.txt").c_str(), 0644);
  fs::create_symlink(dir / "outside.txt", data / "link");
  for (const auto& p : {data, data / "prints", data / "prints" / "2026"}) ::chmod(p.c_str(), 0755);
  for (const auto& p : {data / "prints" / "2026" / "r.png", data / "kiosk.db"})
    ::chmod(p.c_str(), 0644);

  auto report = store::make_private(data);
  REQUIRE(report.has_value());
  CHECK(report->changed == 5);
  CHECK(report->problems.empty());
  auto mode = [](const fs::path& p) {
    struct stat info {};
    REQUIRE(::stat(p.c_str(), &info) == 0);
    return info.st_mode & 07777;
  };
  CHECK(mode(data) == 0700);
  CHECK(mode(data / "prints") == 0700);
  CHECK(mode(data / "prints" / "2026") == 0700);
  CHECK(mode(data / "prints" / "2026" / "r.png") == 0600);
  CHECK(mode(data / "kiosk.db") == 0600);
  CHECK(mode(dir / "outside.txt") == 0644);  // the link's target is not the kiosk's
  CHECK(store::make_private(data)->changed == 0);
  // A missing folder is created, and made 0700 whatever the umask gave it.
  CHECK(store::make_private(dir / "new").has_value());
  CHECK(mode(dir / "new") == 0700);
  { std::ofstream(dir / "file") << ""; }
  CHECK_FALSE(store::make_private(dir / "file").has_value());
}
