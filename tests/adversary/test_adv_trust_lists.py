"""Adversary (second Trame install, defence lawyer): who vouches for a seal.

Real RSA keys, real pyHanko seals, the real `trame verify` / `trame trust` commands. What
held is kept here too, so that it keeps holding: an unpinned list, a tampered pinned list,
odd pin files, a look-alike certificate under a trusted name. What broke (fixed in
desktop/core/seal/trust.py and pins.py): a trusted officer's own certificate (not a CA)
vouched for every certificate its key signed; an expired trusted authority still vouched;
a list signed by an expired certificate was accepted; a pin file edited by hand could
carry a look-alike or invisible label that nothing flagged."""

from __future__ import annotations

import base64
import json
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
from desktop.core.seal.pins import PinnedKeys
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustList

NOW = datetime.now(UTC) - timedelta(minutes=5)
YEAR = timedelta(days=365)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(cn, key, issuer_cn, issuer_key, *, ca, start=NOW, end=NOW + YEAR):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_cn)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, ca, ca, False, False), critical=True
        )
        .sign(issuer_key, hashes.SHA256())
    )


def _der(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _bundle(key, cert, chain=()):
    blob = pkcs12.serialize_key_and_certificates(
        b"x", key, cert, list(chain) or None, serialization.NoEncryption()
    )
    return certs.load_pkcs12(blob, None)


def _raw_bundle(key, cert):
    """A CertBundle without load_pkcs12's checks (an expired certificate is refused there)."""
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return certs.CertBundle(key_der, _der(cert))


def _sealed(bundle) -> bytes:
    rendered = render_pv(sample_pv(pairs=1))
    return seal_pdf(rendered.pdf, SoftwareSigner(bundle), placements=rendered.seals)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAME_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture(scope="module")
def officer():
    """The genuine officer: a self-signed sealing certificate (as `trame cert create`)."""
    key = _key()
    cert = _cert("Camille DURAND", key, "Camille DURAND", key, ca=False)
    return key, cert, _bundle(key, cert)


@pytest.fixture(scope="module")
def forger():
    """A second install: a self-signed certificate with the very same subject name."""
    bundle = certs.create("Camille DURAND", "Préfecture de police", "BPM")
    return bundle, _sealed(bundle)


def _identity(out: str) -> str:
    return next(x for x in out.splitlines() if x.startswith("Identité"))


def _signed_list(entries_bundle, label, signer_bundle) -> bytes:
    trust = TrustList()
    trust.add_certificate(entries_bundle.cert_der, label)
    return trust.export_signed(signer_bundle)


# -- what held -------------------------------------------------------------------------------


def test_look_alike_certificate_with_the_trusted_subject_is_unknown(officer, forger, home, capsys):
    """Same CN, same organisation, another key: the trust list goes by fingerprint."""
    _, _, real = officer
    fake, pdf = forger
    trust = TrustList.local()
    trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    (home / "pv.pdf").write_bytes(pdf)
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 1
    line = _identity(capsys.readouterr().out)
    assert f"certificat inconnu : empreinte {fake.fingerprint}" in line


def test_tampered_pinned_list_is_refused(officer, forger, home, capsys):
    """A list signed by the pinned service key, then one entry swapped for the forger's
    certificate (fingerprint and certificate), or only its label changed: refused."""
    _, _, real = officer
    fake, pdf = forger
    doc = json.loads(_signed_list(real, "BPM Paris — capitaine DURAND", real))
    (home / "pv.pdf").write_bytes(pdf)
    for change in (
        {"fingerprint": fake.fingerprint, "certificate": base64.b64encode(fake.cert_der).decode()},
        {"label": "BPM Paris — commandant DURAND"},
        {"fingerprint": fake.fingerprint},
    ):
        tampered = json.loads(json.dumps(doc))
        tampered["entries"][0].update(change)
        (home / "l.json").write_text(json.dumps(tampered, ensure_ascii=False), "utf-8")
        args = ["verify", "--require-trusted", "--trust", str(home / "l.json")]
        assert main([*args, "--trust-key", real.fingerprint, str(home / "pv.pdf")]) == 2
        assert "a été modifié" in capsys.readouterr().out


@pytest.mark.parametrize(
    "variant",
    [
        lambda fp: fp.lower(),
        lambda fp: fp.replace(":", ""),
        lambda fp: fp.replace(":", " ").lower(),
        lambda fp: " " + fp + "\n",
    ],
    ids=["lower", "no-colons", "spaces", "padded"],
)
def test_fingerprint_spellings_in_a_hand_edited_pin_file(officer, forger, home, capsys, variant):
    _, _, real = officer
    fake, pdf = forger
    (home / "l.json").write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", real))
    (home / "pv.pdf").write_bytes(pdf)
    PinnedKeys.local_path().parent.mkdir(parents=True, exist_ok=True)
    body = {"format": "trame-cles-epinglees", "version": 1}
    body["keys"] = [{"fingerprint": variant(real.fingerprint), "label": "BPM Paris"}]
    PinnedKeys.local_path().write_text(json.dumps(body), "utf-8")
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json"), str(home / "pv.pdf")]
    assert main(args) == 0
    assert "clé épinglée « BPM Paris »" in _identity(capsys.readouterr().out)


@pytest.mark.parametrize(
    "keys",
    [
        {"AB": "CD"},
        None,
        "AB:CD",
        [["fingerprint", "label"]],
        [{"fingerprint": "xyz", "label": "BPM"}],
        [{"fingerprint": "AB" * 32, "label": "BPM", "extra": 1}],
    ],
    ids=["dict", "null", "string", "list", "bad-fingerprint", "unknown-field"],
)
def test_odd_pin_files_are_unreadable_not_trusted(officer, forger, home, capsys, keys):
    _, _, real = officer
    fake, pdf = forger
    (home / "l.json").write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", real))
    (home / "pv.pdf").write_bytes(pdf)
    PinnedKeys.local_path().parent.mkdir(parents=True, exist_ok=True)
    body = {"format": "trame-cles-epinglees", "version": 1, "keys": keys}
    PinnedKeys.local_path().write_text(json.dumps(body), "utf-8")
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json"), str(home / "pv.pdf")]
    assert main(args) in (1, 2)
    assert "certificat reconnu" not in capsys.readouterr().out


def test_duplicate_pins_and_an_empty_label_do_not_vouch(officer, forger, home, capsys):
    """Two entries for the same key, the first with an empty label: refused as a whole
    (a pin always says whose key it is), never half-accepted."""
    _, _, real = officer
    fake, pdf = forger
    (home / "l.json").write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", real))
    (home / "pv.pdf").write_bytes(pdf)
    PinnedKeys.local_path().parent.mkdir(parents=True, exist_ok=True)
    body = {"format": "trame-cles-epinglees", "version": 1}
    body["keys"] = [
        {"fingerprint": real.fingerprint, "label": ""},
        {"fingerprint": real.fingerprint, "label": "BPM Paris"},
    ]
    PinnedKeys.local_path().write_text(json.dumps(body), "utf-8")
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json"), str(home / "pv.pdf")]
    assert main(args) in (1, 2)
    assert "certificat reconnu" not in capsys.readouterr().out


# -- what broke ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["Parquet de V\u0430lmont", "Parquet de Valmont\u200b", "BPM\u202e Paris", "BPM Paris\ufe0f"],
    ids=["cyrillic", "zero-width", "bidi", "variation-selector"],
)
def test_look_alike_label_in_a_hand_edited_pin_file_is_refused(
    officer, forger, home, capsys, label
):
    """`trame trust pin` refuses such a label; the same label written into the pin file by
    hand used to be accepted and printed as « clé épinglée « Parquet de Vаlmont » » with
    --require-trusted at 0. The file is now unreadable (exit 2), like any pin file that
    `trame trust pin` could not have written."""
    _, _, real = officer
    fake, pdf = forger
    (home / "l.json").write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", real))
    (home / "pv.pdf").write_bytes(pdf)
    PinnedKeys.local_path().parent.mkdir(parents=True, exist_ok=True)
    body = {"format": "trame-cles-epinglees", "version": 1}
    body["keys"] = [{"fingerprint": real.fingerprint, "label": label}]
    PinnedKeys.local_path().write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json"), str(home / "pv.pdf")]
    assert main(args) == 2
    out = capsys.readouterr().out
    assert "certificat reconnu" not in out and "clés épinglées illisible" in out


def test_trusted_officer_certificate_does_not_vouch_for_certificates_it_signs(
    officer, home, capsys
):
    """The officer's own (non-CA) certificate is on the list. Whoever holds its key mints a
    certificate « Commandant Z » signed by it: `verify --require-trusted` said « certificat
    reconnu : BPM Paris — capitaine DURAND » for a seal « Apposé par : Commandant Z ». A
    certificate with basic constraints CA=false issues nothing (RFC 5280)."""
    key, cert, real = officer
    trust = TrustList.local()
    trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    minted_key = _key()
    minted = _cert("Commandant Z", minted_key, "Camille DURAND", key, ca=False)
    (home / "pv.pdf").write_bytes(_sealed(_bundle(minted_key, minted, [cert])))
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 1
    line = _identity(capsys.readouterr().out)
    assert "certificat inconnu" in line and "capitaine DURAND" not in line


def test_expired_trusted_authority_does_not_vouch(home, capsys):
    """A service CA on the list expired last year; a certificate its (retired) key signs
    today was « reconnu ». Each issuer must be valid at the seal's declared time. The same
    authority still vouches for a certificate sealed while it was valid."""
    ca_key, leaf_key = _key(), _key()
    old_ca = _cert("AC Police", ca_key, "AC Police", ca_key, ca=True, start=NOW - 3 * YEAR,
                   end=NOW - YEAR)  # fmt: skip
    leaf = _cert("Lieutenant Y", leaf_key, "AC Police", ca_key, ca=False)
    trust = TrustList.local()
    trust.add_certificate(_der(old_ca), "AC de la Police (fictive)")
    trust.save()
    (home / "pv.pdf").write_bytes(_sealed(_bundle(leaf_key, leaf, [old_ca])))
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 1
    assert "certificat inconnu" in _identity(capsys.readouterr().out)

    valid_ca = _cert("AC Police", ca_key, "AC Police", ca_key, ca=True)
    trust = TrustList.local()
    trust.add_certificate(_der(valid_ca), "AC de la Police (fictive)")
    trust.save()
    (home / "pv2.pdf").write_bytes(_sealed(_bundle(leaf_key, leaf, [valid_ca])))
    assert main(["verify", "--require-trusted", str(home / "pv2.pdf")]) == 0
    assert "certificat reconnu : AC de la Police (fictive)" in _identity(capsys.readouterr().out)


def test_list_signed_by_an_expired_pinned_certificate_is_refused(forger, home, capsys):
    """The service's list-signing certificate expired (its key retired, perhaps lost): a list
    it signs today naming the forger was accepted through the pin. A list carries no date:
    it is refused, in French, by `verify --trust` and `trust import`."""
    fake, pdf = forger
    old_key = _key()
    old = _cert("BPM Paris", old_key, "BPM Paris", old_key, ca=False, start=NOW - 3 * YEAR,
                end=NOW - YEAR)  # fmt: skip
    service = _raw_bundle(old_key, old)
    (home / "l.json").write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", service))
    (home / "pv.pdf").write_bytes(pdf)
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json")]
    assert main([*args, "--trust-key", service.fingerprint, str(home / "pv.pdf")]) == 2
    out = capsys.readouterr().out
    assert "a expiré le" in out and "certificat reconnu" not in out
    assert main(["trust", "import", str(home / "l.json"), "--trust-key", service.fingerprint]) == 2
    assert "a expiré le" in capsys.readouterr().err
    assert not TrustList.local().entries


def test_expired_authority_does_not_vouch_for_a_seal_that_declares_no_time():
    """A crafted CMS may leave out its signing time: the authority is then judged now."""
    ca_key, leaf_key = _key(), _key()
    old_ca = _cert("AC Police", ca_key, "AC Police", ca_key, ca=True, start=NOW - 3 * YEAR,
                   end=NOW - YEAR)  # fmt: skip
    leaf = _cert("Lieutenant Y", leaf_key, "AC Police", ca_key, ca=False)
    trust = TrustList()
    trust.add_certificate(_der(old_ca), "AC de la Police (fictive)")
    assert trust.identify(_der(leaf), [_der(old_ca)]) is None
    assert trust.identify(_der(leaf), [_der(old_ca)], NOW - 2 * YEAR) is not None


def test_bidi_override_in_an_ignored_list_file_name_is_shown_not_obeyed(forger, home, capsys):
    """The line that says a list is ignored prints its file name: a RIGHT-TO-LEFT OVERRIDE
    in that name could turn the line around on screen; it is shown as <U+202E>."""
    fake, pdf = forger
    lst = home / "BPM-Paris-\u202eeetpecca.json"
    lst.write_bytes(_signed_list(fake, "BPM Paris — capitaine DURAND", fake))
    (home / "pv.pdf").write_bytes(pdf)
    assert main(["verify", "--trust", str(lst), str(home / "pv.pdf")]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "<U+202E>" in out and "ignorée" in out


def test_list_with_a_certificate_for_another_signer_is_refused(officer, forger, home, capsys):
    """A pinned list whose entry names the officer's fingerprint but embeds the forger's
    certificate: the label was the officer's, the certificate (an anchor for the issuer
    check) another's. Such a list is now unreadable (exit 2), and the forger stays unknown."""
    _, _, real = officer
    fake, pdf = forger
    trust = TrustList()
    entry = trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    import dataclasses

    trust.entries = [
        dataclasses.replace(entry, certificate=base64.b64encode(fake.cert_der).decode())
    ]
    (home / "l.json").write_bytes(trust.export_signed(real))
    (home / "pv.pdf").write_bytes(pdf)
    args = ["verify", "--require-trusted", "--trust", str(home / "l.json")]
    assert main([*args, "--trust-key", real.fingerprint, str(home / "pv.pdf")]) == 2
    out = capsys.readouterr().out
    assert "incohérente" in out and "certificat reconnu" not in out


def test_authority_listed_in_lower_case_can_be_removed(home, capsys):
    """A pinned service list written by another tool spells a CA's fingerprint « ab12… »
    (no colons, lower case): the signature holds, the CA vouched for its leaves once
    imported — and `trame trust remove` could never find it, so the officer could not
    withdraw it. Fingerprints are now spelt one way on reading."""
    import dataclasses

    service = certs.create("BPM Paris — listes")
    ca_key, leaf_key = _key(), _key()
    ca = _cert("AC Police", ca_key, "AC Police", ca_key, ca=True)
    leaf = _cert("Lieutenant Y", leaf_key, "AC Police", ca_key, ca=False)
    trust = TrustList()
    entry = trust.add_certificate(_der(ca), "AC de la Police (fictive)")
    odd = entry.fingerprint.replace(":", "").lower()
    trust.entries = [dataclasses.replace(entry, fingerprint=odd)]
    (home / "l.json").write_bytes(trust.export_signed(service))
    (home / "pv.pdf").write_bytes(_sealed(_bundle(leaf_key, leaf, [ca])))
    assert main(["trust", "import", str(home / "l.json"), "--trust-key", service.fingerprint]) == 0
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 0
    capsys.readouterr()
    assert main(["trust", "remove", entry.fingerprint]) == 0
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 1
    assert "certificat inconnu" in _identity(capsys.readouterr().out)
