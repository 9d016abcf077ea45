"""Seals: mutated copies of sealed PVs (one seal, two seals in sequence) are all INVALIDE.

Mutations: bit flips anywhere (and aimed at the unsigned /Contents of the last seal),
replaced bytes, truncations, bytes after %%EOF, removed revisions, incremental updates
written by pyHanko (text, annotation, new page, Info, XMP, /V removed, new seal field, an
update that changes nothing), full rewrites by pikepdf, and two of these stacked.

The verdict must be INVALIDE or unreadable (Unreadable, exit 2): never VALIDE, never another
exception, never more than 5 s for one file. `trame verify` (a subprocess) is run on a
sample and must exit 1 or 2 with the same verdict, without a traceback.
"""

from __future__ import annotations

import dataclasses
import io
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject

from desktop.core.pv.model import SealSlot
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import add_seal, seal_document
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import Unreadable, verify_pdf
from tests.reliability.conftest import TORTURE, report, scale

MAX_SECONDS = 5.0
ROOT = Path(__file__).resolve().parents[2]


# -- the sealed documents ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sealed() -> dict[str, bytes]:
    """A one-seal PV and a PV sealed by two officers in sequence, all fictional."""
    first = SoftwareSigner(certs.create("Camille DURAND (fictive)", "Police nationale", "BPM"))
    second = SoftwareSigner(certs.create("Yanis HADDAD (fictif)", "Police nationale", "BPM"))
    rendered = render_pv(sample_pv(pairs=8, pause_after=4))
    one = seal_pdf(rendered.pdf, first, placements=rendered.seals)
    doc = dataclasses.replace(
        sample_pv(pairs=3),
        seals=(
            SealSlot("sceau_officier", "Camille DURAND, OPJ"),
            SealSlot("sceau_second", "Yanis HADDAD, OPJ"),
        ),
    )
    two = add_seal(seal_document(doc, first), second)
    for pdf in (one, two):
        result = verify_pdf(pdf)
        assert result.valid, result.problems
    return {"un sceau": one, "deux sceaux": two}


# -- where things are in a sealed file ---------------------------------------------------


def byte_ranges(pdf: bytes) -> list[tuple[int, int, int, int]]:
    found = re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    return [tuple(int(x) for x in m.groups()) for m in found]


def contents_gap(pdf: bytes) -> tuple[int, int]:
    """The unsigned hole of the last seal: `<hex of the CMS, zero-padded>`."""
    _, len1, start2, _ = byte_ranges(pdf)[-1]
    return len1, start2


def revision_ends(pdf: bytes) -> list[int]:
    """Offsets just after each %%EOF marker (and its end of line)."""
    ends = []
    for m in re.finditer(rb"%%EOF(\r\n|\r|\n)?", pdf):
        ends.append(m.end())
    return ends


# -- mutations ---------------------------------------------------------------------------


def flip(rng: random.Random, pdf: bytes) -> bytes:
    data = bytearray(pdf)
    data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def flip_in_contents(rng: random.Random, pdf: bytes) -> bytes:
    """A bit flip in the hex of the last seal: the CMS itself, its zero padding or a '<'."""
    start, end = contents_gap(pdf)
    data = bytearray(pdf)
    # half of them in the padding (mostly '0' characters), where a parser sees no change
    hexed = pdf[start:end]
    padding = len(hexed) - len(hexed.rstrip(b"0>"))
    if padding and rng.random() < 0.5:
        offset = end - 1 - rng.randrange(1, padding)
    else:
        offset = rng.randrange(start, end)
    data[offset] ^= 1 << rng.randrange(8)
    return bytes(data)


def replace_byte(rng: random.Random, pdf: bytes) -> bytes:
    data = bytearray(pdf)
    offset = rng.randrange(len(data))
    data[offset] = (data[offset] + rng.randrange(1, 256)) % 256
    return bytes(data)


def truncate(rng: random.Random, pdf: bytes) -> bytes:
    return pdf[: rng.randrange(len(pdf))]


def after_eof(rng: random.Random, pdf: bytes) -> bytes:
    tails = [b"\n", b" ", b"\r\n", b"\x00", b"%commentaire\n", b"\n%%EOF\n", rng.randbytes(16)]
    return pdf + rng.choice(tails)


def drop_revision(rng: random.Random, pdf: bytes) -> bytes:
    """Cut the file at the end of an earlier revision: the last seal(s) disappear."""
    ends = [e for e in revision_ends(pdf) if e < len(pdf)]
    return pdf[: rng.choice(ends)]


def _incremental(pdf: bytes, change: Callable) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _name(text: str):
    return generic.pdf_name(text)


def add_text(w) -> None:
    stream = generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 72 Td (AJOUT) Tj ET")
    w.add_stream_to_page(0, w.add_object(stream))


def add_annotation(w) -> None:
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0)
    annot = generic.DictionaryObject(
        {
            _name("/Type"): _name("/Annot"),
            _name("/Subtype"): _name("/Text"),
            _name("/Rect"): generic.ArrayObject([generic.NumberObject(x) for x in (9, 9, 29, 29)]),
            _name("/Contents"): generic.TextStringObject("réponse corrigée"),
        }
    )
    w.register_annotation(page_ref, w.add_object(annot))


def add_page(w) -> None:
    content = w.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (P) Tj ET"))
    w.insert_page(PageObject(content, (0, 0, 595, 842)))


def change_info(w) -> None:
    info = w.trailer["/Info"].get_object()
    info[_name("/Title")] = generic.TextStringObject("PV modifié")
    w.update_container(info)


def change_xmp(w) -> None:
    ref = w.root.raw_get("/Metadata")
    meta = ref.get_object()
    data = meta.data.replace(b"PV-2026", b"PV-2027", 1)
    w.mark_update(ref)
    meta._data = data  # noqa: SLF001 - replace the stream's decoded data
    meta._encoded_data = None  # noqa: SLF001
    meta.pop("/Filter", None)


def strip_value(w) -> None:
    fields = w.root["/AcroForm"]["/Fields"]
    ref = fields[len(fields) - 1]
    field = ref.get_object()
    field.pop("/V", None)
    w.update_container(field)


def add_field(w) -> None:
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    append_signature_field(w, SigFieldSpec(sig_field_name="sceau_ajoute", box=(9, 9, 99, 49)))


def no_change(w) -> None:
    w.update_root()


UPDATES = {
    "mise à jour : texte": add_text,
    "mise à jour : annotation": add_annotation,
    "mise à jour : page": add_page,
    "mise à jour : Info": change_info,
    "mise à jour : XMP": change_xmp,
    "mise à jour : /V retiré": strip_value,
    "mise à jour : champ de sceau": add_field,
    "mise à jour : sans changement": no_change,
}


def pikepdf_rewrite(rng: random.Random, pdf: bytes) -> bytes:
    """A full rewrite by another tool, sometimes with the last seal's value removed."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        if rng.random() < 0.5:
            fields = doc.Root.AcroForm.Fields
            last = fields[len(fields) - 1]
            if "/V" in last:
                del last["/V"]
        doc.save(out)
    return out.getvalue()


SIMPLE: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "octet inversé": flip,
    "octet inversé dans /Contents": flip_in_contents,
    "octet remplacé": replace_byte,
    "troncature": truncate,
    "après %%EOF": after_eof,
    "révision retirée": drop_revision,
    "réécriture pikepdf": pikepdf_rewrite,
}
for _label, _change in UPDATES.items():
    SIMPLE[_label] = lambda rng, pdf, _change=_change: _incremental(pdf, _change)

# how often each kind is drawn: byte-level damage is the bulk, as in the issue
WEIGHTS = {
    "octet inversé": 30,
    "octet inversé dans /Contents": 12,
    "octet remplacé": 10,
    "troncature": 12,
    "après %%EOF": 6,
    "révision retirée": 4,
    "réécriture pikepdf": 4,
    **dict.fromkeys(UPDATES, 2),
}


def mutate(rng: random.Random, pdf: bytes) -> tuple[str, bytes]:
    """One mutation (or, one time in ten, two stacked), never the original bytes."""
    kinds = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    rounds = 2 if rng.random() < 0.1 else 1
    labels, data = [], pdf
    for _ in range(rounds):
        label = rng.choices(kinds, weights)[0]
        try:
            out = SIMPLE[label](rng, data)
        except Exception:  # noqa: BLE001 - the tool could not rewrite an already damaged file
            label, out = "octet inversé", flip(rng, data)
        labels.append(label)
        data = out
    if data == pdf:  # e.g. a stacked pair that undid itself
        labels.append("octet inversé")
        data = flip(rng, data)
    return " + ".join(labels), data


def test_every_mutation_applies_to_the_sealed_pvs(sealed):
    """mutate() falls back to a bit flip when a tool cannot rewrite an already damaged file:
    on the intact files every kind must work, or the figures would lie."""
    for pdf in sealed.values():
        for label, change in SIMPLE.items():
            assert change(random.Random(label), pdf) != pdf, label


# -- the verdict -------------------------------------------------------------------------


def verdict(data: bytes) -> tuple[str, float, str]:
    """('invalide' | 'illisible' | 'valide' | 'exception', seconds, detail)."""
    start = time.perf_counter()
    try:
        result = verify_pdf(data)
        outcome = "valide" if result.valid else "invalide"
        detail = result.reason
        assert detail.strip()
    except Unreadable as exc:
        outcome, detail = "illisible", exc.message
    except Exception as exc:  # noqa: BLE001 - counted and reported as a failure below
        outcome, detail = "exception", f"{type(exc).__name__}: {exc}"
    return outcome, time.perf_counter() - start, detail


@pytest.mark.timeout(scale(300, 3600))
def test_mutated_sealed_pvs_are_all_invalid(sealed, tmp_path):
    rng = random.Random(20261126)
    count = scale(100, 1000)
    outcomes: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    failures: list[tuple[str, str, str, str]] = []
    samples: list[tuple[Path, str]] = []
    max_s = 0.0
    names = list(sealed)
    for n in range(count):
        name = names[n % len(names)]
        kind, data = mutate(rng, sealed[name])
        outcome, seconds, detail = verdict(data)
        max_s = max(max_s, seconds)
        outcomes[outcome] += 1
        by_kind[kind.split(" + ")[0]] += 1
        if outcome in ("valide", "exception") or seconds > MAX_SECONDS:
            failures.append((name, kind, outcome, detail[:200]))
            (tmp_path / f"echec-{n}.pdf").write_bytes(data)
        elif len(samples) < scale(6, 40) and n % (count // scale(6, 40)) == 0:
            path = tmp_path / f"mutation-{n}.pdf"
            path.write_bytes(data)
            samples.append((path, outcome))
    report(
        "sceaux",
        mutations=count,
        invalid=outcomes["invalide"],
        unreadable=outcomes["illisible"],
        valid=outcomes["valide"],
        exceptions=outcomes["exception"],
        max_s=f"{max_s:.2f}",
    )
    if TORTURE:
        print("  par type :", dict(sorted(by_kind.items())))
    assert failures == [], failures[:10]
    assert max_s < MAX_SECONDS
    assert outcomes["invalide"] + outcomes["illisible"] == count

    # the command line agrees on a sample: exit 1 (INVALIDE) or 2 (ILLISIBLE), no traceback
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for path, outcome in samples:
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "verify", str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=60,
        )
        expected = 1 if outcome == "invalide" else 2
        assert proc.returncode == expected, (path.name, proc.stdout, proc.stderr)
        assert proc.stdout.startswith("INVALIDE" if expected == 1 else "ILLISIBLE")
        assert "Traceback" not in proc.stderr


def test_the_gap_of_the_last_seal_is_checked(sealed):
    """Bytes a PDF parser ignores are still part of the file: a change there is INVALIDE.

    The hex of /Contents is the one part of a sealed file no digest covers. A changed zero
    of its padding, a letter switched to the other case, or a space slipped in leaves the
    CMS unchanged, so pyHanko alone calls such a file intact; yet its SHA-256 (written in
    the manifest of an export) changed and the padding could carry anything. The verifier
    requires the hole to be exactly the hex of the CMS followed by zeros, in one case, and
    the CMS parts the signature does not cover to be as Trame writes them (every bit of the
    CMS of a one-seal PV was flipped once, 32,864 files: all INVALIDE or unreadable)."""
    for pdf in sealed.values():
        start, end = contents_gap(pdf)
        assert pdf[start : start + 1] == b"<" and pdf[end - 1 : end] == b">"
        padding_zero = end - 10
        assert pdf[padding_zero : padding_zero + 1] == b"0"
        letter = next(i for i in range(start + 1, end) if pdf[i : i + 1].isalpha())
        variants = {
            "zéro de remplissage → 1": (padding_zero, b"1"),
            "zéro de remplissage → espace": (padding_zero, b" "),
            "hex dans l'autre casse": (letter, pdf[letter : letter + 1].swapcase()),
        }
        for label, (offset, byte) in variants.items():
            data = pdf[:offset] + byte + pdf[offset + 1 :]
            outcome, _, detail = verdict(data)
            assert outcome in ("invalide", "illisible"), (label, outcome, detail)
        for tail in (b"\n", b" ", b"\x00", b"%\n"):
            outcome, _, detail = verdict(pdf + tail)
            assert outcome == "invalide", (tail, outcome, detail)


def _cms_of(pdf: bytes) -> bytes:
    start, end = contents_gap(pdf)
    return bytes.fromhex(pdf[start + 1 : end - 1].decode("ascii"))


def _cms_hex_span(pdf: bytes, part: bytes) -> tuple[int, int]:
    """Offsets in the file of the hex that encodes `part` inside the last seal's CMS."""
    start, _ = contents_gap(pdf)
    at = _cms_of(pdf).index(part)
    return start + 1 + 2 * at, start + 1 + 2 * (at + len(part))


def _flips_in(pdf: bytes, span: tuple[int, int], count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        data = bytearray(pdf)
        data[rng.randrange(*span)] ^= 1 << rng.randrange(8)
        out.append(bytes(data))
    return out


def test_extra_certificates_in_a_seal_are_checked():
    """Certificates sit in the CMS outside the signature. Seals made before 77f8778 carry
    the signer's certificate twice and stay VALIDE; a CA-issued certificate carries its
    chain. A changed byte in such an extra certificate is INVALIDE (unless it is the top of
    a chain whose root is absent and the byte is in its issuer name: nothing signed
    remains to compare it with)."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from desktop.core.seal.signer import _CachedKeySigner

    rendered = render_pv(sample_pv(pairs=2))
    bundle = certs.create("Camille DURAND (fictive)")

    class OldSigner(SoftwareSigner):
        """The signer as it was: the signing certificate also in the chain store."""

        def pyhanko_signer(self):
            cert = asn1_x509.Certificate.load(self.bundle.cert_der)
            return _CachedKeySigner(
                signing_cert=cert,
                signing_key=keys.PrivateKeyInfo.load(self.bundle.key_der),
                cert_registry=SimpleCertificateStore.from_certs([cert]),
                private_key=serialization.load_der_private_key(self.bundle.key_der, None),
            )

    old = seal_pdf(rendered.pdf, OldSigner(bundle), placements=rendered.seals)
    assert verify_pdf(old).valid

    # a fictional CA: root -> intermediate -> officer
    now = datetime.now(UTC)

    def issue(subject, issuer, key, signing_key, ca):
        name = lambda cn: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])  # noqa: E731
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name(issuer))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if not ca:
            usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
            builder = builder.add_extension(usage, critical=True)
        return builder.sign(signing_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    keys_ = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]
    root = issue("Racine FICTIVE", "Racine FICTIVE", keys_[0], keys_[0], True)
    inter = issue("AC FICTIVE", "Racine FICTIVE", keys_[1], keys_[0], True)
    leaf = issue("Officier FICTIF", "AC FICTIVE", keys_[2], keys_[1], False)
    key_der = keys_[2].private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # a PKCS#12 may carry unrelated certificates too: only the issuers go into the seal
    stranger = certs.create("Autre titulaire FICTIF").cert_der
    chained_bundle = certs.CertBundle(key_der, leaf, (stranger, root, inter))
    chained = seal_pdf(rendered.pdf, SoftwareSigner(chained_bundle), placements=rendered.seals)
    assert verify_pdf(chained).valid
    assert stranger not in _cms_of(chained) and inter in _cms_of(chained)

    raw = _cms_of(old)
    first_copy = raw.index(bundle.cert_der)
    assert raw.index(bundle.cert_der, first_copy + 1)  # the old layout: two copies
    cases = {
        "copie du certificat (ancien sceau)": (old, _cms_hex_span(old, bundle.cert_der)),
        "certificat intermédiaire": (chained, _cms_hex_span(chained, inter)),
        "certificat racine": (chained, _cms_hex_span(chained, root)),
    }
    outcomes: Counter[str] = Counter()
    for label, (pdf, span) in cases.items():
        for n, data in enumerate(_flips_in(pdf, span, scale(30, 300), seed=len(label))):
            outcome, _, detail = verdict(data)
            outcomes[outcome] += 1
            assert outcome in ("invalide", "illisible"), (label, n, outcome, detail)
    report("sceaux-certificats", mutations=sum(outcomes.values()), **outcomes)
