#!/usr/bin/env python3
"""Makes the kiosk's voice prompts: one WAV per key of the [voice] table of each string
catalogue (assets/i18n/<language>.toml), spoken by Debian's espeak-ng.

    make_voice.py --i18n assets/i18n --out build/dev/assets/voice [--stamp FILE]

writes <out>/<language>/<key>.wav (zh-CN with the Mandarin voice `cmn`, en with `en`) and
removes WAVs whose key left the catalogue. A WAV is rewritten only when its bytes change
(espeak-ng gives the same bytes for the same text, voice and speed), so an unchanged prompt
keeps its time stamp. The build runs it whenever a catalogue or this script changes
(cmake/Voice.cmake); the kiosk plays the WAVs (kiosk/app/src/services/voice_player.cpp).

It does not check that every key the session speaks is in the catalogue: the kiosk's test
tests/unit/kiosk/app/voice_files_test.cpp does, against what this script wrote.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

# Language (the catalogue's file name) -> espeak-ng voice. Words per minute: espeak-ng's
# default is 175; many of the terminal's users are elderly, so prompts are spoken slower.
VOICES = {"zh-CN": "cmn", "en": "en"}
WORDS_PER_MINUTE = 150
# Keys become file names: keep them to what every file system and the player accept.
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class Failure(Exception):
    pass


def read_prompts(catalogue):
    """The [voice] table of CATALOGUE as {key: text}; a Failure says what is wrong."""
    try:
        with open(catalogue, "rb") as f:
            document = tomllib.load(f)
    except OSError as e:
        raise Failure(f"{catalogue}: cannot read the string catalogue: {e.strerror}")
    except tomllib.TOMLDecodeError as e:
        raise Failure(f"{catalogue}: not valid TOML: {e}")
    table = document.get("voice")
    if not isinstance(table, dict):
        raise Failure(f"{catalogue}: has no [voice] table of prompts (key = \"text to speak\")")
    prompts = {}
    for key, text in table.items():
        if not KEY_PATTERN.match(key):
            raise Failure(
                f"{catalogue}: voice.{key}: a prompt key is lower-case letters, digits and _")
        if not isinstance(text, str) or not text.strip():
            raise Failure(f"{catalogue}: voice.{key}: expected the text to speak, in quotes")
        prompts[key] = text
    return prompts


def speak(espeak, voice, text, target):
    """Writes TEXT spoken by VOICE to TARGET; True when TARGET's bytes changed."""
    temporary = target + ".tmp"
    result = subprocess.run(
        [espeak, "-v", voice, "-s", str(WORDS_PER_MINUTE), "-b", "1", "-w", temporary,
         "--stdin"],
        input=text.encode("utf-8"), capture_output=True)
    # espeak-ng says little on failure and may still exit 0: a WAV is at least its header.
    if (result.returncode != 0 or not os.path.exists(temporary)
            or os.path.getsize(temporary) <= 44):
        message = result.stderr.decode("utf-8", "replace").strip() or "no sound written"
        if os.path.exists(temporary):
            os.remove(temporary)
        raise Failure(f"{target}: espeak-ng -v {voice} failed: {message}")
    with open(temporary, "rb") as f:
        made = f.read()
    try:
        with open(target, "rb") as f:
            if f.read() == made:
                os.remove(temporary)
                return False
    except FileNotFoundError:
        pass
    os.replace(temporary, target)
    return True


def make(i18n, out, espeak, jobs):
    """Writes every prompt of every language; returns (files, changed, removed, bytes)."""
    work = []
    removed = 0
    for language, voice in VOICES.items():
        prompts = read_prompts(os.path.join(i18n, f"{language}.toml"))
        folder = os.path.join(out, language)
        os.makedirs(folder, exist_ok=True)
        wanted = {f"{key}.wav" for key in prompts}
        for name in sorted(os.listdir(folder)):
            if name not in wanted and (name.endswith(".wav") or name.endswith(".tmp")):
                os.remove(os.path.join(folder, name))
                removed += name.endswith(".wav")
        work += [(voice, text, os.path.join(folder, f"{key}.wav"))
                 for key, text in sorted(prompts.items())]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        changed = sum(pool.map(lambda w: speak(espeak, *w), work))
    size = sum(os.path.getsize(target) for _, _, target in work)
    return len(work), changed, removed, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--i18n", required=True, help="folder of zh-CN.toml and en.toml")
    parser.add_argument("--out", required=True, help="folder to write <language>/<key>.wav in")
    parser.add_argument("--stamp", help="file touched after success (for the build)")
    parser.add_argument("--espeak", default="espeak-ng", help="the espeak-ng program")
    parser.add_argument("--jobs", type=int, default=2, help="espeak-ng runs at once")
    args = parser.parse_args()

    espeak = shutil.which(args.espeak)
    if espeak is None:
        print(f"make_voice: {args.espeak} not found: install the Debian package espeak-ng "
              "(deploy/setup.sh installs everything in deploy/packages.txt)", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        files, changed, removed, size = make(args.i18n, args.out, espeak, max(1, args.jobs))
    except Failure as e:
        print(f"make_voice: {e}", file=sys.stderr)
        return 1
    if args.stamp:
        with open(args.stamp, "w", encoding="utf-8") as f:
            f.write(f"{files} prompts\n")
    print(f"make_voice: {files} WAVs in {args.out} ({changed} written, {removed} removed), "
          f"{size / 1e6:.1f} MB, {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
