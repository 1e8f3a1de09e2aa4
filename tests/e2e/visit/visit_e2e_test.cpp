// A worker's visit, end to end: kiosk-central with demo data behind nginx (deploy/central.sh),
// the kiosk in demo mode with the simulated reader and the virtual printer, driven through
// its real window with xdotool. Every step's picture is kept under the build folder
// (KIOSK_E2E_SHOTS) to be looked at.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "printed_line.h"
#include "process.h"
#include "temp_dir.h"

using kiosk::testing::binary_path;
using kiosk::testing::contains_line;
using kiosk::testing::load_receipt;
using kiosk::testing::printed_line;
using kiosk::testing::ProcessOptions;
using kiosk::testing::run_process;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Starts the central side and the kiosk; `$run` then holds the steps of one case.
constexpr const char* kStart = R"sh(
set -e
source "$SOURCE/tests/e2e/visit/drive.sh"
mkdir -p "$SHOTS"
"$SOURCE/deploy/dev-ca.sh" "$DIR/kiosk/tls" >/dev/null 2>&1
mkdir -p "$DIR/central" && cp -r "$DIR/kiosk/tls" "$DIR/central/tls"
start_central() {
  KIOSK_CENTRAL="$CENTRAL" "$SOURCE/deploy/central.sh" "$DIR/central" --listen "127.0.0.1:${1:-0}" \
    --demo-data >"$DIR/central.out" 2>>"$DIR/central.log" & server=$!
  wait_log "^listening on" "$DIR/central.out"
}
stop_central() { kill "$server"; wait "$server" || true; rm -f "$DIR/central.out"; }
start_central
port=$(sed -n 's/^listening on 127.0.0.1://p' "$DIR/central.out")
# Quick retries, so the upload after an outage is seen within the test's time.
printf '[central]\nurl = "https://127.0.0.1:%s"\n[session]\nidle_timeout_s = 300\n' "$port" >"$DIR/kiosk.toml"
"$KIOSK" --config "$DIR/kiosk.toml" --windowed 1080x1920 --ui-map "$MAP" 2>"$LOG" & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
wait_log "full CJK body"
wait_log "reader online"
wid=$(timeout 10 xdotool search --sync --class "kiosk" | head -n 1)
shot "${PREFIX}01-attract"
xdotool windowfocus --sync "$wid" key F1
wait_log "session attract -> menu"
wait_log "server member_loaded"
shot "${PREFIX}02-menu"
)sh";

// The settlement records, one record's detail, and back to the menu.
constexpr const char* kRecords = R"sh(
tap menu.records
wait_log "session menu -> records"
shot "${PREFIX}03-records"
tap records/0
wait_log "session records -> record_detail"
shot "${PREFIX}04-record-detail"
tap record.back
tap records.back
wait_log "session records -> menu"
)sh";

// This year's statement printed; its QR's verification number answered by kiosk-central.
constexpr const char* kStatement = R"sh(
tap menu.statement
wait_log "session menu -> statement"
tap statement.this_year
shot "${PREFIX}05-statement"
tap statement.print
wait_log "printing as job"
wait_log "demo receipt saved"
shot "${PREFIX}06-statement-printed"
statement_png=$(ls "$DIR"/kiosk/prints/receipt-*.png | head -n 1)
cp "$statement_png" "$SHOTS/${PREFIX}07-statement-paper.png"
number=$(zbarimg --raw -q "$statement_png" | sed -n 's/^KIOSK-STATEMENT://p')
[[ -n $number ]] || { echo "no statement number in the QR" >&2; exit 1; }
tls="$DIR/kiosk/tls"
for _ in $(seq 1 50); do
  curl -sf --cacert "$tls/ca.pem" --cert "$tls/kiosk.pem" --key "$tls/kiosk.key" \
    "https://127.0.0.1:$port/api/v1/statements/$number" >"$DIR/statement.json" && break
  sleep 0.2
done
grep -q "$number" "$DIR/statement.json" || { echo "kiosk-central does not know $number" >&2; exit 1; }
tap statement.back
wait_log "session statement -> menu"
)sh";

// From the done screen to the progress of this person's claims.
constexpr const char* kProgress = R"sh(
tap done.menu
wait_log "session claim_done -> menu"
tap menu.progress
wait_log "session menu -> progress"
shot "${PREFIX}20-progress"
)sh";

// From the menu through the claim wizard to the done screen.
constexpr const char* kClaim = R"sh(
taps_before=$taps
tap menu.claim
wait_log "session menu -> claim"
shot "${PREFIX}10-claim-choose"
tap claim.next
shot "${PREFIX}11-claim-estimate"
tap claim.next
if [[ -n ${TYPE_BANK:-} ]]; then
  # Another account than the one on file, typed on the number pad.
  tap claim.bank_account
  for d in 6 2 2 2 0 2 1 2 3 4 5 6 7 8 9 0 1 2 8; do tap "claim.keypad/$d"; done
  shot "${PREFIX}12-claim-details"
  tap claim.keypad/confirm
else
  shot "${PREFIX}12-claim-details"
fi
tap claim.next
shot "${PREFIX}13-claim-commitment"
sign claim.signature/pad
shot "${PREFIX}14-claim-signed"
tap claim.next
shot "${PREFIX}15-claim-confirm"
tap claim.next
wait_log "session claim -> claim_done"
wait_log "demo receipt saved"
echo "$((taps - taps_before))" >"$DIR/claim-taps.txt"
shot "${PREFIX}16-claim-done"
)sh";

// After the visit: staff mode by the corner held 3 s and the PIN, the upload queue, the
// devices and the day summary once each, the claim's receipt reprinted by its serial
// number, and staff mode left.
constexpr const char* kStaff = R"sh(
tap progress.back
wait_log "session progress -> menu"
tap home
wait_widget attract.staff_corner
hold attract.staff_corner 3.5
wait_log "session attract -> staff_pin"
type_number staff.pin 246810
shot "${PREFIX}30-staff-pin"
tap staff.pin/confirm
wait_widget staff.menu.reprint 30  # the PIN's Argon2id check takes a second or more
shot "${PREFIX}31-staff-menu"
tap staff.menu.queue
wait_widget staff.queue.tools/0
shot "${PREFIX}32-staff-queue"
tap staff.back
tap staff.menu.devices
wait_widget staff.devices.tools/0
shot "${PREFIX}33-staff-devices"
tap staff.back
tap staff.menu.summary
wait_widget staff.summary.tools/0
shot "${PREFIX}34-staff-summary"
tap staff.back
tap staff.export
wait_log "staff task export_diagnostics done"
exported=$(ls -d "$DIR"/kiosk/diagnostics/kiosk-diagnostics-* | tail -n 1)
cp "$exported/summary.json" "$SHOTS/${PREFIX}39-diagnostics-summary.json"
cp "$exported/claims.json" "$SHOTS/${PREFIX}39-diagnostics-claims.json"
cat "$exported"/*.json "$exported"/logs/* >"$DIR/exported-all.txt"
shot "${PREFIX}39-staff-exported"
tap staff.menu.reprint
wait_widget staff.reprint.keypad/confirm
number=$(sed -n 's/.*claims saved visit=[0-9]* number=\([0-9]*\) .*/\1/p' "$LOG" | tail -n 1)
[[ -n $number ]] || { echo "no claim number in the kiosk's log" >&2; exit 1; }
type_number staff.reprint.keypad "$number"
shot "${PREFIX}35-staff-reprint-typed"
printed=$(ls "$DIR"/kiosk/prints/receipt-*.png | wc -l)
jobs_done=$(grep -c "printer: job [0-9]* done" "$LOG")
tap staff.reprint.keypad/confirm
wait_files "$DIR/kiosk/prints/receipt-*.png" $((printed + 1))
wait_count "printer: job [0-9]* done" $((jobs_done + 1))  # then the page says it is printed
shot "${PREFIX}36-staff-reprinted"
reprint=$(ls "$DIR"/kiosk/prints/receipt-*.png | tail -n 1)
cp "$reprint" "$DIR/reprint.png"
cp "$reprint" "$SHOTS/${PREFIX}37-reprint.png"
zbarimg --raw -q "$reprint" >"$DIR/reprint-qr.txt"
tap staff.back
tap staff.leave
wait_log "session staff -> attract"
wait_widget attract.staff_corner
shot "${PREFIX}38-staff-left"
)sh";

ProcessOptions options_for(const std::filesystem::path& dir, const std::string& prefix) {
  // kiosk-central runs as an unprivileged user when the test runs as root: it must be able
  // to reach its folder inside this one (mkdtemp makes it 0700).
  std::filesystem::permissions(
      dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
               std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
               std::filesystem::perms::others_exec);
  ProcessOptions options;
  options.env["XDG_DATA_HOME"] = dir.string();
  options.env["KIOSK"] = binary_path("kiosk/app/kiosk");
  options.env["CENTRAL"] = binary_path("server/kiosk-central");
  options.env["SOURCE"] = KIOSK_SOURCE_DIR;
  options.env["DIR"] = dir.string();
  options.env["LOG"] = (dir / "kiosk.err").string();
  options.env["MAP"] = (dir / "ui-map.txt").string();
  options.env["SHOTS"] = KIOSK_E2E_SHOTS;
  options.env["PREFIX"] = prefix;
  options.timeout = std::chrono::seconds(240);
  return options;
}

// The uuid of the claim the kiosk saved, from its log line "claims saved ... uuid=...".
std::string saved_uuid(const std::string& log) {
  auto at = log.find("claims saved");
  REQUIRE(at != std::string::npos);
  auto uuid = log.find("uuid=", at);
  REQUIRE(uuid != std::string::npos);
  return log.substr(uuid + 5, 36);
}

}  // namespace

TEST_CASE(
    "e2e: card, records, statement, claim, receipt, listed by kiosk-central, progress, staff "
    "reprint",
    "[e2e][display]") {
  kiosk::testing::TempDir dir("kiosk-e2e");
  std::string script = std::string(kStart) + kRecords + kStatement + kClaim + R"sh(
    receipt=$(ls "$DIR"/kiosk/prints/receipt-*.png | tail -n 1)
    cp "$receipt" "$SHOTS/${PREFIX}18-receipt.png"
    cp "$receipt" "$DIR/receipt.png"
    zbarimg --raw -q "$receipt" >"$DIR/qr.txt"
    wait_log "claims uploaded"
    shot "${PREFIX}17-claim-uploaded"
    "$CENTRAL" list-claims --db "$DIR/central/central.db" >"$DIR/claims.jsonl"
  )sh" + kProgress + kStaff;
  auto result = run_process({"bash", "-c", script}, options_for(dir.path(), "online-"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string log = read_file(dir.path() / "kiosk.err");
  const std::string uuid = saved_uuid(log);
  CHECK(read_file(dir.path() / "qr.txt").find(uuid) != std::string::npos);
  CHECK(read_file(dir.path() / "claims.jsonl").find(uuid) != std::string::npos);
  // Card to receipt with the details on file: menu, two nexts, details as they are, sign,
  // submit (the signature is strokes, not taps).
  CHECK(std::stoi(read_file(dir.path() / "claim-taps.txt")) <= 6);
  CHECK(log.find("110105198503172314") == std::string::npos);   // no ID number in the log
  CHECK(log.find("6222021234567890128") == std::string::npos);  // nor the bank account

  // The diagnostics export has the day's figures and the claim by number, and no personal
  // data in any file (the logs included).
  const std::string exported = read_file(dir.path() / "exported-all.txt");
  CHECK(exported.find("\"claims_taken\": 1") != std::string::npos);
  CHECK(exported.find("\"sequence\": 1") != std::string::npos);
  CHECK(exported.find("110105198503172314") == std::string::npos);
  CHECK(exported.find("6222021234567890128") == std::string::npos);

  // The reprint is of the same claim, and says so under its title; the original does not.
  CHECK(read_file(dir.path() / "reprint-qr.txt") == read_file(dir.path() / "qr.txt"));
  const auto mark = printed_line("（补打）");
  REQUIRE(mark.height > 0);
  const auto original = load_receipt(dir.path() / "receipt.png");
  const auto reprint = load_receipt(dir.path() / "reprint.png");
  REQUIRE(original.height > 0);
  REQUIRE(reprint.height > 0);
  CHECK(contains_line(reprint, mark));
  CHECK_FALSE(contains_line(original, mark));
  // Its own line: the reprint is the original with one more line of text.
  CHECK(reprint.height > original.height);
}

TEST_CASE("e2e: a claim made while kiosk-central is down is saved, then uploads once it is back",
          "[e2e][display]") {
  kiosk::testing::TempDir dir("kiosk-e2e-offline");
  // The records are fetched first; then the server goes away before the claim.
  std::string script = std::string(kStart) + R"sh(
    stop_central
    TYPE_BANK=1
  )sh" + kClaim + R"sh(
    grep -q "session claim -> claim_done" "$LOG"
    start_central "$port"
    # The worker's health probe (every 60 s) finds the server back and sends what waited.
    wait_log "claims uploaded" "$LOG" 150
    shot "${PREFIX}17-claim-uploaded"
    "$CENTRAL" list-claims --db "$DIR/central/central.db" >"$DIR/claims.jsonl"
  )sh" + kProgress;
  auto result = run_process({"bash", "-c", script}, options_for(dir.path(), "offline-"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string log = read_file(dir.path() / "kiosk.err");
  const std::string uuid = saved_uuid(log);
  // Stored once (one line of list-claims), however many times it was sent.
  std::istringstream claims(read_file(dir.path() / "claims.jsonl"));
  int rows = 0;
  for (std::string line; std::getline(claims, line);) rows += line.find(uuid) != std::string::npos;
  CHECK(rows == 1);
}
