"""Run by tests/adversary/test_lock_memory.py in its own process: the core session as the
worker runs it — unlock a real vault, store a statement, lock — waiting to be read
once before the lock and once after.

The case key goes to the parent straight from the session's own buffer (os.write on the
bytearray: no copy is made in this process); the statement is made here, at random, so
that no copy comes from the command line or a pipe."""

from __future__ import annotations

import gc
import os
import secrets
import sys

from desktop.core.records import RecordKind, start_record
from desktop.core.vault import Vault
from desktop.core.vault.vault import CASE_KEY


def main() -> None:
    home, login, out = sys.argv[1], sys.argv[2], int(sys.argv[3])
    password = os.environ.pop("TRAME_TEST_PASSWORD")
    canary = "Canari" + secrets.token_hex(8) + " la voiture bleue du parking"
    session = Vault(home).unlock(login, password)
    os.write(out, session._keys[CASE_KEY])
    os.write(out, canary.encode())
    os.close(out)
    case = session.cases.create("2026/000777", "Brigade fictive")
    person = session.persons.add(case.id, "victime", "Martin", "Eloise", "2011-04-02")
    record_id = start_record(session, RecordKind.AUDITION, case.id, person.id)
    session.transcript.append(record_id, "qr", question="Que s'est-il passé ?", answer=canary)
    print("OUVERT", flush=True)
    sys.stdin.readline()  # read by the parent while the session is open
    session.lock()
    del session, canary, password, case, person
    gc.collect()
    print("VERROUILLE", flush=True)
    sys.stdin.read()  # read by the parent meanwhile; ends when the parent closes stdin


if __name__ == "__main__":
    main()
