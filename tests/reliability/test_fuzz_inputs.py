"""Inputs: hypothesis fuzzing of what a user, a file or another tool hands to Trame.

Form definitions (edited real forms, random YAML), dates and times typed the French way,
PKCS#12 imports, recordings to hash, PDFs to verify (arbitrary bytes, damaged real PDFs)
and export folders to verify. Each ends in a value or a Trame error with a French message:
never another exception, never more than 5 s for one example (measured, the longest is
reported). CI runs a few hundred examples of each, derandomized; TRAME_TORTURE=1 runs
10,000 of each, random.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import string
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput, TrameError
from desktop.core.export import manifest as mf
from desktop.core.export.bundle import export_case, hash_recording
from desktop.core.export.errors import BundleUnreadable, RecordingUnreadable
from desktop.core.export.verify import verify_bundle
from desktop.core.formspec import FORMS_DIR, FormSpecError, WizardFlow, load_form
from desktop.core.formspec.dates import (
    format_date_fr,
    parse_date_fr,
    parse_datetime_fr,
    parse_time_fr,
    try_parse_date_fr,
    try_parse_datetime_fr,
    try_parse_time_fr,
)
from desktop.core.formspec.loader import load_form_text
from desktop.core.formspec.model import FIELD_TYPES
from desktop.core.formspec.validate import normalize_input
from desktop.core.law import default_law_keys
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.certs import CertificateError
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import Unreadable, sha256_file, verify_pdf
from tests.reliability.conftest import TORTURE, report, scale

pytestmark = pytest.mark.timeout(scale(300, 3600))  # 10,000 exports verified take minutes
MAX_SECONDS = 5.0
SETTINGS = dict(
    max_examples=scale(300, 10_000),
    deadline=None,
    derandomize=not TORTURE,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# the costly kinds (each example verifies seals): fewer in CI, as many in torture
HEAVY = dict(SETTINGS, max_examples=scale(120, 10_000))
NOW = datetime(2026, 11, 26, 15, 0)
LAW_KEYS = default_law_keys()


class Figures:
    """Examples run, outcomes and the longest example of one input kind."""

    def __init__(self, name: str):
        self.name = name
        self.examples = 0
        self.max_s = 0.0
        self.outcomes: Counter[str] = Counter()

    @contextmanager
    def example(self):
        start = time.perf_counter()
        yield self.outcomes
        elapsed = time.perf_counter() - start
        self.examples += 1
        self.max_s = max(self.max_s, elapsed)
        assert elapsed < MAX_SECONDS, f"{self.name}: {elapsed:.1f} s for one example"

    def report(self) -> None:
        report(self.name, examples=self.examples, **self.outcomes, max_s=f"{self.max_s:.3f}")


def _french(exc: TrameError) -> None:
    assert isinstance(exc.message, str) and exc.message.strip()


# -- form definitions ----------------------------------------------------------------------

FORM_TEXTS = {p.name: p.read_text("utf-8") for p in sorted(FORMS_DIR.glob("*.yaml"))}
KEYS = sorted(
    {
        "id", "version", "title", "kind", "steps", "fields", "type", "label", "options",
        "visible_if", "required", "required_if", "constraints", "compute", "legal_basis",
        "min", "max", "after", "not_future", "value", "phase", "phases", "store", "unit",
        "confidentiality", "person_role", "prompts", "plain", "help", "item_label",
    }
)  # fmt: skip
TOKENS = [
    "", "null", "~", "[]", "{}", "0", "-1", "1e309", ".nan", ".inf", "true", "no", "'", '"',
    "«", "&a", "*a", "&a [*a]", "!!python/object/apply:os.system ['true']", "!!binary AAAA",
    "!!set {a}", "!!timestamp 2026-11-26", "2026-11-26", "9" * 400, "x" * 3000,
    "a and (b or", "age_at(x, y)", "'x' in y", "not not not x", "((((((x))))))",
    "hours_between(faits_datetime, now())", "1 / 0", ": :", "- - -", "{a: [b, {c: d}]}",
    "|\n  bloc", ">-\n  plié", "\t", "\x00", "\ufeff", "\u2028", "\ud7ff", "%YAML 1.1",
]  # fmt: skip


@st.composite
def edited_form(draw) -> tuple[str, bytes]:
    """A real definition with one to five edits: lines moved, values, keys, ids, bytes."""
    name = draw(st.sampled_from(sorted(FORM_TEXTS)))
    lines = FORM_TEXTS[name].split("\n")
    ids = sorted({w for line in lines if "id:" in line for w in line.split() if w.isidentifier()})
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "dedent", "value", "key", "id",
                 "type", "char", "truncate"]
            )
        )  # fmt: skip
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["  ", " ", "\t", "    "])) + line
        elif op == "dedent":
            lines[i] = line[draw(st.integers(1, 4)) :]
        elif op == "value" and ":" in line:
            head = line[: line.index(":") + 1]
            value = draw(st.sampled_from(TOKENS) | st.text(max_size=30))
            lines[i] = f"{head} {value}"
        elif op == "key" and ":" in line:
            indent = line[: len(line) - len(line.lstrip(" -"))]
            lines[i] = indent + draw(st.sampled_from(KEYS)) + line[line.index(":") :]
        elif op == "id" and ids:
            old, new = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            lines[i] = line.replace(old, new)
        elif op == "type" and "type:" in line:
            lines[i] = (
                line[: line.index("type:")] + "type: " + draw(st.sampled_from(sorted(FIELD_TYPES)))
            )
        elif op == "char":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.characters()) + line[j:]
        elif op == "truncate":
            del lines[i:]
        if not lines:
            lines = [""]
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # byte damage: not UTF-8 any more, BOM, NUL
        data = bytearray(raw)
        if data:
            data[draw(st.integers(0, len(data) - 1))] ^= 1 << draw(st.integers(0, 7))
        raw = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\x00", b"\xff"])) + bytes(data)
    return name, raw


def _check_form(figures: Figures, load) -> None:
    with figures.example() as out:
        try:
            spec = load()
        except FormSpecError as exc:
            _french(exc)
            assert exc.problems and all(p.message for p in exc.problems)
            out["refusées"] += 1
            return
        # a definition that loads can be run: the wizard computes its states
        flow = WizardFlow(spec, {}, now=NOW)
        for step in spec.steps:
            assert flow.step_state(step.id) in ("complete", "incomplete", "not_applicable")
        flow.missing()
        flow.computed()
        out["chargées"] += 1


def test_fuzz_form_loader_on_edited_real_forms(tmp_path):
    figures = Figures("entrées-formulaires-modifiés")
    path = tmp_path / "formulaire.yaml"

    @settings(**SETTINGS)
    @given(edit=edited_form())
    def run(edit):
        _, raw = edit
        path.write_bytes(raw)
        _check_form(figures, lambda: load_form(path, legal_keys=LAW_KEYS))

    run()
    figures.report()
    assert figures.outcomes["refusées"] > 0


YAML_CHARS = string.ascii_letters[:8] + string.digits[:3] + " \n\t-:[]{}&*!|>'\"#%@`,?~.é«"
known_tree = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=6)
    ),
    max_leaves=40,
)
# "billion laughs": 3 KB of aliases that stand for 10^9 fields
LAUGHS = (
    "id: x\nversion: 1\ntitle: t\nkind: audition\nsteps:\n- id: s\n  title: t\n"
    "  fields: &a0 [{id: f, type: text, label: l}]\n"
    + "".join(
        f"- {{id: s{i}, title: t, fields: &a{i} ["
        + ", ".join([f"{{id: r, type: repeat, label: l, fields: *a{i - 1}}}"] * 10)
        + "]}\n"
        for i in range(1, 10)
    )
)


def test_fuzz_form_loader_on_random_yaml():
    figures = Figures("entrées-yaml-aléatoire")

    @example(text=LAUGHS)
    @example(text="a: &a [*a]")
    @example(text="- " * 5000)
    @example(text="[" * 20_000)
    @settings(**SETTINGS)
    @given(
        text=st.text(alphabet=YAML_CHARS, max_size=200)
        | st.text(max_size=200)
        | known_tree.map(lambda t: yaml.safe_dump(t, allow_unicode=True))
    )
    def run(text):
        _check_form(figures, lambda: load_form_text(text, "aleatoire.yaml", legal_keys=LAW_KEYS))

    run()
    figures.report()


# -- dates and times ----------------------------------------------------------------------


def _typed_fields() -> dict:
    found = {}
    for path in sorted(FORMS_DIR.glob("*.yaml")):
        for _, field in load_form(path, legal_keys=LAW_KEYS).iter_fields():
            found.setdefault(field.type, field)
    return {t: found[t] for t in ("date", "time", "datetime", "integer", "text") if t in found}


TYPED = _typed_fields()
WORDS = [
    "janvier", "Février", "fevr.", "MARS", "avr", "mai", "juin", "juil.", "août", "aout",
    "sept", "octobre", "nov", "décembre", "dec.", "lundi", "Dimanche", "1er", "à", "a", "h",
    "H", ":", "min", "mn", "/", "-", ".", ",", " ", "\u00a0", "\u202f", "T", "Z", "+02:00",
    "𐩀", "٣", "１", "²", "Ⅻ", "0", "00", "29", "31", "12", "13", "23", "24", "59", "60",
    "99", "2026", "1900", "0000", "9999", "26", "2011",
]  # fmt: skip
date_like = st.lists(
    st.sampled_from(WORDS) | st.integers(-5, 10_000).map(str), min_size=1, max_size=9
).map("".join) | st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
long_text = st.tuples(
    st.sampled_from(["1 ", " 1", "12/", "1h", "a ", "\t", "9", "1 janvier "]),
    st.integers(100, 20_000),
).map(lambda t: t[0] * t[1])


MONTH_WORDS = ["janvier", "février", "fevrier", "FÉVR.", "mars", "avr.", "août", "sept", "déc"]
structured_date = st.tuples(
    st.integers(1, 28).map(str) | st.integers(0, 32).map(str) | st.sampled_from(["1er", "٣"]),
    st.sampled_from(["/", "-", ".", " ", " / ", ""]),
    st.integers(1, 12).map(str)
    | st.integers(0, 13).map("{:02d}".format)
    | st.sampled_from(MONTH_WORDS),
    st.integers(1990, 2030).map(str)
    | st.integers(0, 10_000).map(str)
    | st.integers(0, 99).map("{:02d}".format),
    st.none()
    | st.tuples(
        st.sampled_from([" ", " à ", ", ", "T", " a "]),
        st.integers(0, 25),
        st.sampled_from(["h", ":", " h ", "H"]),
        st.integers(0, 61).map(lambda m: f"{m:02d}") | st.just(""),
    ).map(lambda c: f"{c[0]}{c[1]}{c[2]}{c[3]}"),
).map(lambda p: f"{p[0]}{p[1]}{p[2]}{p[1]}{p[3]}{p[4] or ''}")


def test_fuzz_date_and_time_parsers():
    figures = Figures("entrées-dates-heures")

    @example(text="𐩀 janvier 2020")
    @example(text="1 janvier 𐩀𐩀")
    @example(text="0000-01-01")
    @example(text="26/11/2026 à 25h99")
    @settings(**SETTINGS)
    @given(text=st.text() | date_like | structured_date | long_text)
    def run(text):
        with figures.example() as out:
            read = False
            for parse in (parse_date_fr, parse_datetime_fr, parse_time_fr):
                try:
                    if parse is parse_time_fr:
                        value = parse(text)
                    else:
                        value = parse(text, today=NOW.date())
                except InvalidInput as exc:
                    _french(exc)
                else:
                    assert isinstance(value, date | dtime)
                    read = True
            out["lues" if read else "refusées"] += 1
            for attempt in (try_parse_date_fr, try_parse_time_fr, try_parse_datetime_fr):
                value, message = attempt(text)
                assert (value is None) != (message is None)
            for field in TYPED.values():
                value, message = normalize_input(field, text, today=NOW.date())
                assert value is None or message is None
                assert message is None or message.strip()

    run()
    figures.report()


WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def test_fuzz_dates_round_trip():
    """Every date from 1900 to 2100 and every minute of the day, written the ways a French
    officer writes them, reads back as itself."""
    figures = Figures("entrées-dates-aller-retour")

    @settings(**SETTINGS)
    @given(
        d=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
        t=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    )
    def run(d, t):
        with figures.example() as out:
            for text in (
                format_date_fr(d),
                f"{WEEKDAYS[d.weekday()]} {format_date_fr(d)}",
                d.strftime("%d/%m/%Y"),
                d.strftime("%d.%m.%Y"),
                d.strftime("%d-%m-%Y"),
                d.isoformat(),
                format_date_fr(d).upper(),
            ):
                assert parse_date_fr(text) == d, text
            short = parse_date_fr(d.strftime("%d/%m/%y"), today=NOW.date())
            assert (short.month, short.day, short.year % 100) == (d.month, d.day, d.year % 100)
            assert NOW.year + 10 - 100 < short.year <= NOW.year + 10
            for text in (f"{t.hour}h{t.minute:02d}", f"{t:%H:%M}", f"{t.hour} h {t.minute:02d}"):
                assert parse_time_fr(text) == t, text
            moment = datetime.combine(d, t)
            for text in (
                f"{d:%d/%m/%Y} {t.hour}h{t.minute:02d}",
                f"{format_date_fr(d)} à {t.hour}h{t.minute:02d}",
                moment.isoformat(timespec="minutes"),
            ):
                assert parse_datetime_fr(text) == moment, text
            if "date" in TYPED:
                assert normalize_input(TYPED["date"], format_date_fr(d)) == (d.isoformat(), None)
                assert normalize_input(TYPED["date"], d.isoformat()) == (d.isoformat(), None)
            if "datetime" in TYPED:
                stored = moment.isoformat(timespec="minutes")
                assert normalize_input(TYPED["datetime"], stored) == (stored, None)
            out["aller-retour"] += 1

    run()
    figures.report()


# -- certificate imports ------------------------------------------------------------------


def _damage(data: st.DataObject, blob: bytes) -> bytes:
    """One to six byte-level changes: flips, new values, a cut, a duplicated or lost run."""
    out = bytearray(blob)
    for _ in range(data.draw(st.integers(1, 6))):
        if not out:
            break
        at = data.draw(st.integers(0, len(out) - 1))
        op = data.draw(st.sampled_from(["flip", "set", "cut", "dup", "drop", "insert"]))
        if op == "flip":
            out[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "set":
            out[at] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del out[at:]
        elif op == "dup":
            size = data.draw(st.integers(1, 64))
            out[at:at] = out[at : at + size]
        elif op == "drop":
            del out[at : at + data.draw(st.integers(1, 64))]
        else:
            out[at:at] = data.draw(st.binary(min_size=1, max_size=32))
    return bytes(out)


def test_fuzz_pkcs12_imports():
    """Random and damaged .p12 files, with and without (the right) password: a bundle or
    CertificateError, in French, nothing else."""
    figures = Figures("entrées-certificats-pkcs12")
    bundle = certs.create("Camille DURAND (fictive)", "Police nationale", "BPM")
    password = "fictif comme un zèbre en pyjama"
    files = [
        (certs.export_pkcs12(bundle, password), password),
        (certs.export_pkcs12(bundle, ""), None),
    ]
    for blob, secret in files:
        assert certs.load_pkcs12(blob, secret).cert_der == bundle.cert_der

    @settings(**SETTINGS)
    @given(data=st.data())
    def run(data):
        blob, secret = data.draw(st.sampled_from(files))
        kind = data.draw(st.sampled_from(["aléatoire", "endommagé", "intact"]))
        if kind == "aléatoire":
            blob = data.draw(st.binary(max_size=4000))
        elif kind == "endommagé":
            blob = _damage(data, blob)
        given_password = data.draw(
            st.sampled_from([secret, None, "", "faux mot de passe"]) | st.text(max_size=24)
        )
        with figures.example() as out:
            try:
                imported = certs.load_pkcs12(blob, given_password)
            except CertificateError as exc:
                _french(exc)
                out["refusés"] += 1
            else:
                certs.check_usable(imported)
                out["importés"] += 1

    run()
    figures.report()
    assert figures.outcomes["refusés"] > 0 and figures.outcomes["importés"] > 0


# -- recordings ---------------------------------------------------------------------------


def test_fuzz_recording_hashes(tmp_path):
    """What can sit where a recording is expected: a file of any content or name, nothing,
    a folder, a dangling or looping link, a FIFO, a device. A hash (the right one) or a
    French error, never a block on a FIFO."""
    figures = Figures("entrées-enregistrements")
    base = tmp_path / "enregistrements"
    base.mkdir()
    special = {
        "absent": base / "absent.mp4",
        "dossier": base,
        "lien cassé": base / "lien-casse.mp4",
        "lien en boucle": base / "boucle.mp4",
        "fifo": base / "tube.mp4",
        "/dev/null": Path("/dev/null"),
        "/dev/zero": Path("/dev/zero"),
        "chemin sous un fichier": base / "ordinaire.mp4" / "dessous.mp4",
        "nom trop long": base / ("x" * 300),
        "erreur de lecture (EIO)": Path("/proc/self/mem"),
        "vide": base / "vide.mp4",
    }
    (base / "vide.mp4").write_bytes(b"")
    if os.geteuid() != 0:  # root reads anything: only a normal user can test this one
        special["sans droit de lecture"] = base / "interdit.mp4"
        (base / "interdit.mp4").write_bytes(b"x")
        (base / "interdit.mp4").chmod(0)
    (base / "lien-casse.mp4").symlink_to(base / "nulle-part")
    (base / "boucle.mp4").symlink_to(base / "boucle.mp4")
    os.mkfifo(base / "tube.mp4")
    (base / "ordinaire.mp4").write_bytes(b"x")
    name_chars = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))

    @settings(**SETTINGS)
    @given(
        kind=st.sampled_from(["fichier", *special]),
        content=st.binary(max_size=5000),
        name=st.text(name_chars, min_size=1, max_size=40),
        scelle=st.sampled_from(["2026-412", "", "  "]) | st.text(max_size=12),
    )
    def run(kind, content, name, scelle):
        path = special.get(kind)
        expected = hashlib.sha256(b"").hexdigest() if kind == "vide" else None
        size = 0
        if path is None:
            path = base / "fichiers" / name
            path.parent.mkdir(exist_ok=True)
            if name in (".", ".."):
                path = base / "fichiers" / "point"
            path.write_bytes(content)
            expected, size = hashlib.sha256(content).hexdigest(), len(content)
        with figures.example() as out:
            try:
                digest = sha256_file(path)
            except Unreadable as exc:
                _french(exc)
                assert expected is None
                out["refusés"] += 1
            else:
                assert digest == expected
                out["empreintes"] += 1
            try:
                info = hash_recording(path, scelle)
            except RecordingUnreadable as exc:
                _french(exc)
                assert expected is None or size == 0 or not scelle.strip()
            else:
                assert info.sha256 == expected and info.size == size
        if kind == "fichier":
            path.unlink()

    run()
    figures.report()


def test_huge_sparse_recording_hashes(tmp_path):
    """A recording of several GiB (sparse here): streamed, progress reported, same hash
    by the export and by the verifier."""
    size = scale(256, 4096) << 20
    path = tmp_path / "audition.mp4"
    with open(path, "wb") as fh:
        fh.truncate(size)
    seen = []
    start = time.perf_counter()
    info = hash_recording(path, "2026-412", report=lambda done, total: seen.append(done))
    seconds = time.perf_counter() - start
    assert info.size == size and seen[-1] == size and seen == sorted(seen)
    assert sha256_file(path) == info.sha256
    report(
        "entrées-enregistrement-géant",
        mio=size >> 20,
        s=f"{seconds:.1f}",
        mio_par_s=int((size >> 20) / seconds),
    )


# -- PDFs to verify -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    from bench.hooks.seal import bare_reportlab

    rendered = render_pv(sample_pv(pairs=3))
    signer = SoftwareSigner(certs.create("Camille DURAND (fictive)"))
    sealed = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    assert verify_pdf(sealed).valid
    return {
        "PV scellé": sealed,
        "PV non scellé": rendered.pdf,
        "PDF étranger": bare_reportlab(sample_pv(pairs=1)),
    }


PDF_TOKENS = [
    b"%PDF-1.7\n", b"1 0 obj", b"endobj", b"<<", b">>", b"/Type", b"/Catalog", b"/Pages",
    b"/Root 1 0 R", b"xref\n0 1\n0000000000 65535 f \n", b"trailer", b"startxref\n0",
    b"%%EOF\n", b"stream\n", b"endstream", b"/Length 99999999", b"/FT /Sig", b"/V 2 0 R",
    b"/ByteRange [0 10 20 30]", b"/Contents <3082>", b"/Filter /FlateDecode", b"[", b"]",
    b"(texte)", b"<>", b"/Metadata 3 0 R", b"/AcroForm << /Fields [2 0 R] >>", b" ", b"\n",
    b"-1", b"1e99", b"99999999999999999999", b"/Prev 0", b"/XRefStm 0", b"/Type /XRef",
]  # fmt: skip


def _check_pdf(figures: Figures, data: bytes) -> None:
    with figures.example() as out:
        try:
            result = verify_pdf(data)
        except Unreadable as exc:
            _french(exc)
            out["illisibles"] += 1
            return
        assert result.reason.strip()
        assert not result.valid, "a changed or arbitrary PDF was declared VALIDE"
        out["invalides"] += 1


def test_fuzz_verify_on_arbitrary_bytes():
    figures = Figures("entrées-verify-octets")

    @example(data=b"%PDF-")
    @example(data=b"%PDF-1.7\n" + b"[" * 100_000)
    @example(data=b"%PDF-1.7\n1 0 obj << /Length 99999999999 >> stream\n")
    @settings(**SETTINGS)
    @given(
        data=st.binary(max_size=4000)
        | st.binary(max_size=4000).map(lambda b: b"%PDF-1.7\n" + b)
        | st.lists(st.sampled_from(PDF_TOKENS), max_size=60).map(b"".join)
    )
    def run(data):
        _check_pdf(figures, data)

    run()
    figures.report()


def test_fuzz_verify_on_damaged_real_pdfs(pdfs):
    figures = Figures("entrées-verify-pdf-endommagés")
    names = sorted(pdfs)

    @settings(**HEAVY)
    @given(data=st.data())
    def run(data):
        name = data.draw(st.sampled_from(names))
        original = pdfs[name]
        op = data.draw(st.sampled_from(["octets", "nombre", "collage"]))
        if op == "octets":
            changed = _damage(data, original)
        elif op == "nombre":
            numbers = list(re.finditer(rb"\d+", original))
            m = data.draw(st.sampled_from(numbers))
            value = str(data.draw(st.integers(-1, 10**12))).encode()
            changed = original[: m.start()] + value + original[m.end() :]
        else:
            other = pdfs[data.draw(st.sampled_from(names))]
            cut = data.draw(st.integers(0, len(original)))
            cut2 = data.draw(st.integers(0, len(other)))
            changed = original[:cut] + other[cut2:]
        assume(changed not in pdfs.values())  # a splice can rebuild one of them whole
        _check_pdf(figures, changed)

    run()
    figures.report()


# -- export folders to verify -------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["\ud800", "../x", "manifest.json", "/etc/passwd", "a" * 300]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
RAW_JSON = [
    b"[" * 50_000,
    b'{"format_version": ' + b"9" * 5000 + b"}",
    b'"\\ud800"',
    b"\xff\xfe{",
    b"",
    b"null",
]


def _paths(value, prefix=()):
    """Every place in a JSON tree: (path, value)."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _set(tree, path, value):
    if not path:
        return value
    node = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return tree


def _snapshot(folder: Path) -> dict:
    out = {}
    for p in sorted(folder.rglob("*")):
        out[str(p.relative_to(folder))] = p.read_bytes() if p.is_file() else None
    return out


@pytest.fixture
def exported(officer_session, tmp_path) -> Path:
    from tests.core.export.export_fixtures import build_case

    signer = SoftwareSigner(certs.create("Camille DURAND (fictive)"))
    case = build_case(officer_session, signer, with_cmi=False)
    path = export_case(officer_session, case.case_id, tmp_path / "export", signer=signer).path
    assert verify_bundle(path).valid
    return path


def test_fuzz_verify_bundle_on_edited_exports(exported, tmp_path):
    """A real export, then one to three edits: the manifest's values or bytes, pieces
    changed, removed, added, swapped, made folders or links. A report naming the problem
    (never VALIDE once something changed) or BundleUnreadable, nothing else."""
    figures = Figures("entrées-verify-bundle-modifiés")
    pristine = _snapshot(exported)
    work = tmp_path / "travail"
    recording = tmp_path / "audition.mp4"
    recording.write_bytes(b"enregistrement fictif")

    @settings(**HEAVY)
    @given(data=st.data())
    def run(data):
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(exported, work, symlinks=True)
        names = sorted(p.name for p in work.iterdir())
        for _ in range(data.draw(st.integers(1, 3))):
            op = data.draw(
                st.sampled_from(
                    ["json", "json-brut", "octets", "retrait", "ajout", "échange", "dossier",
                     "lien"]
                )
            )  # fmt: skip
            name = data.draw(st.sampled_from(names))
            target = work / name
            if op == "json" and (work / mf.MANIFEST_FILE).is_file():
                try:
                    tree = json.loads((work / mf.MANIFEST_FILE).read_text("utf-8"))
                except (ValueError, RecursionError):
                    continue
                path, _ = data.draw(st.sampled_from(list(_paths(tree))))
                tree = _set(tree, path, data.draw(json_values))
                text = json.dumps(tree, ensure_ascii=data.draw(st.booleans()), indent=2)
                (work / mf.MANIFEST_FILE).write_bytes(text.encode("utf-8", "surrogatepass"))
            elif op == "json-brut" and (work / mf.MANIFEST_FILE).is_file():
                (work / mf.MANIFEST_FILE).write_bytes(data.draw(st.sampled_from(RAW_JSON)))
            elif op == "octets" and target.is_file() and not target.is_symlink():
                target.write_bytes(_damage(data, target.read_bytes()))
            elif op == "retrait" and target.is_file():
                target.unlink()
            elif op == "ajout":
                extra = data.draw(st.text(string.ascii_letters + "-_.é", min_size=1, max_size=20))
                if extra not in (".", "..") and not (work / extra).exists():
                    (work / extra).write_bytes(data.draw(st.binary(max_size=200)))
            elif op == "échange" and target.is_file():
                other = work / data.draw(st.sampled_from(names))
                if other.is_file() and not other.is_symlink() and not target.is_symlink():
                    a, b = target.read_bytes(), other.read_bytes()
                    target.write_bytes(b)
                    other.write_bytes(a)
            elif op == "dossier" and target.is_file():
                target.unlink()
                target.mkdir()
            elif op == "lien" and target.is_file():
                target.unlink()
                target.symlink_to(data.draw(st.sampled_from(["/dev/zero", "/nulle/part", name])))
        changed = _snapshot(work) != pristine
        given_recording = data.draw(st.sampled_from([None, recording, tmp_path / "absent.mp4"]))
        with figures.example() as out:
            try:
                result = verify_bundle(work, recording=given_recording)
            except BundleUnreadable as exc:
                _french(exc)
                out["illisibles"] += 1
                return
            for file_name, reason in result.problems:
                assert isinstance(file_name, str) and reason.strip()
            if changed:
                assert not result.valid, "a changed export was declared valid"
            out["invalides" if not result.valid else "inchangés"] += 1

    run()
    figures.report()
    assert figures.outcomes["invalides"] > 0


def _manifest_bytes(data: dict) -> bytes:
    """In Trame's layout when it can be written (a lone surrogate cannot), else escaped."""
    try:
        return mf.dumps(data)
    except UnicodeEncodeError:
        return json.dumps(data).encode()


def test_fuzz_verify_bundle_on_random_folders(tmp_path):
    """Folders that were never an export: a report (never valid) or BundleUnreadable."""
    figures = Figures("entrées-verify-bundle-aléatoires")
    work = tmp_path / "dossier"
    file_names = st.sampled_from(
        [mf.MANIFEST_FILE, mf.BORDEREAU_FILE, "01-pv.pdf", "x", ".cache", "é"]
    ) | st.text(string.ascii_letters + "-_.", min_size=1, max_size=12)
    contents = (
        st.binary(max_size=300)
        | json_values.map(lambda v: json.dumps(v).encode())
        | st.fixed_dictionaries(
            {
                "format": st.sampled_from([mf.FORMAT, "autre"]),
                "format_version": st.sampled_from([mf.FORMAT_VERSION, 2, "1", None]),
                "pieces": st.lists(
                    st.dictionaries(st.sampled_from(["file", "sha256", "size"]), json_values),
                    max_size=3,
                )
                | json_values,
                "bordereau": st.dictionaries(
                    st.sampled_from(["file", "sha256", "document_id"]), json_values
                )
                | json_values,
                "recording": json_values,
            }
        ).map(_manifest_bytes)
    )

    @example(folder={}, as_file=True)
    @settings(**SETTINGS)
    @given(
        folder=st.dictionaries(file_names, contents | st.none(), max_size=5),
        as_file=st.booleans(),
    )
    def run(folder, as_file):
        if work.exists() or work.is_symlink():
            shutil.rmtree(work) if work.is_dir() else work.unlink()
        if as_file and not folder:
            work.write_bytes(b"pas un dossier")
        else:
            work.mkdir()
            for name, content in folder.items():
                if name in (".", ".."):
                    continue
                if content is None:
                    (work / name).mkdir()
                else:
                    (work / name).write_bytes(content)
        with figures.example() as out:
            try:
                result = verify_bundle(work, recording=work / "x")
            except BundleUnreadable as exc:
                _french(exc)
                out["illisibles"] += 1
                return
            assert not result.valid
            assert all(reason.strip() for _, reason in result.problems)
            out["invalides"] += 1

    run()
    figures.report()
