// Benchmarks for the ID-card reader (not a test; prints figures):
//  (a) card on the reader -> identity delivered by the real driver through a pty, simulator
//      latencies 0 and no wire pacing, against the wire time the same bytes need at 115200
//      baud. The difference is host overhead; the budget is 10 ms.
//  (b) frame decoder throughput: 1295-byte read replies in 64-byte pieces, frames per second;
//      and identity decoding per second.
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/reader.h"
#include "drivers/idcard/simulator.h"
#include "drivers/serial/port.h"

using namespace drivers::idcard;
using Clock = std::chrono::steady_clock;

namespace {
double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::string source_dir() {
  if (const char* env = std::getenv("KIOSK_SOURCE_DIR")) return env;
  return KIOSK_SOURCE_DIR;
}
}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 200;
  auto cards = load_card_fixtures(source_dir() + "/assets/demo/cards");
  if (!cards) {
    fmt::print(stderr, "bench_idcard: {}\n", cards.error().message);
    return 1;
  }

  // (a) card on reader -> identity
  SimulatorOptions options;
  options.link =
      std::filesystem::temp_directory_path() / fmt::format("kiosk-bench-idcard-{}", ::getpid());
  options.latencies = SimulatorLatencies::zero();
  options.cards = *cards;
  auto sim = Simulator::start(options);
  if (!sim) {
    fmt::print(stderr, "bench_idcard: {}\n", sim.error().message);
    return 1;
  }
  auto reader = Reader::open((*sim)->path());
  if (!reader) {
    fmt::print(stderr, "bench_idcard: {}\n", reader.error().message);
    return 1;
  }
  std::vector<double> samples;
  for (int i = 0; i < rounds; ++i) {
    (*sim)->put_card(static_cast<std::size_t>(i % 4));
    auto start = Clock::now();
    auto card = reader->read_card();
    auto took = Clock::now() - start;
    if (!card) {
      fmt::print(stderr, "bench_idcard: round {}: {}\n", i, card.error().message);
      return 1;
    }
    card->identity.wipe();
    samples.push_back(ms(took));
  }
  // find (10 + 15), select (10 + 19), read (10 + 1295): bytes on the line for one card.
  const std::size_t wire_bytes = 10 + 15 + 10 + 19 + 10 + 1295;
  double wire =
      std::chrono::duration<double, std::milli>(drivers::serial::wire_time(wire_bytes, 115200))
          .count();
  double median = percentile(samples, 0.5);
  double p95 = percentile(samples, 0.95);
  double worst = *std::max_element(samples.begin(), samples.end());
  fmt::print("(a) card on reader -> identity, real driver through a pty, simulator latencies 0\n");
  fmt::print("    rounds                      {}\n", rounds);
  fmt::print("    wire time of {} bytes at 115200 baud (baseline)   {:.1f} ms\n", wire_bytes, wire);
  fmt::print("    host overhead median        {:.3f} ms  ({:.1f}% of the wire time)\n", median,
             100.0 * median / wire);
  fmt::print("    host overhead p95           {:.3f} ms\n", p95);
  fmt::print("    host overhead max           {:.3f} ms\n", worst);
  auto slow = std::count_if(samples.begin(), samples.end(), [](double v) { return v >= 10.0; });
  fmt::print("    rounds over 10 ms           {} (noise bytes seen {}, SAM resets {})\n", slow,
             reader->garbage_bytes(), reader->sam_resets());
  fmt::print("    budget 10 ms (p95): {}\n", p95 < 10.0 ? "met" : "MISSED");
  fmt::print("    => card to identity on a real 115200 line ~ {:.1f} ms + the SAM's own time\n",
             wire + median);

  // Same, with the simulator pacing its replies at the wire speed.
  SimulatorLatencies paced = SimulatorLatencies::zero();
  paced.pace_wire = true;
  (*sim)->set_latencies(paced);
  std::vector<double> paced_samples;
  for (int i = 0; i < std::min(rounds, 20); ++i) {
    (*sim)->put_card(static_cast<std::size_t>(i % 4));
    auto start = Clock::now();
    auto card = reader->read_card();
    if (!card) return 1;
    paced_samples.push_back(ms(Clock::now() - start));
  }
  fmt::print(
      "    with wire pacing (replies at 115200): median {:.1f} ms (wire replies alone {:.1f} ms)\n",
      percentile(paced_samples, 0.5),
      std::chrono::duration<double, std::milli>(drivers::serial::wire_time(15 + 19 + 1295, 115200))
          .count());
  (*sim)->stop();

  // (b) decoder throughput
  auto frame =
      encode_reply(0, 0, sw3::kOk, encode_card_data((*cards)[0].data, Fingerprint::absent));
  const int frames = 20000;
  Bytes stream;
  stream.reserve(frame.size() * 100);
  for (int i = 0; i < 100; ++i) stream.insert(stream.end(), frame.begin(), frame.end());
  ReplyDecoder decoder;
  std::size_t decoded = 0;
  auto start = Clock::now();
  for (int batch = 0; batch < frames / 100; ++batch) {
    for (std::size_t at = 0; at < stream.size(); at += 64) {
      decoder.feed(std::span(stream).subspan(at, std::min<std::size_t>(64, stream.size() - at)));
      while (auto item = decoder.next()) decoded += std::holds_alternative<Reply>(*item) ? 1 : 0;
    }
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  fmt::print("(b) frame decoder: {} read replies of {} bytes in 64-byte pieces\n", decoded,
             frame.size());
  fmt::print("    {:.0f} frames/s, {:.1f} MB/s (a 115200 line carries {:.1f} such frames/s)\n",
             static_cast<double>(decoded) / secs,
             static_cast<double>(decoded * frame.size()) / secs / 1e6,
             11520.0 / static_cast<double>(frame.size()));

  const int identities = 20000;
  start = Clock::now();
  std::size_t ok = 0;
  for (int i = 0; i < identities; ++i) {
    auto id = decode_identity((*cards)[static_cast<std::size_t>(i) % cards->size()].data.text);
    ok += id ? 1 : 0;
  }
  secs = std::chrono::duration<double>(Clock::now() - start).count();
  fmt::print("    identity decoding: {:.0f} text blocks/s ({} of {} decoded)\n",
             static_cast<double>(identities) / secs, ok, identities);
  return 0;
}
