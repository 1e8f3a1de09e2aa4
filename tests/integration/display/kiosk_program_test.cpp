// Runs the kiosk binary as a person or a supervisor would, under Xvfb, and looks at what it
// drew through its own --screenshot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <stb_image.h>

#include "process.h"

using kiosk::testing::binary_path;
using kiosk::testing::ProcessOptions;
using kiosk::testing::run_process;

namespace {

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  // How many pixels are close to COLOR.
  std::size_t count_near(unsigned char r, unsigned char g, unsigned char b,
                         int tolerance = 24) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) {
      if (std::abs(rgb[i] - r) <= tolerance && std::abs(rgb[i + 1] - g) <= tolerance &&
          std::abs(rgb[i + 2] - b) <= tolerance) {
        ++n;
      }
    }
    return n;
  }
};

Image load_png(const std::filesystem::path& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("kiosk-display-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

ProcessOptions demo_env(const std::filesystem::path& dir) {
  ProcessOptions options;
  options.env["XDG_DATA_HOME"] = dir.string();
  options.timeout = std::chrono::seconds(60);
  return options;
}

void check_attract_screen(const Image& image) {
  std::size_t pixels = static_cast<std::size_t>(image.width) * image.height;
  // The union-red bar, the dark text and the light background are all there.
  CHECK(image.count_near(0xB7, 0x1C, 0x1C) > pixels / 50);
  CHECK(image.count_near(0x1A, 0x1A, 0x1A, 40) > 2000);
  CHECK(image.count_near(0xF4, 0xF6, 0xF9, 4) > pixels / 2);
}

// The start of every scripted session: wait_log PATTERN [FILE] waits up to 30 s for a log line.
constexpr const char* kScriptPrelude = R"sh(
    wait_log() { f=${2:-$LOG}; for i in $(seq 1 150); do grep -q "$1" "$f" && return 0; sleep 0.2; done; echo "no '$1' in $f" >&2; cat "$f" >&2; exit 1; }
)sh";

}  // namespace

TEST_CASE("portrait screenshot of the attract screen", "[display]") {
  auto dir = temp_dir("portrait");
  auto png = dir / "attract.png";
  auto result = run_process({binary_path("kiosk/app/kiosk"), "--windowed", "1080x1920",
                             "--screenshot", png.string(), "--frames", "4"},
                            demo_env(dir));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto image = load_png(png);
  CHECK(image.width == 1080);
  CHECK(image.height == 1920);
  check_attract_screen(image);
  // The log went to the data folder and says nothing personal (there is nobody yet).
  CHECK(std::filesystem::exists(dir / "kiosk/logs/kiosk.log"));
}

TEST_CASE("landscape screenshot of the attract screen", "[display]") {
  auto dir = temp_dir("landscape");
  auto png = dir / "attract.png";
  auto result = run_process(
      {binary_path("kiosk/app/kiosk"), "--windowed", "1920x1080", "--screenshot", png.string()},
      demo_env(dir));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto image = load_png(png);
  CHECK(image.width == 1920);
  CHECK(image.height == 1080);
  check_attract_screen(image);
}

TEST_CASE("full screen takes the whole display", "[display]") {
  auto dir = temp_dir("fullscreen");
  auto png = dir / "attract.png";
  auto result =
      run_process({binary_path("kiosk/app/kiosk"), "--screenshot", png.string()}, demo_env(dir));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto image = load_png(png);
  CHECK(image.width == 1920);  // the Xvfb screen of tests/CMakeLists.txt
  CHECK(image.height == 1920);
}

TEST_CASE("SIGTERM stops the kiosk cleanly", "[display]") {
  auto dir = temp_dir("sigterm");
  auto kiosk = binary_path("kiosk/app/kiosk");
  // SIGTERM once the first frame is up (a wait, not a fixed sleep).
  auto options = demo_env(dir);
  options.env["KIOSK"] = kiosk;
  options.env["LOG"] = (dir / "kiosk.err").string();
  auto result = run_process({"bash", "-c", std::string(kScriptPrelude) + R"sh(
    "$KIOSK" --windowed 800x600 2>"$LOG" & pid=$!
    wait_log "first frame presented"
    kill -TERM $pid; wait $pid; status=$?
    cat "$LOG" >&2
    exit $status
  )sh"},
                            options);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("first frame presented") != std::string::npos);
  CHECK(result.err.find("quit requested") != std::string::npos);
}

TEST_CASE("bad input gives a clear message and a non-zero exit", "[display]") {
  auto dir = temp_dir("bad");
  auto kiosk = binary_path("kiosk/app/kiosk");
  auto env = demo_env(dir);

  SECTION("an unknown flag") {
    auto result = run_process({kiosk, "--fulscreen"}, env);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("unknown argument '--fulscreen'") != std::string::npos);
    CHECK(result.err.find("usage: kiosk") != std::string::npos);
  }
  SECTION("a config that is not TOML") {
    std::ofstream(dir / "bad.toml") << "[terminal\nid = 1\n";
    auto result = run_process({kiosk, "--config", (dir / "bad.toml").string()}, env);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("bad.toml:1") != std::string::npos);
    CHECK(result.err.find("not valid TOML") != std::string::npos);
  }
  SECTION("a value of the wrong type") {
    std::ofstream(dir / "type.toml") << "[session]\nidle_timeout_s = true\n";
    auto result = run_process({kiosk, "--config", (dir / "type.toml").string()}, env);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("type.toml:2: session.idle_timeout_s: expected a whole number") !=
          std::string::npos);
  }
  SECTION("a configured font that is missing falls back") {
    std::ofstream(dir / "font.toml") << "[display]\nfont_path = \"/nonexistent/font.ttc\"\n";
    auto png = dir / "font.png";
    auto result = run_process({kiosk, "--config", (dir / "font.toml").string(), "--windowed",
                               "800x600", "--screenshot", png.string()},
                              env);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("/nonexistent/font.ttc cannot be opened; using") != std::string::npos);
  }
  SECTION("no display") {
    auto no_display = env;
    no_display.env["DISPLAY"] = std::nullopt;
    no_display.env["WAYLAND_DISPLAY"] = std::nullopt;
    auto result = run_process({kiosk}, no_display);
    CHECK(result.exit_code == 4);
    CHECK(result.err.find("no display") != std::string::npos);
    CHECK(result.signal == 0);
  }
}

TEST_CASE("a real click on the language toggle switches to English", "[display][input]") {
  // Driven from outside like a person: xdotool moves the X pointer and clicks; SIGUSR1 asks
  // the kiosk for snapshots of its screen before and after.
  auto dir = temp_dir("click");
  auto kiosk = binary_path("kiosk/app/kiosk");
  auto log = (dir / "kiosk.err").string();
  std::string script = R"sh(
    "$KIOSK" --windowed 1080x1920 2>"$LOG" & pid=$!
    wait_log "first frame presented"
    wait_log "full CJK body"
    kill -USR1 $pid; wait_log "snapshot saved"
    wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
    # The language toggle: always at the top right, in the middle of the brand bar.
    xdotool mousemove --window "$wid" 972 82 click 1
    wait_log "person set_language en"
    sleep 0.5
    kill -USR1 $pid
    for i in $(seq 1 50); do [ "$(grep -c 'snapshot saved' "$LOG")" -ge 2 ] && break; sleep 0.2; done
    kill -TERM $pid; wait $pid
  )sh";
  auto options = demo_env(dir);
  options.env["KIOSK"] = kiosk;
  options.env["LOG"] = log;
  auto result = run_process({"bash", "-c", kScriptPrelude + script}, options);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);

  std::vector<std::filesystem::path> snapshots;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "kiosk/snapshots")) {
    snapshots.push_back(entry.path());
  }
  REQUIRE(snapshots.size() == 2);
  std::sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) {
    return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
  });
  auto before = load_png(snapshots[0]);
  auto after = load_png(snapshots[1]);
  REQUIRE(before.rgb.size() == after.rgb.size());
  // The prompt (below the picture) changed language: rows 60%..80% of the height differ.
  std::size_t differing = 0;
  std::size_t row_bytes = static_cast<std::size_t>(before.width) * 3;
  for (std::size_t y = before.height * 6 / 10; y < static_cast<std::size_t>(before.height) * 8 / 10;
       ++y) {
    for (std::size_t x = 0; x < row_bytes; ++x) {
      if (before.rgb[y * row_bytes + x] != after.rgb[y * row_bytes + x]) ++differing;
    }
  }
  CHECK(differing > 5000);
}

TEST_CASE("a demo card on the simulated reader greets the person, and the log stays clean",
          "[display][idcard]") {
  // F1 puts demo card 1 (张伟, 110105198503172314) on the in-process simulator; the real
  // driver reads it over the pty. The greeting shows the masked name; neither the name nor
  // the number may appear in the log.
  auto dir = temp_dir("card");
  auto log = (dir / "kiosk.err").string();
  std::string script = R"sh(
    "$KIOSK" --windowed 1080x1920 2>"$LOG" & pid=$!
    wait_log "full CJK body"
    wait_log "reader online"
    wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
    xdotool windowfocus --sync "$wid" key F1
    wait_log "session attract -> menu"
    sleep 0.5
    kill -USR1 $pid; wait_log "snapshot saved"
    kill -TERM $pid; wait $pid
  )sh";
  auto options = demo_env(dir);
  options.env["KIOSK"] = binary_path("kiosk/app/kiosk");
  options.env["LOG"] = log;
  auto result = run_process({"bash", "-c", kScriptPrelude + script}, options);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);

  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("device card_read type=resident") != std::string::npos);
  CHECK(text.find("110105198503172314") == std::string::npos);
  CHECK(text.find("张伟") == std::string::npos);
  CHECK(text.find("建国路") == std::string::npos);
  std::ifstream file_log(dir / "kiosk/logs/kiosk.log");
  std::string file_text((std::istreambuf_iterator<char>(file_log)),
                        std::istreambuf_iterator<char>());
  CHECK(file_text.find("card_read") != std::string::npos);
  CHECK(file_text.find("110105198503172314") == std::string::npos);
}

TEST_CASE("the demo prints a receipt on the virtual printer into the data folder",
          "[display][printer]") {
  auto dir = temp_dir("print");
  std::string script = R"sh(
    "$KIOSK" --windowed 1080x1920 2>"$LOG" & pid=$!
    wait_log "full CJK body"
    wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
    xdotool windowfocus --sync "$wid" key F12
    wait_log "demo receipt saved"
    kill -TERM $pid; wait $pid
  )sh";
  auto options = demo_env(dir);
  options.env["KIOSK"] = binary_path("kiosk/app/kiosk");
  options.env["LOG"] = (dir / "kiosk.err").string();
  auto result = run_process({"bash", "-c", kScriptPrelude + script}, options);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  auto receipt = load_png(dir / "kiosk/prints/receipt-000001.png");
  CHECK(receipt.width == 576);  // 80 mm paper: 576 dots
  CHECK(receipt.height > 800);
  CHECK(receipt.count_near(0, 0, 0, 10) > 10000);  // printed, not blank
}

TEST_CASE("a card read fetches the member's settlement records from kiosk-central over mutual TLS",
          "[display][central]") {
  auto dir = temp_dir("central");
  // The central side as it runs for real: deploy/central.sh (nginx with mutual TLS in front of
  // kiosk-central) on a port it picks; the kiosk's config gets that port.
  std::string script = R"sh(
    set -e
    "$SOURCE/deploy/dev-ca.sh" "$DIR/kiosk/tls" >/dev/null 2>&1
    mkdir -p "$DIR/central" && cp -r "$DIR/kiosk/tls" "$DIR/central/tls"
    KIOSK_CENTRAL="$CENTRAL" "$SOURCE/deploy/central.sh" "$DIR/central" --listen 127.0.0.1:0 --demo-data \
      >"$DIR/central.out" 2>"$DIR/central.log" & server=$!
    trap 'kill $server 2>/dev/null; wait $server' EXIT
    wait_log "^listening on" "$DIR/central.out"
    port=$(sed -n 's/^listening on 127.0.0.1://p' "$DIR/central.out")
    printf '[central]\nurl = "https://127.0.0.1:%s"\n' "$port" >"$DIR/kiosk.toml"
    "$KIOSK" --config "$DIR/kiosk.toml" --windowed 1080x1920 2>"$LOG" & pid=$!
    wait_log "full CJK body"
    wait_log "reader online"
    wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
    xdotool windowfocus --sync "$wid" key F1
    wait_log "server member_loaded visit=1"
    kill -TERM $pid; wait $pid
  )sh";
  auto options = demo_env(dir);
  options.env["KIOSK"] = binary_path("kiosk/app/kiosk");
  options.env["CENTRAL"] = binary_path("server/kiosk-central");
  options.env["SOURCE"] = KIOSK_SOURCE_DIR;
  options.env["DIR"] = dir.string();
  options.env["LOG"] = (dir / "kiosk.err").string();
  auto result = run_process({"bash", "-c", kScriptPrelude + script}, options);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::ifstream in(dir / "kiosk.err");
  std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(log.find("server member_loaded visit=1 bills=3") != std::string::npos);
  CHECK(log.find("110105198503172314") == std::string::npos);
}
