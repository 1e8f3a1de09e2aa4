#!/usr/bin/env python3
"""Start-up benchmark: the kiosk against chromium --kiosk showing the same attract screen.

In one run, under one Xvfb (a real X server, not headless), for each program:
  - the time from exec to the first presented frame (the kiosk logs the wall-clock time of
    its first SwapWindow; the page logs Date.now() two animation frames after load);
  - resident memory after 5 s on the attract screen (the sum over chromium's processes,
    with PSS beside it because chromium's processes share pages);
  - CPU seconds used over 30 s of idling (all processes).
Prints both rows and the ratios.
Usage: tests/bench/startup/run.py [--runs N] [--idle-s S] [--kiosk PATH]
(--kiosk: a kiosk already built, e.g. build/bench-rel/kiosk/app/kiosk; without it the
release preset is configured and built in build/release first.)
Not a test: the figures go into the closing note.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
SCREEN = "1080x1920"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def ensure_built():
    subprocess.run([str(ROOT / "deploy/setup.sh")], check=True)
    if shutil.which("chromium") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
                       check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", "release", "--target", "kiosk"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return ROOT / "build/release/kiosk/app/kiosk"


def start_xvfb():
    # -displayfd: Xvfb takes a free display number itself and writes it when ready, so a
    # display another test starts at the same moment is never shared.
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN}x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()
    if not number:
        sys.exit("Xvfb did not start")
    return xvfb, f":{number}"


def tree(pid):
    """pid and all its descendants."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    result, todo = [], [pid]
    while todo:
        p = todo.pop()
        result.append(p)
        todo.extend(children.get(p, []))
    return result


def cpu_seconds(pids):
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError):
            pass
    return total / CLK_TCK


def memory_mb(pids):
    rss = pss = 0
    for p in pids:
        try:
            rss += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE_SIZE
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except (OSError, IndexError):
            pass
    return rss / 2**20, pss / 2**20


def measure(name, argv, env, first_frame_pattern, idle_s):
    log = tempfile.TemporaryFile()
    t0 = time.time()
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    first_ms = None
    deadline = time.time() + 60
    while first_ms is None and time.time() < deadline:
        time.sleep(0.02)
        log.seek(0)
        match = re.search(first_frame_pattern, log.read().decode(errors="replace"))
        if match:
            first_ms = int(match.group(1)) - t0 * 1000
    if first_ms is None:
        proc.kill()
        log.seek(0)
        sys.exit(f"{name}: no first frame within 60 s\n" + log.read().decode(errors="replace")[-2000:])
    time.sleep(max(0.0, t0 + 5 - time.time()))
    pids = tree(proc.pid)
    rss, pss = memory_mb(pids)
    cpu_before = cpu_seconds(tree(proc.pid))
    time.sleep(idle_s)
    cpu_after = cpu_seconds(tree(proc.pid))
    processes = len(tree(proc.pid))
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    return {"name": name, "first_ms": first_ms, "rss": rss, "pss": pss,
            "idle_cpu_s": cpu_after - cpu_before, "processes": processes}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs of each program; the median is shown")
    parser.add_argument("--idle-s", type=float, default=30.0)
    parser.add_argument("--kiosk", type=Path, help="a built kiosk; skips building build/release")
    args = parser.parse_args()

    kiosk = args.kiosk.resolve() if args.kiosk else ensure_built()
    if not os.access(kiosk, os.X_OK):
        sys.exit(f"{kiosk}: not an executable kiosk")
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    xvfb, display = start_xvfb()
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    data = tempfile.mkdtemp(prefix="bench-kiosk-")
    env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=data)
    env.pop("WAYLAND_DISPLAY", None)
    chromium = ["chromium", "--kiosk", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-default-browser-check",
                "--password-store=basic", f"--user-data-dir={profile}", "--enable-logging=stderr",
                "--v=0", f"--window-size={SCREEN.replace('x', ',')}"]
    if os.geteuid() == 0:
        chromium.append("--no-sandbox")
    chromium.append((HERE / "attract.html").as_uri())

    rows = {"kiosk": [], "chromium": []}
    try:
        for _ in range(args.runs):
            rows["kiosk"].append(measure("kiosk", [str(kiosk)], env, r"unix ms (\d+)", args.idle_s))
            rows["chromium"].append(measure("chromium", chromium, env, r"first-frame (\d+)", args.idle_s))
    finally:
        xvfb.terminate()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)

    def median(name, key):
        values = sorted(r[key] for r in rows[name])
        return values[len(values) // 2]

    print(f"\nstart-up benchmark, {args.runs} runs each, median; Xvfb {SCREEN}, Mesa llvmpipe, {os.cpu_count()} cores")
    print(f"kiosk {kiosk}; load average before {' '.join(load_before)}, "
          f"after {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(f"{'program':<10}{'first frame ms':>16}{'RSS MB @5s':>12}{'PSS MB @5s':>12}"
          f"{'CPU s / ' + str(int(args.idle_s)) + ' s idle':>20}{'idle % core':>13}{'procs':>7}")
    for name in ("kiosk", "chromium"):
        cpu = median(name, "idle_cpu_s")
        print(f"{name:<10}{median(name, 'first_ms'):>16.0f}{median(name, 'rss'):>12.1f}{median(name, 'pss'):>12.1f}"
              f"{cpu:>20.2f}{100 * cpu / args.idle_s:>13.2f}{rows[name][0]['processes']:>7}")
    k, c = "kiosk", "chromium"
    print(f"ratio kiosk/chromium: first frame {median(k, 'first_ms') / median(c, 'first_ms'):.3f} (target <= 0.2), "
          f"RSS {median(k, 'rss') / median(c, 'rss'):.3f}, PSS {median(k, 'pss') / median(c, 'pss'):.3f} "
          f"(target <= 0.25), kiosk idle CPU {100 * median(k, 'idle_cpu_s') / args.idle_s:.3f} % of a core (target < 0.5)")


if __name__ == "__main__":
    main()
