"""The online delay: parallel attempts cannot each get a free guess; deleting or editing the
state does not reset it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from desktop.core.errors import Throttled, WrongPassword
from desktop.core.vault import Vault
from desktop.core.vault.keyslots import KeySlotFile
from desktop.core.vault.throttle import Throttle
from tests.conftest import ADMIN_PASSWORD, fast_kdf

ATTEMPT = """
import os, sys, time
from desktop.core.errors import Throttled, WrongPassword
from desktop.core.vault import Vault
from desktop.core.vault.crypto import KdfParams
vault = Vault(sys.argv[1], KdfParams(1, 65536, 1).with_new_salt())
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
try:
    vault.unlock("admin", "ce n'est pas le bon mot de passe")
except WrongPassword:
    print("faux")
except Throttled:
    print("retarde")
"""


class FakeClock:
    def __init__(self, t: float = 2_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def admin_key(vault) -> str:
    return KeySlotFile.load(vault.keyslots_path).login_hash("admin")


def test_eight_parallel_wrong_attempts_are_all_counted(vault, tmp_path):
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ATTEMPT, str(vault.home), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    time.sleep(1.5)  # all started and waiting
    go.write_text("")
    results = [p.communicate(timeout=120)[0].strip() for p in procs]
    wrong, delayed = results.count("faux"), results.count("retarde")
    assert wrong + delayed == 8, results
    slots = KeySlotFile.load(vault.keyslots_path)
    recorded = Throttle(vault.home / "throttle.json", vault_id=slots.vault_id).failures(
        admin_key(vault)
    )
    # Every password actually tried was counted; no process got a guess past the free ones.
    assert recorded == wrong and wrong <= Throttle.FREE_ATTEMPTS


def test_deleting_or_editing_the_state_does_not_reset_the_delay(vault):
    clock = FakeClock()
    v = Vault(vault.home, fast_kdf(), clock=clock)
    for _ in range(3):
        with pytest.raises(WrongPassword):
            v.unlock("admin", "pas le bon mot de passe")
    with pytest.raises(Throttled):
        v.unlock("admin", ADMIN_PASSWORD)
    (vault.home / "throttle.json").unlink()
    with pytest.raises(Throttled) as err:
        v.unlock("admin", ADMIN_PASSWORD)
    assert err.value.remaining == pytest.approx(Throttle.CAP_SECONDS, abs=0.1)
    # An edited state (counters reset by hand) breaks its MAC: the maximum again.
    state = json.loads((vault.home / "throttle.json").read_text())
    state["entries"] = {}
    (vault.home / "throttle.json").write_text(json.dumps(state))
    with pytest.raises(Throttled) as err:
        v.unlock("admin", ADMIN_PASSWORD)
    assert err.value.remaining == pytest.approx(Throttle.CAP_SECONDS, abs=0.1)
    clock.t += Throttle.CAP_SECONDS + 0.1
    with v.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.role == "administrateur"
    with v.unlock("admin", ADMIN_PASSWORD):  # a success resets everything
        pass
    assert os.path.exists(vault.home / "throttle.json")
