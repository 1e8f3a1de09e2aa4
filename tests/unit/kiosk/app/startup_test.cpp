// The real `kiosk` program with configurations it must refuse before it opens a window:
// exit 3 with a message naming the file, the key and what is expected. No display is
// needed (DISPLAY is removed): a check that ran after the window would show up as exit 4.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "process.h"

using kiosk::testing::binary_path;
using kiosk::testing::ProcessOptions;
using kiosk::testing::ProcessResult;
using kiosk::testing::run_process;
namespace fs = std::filesystem;

namespace {
class Dir {
 public:
  Dir() {
    std::random_device random;
    m_path = fs::temp_directory_path() /
             ("kiosk-startup-test-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(m_path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  fs::path operator/(const std::string& name) const { return m_path / name; }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
}

ProcessResult run_kiosk(const std::vector<std::string>& args, const fs::path& home) {
  ProcessOptions options;
  options.env["DISPLAY"] = std::nullopt;
  options.env["WAYLAND_DISPLAY"] = std::nullopt;
  options.env["XDG_DATA_HOME"] = home.string();
  options.timeout = std::chrono::seconds(60);
  std::vector<std::string> argv{binary_path("kiosk/app/kiosk")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

// A self-signed certificate whose subject CN is `cn`, made with the openssl program.
void make_certificate(const fs::path& dir, const std::string& cn) {
  fs::create_directories(dir);
  auto made =
      run_process({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30", "-subj", "/CN=" + cn,
                   "-keyout", (dir / "kiosk.key").string(), "-out", (dir / "kiosk.pem").string()});
  REQUIRE(made.exit_code == 0);
}

std::string config_with(const fs::path& data_dir, const std::string& extra) {
  return "[terminal]\nid = \"GZ-0042\"\ndata_dir = \"" + data_dir.string() + "\"\n" + extra;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}
}  // namespace

TEST_CASE("kiosk --config with a folder exits 3 instead of running the demo defaults",
          "[startup]") {
  Dir dir;
  auto result = run_kiosk({"--config", (dir.path() / "").string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("is a folder, not a configuration file") != std::string::npos);
}

TEST_CASE("kiosk --config larger than 1 MiB exits 3", "[startup]") {
  Dir dir;
  const auto file = dir / "kiosk.toml";
  write(file, "# " + std::string(1024 * 1024, 'x') + "\n");
  auto result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find(file.string() + ": is 1048579 bytes; a configuration file is at most") !=
        std::string::npos);
}

TEST_CASE("kiosk refuses a terminal.id that differs from its certificate's CN", "[startup]") {
  Dir dir;
  const auto data = dir / "data";
  make_certificate(data / "tls", "GZ-0099");
  const auto file = dir / "kiosk.toml";
  write(file, config_with(data, ""));
  auto result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find(file.string() + ": terminal.id: expected \"GZ-0099\", the CN of the client "
                                        "certificate") != std::string::npos);
  CHECK(result.err.find("got \"GZ-0042\"") != std::string::npos);
  // What this run created itself (umask 077): the log folder and the log.
  CHECK(mode_of(data / "logs") == 0700);
  CHECK(mode_of(data / "logs" / "kiosk.log") == 0600);

  // A certificate named in the file that is missing, or is not a certificate.
  write(file,
        config_with(data, "[central]\ncert_file = \"" + (dir / "none.pem").string() + "\"\n"));
  result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("central.cert_file: expected this terminal's client certificate") !=
        std::string::npos);
  write(dir / "junk.pem", "not a certificate\n");
  write(file,
        config_with(data, "[central]\ncert_file = \"" + (dir / "junk.pem").string() + "\"\n"));
  result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("central.cert_file: expected a PEM certificate") != std::string::npos);
}

TEST_CASE("kiosk refuses a printer.device it cannot parse and a font that is not a font",
          "[startup]") {
  Dir dir;
  const auto data = dir / "data";
  const auto file = dir / "kiosk.toml";
  write(file, config_with(data, "[printer]\ndevice = \"lp0\"\n"));
  auto result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  // The rest of the message is the printer driver's own (it lists the forms it reads).
  CHECK(result.err.find(file.string() + ": printer.device: ") != std::string::npos);
  CHECK(result.err.find("'lp0'") != std::string::npos);

  write(dir / "font.ttf", "this is a text file, not a font\n");
  write(file,
        config_with(data, "[display]\nfont_path = \"" + (dir / "font.ttf").string() + "\"\n"));
  result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("display.font_path: expected a TrueType or OpenType font file") !=
        std::string::npos);
}

TEST_CASE("kiosk makes its data folder private: folders 0700, files 0600", "[startup]") {
  Dir dir;
  const auto data = dir / "data";
  // As an older version left it: receipts, logs and snapshots readable by everyone.
  for (const char* sub : {"logs", "prints", "snapshots", "tls"}) {
    fs::create_directories(data / sub);
    ::chmod((data / sub).c_str(), 0755);
  }
  write(data / "prints" / "receipt-1.png", "png");
  write(data / "logs" / "kiosk.log", "old log\n");
  write(data / "snapshots" / "s.png", "png");
  write(data / "kiosk.db", "");
  for (const char* file :
       {"prints/receipt-1.png", "logs/kiosk.log", "snapshots/s.png", "kiosk.db"}) {
    ::chmod((data / file).c_str(), 0644);
  }
  ::chmod(data.c_str(), 0755);
  make_certificate(data / "tls", "GZ-0099");  // refused after the folder was fixed
  ::chmod((data / "tls" / "kiosk.pem").c_str(), 0644);
  const auto file = dir / "kiosk.toml";
  write(file, config_with(data, ""));
  auto result = run_kiosk({"--config", file.string()}, dir.path());
  CHECK(result.exit_code == 3);
  CHECK(mode_of(data) == 0700);
  for (const char* sub : {"logs", "prints", "snapshots", "tls"}) CHECK(mode_of(data / sub) == 0700);
  for (const char* name : {"prints/receipt-1.png", "logs/kiosk.log", "snapshots/s.png", "kiosk.db",
                           "tls/kiosk.pem", "tls/kiosk.key"}) {
    INFO(name);
    CHECK(mode_of(data / name) == 0600);
  }
}
