// The real reader driver against the simulator over a pty: bytes on a tty, nothing mocked.
#include <poll.h>

#include <thread>

#include <catch2/catch.hpp>

#include "drivers/idcard/reader.h"
#include "drivers/serial/port.h"
#include "drivers/serial/pty.h"
#include "support.h"

using namespace drivers::idcard;
using namespace idcard_test;
using namespace std::chrono_literals;

namespace {
// Short enough that the tests which wait a timeout out stay quick, long enough that a loaded
// 2-core machine under ASan still answers in time (150 ms failed once at load 10).
ReaderOptions quick_options() {
  ReaderOptions o;
  o.timeouts.find = o.timeouts.select = o.timeouts.status = o.timeouts.sam_id = 500ms;
  o.timeouts.read = 1000ms;
  o.timeouts.probe = 300ms;
  return o;
}
}  // namespace

TEST_CASE("the reader reads every card type through the pty") {
  auto sim = start_sim("types");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  CHECK(reader->baud() == 115200);
  const std::pair<std::size_t, CardType> cases[] = {{0, CardType::resident},
                                                    {1, CardType::hk_mo_tw_permit},
                                                    {2, CardType::foreign_permanent},
                                                    {3, CardType::foreign_permanent_2023}};
  auto cards = demo_cards();
  for (auto [index, type] : cases) {
    REQUIRE(sim->put_card(index));
    auto card = reader->read_card();
    REQUIRE(card);
    CHECK(card->identity.card_type == type);
    CHECK(card->identity.id_number_valid);
    CHECK(card->data.text == cards[index].data.text);
    CHECK(card->data.photo == cards[index].data.photo);
  }
  CHECK(sim->stats().reads == 4);
}

TEST_CASE("a card just read answers 0x80 until lifted and put back (pitfall 9)") {
  auto sim = start_sim("halt");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  sim->put_card(0);
  REQUIRE(reader->read_card());
  for (int i = 0; i < 3; ++i) {
    auto again = reader->find_card();
    REQUIRE(again);
    CHECK_FALSE(*again);
  }
  auto no_card = reader->read_card();
  REQUIRE_FALSE(no_card);
  CHECK(no_card.error().kind == Error::Kind::no_card);
  // Select and read without a fresh find fail as on a real SAM.
  auto select = reader->select_card();
  REQUIRE_FALSE(select);
  CHECK(select.error().sw3 == sw3::kSelectFailed);
  sim->lift_card();
  sim->put_card(0);
  CHECK(reader->read_card());
}

TEST_CASE("split writes and noise before every reply do not disturb the reader (pitfall 1)") {
  SimulatorFaults faults;
  faults.split_writes = true;
  faults.noise = true;
  auto sim = start_sim("split-noise", faults);
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  for (int i = 0; i < 6; ++i) {
    sim->put_card(static_cast<std::size_t>(i % 4));
    auto card = reader->read_card();
    REQUIRE(card);
  }
  CHECK(reader->garbage_bytes() > 0);
}

TEST_CASE("no reply is a timeout near the deadline, and the next command works") {
  auto sim = start_sim("timeout");
  // Find waits 150 ms; every other command 20 s. A reader that waited on the wrong deadline
  // (or on none) takes seconds, so the upper bound below can be 20 times the right wait and
  // still tell them apart: no tight wall-clock bound for ASan to break.
  ReaderOptions options = quick_options();
  options.timeouts.status = options.timeouts.sam_id = options.timeouts.select = 20s;
  options.timeouts.read = options.timeouts.reset = 20s;
  auto reader = Reader::open(sim->path(), options);
  REQUIRE(reader);
  sim->put_card(0);
  sim->drop_next(1);
  auto start = std::chrono::steady_clock::now();
  auto found = reader->find_card();
  auto waited = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(found);
  CHECK(found.error().kind == Error::Kind::timeout);
  CHECK(waited >= 150ms);
  CHECK(waited < 3000ms);
  CHECK(reader->read_card());
}

TEST_CASE("a reply with a bad checksum is a frame error naming the checksum") {
  auto sim = start_sim("checksum");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  sim->put_card(0);
  sim->corrupt_next(1);
  auto found = reader->find_card();
  REQUIRE_FALSE(found);
  CHECK(found.error().kind == Error::Kind::frame);
  CHECK(found.error().message.find("checksum") != std::string::npos);
  CHECK(reader->read_card());
}

TEST_CASE("repeated failures reset the SAM once, then the reader carries on") {
  auto sim = start_sim("reset");
  auto options = quick_options();
  options.reset_after_failures = 3;
  auto reader = Reader::open(sim->path(), options);
  REQUIRE(reader);
  sim->drop_next(3);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(reader->find_card());
  CHECK(reader->sam_resets() == 1);
  CHECK(sim->stats().resets == 1);
  sim->put_card(0);
  CHECK(reader->read_card());
}

TEST_CASE("failure replies with non-zero SW1/SW2 are judged by SW3 (pitfall 2)") {
  SimulatorFaults faults;
  faults.nonzero_sw = true;
  faults.read_fail_every = 1;
  auto sim = start_sim("sw", faults);
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  sim->put_card(0);
  auto card = reader->read_card();
  REQUIRE_FALSE(card);
  CHECK(card.error().kind == Error::Kind::status);
  CHECK(card.error().sw3 == sw3::kReadFailed);
  CHECK(card.error().message.find("0x41") != std::string::npos);
  // The card moved, not read: it answers find again and reads once the fault is gone.
  sim->set_faults({});
  CHECK(reader->read_card());
}

TEST_CASE("the reader finds a reader set to another rate (pitfall 15)") {
  auto sim = start_sim("baud", {}, 9600);
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  CHECK(reader->baud() == 9600);
  sim->put_card(0);
  CHECK(reader->read_card());

  auto options = quick_options();
  options.baud = 115200;
  auto fixed = Reader::open(sim->path(), options);
  REQUIRE_FALSE(fixed);
  CHECK(fixed.error().kind == Error::Kind::no_reader);
  CHECK(fixed.error().message.find("115200") != std::string::npos);
}

TEST_CASE("a port where nothing speaks GA 467 is no reader (pitfall 14)") {
  auto pty = drivers::serial::Pty::create();
  REQUIRE(pty);
  // A vendor module answering in its own STX/ETX framing.
  std::atomic<bool> stop{false};
  std::thread other([&] {
    const std::uint8_t answer[] = {0x02, 0x00, 0x03, 0xCA, 0x01, 0xC8, 0x03};
    while (!stop) {
      // Wait for the host's bytes (a short poll so that `stop` is seen), answer each burst.
      pollfd pfd{pty->master_fd(), POLLIN, 0};
      if (::poll(&pfd, 1, 20) <= 0) continue;
      std::uint8_t buf[64];
      if (::read(pty->master_fd(), buf, sizeof buf) > 0) {
        [[maybe_unused]] auto n = ::write(pty->master_fd(), answer, sizeof answer);
      }
    }
  });
  auto reader = Reader::open(pty->slave_path(), quick_options());
  stop = true;
  other.join();
  REQUIRE_FALSE(reader);
  CHECK(reader.error().kind == Error::Kind::no_reader);
  CHECK(reader.error().message.find("9600") != std::string::npos);
}

TEST_CASE("unplugging is a port error, the path comes back after replug") {
  auto sim = start_sim("unplug");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  sim->unplug();
  auto found = reader->find_card();
  REQUIRE_FALSE(found);
  CHECK(found.error().kind == Error::Kind::port);
  auto reopen = Reader::open(sim->path(), quick_options());
  REQUIRE_FALSE(reopen);
  CHECK(reopen.error().kind == Error::Kind::port);
  sim->replug();
  auto back = Reader::open(sim->path(), quick_options());
  REQUIRE(back);
  sim->put_card(1);
  CHECK(back->read_card());
}

TEST_CASE("SAM faults reach the host as their status codes") {
  SECTION("unauthorised SAM") {
    SimulatorFaults faults;
    faults.sam_unauthorised = true;
    auto sim = start_sim("unauth", faults);
    auto reader = Reader::open(sim->path(), quick_options());
    REQUIRE(reader);
    sim->put_card(0);
    auto found = reader->find_card();
    REQUIRE_FALSE(found);
    CHECK(found.error().sw3 == sw3::kSamNotAuthorised);
  }
  SECTION("self-test failure is reported at open") {
    SimulatorFaults faults;
    faults.self_test_failure = true;
    auto sim = start_sim("selftest", faults);
    auto reader = Reader::open(sim->path(), quick_options());
    REQUIRE_FALSE(reader);
    CHECK(reader.error().sw3 == sw3::kSelfTestFailed);
  }
  SECTION("a card that is not an ID card") {
    SimulatorFaults faults;
    faults.non_id_card = true;
    auto sim = start_sim("nonid", faults);
    auto reader = Reader::open(sim->path(), quick_options());
    REQUIRE(reader);
    sim->put_card(0);
    auto card = reader->read_card();
    REQUIRE_FALSE(card);
    CHECK(card.error().sw3 == sw3::kNotIdCard);
  }
}

TEST_CASE("the simulator answers bad frames and unknown commands like a SAM") {
  auto sim = start_sim("badframes");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  auto unknown = reader->transact({0x99, 0x01}, {}, 150ms);
  REQUIRE(unknown);
  CHECK(unknown->sw3 == sw3::kCommandError);
  const std::uint8_t rf[] = {0x50};
  auto set_rf = reader->transact(cmd::kSetMaxRfBytes, rf, 150ms);
  REQUIRE(set_rf);
  CHECK(set_rf->sw3 == sw3::kOk);
  auto no_data = reader->transact(cmd::kSetMaxRfBytes, {}, 150ms);
  REQUIRE(no_data);
  CHECK(no_data->sw3 == sw3::kLengthError);

  // A host frame garbled on the way: the SAM says 10.
  auto port = drivers::serial::Port::open(sim->path(), 115200);
  REQUIRE(port);
  auto frame = encode_command(cmd::kFindCard);
  frame.back() ^= 0x01;
  REQUIRE(port->write_all(frame, drivers::serial::Clock::now() + 1s));
  ReplyDecoder decoder;
  std::array<std::uint8_t, 64> buf{};
  std::optional<Reply> reply;
  auto deadline = drivers::serial::Clock::now() + 1s;
  while (!reply) {
    auto n = port->read_some(buf, deadline);
    REQUIRE(n);
    REQUIRE(*n > 0);
    decoder.feed(std::span(buf).first(*n));
    if (auto item = decoder.next()) reply = std::get<Reply>(*item);
  }
  CHECK(reply->sw3 == sw3::kChecksumError);
}

TEST_CASE("SAM ID, appended address and the 2321-byte fingerprint reply (pitfalls 6, 10)") {
  auto sim = start_sim("extras");
  auto reader = Reader::open(sim->path(), quick_options());
  REQUIRE(reader);
  auto id = reader->sam_id();
  REQUIRE(id);
  CHECK(*id == "05.01-123456789-0000000001-0000123456");

  auto card = demo_cards()[0];
  card.data.fingerprint.assign(1024, 0x33);
  sim->put_card(card);
  REQUIRE(reader->find_card());
  REQUIRE(reader->select_card());
  auto reply = reader->transact(cmd::kReadBaseFingerprint, {}, 500ms);
  REQUIRE(reply);
  CHECK(reply->sw3 == sw3::kOk);
  auto data = parse_card_data(reply->data, Fingerprint::present);
  REQUIRE(data);
  CHECK(data->fingerprint.size() == 1024);

  auto appended = reader->transact(cmd::kReadAppended, {}, 150ms);
  REQUIRE(appended);
  CHECK(appended->sw3 == sw3::kNoContent);
  auto cards = demo_cards();
  auto with_address = std::find_if(cards.begin(), cards.end(),
                                   [](const auto& c) { return c.appended_address.has_value(); });
  REQUIRE(with_address != cards.end());
  sim->put_card(*with_address);
  REQUIRE(reader->read_card());
  auto address = reader->transact(cmd::kReadAppended, {}, 150ms);
  REQUIRE(address);
  CHECK(address->sw3 == sw3::kOk);
  CHECK(utf16le_to_utf8(address->data) == "海南省三亚市吉阳区迎宾路1号");
}

TEST_CASE("realistic default latencies: a read takes the SAM's time plus the wire time") {
  SimulatorOptions options;
  options.link = unique_link("realistic");
  options.cards = demo_cards();
  auto sim = Simulator::start(std::move(options));
  REQUIRE(sim);
  auto reader = Reader::open((*sim)->path());
  REQUIRE(reader);
  (*sim)->put_card(0);
  auto start = std::chrono::steady_clock::now();
  auto card = reader->read_card();
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(card);
  // find 50 + select 50 + read 600 ms + 112 ms of wire time at 115200 baud. A lower bound
  // only: the time is slept, and ASan or a loaded machine only adds to it. That the defaults
  // stay realistic (under a second for a read) is checked on the values themselves.
  CHECK(took >= 800ms);
  const SimulatorLatencies defaults;
  CHECK(defaults.find + defaults.select + defaults.read < 1000ms);
  CHECK(defaults.pace_wire);
}
