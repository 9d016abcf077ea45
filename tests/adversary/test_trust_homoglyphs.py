"""Adversary: a look-alike certificate whose name only LOOKS like the genuine officer's.

« Cаmille DURAND » with a Cyrillic « а » (U+0430), a full-width « Ｃ », a zero-width space or
a right-to-left mark prints like « Camille DURAND ». Real keys, real pyHanko seals, the real
`trame verify` and `trame trust` commands: the verifier must say so in French, and the
trust list must not store such a label."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from desktop.cli import main
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustList

GENUINE = "Camille DURAND"


def look_alike(cn: str):
    """A self-signed sealing certificate named `cn`, made outside Trame (no name tidying)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC) - timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, serialization.NoEncryption()
    )
    return certs.load_pkcs12(blob, None)


def sealed(bundle) -> bytes:
    rendered = render_pv(sample_pv(pairs=1))
    return seal_pdf(rendered.pdf, SoftwareSigner(bundle), placements=rendered.seals)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAME_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture(scope="module")
def genuine():
    bundle = certs.create(GENUINE, "Préfecture de police", "BPM")
    return bundle, sealed(bundle)


@pytest.mark.parametrize(
    ("cn", "expected"),
    [
        ("C\u0430mille DURAND", ("mêle plusieurs écritures", "cyrillique", "U+0430")),
        ("\uff23amille DURAND", ("formes de compatibilité", "U+FF23")),
        ("Camille\u200b DURAND", ("invisibles", "U+200B")),
        ("Camille DURAND\u200f", ("invisibles", "U+200F")),
        ("\u0421\u0430mille DURAND", ("mêle plusieurs écritures", "U+0421")),
    ],
    ids=["cyrillic-a", "nfkc-fullwidth", "zero-width", "rtl-mark", "two-cyrillic"],
)
def test_look_alike_signer_name_is_flagged(genuine, home, capsys, cn, expected):
    real, real_pdf = genuine
    trust = TrustList.local()
    trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    fake = look_alike(cn)
    (home / "faux.pdf").write_bytes(sealed(fake))
    (home / "vrai.pdf").write_bytes(real_pdf)

    assert main(["verify", "--require-trusted", str(home / "vrai.pdf")]) == 0
    out = capsys.readouterr().out
    assert "certificat reconnu : BPM Paris — capitaine DURAND" in out
    assert "Attention" not in out

    assert main(["verify", str(home / "faux.pdf")]) == 0  # intact: integrity is not at stake
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("Identité"))
    assert "certificat inconnu" in line
    assert "Attention : le nom du signataire" in line and "imiter un autre nom" in line
    for word in expected:
        assert word in line, (word, line)
    assert "\u200b" not in out and "\u200f" not in out  # shown as <U+…>, never obeyed
    assert main(["verify", "--require-trusted", str(home / "faux.pdf")]) == 1


def test_look_alike_label_in_a_pinned_list_is_flagged(genuine, home, capsys):
    """A list signed by a pinned key but written without `trame trust add` (which would
    refuse it) carries a Cyrillic letter in its label: shown, flagged, and not enough for
    --require-trusted."""
    real, real_pdf = genuine
    trust = TrustList()
    entry = trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    import dataclasses

    trust.entries = [dataclasses.replace(entry, label="BPM Paris — capitaine DUR\u0410ND")]
    lst = home / "liste.json"
    lst.write_bytes(trust.export_signed(real))
    (home / "vrai.pdf").write_bytes(real_pdf)
    args = ["verify", "--trust", str(lst), "--trust-key", real.fingerprint, str(home / "vrai.pdf")]
    assert main(args) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Identité"))
    assert "certificat reconnu" in line
    assert "Attention : le libellé de la liste de confiance" in line and "U+0410" in line
    assert main(["verify", "--require-trusted", *args[1:]]) == 1
    assert "sans ambiguïté" in capsys.readouterr().out


def test_trust_labels_are_normalised_or_refused_on_add(genuine, home, capsys):
    real, _ = genuine
    fp = real.fingerprint
    assert main(["trust", "add", fp, "--label", "BPM Paris — capitaine DUR\u0410ND"]) != 0
    err = capsys.readouterr().err
    assert "mêle plusieurs écritures" in err and "cyrillique" in err and "U+0410" in err
    assert main(["trust", "add", fp, "--label", "BPM Paris\u200f — capitaine DURAND"]) != 0
    err = capsys.readouterr().err
    assert "invisibles" in err and "U+200F" in err
    assert not TrustList.local().entries
    # full-width and ligature forms are folded (NFKC) to the letters they imitate
    assert main(["trust", "add", fp, "--label", "\uff22\uff30\uff2d Paris — capitaine DURAND"]) == 0
    assert TrustList.local().find(fp).label == "BPM Paris — capitaine DURAND"
    # a pinned key's label follows the same rule
    assert main(["trust", "pin", fp, "--label", "Parquet de V\u0430lmont"]) != 0
    assert "mêle plusieurs écritures" in capsys.readouterr().err


def test_a_name_wholly_in_another_alphabet_is_reported_not_refused(home, capsys):
    """A genuine certificate named in Han characters, on the trust list: the verifier says
    it is not in the Latin alphabet, but a name that mixes nothing imitates nothing, so
    --require-trusted still accepts it."""
    bundle = certs.create("美咲 佐藤", "Police (fictive)")
    (home / "pv.pdf").write_bytes(sealed(bundle))
    trust = TrustList.local()
    trust.add_certificate(bundle.cert_der, "BPM Paris — lieutenant SATO")
    trust.save()
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Identité"))
    assert "certificat reconnu : BPM Paris — lieutenant SATO" in line
    assert "autre écriture que l'alphabet latin (idéogrammes chinois" in line
