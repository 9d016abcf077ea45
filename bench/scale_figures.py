"""Figures at real sizes, each in fresh processes against a baseline in fresh processes:

- unlock at 1,000, 10,000 and 50,000 cases against Argon2id alone (goal ≤ 1.5×);
- cipher_memory_security: a scan of the 10,000-case base with it ON and OFF;
- first seal in a fresh process (the stamp font ships with the application) against a warm
  seal in the same process (goal ≤ 0.3 s);
- `trame verify` as a whole process against `python -c pass` (goal ≤ 10×);
- a hearing of 10, 1,500 and 5,000 entries: opening its transcript (goal ≤ 300 ms at 5,000)
  and saving one more entry, p99 (goal ≤ 10 ms at 5,000), in the real panel.

Each figure is the median of interleaved repeats, with its spread (min–max).
"""

from __future__ import annotations

import os
import random
import sys
import time

from bench.common import NOW, PASSWORD, Figure, child, insert_case, median, scratch, spread
from desktop.core.vault import Vault, crypto

SIZES = (1_000, 10_000, 50_000)
HEARINGS = (10, 1_500, 5_000)

HEARING = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from bench.hooks.ui import hearing_open_and_saves
opened, saves = hearing_open_and_saves(sys.argv[1], "admin", sys.argv[2], int(sys.argv[3]))
saves.sort()
report(open=opened, p99=saves[int(len(saves) * 0.99) - 1 if len(saves) > 1 else 0])
"""
REPEATS = 3

UNLOCK = """
from desktop.core.vault import Vault
started = time.perf_counter()
s = Vault(sys.argv[1]).unlock("admin", sys.argv[2])
elapsed = time.perf_counter() - started
s.close()
report(seconds=elapsed)
"""

ARGON = """
from desktop.core.vault import crypto
params = crypto.KdfParams.from_dict(json.loads(sys.argv[1]))
started = time.perf_counter()
crypto.derive(sys.argv[2], params)
report(seconds=time.perf_counter() - started)
"""

SCAN = """
import sqlcipher3.dbapi2 as sqlcipher
conn = sqlcipher.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cipher_memory_security = " + sys.argv[3])
conn.execute("PRAGMA key = \\"x'" + sys.argv[2] + "'\\"")
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
times = []
for _ in range(3):
    started = time.perf_counter()
    conn.execute("SELECT count(*), sum(length(value)) FROM answers").fetchone()
    conn.execute("SELECT id, procedure_number FROM cases ORDER BY updated_at DESC").fetchall()
    times.append(time.perf_counter() - started)
report(seconds=sorted(times)[1])
"""

SEAL = """
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
bundle = certs.create("Camille DURAND", "Préfecture de police", "BPM")
signer = SoftwareSigner(bundle)
rendered = render_pv(sample_pv())
started = time.perf_counter()
seal_pdf(rendered.pdf, signer, placements=rendered.seals)
first = time.perf_counter() - started
started = time.perf_counter()
seal_pdf(rendered.pdf, signer, placements=rendered.seals)
report(first=first, warm=time.perf_counter() - started)
"""


def _fill(session, cases: int, rng: random.Random) -> None:
    """Fictional cases: a victim, a hearing record with ten answers of ~200 characters each."""
    conn = session.cases_db.conn
    now = NOW
    conn.execute("BEGIN")
    for i in range(1, cases + 1):
        cid = insert_case(conn, i, f"FICTIF{i}")
        rid = conn.execute(
            "INSERT INTO records (case_id, kind, form_id, form_version, created_at, updated_at)"
            " VALUES (?, 'audition', 'audition_mineur', '1', ?, ?)",
            (cid, now, now),
        ).lastrowid
        conn.executemany(
            "INSERT INTO answers (record_id, field, value, updated_by, updated_at)"
            " VALUES (?, ?, ?, 'bench', ?)",
            [
                (rid, f"champ{k}", '"' + "réponse fictive " * rng.randint(8, 16) + '"', now)
                for k in range(10)
            ],
        )
    conn.execute("COMMIT")
    session.cases_db.checkpoint()


def _unlock_figures(tmp, kdf) -> tuple[list[Figure], dict]:
    figures, keep = [], {}
    rng = random.Random(11)
    for size in SIZES:
        home = tmp / f"v{size}"
        Vault.create(home, "admin", PASSWORD, kdf=kdf)
        with Vault(home, kdf).unlock("admin", PASSWORD) as s:
            _fill(s, size, rng)
            if size == 10_000:
                keep = {"path": str(s.vault.cases_path), "key": s._key("case").hex()}
        mb = (home / "cases.db").stat().st_size / 1e6
        unlocks, argons = [], []
        for _ in range(REPEATS):  # interleaved: both see the same machine load
            unlocks.append(child(UNLOCK, str(home), PASSWORD)["seconds"])
            argons.append(child(ARGON, _kdf_json(home), PASSWORD)["seconds"])
        u, a = median(unlocks), median(argons)
        figures.append(
            Figure(
                f"Déverrouillage, {size:_} dossiers ({mb:.0f} Mo), processus neuf".replace(
                    "_", "\u00a0"
                ),
                u,
                "s",
                a,
                "Argon2id seul, processus neuf",
                goal="≤ 1,5× Argon2id",
                met=u <= 1.5 * a,
                spread=spread(unlocks),
            )
        )
    return figures, keep


def _kdf_json(home) -> str:
    import json

    slots = json.loads((home / "keyslots.json").read_text("utf-8"))
    slot = next(s for s in slots["slots"] if s.get("kind") == "password")
    return json.dumps(slot["kdf"])


def _hearing_figures(tmp, kdf) -> list[Figure]:
    home = tmp / "hearings"
    Vault.create(home, "admin", PASSWORD, kdf=kdf)
    records = {}
    with Vault(home, kdf).unlock("admin", PASSWORD) as s:
        for n in HEARINGS:
            case = s.cases.create(f"2026/H{n}")
            rid = s.records.create(case.id, "audition", "audition_mineur", "1").id
            with s.cases_db.transaction():
                for i in range(n):
                    s.transcript.append(
                        rid,
                        "qr",
                        speaker="enqueteur",
                        question=f"Et ensuite, que s'est-il passé la fois n° {i} ?",
                        answer=f"On est allés à l'hôtel près de la gare, la fois {i}. " * 3,
                        wall_time="2026-11-30T10:00:00Z",
                    )
            records[n] = rid
    figures = []
    for n in HEARINGS:
        runs = [child(HEARING, str(home), PASSWORD, str(records[n])) for _ in range(REPEATS)]
        opens = [r["open"] for r in runs]
        p99s = [r["p99"] for r in runs]
        big = n == HEARINGS[-1]
        label = f"{n:_}".replace("_", "\u00a0")
        figures.append(
            Figure(
                f"Ouverture d'une audition de {label} entrées (transcription affichée)",
                median(opens) * 1000,
                "ms",
                goal="≤ 300 ms" if big else "",
                met=median(opens) <= 0.3 if big else None,
                spread=spread(opens, 1000),
            )
        )
        figures.append(
            Figure(
                f"Enregistrement d'une entrée de plus, p99, audition de {label} entrées",
                median(p99s),
                "ms",
                goal="≤ 10 ms" if big else "",
                met=median(p99s) <= 10 if big else None,
                spread=spread(p99s),
            )
        )
    return figures


def run() -> list[Figure]:
    figures: list[Figure] = []
    with scratch("scale") as tmp:
        kdf = crypto.tune(0.5)
        figures += _hearing_figures(tmp, kdf)
        unlock_figs, keep = _unlock_figures(tmp, kdf)
        figures += unlock_figs

        on, off = [], []
        for _ in range(REPEATS):
            on.append(child(SCAN, keep["path"], keep["key"], "ON")["seconds"])
            off.append(child(SCAN, keep["path"], keep["key"], "OFF")["seconds"])
        figures.append(
            Figure(
                "Lecture de la base de 10 000 dossiers, cipher_memory_security ON",
                median(on) * 1000,
                "ms",
                median(off) * 1000,
                "même lecture, OFF",
                spread=spread(on, 1000),
                note="coût de l'effacement de la mémoire de SQLCipher",
            )
        )

        firsts, warms = [], []
        for _ in range(REPEATS):
            out = child(SEAL)
            firsts.append(out["first"])
            warms.append(out["warm"])
        figures.append(
            Figure(
                "Premier sceau d'un processus neuf (police du tampon livrée)",
                median(firsts),
                "s",
                median(warms),
                "sceau suivant, même processus",
                goal="≤ 0,3 s",
                met=median(firsts) <= 0.3,
                spread=spread(firsts),
            )
        )

        from desktop.core.pv.pv import render_pv
        from desktop.core.pv.sample import sample_pv
        from desktop.core.seal import certs
        from desktop.core.seal.seal import seal_pdf
        from desktop.core.seal.signer import SoftwareSigner

        signer = SoftwareSigner(certs.create("Camille DURAND", "Préfecture de police", "BPM"))
        pdf_path = tmp / "pv.pdf"
        rendered = render_pv(sample_pv())
        pdf_path.write_bytes(seal_pdf(rendered.pdf, signer, placements=rendered.seals))
        verifies, bares = [], []
        for _ in range(5):
            verifies.append(_process([sys.executable, "-m", "desktop", "verify", str(pdf_path)]))
            bares.append(_process([sys.executable, "-c", "pass"]))
        v, b = median(verifies), median(bares)
        figures.append(
            Figure(
                "« trame verify » d'un PV, processus entier",
                v,
                "s",
                b,
                "python -c pass",
                goal="≤ 10× et ≤ 0,25 s",
                met=v <= 10 * b and v <= 0.25,
                spread=spread(verifies),
            )
        )
    return figures


def _process(argv: list[str]) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, env={**os.environ}, timeout=120)
    return time.perf_counter() - started
