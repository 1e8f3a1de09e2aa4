// The voice prompts' WAVs that the build made (cmake/Voice.cmake runs tools/voice/make_voice.py):
// one readable WAV for every key of the [voice] table of both catalogues and for every key
// the session speaks; a key added without its WAV is reported; the script is deterministic.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "process.h"
#include "services/voice_files.h"
#include "temp_dir.h"
#include "voice_test_wav.h"

using kiosk::app::kVoiceRate;
using kiosk::app::load_prompt;
using kiosk::app::missing_prompts;
using kiosk::app::prompt_path;
using kiosk::app::voice_dir;
using kiosk::core::Language;
using kiosk::testing::run_process;
using kiosk::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = KIOSK_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The catalogues copied into DIR, with EXTRA lines put at the top of zh-CN's [voice] table.
void copy_catalogues(const fs::path& dir, const std::string& extra) {
  for (const char* name : {"zh-CN.toml", "en.toml"}) {
    std::string text = read_text(kSource / "assets/i18n" / name);
    if (std::string(name) == "zh-CN.toml" && !extra.empty()) {
      const auto table = text.find("\n[voice]\n");
      REQUIRE(table != std::string::npos);
      text.insert(table + 9, extra);
    }
    write_text(dir / name, text);
  }
}

// Every "voice.<name>" string literal in the session's code (kiosk/core): the prompts it
// can speak.
std::set<std::string> keys_the_session_speaks() {
  const std::regex literal(R"re("(voice\.[a-z0-9_]+)")re");
  std::set<std::string> keys;
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "kiosk/core")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
    const std::string text = read_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      keys.insert((*it)[1].str());
    }
  }
  return keys;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("every [voice] key of both catalogues has a WAV the player reads", "[voice]") {
  INFO("voice folder " << voice_dir());
  auto missing = missing_prompts(kSource / "assets/i18n", voice_dir());
  REQUIRE(missing);
  INFO(joined(*missing));
  CHECK(missing->empty());
  // Not vacuous: the table is there in both languages and its WAVs hold speech.
  for (auto language : {Language::zh_CN, Language::en}) {
    const auto path = prompt_path(voice_dir(), "voice.menu", language);
    REQUIRE(path);
    auto samples = load_prompt(*path);
    REQUIRE(samples);
    CHECK(samples->size() > static_cast<std::size_t>(kVoiceRate));  // "please choose": > 1 s
    CHECK(std::any_of(samples->begin(), samples->end(), [](auto s) { return s > 4000; }));
  }
}

TEST_CASE("a [voice] key added to a catalogue without its WAV is reported", "[voice]") {
  TempDir dir("kiosk-voice-catalogue");
  copy_catalogues(dir.path(), "zz_added = \"新加的提示\"\n");
  auto missing = missing_prompts(dir.path(), voice_dir());
  REQUIRE(missing);
  REQUIRE(missing->size() == 1);
  CHECK(missing->front() ==
        "zh-CN: voice.zz_added: " + (voice_dir() / "zh-CN/zz_added.wav").string() +
            " is missing (the build makes it with tools/voice/make_voice.py)");

  copy_catalogues(dir.path(), "");
  auto complete = missing_prompts(dir.path(), voice_dir());
  REQUIRE(complete);
  CHECK(complete->empty());
}

TEST_CASE("a WAV that is broken or holds almost no sound is reported", "[voice]") {
  TempDir dir("kiosk-voice-broken");
  fs::copy(voice_dir(), dir.path() / "voice", fs::copy_options::recursive);
  write_text(dir.path() / "voice/en/menu.wav", "RIFF this is not a WAV file");
  kiosk::testing::write_wav(dir.path() / "voice/zh-CN/goodbye.wav",
                            kiosk::testing::square_wave(100, 1000));
  auto missing = missing_prompts(kSource / "assets/i18n", dir.path() / "voice");
  REQUIRE(missing);
  INFO(joined(*missing));
  REQUIRE(missing->size() == 2);
  CHECK(missing->at(0).starts_with("zh-CN: voice.goodbye: "));
  CHECK(missing->at(0).ends_with("goodbye.wav holds 100 samples, under 0.3 s"));
  CHECK(missing->at(1).starts_with("en: voice.menu: "));
  CHECK(missing->at(1).find("menu.wav: not a WAV SDL can read") != std::string::npos);
}

TEST_CASE("every prompt the session speaks has a WAV in both languages", "[voice]") {
  const auto keys = keys_the_session_speaks();
  REQUIRE_FALSE(keys.empty());
  for (const auto& key : keys) {
    for (auto language : {Language::zh_CN, Language::en}) {
      const auto path = prompt_path(voice_dir(), key, language);
      INFO(key << " in " << kiosk::core::to_string(language)
               << ": add it to the [voice] table of assets/i18n");
      REQUIRE(path);
      CHECK(fs::exists(*path));
    }
  }
}

TEST_CASE("prompt keys map to one file per language", "[voice]") {
  CHECK(prompt_path("/v", "voice.menu", Language::zh_CN) == fs::path("/v/zh-CN/menu.wav"));
  CHECK(prompt_path("/v", "voice.card_read", Language::en) == fs::path("/v/en/card_read.wav"));
  CHECK_FALSE(prompt_path("/v", "menu", Language::en));
  CHECK_FALSE(prompt_path("/v", "attract.prompt", Language::en));
  CHECK_FALSE(prompt_path("/v", "voice.", Language::en));
  CHECK_FALSE(prompt_path("/v", "voice.../etc/passwd", Language::en));
  CHECK_FALSE(prompt_path("/v", "voice.Menu", Language::en));
}

TEST_CASE("a WAV of another rate and channel count is converted to the player's format",
          "[voice]") {
  TempDir dir("kiosk-voice-convert");
  // One second of 44.1 kHz stereo: one second of 22.05 kHz mono.
  kiosk::testing::write_wav(dir.path() / "stereo.wav", kiosk::testing::square_wave(44100, 12000, 2),
                            44100, 2);
  auto samples = load_prompt(dir.path() / "stereo.wav");
  REQUIRE(samples);
  CHECK(samples->size() > static_cast<std::size_t>(kVoiceRate * 0.98));
  CHECK(samples->size() < static_cast<std::size_t>(kVoiceRate * 1.02));
  const auto peak = *std::max_element(samples->begin(), samples->end());
  CHECK(peak > 10000);
  CHECK(peak <= 12500);

  CHECK_FALSE(load_prompt(dir.path() / "absent.wav"));
  write_text(dir.path() / "empty.wav", "");
  CHECK_FALSE(load_prompt(dir.path() / "empty.wav"));
}

TEST_CASE("make_voice.py writes the same bytes as the build's WAVs for the same catalogue",
          "[voice]") {
  TempDir dir("kiosk-voice-script");
  auto made = run_process({"python3", (kSource / "tools/voice/make_voice.py").string(), "--i18n",
                           (kSource / "assets/i18n").string(), "--out", dir.path().string()},
                          {.env = {}, .timeout = std::chrono::seconds(120), .stdin_text = ""});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    const auto built = voice_dir() / fs::relative(entry.path(), dir.path());
    INFO(built);
    CHECK(read_text(entry.path()) == read_text(built));
    ++files;
  }
  CHECK(files > 10);
}

TEST_CASE("make_voice.py refuses a catalogue without a usable [voice] table", "[voice]") {
  TempDir dir("kiosk-voice-refused");
  const auto script = (kSource / "tools/voice/make_voice.py").string();
  auto run = [&] {
    return run_process(
        {"python3", script, "--i18n", dir.path().string(), "--out", (dir.path() / "out").string()});
  };
  copy_catalogues(dir.path(), "Bad-Key = \"x\"\n");
  auto bad_key = run();
  CHECK(bad_key.exit_code == 1);
  CHECK(bad_key.err.find("voice.Bad-Key: a prompt key is lower-case letters, digits and _") !=
        std::string::npos);

  copy_catalogues(dir.path(), "empty = \"  \"\n");
  auto empty = run();
  CHECK(empty.exit_code == 1);
  CHECK(empty.err.find("voice.empty: expected the text to speak") != std::string::npos);

  copy_catalogues(dir.path(), "");
  write_text(dir.path() / "en.toml", "[attract]\nprompt = \"x\"\n");
  auto no_table = run();
  CHECK(no_table.exit_code == 1);
  CHECK(no_table.err.find("en.toml: has no [voice] table") != std::string::npos);
}

TEST_CASE("make_voice.py removes the WAV of a key that left the catalogue", "[voice]") {
  TempDir dir("kiosk-voice-removed");
  const auto script = (kSource / "tools/voice/make_voice.py").string();
  const auto out = dir.path() / "out";
  auto run = [&](const std::string& extra) {
    write_text(dir.path() / "zh-CN.toml", "[voice]\nmenu = \"请选择\"\n" + extra);
    write_text(dir.path() / "en.toml", "[voice]\nmenu = \"Please choose\"\n");
    return run_process({"python3", script, "--i18n", dir.path().string(), "--out", out.string()});
  };
  auto first = run("gone = \"一会儿就删掉\"\n");
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("3 WAVs") != std::string::npos);
  CHECK(fs::exists(out / "zh-CN/gone.wav"));
  auto second = run("");
  REQUIRE(second.exit_code == 0);
  CHECK_FALSE(fs::exists(out / "zh-CN/gone.wav"));
  CHECK(fs::exists(out / "zh-CN/menu.wav"));
  CHECK(second.out.find("2 WAVs") != std::string::npos);
  CHECK(second.out.find("0 written, 1 removed") != std::string::npos);
}
