"""SIGKILL in the middle of a hearing: everything the « Enregistré » indicator confirmed is
still there after a restart and an unlock (the real application, in a subprocess)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.core.hearing.transcript import DRAFT_FIELD
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import make_hearing, open_hearing

ROOT = Path(__file__).resolve().parents[2]


def run_until_killed(home: Path, record_id: int, entries_before_kill: int) -> list[tuple]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRAME_HOME=str(home))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.crash_driver",
            str(home),
            OFFICER_PASSWORD,
            str(record_id),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: list[tuple] = []
    entries = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError("the driver stopped: " + proc.stderr.read()[-2000:])
            kind, _, payload = line.rstrip("\n").partition(" ")
            lines.append((kind, json.loads(payload)))
            if kind == "ENTRY":
                entries += 1
                if entries == entries_before_kill:
                    time.sleep(random.uniform(0.0, 0.25))  # somewhere in the next keystrokes
                    break
        else:
            raise AssertionError("the driver was too slow")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    # confirmations printed between our last read and the kill count too
    for line in proc.stdout.read().splitlines(keepends=True):
        if line.endswith("\n"):
            kind, _, payload = line.rstrip("\n").partition(" ")
            lines.append((kind, json.loads(payload)))
    return lines


def test_sigkill_mid_hearing_loses_nothing_confirmed(qtbot, vault, vault_home, controller):
    _case, rid = make_hearing(vault)
    lines = run_until_killed(vault_home, rid, entries_before_kill=12)
    confirmed_entries = [p for k, p in lines if k == "ENTRY"]
    confirmed_answers = {p["field"]: p["value"] for k, p in lines if k == "ANSWER"}
    typing = [p for k, p in lines if k == "TYPING"][-1]
    assert len(confirmed_entries) >= 12 and len(confirmed_answers) >= 5

    # restart, unlock through the window, open the hearing: everything is there
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    stored = [(e.seq, e.question, e.answer) for e in page.transcript.model.entries]
    for entry in confirmed_entries:
        assert (entry["seq"], entry["question"], entry["answer"]) in stored
    assert [s for s, _q, _a in stored] == list(range(1, len(stored) + 1))  # no duplicate
    # the entry being validated at the kill may be in too, unconfirmed
    assert len(confirmed_entries) <= len(stored) <= len(confirmed_entries) + 1
    answers = page.wizard.flow.answers
    for field, value in confirmed_answers.items():
        assert answers[field] == value
    # what was being typed at the kill is either absent or a prefix of it (never garbage)
    if "question" in typing:
        q, a = page.transcript.question.text(), page.transcript.answer.text()
        assert typing["question"].startswith(q) and typing["answer"].startswith(a)
    else:
        value = answers.get(typing["field"])
        assert value is None or typing["value"].startswith(value)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        draft = s.records.answers(rid).get(DRAFT_FIELD)
    if draft:
        assert typing.get("question", "").startswith(draft["question"])
