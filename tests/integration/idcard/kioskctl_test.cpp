// `kioskctl idcard` as operators and outside checks run it: the real binary, real files,
// a simulator on a pty.
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "background.h"
#include "drivers/idcard/frame.h"
#include "drivers/idcard/identity.h"
#include "process.h"
#include "support.h"

using namespace drivers::idcard;
using namespace idcard_test;
using namespace std::chrono_literals;

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

// kioskctl with ARGS split at spaces (the tests' paths have none), no shell in between, and
// a time limit so that a hung kioskctl fails the test instead of stalling the suite.
Run kioskctl(const std::string& args) {
  std::vector<std::string> argv{KIOSKCTL_PATH};
  std::istringstream words(args);
  for (std::string word; words >> word;) argv.push_back(word);
  kiosk::testing::ProcessOptions options;
  options.timeout = 60s;
  auto result = kiosk::testing::run_process(argv, options);
  INFO("kioskctl " << args << (result.timed_out ? " timed out" : ""));
  REQUIRE_FALSE(result.timed_out);
  return Run{result.exit_code, std::move(result.out), std::move(result.err)};
}

std::string write_file(const std::string& name, const Bytes& bytes) {
  auto path = unique_link(name);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return path;
}

Bytes read_reply(std::size_t card_index) {
  return encode_reply(0, 0, sw3::kOk, encode_card_data(demo_cards()[card_index].data, Fingerprint::absent));
}

}  // namespace

TEST_CASE("decode prints the identity of a read reply behind noise") {
  Bytes bytes{0x13, 0x00, 0xAA, 0xAA, 0x96};
  auto reply = read_reply(0);
  bytes.insert(bytes.end(), reply.begin(), reply.end());
  auto path = write_file("resident.bin", bytes);
  auto r = kioskctl("idcard decode --unmasked " + path);
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["card_type"] == "resident");
  CHECK(j["name"] == "张伟");
  CHECK(j["sex"] == "male");
  CHECK(j["nation"] == "汉");
  CHECK(j["nation_code"] == "01");
  CHECK(j["birth_date"] == "1985-03-17");
  CHECK(j["address"] == "北京市朝阳区建国路88号院3号楼2单元1101号");
  CHECK(j["id_number"] == "110105198503172314");
  CHECK(j["issuer"] == "北京市公安局朝阳分局");
  CHECK(j["valid_from"] == "2015-06-01");
  CHECK(j["valid_to"] == "2035-06-01");
  CHECK(j["id_number_valid"] == true);
  // kioskctl judges expiry on the terminal's date. The fixture expires on 2035-06-01, so the
  // expected answer follows today's date instead of assuming a year before 2035.
  CHECK(j["expired"] == (today_local() > Date{2035, 6, 1}));
  CHECK_FALSE(j.contains("name_en"));
}

TEST_CASE("decode and read print the person masked unless --unmasked") {
  auto path = write_file("masked.bin", read_reply(0));
  auto r = kioskctl("idcard decode " + path);
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["name"] == "张*");
  CHECK(j["id_number"] == "110105********2314");
  CHECK_FALSE(j.contains("birth_date"));  // it would give back the masked digits
  CHECK_FALSE(j.contains("address"));
  CHECK(j["card_type"] == "resident");
  for (std::string_view hidden : {"伟", "19850317", "1985-03-17", "建国路"}) {
    CHECK(r.out.find(hidden) == std::string::npos);
  }

  auto foreign = write_file("masked-foreign.bin", read_reply(2));
  auto f = nlohmann::json::parse(kioskctl("idcard decode " + foreign).out);
  CHECK(f["name_en"] == "I***");
  CHECK(f["id_number"] == "KAZ110*****3105");
}

TEST_CASE("decode handles every card type, long-term, expired and a bad check character") {
  auto cards = demo_cards();
  auto decode = [&](const std::string& stem) {
    for (const auto& card : cards) {
      if (card.path.stem() == stem) {
        auto path =
            write_file(stem, encode_reply(0, 0, sw3::kOk, encode_card_data(card.data, Fingerprint::absent)));
        auto r = kioskctl("idcard decode --unmasked " + path);
        REQUIRE(r.code == 0);
        return nlohmann::json::parse(r.out);
      }
    }
    FAIL("no fixture " << stem);
    return nlohmann::json{};
  };
  auto hk = decode("02-hk-permit");
  CHECK(hk["card_type"] == "hk_mo_tw_permit");
  CHECK_FALSE(hk.contains("nation"));
  auto i = decode("03-foreign-2017");
  CHECK(i["card_type"] == "foreign_permanent");
  CHECK(i["name_en"] == "IVANOVA ANNA SERGEYEVNA");
  CHECK(i["sex"] == "female");
  auto y = decode("04-foreign-2023");
  CHECK(y["card_type"] == "foreign_permanent_2023");
  CHECK(y["name_en"] == "FITZGERALD-WASHINGTON JAMES EDWARD SMITH");
  CHECK(decode("05-resident-long-term")["valid_to"] == "long-term");
  CHECK(decode("06-resident-expired")["expired"] == true);
  CHECK(decode("08-resident-bad-check")["id_number_valid"] == false);
}

TEST_CASE("decode --hex reads hex text") {
  auto reply = read_reply(2);
  std::string hex;
  for (auto b : reply) hex += fmt::format("{:02X} ", b);
  auto path = unique_link("reply.hex");
  std::ofstream(path) << hex << "\n";
  auto r = kioskctl("idcard decode --hex --unmasked " + path);
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["id_number"] == "KAZ110090123105");
}

TEST_CASE("decode rejects bad frames with exit 1, nothing on stdout, the fault on stderr") {
  auto reply = read_reply(0);
  auto bad_sum = reply;
  bad_sum[500] ^= 0x40;
  auto r = kioskctl("idcard decode " + write_file("badsum", bad_sum));
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("checksum") != std::string::npos);

  auto cut = Bytes(reply.begin(), reply.begin() + 600);
  r = kioskctl("idcard decode " + write_file("cut", cut));
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("truncated") != std::string::npos);

  auto huge = reply;
  huge[5] = 0xFF;
  r = kioskctl("idcard decode " + write_file("huge", huge));
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("length") != std::string::npos);

  r = kioskctl("idcard decode " + write_file("status", encode_reply(0x6A, 0x82, sw3::kReadFailed)));
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("0x41") != std::string::npos);
  CHECK(r.err.find("reading the card failed") != std::string::npos);
}

TEST_CASE(
    "read against the simulator: masked by default, exit 3 without a card, 4 without a reader") {
  auto sim = start_sim("ctl-read");
  sim->put_card(0);
  auto r = kioskctl("idcard read --port " + sim->path() + " --timeout-ms 2000");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["id_number"] == "110105********2314");
  CHECK(j["name"] == "张*");

  // The card was read and still lies there: that is "no card" until it is put on again.
  r = kioskctl("idcard read --port " + sim->path() + " --timeout-ms 300");
  CHECK(r.code == 3);
  CHECK(r.out.empty());
  CHECK_FALSE(r.err.empty());

  sim->lift_card();
  sim->put_card(3);
  r = kioskctl("idcard read --port " + sim->path() + " --baud 115200 --unmasked");
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["id_number"] == "911840198807040115");

  r = kioskctl("idcard read --port /nonexistent/ttyUSB7");
  CHECK(r.code == 4);
  CHECK(r.err.find("/nonexistent/ttyUSB7") != std::string::npos);
}

TEST_CASE("sim runs until interrupted and serves read and probe") {
  auto link = unique_link("ctl-sim");
  auto card = std::string(KIOSK_SOURCE_DIR) + "/assets/demo/cards/05-resident-long-term.card";
  kiosk::testing::Background sim({KIOSKCTL_PATH, "idcard", "sim", "--link", link, "--card", card,
                                  "--fast", "--fault", "split", "--fault", "noise"},
                                 {}, link + ".log");
  REQUIRE(wait_until([&] { return std::filesystem::exists(link) || !sim.running(); }));
  INFO(sim.log());
  auto probe = kioskctl("idcard probe " + link);
  CHECK(probe.code == 0);
  CHECK(probe.out.find(link) != std::string::npos);
  auto r = kioskctl("idcard read --unmasked --port " + link);
  CHECK(r.code == 0);
  if (r.code == 0) CHECK(nlohmann::json::parse(r.out)["valid_to"] == "long-term");
  ::kill(sim.pid(), SIGINT);
  REQUIRE(wait_until([&] { return !sim.running(); }));
  CHECK(sim.stop() == 0);
  CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));

  auto none = kioskctl("idcard probe " + link);
  CHECK(none.code == 4);
  auto bad = kioskctl("idcard sim --link " + link + " --fault sideways");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("sideways") != std::string::npos);
}
