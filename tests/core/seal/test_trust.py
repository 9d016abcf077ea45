"""Who vouches for a seal: the trust list only, never the certificates inside the PDF.

Real RSA keys, real pyHanko seals, the real `trame verify` / `trame trust` commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from desktop.cli import main
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustList, TrustListError
from desktop.core.seal.verify import verify_pdf


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        ]
    )


def home_made_ca_p12(leaf_cn: str, ca_cn: str) -> bytes:
    """A PKCS#12 carrying a leaf named after an officer and its own home-made CA."""
    now = datetime.now(UTC) - timedelta(minutes=5)
    ca_key, leaf_key = _key(), _key()
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_cn))
        .issuer_name(_name(ca_cn))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(leaf_cn))
        .issuer_name(_name(ca_cn))
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    from cryptography.hazmat.primitives.serialization import pkcs12

    return pkcs12.serialize_key_and_certificates(
        b"x", leaf_key, leaf, [ca], serialization.NoEncryption()
    )


@pytest.fixture(scope="module")
def ca_sealed():
    bundle = certs.load_pkcs12(
        home_made_ca_p12("Camille DURAND", "Autorité de certification de la Police (fictive)"),
        None,
    )
    rendered = render_pv(sample_pv(pairs=2))
    return bundle, seal_pdf(rendered.pdf, SoftwareSigner(bundle), placements=rendered.seals)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAME_HOME", str(tmp_path / "home"))
    return tmp_path


def test_pdf_carried_ca_is_never_trusted(ca_sealed, home, capsys):
    bundle, pdf = ca_sealed
    assert len(bundle.chain_der) == 1  # the CA travels inside the PDF
    path = home / "pv.pdf"
    path.write_bytes(pdf)
    assert main(["verify", str(path)]) == 0  # integrity holds
    out = capsys.readouterr().out
    assert "Intégrité : le document n'a pas été modifié depuis son sceau." in out
    assert f"certificat inconnu : empreinte {bundle.fingerprint}" in out
    assert "émetteur « Autorité de certification de la Police (fictive) »" in out
    assert "l'identité de l'auteur n'est pas établie" in out
    assert "certificat reconnu" not in out
    assert "déclarée par l'horloge du signataire" in out
    assert out.index("Intégrité") < out.index("certificat inconnu")

    assert main(["verify", "--require-trusted", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("INVALIDE — Le certificat du sceau n°1 (Camille DURAND)")
    report = verify_pdf(pdf, trust=TrustList())
    assert report.valid and not report.seals[0].trusted and not report.seals[0].recognized


def test_signer_on_the_trust_list_is_recognized(ca_sealed, home, capsys):
    bundle, pdf = ca_sealed
    path = home / "pv.pdf"
    path.write_bytes(pdf)
    cert = home / "durand.pem"
    cert.write_bytes(bundle.certificate.public_bytes(serialization.Encoding.PEM))
    assert main(["trust", "add", str(cert), "--label", "BPM Paris — capitaine DURAND"]) == 0
    capsys.readouterr()
    assert main(["verify", "--require-trusted", str(path)]) == 0
    out = capsys.readouterr().out
    assert "certificat reconnu : BPM Paris — capitaine DURAND" in out
    assert "certificat inconnu" not in out
    assert main(["trust", "list"]) == 0
    assert "BPM Paris — capitaine DURAND" in capsys.readouterr().out


def test_trusting_the_ca_file_itself_vouches_for_its_leaves(ca_sealed, home, capsys):
    bundle, pdf = ca_sealed
    trust = TrustList()
    trust.add_certificate(bundle.chain_der[0], "AC de la Police (fictive)")
    seal = verify_pdf(pdf, trust=trust, require_trusted=True).seals[0]
    assert seal.trust_label == "AC de la Police (fictive)" and not seal.trust_direct
    # by fingerprint only, the CA is not enough: its certificate is needed to check the link
    fp_only = TrustList()
    fp_only.add_fingerprint(certs.fingerprint(bundle.chain_der[0]), "AC")
    assert not verify_pdf(pdf, trust=fp_only).seals[0].recognized


def test_look_alike_reseal_is_told_apart(officer_signer, officer_bundle, home, capsys):
    genuine = render_pv(sample_pv(pairs=2))
    real = seal_pdf(genuine.pdf, officer_signer, placements=genuine.seals)
    # another Trame install: same document id, same officer name, other key, changed words
    impostor = SoftwareSigner(certs.create("Camille DURAND", "Préfecture de police", "BPM"))
    doc = sample_pv(pairs=2)
    import dataclasses

    first = next(i for i, e in enumerate(doc.body) if e.kind == "qr")
    body = list(doc.body)
    body[first] = dataclasses.replace(body[first], answer="Je ne sais plus rien.")
    forged_r = render_pv(dataclasses.replace(doc, body=tuple(body)))
    forged = seal_pdf(forged_r.pdf, impostor, placements=forged_r.seals)
    a, b = verify_pdf(real, trust=TrustList()), verify_pdf(forged, trust=TrustList())
    assert a.document_id == b.document_id and a.seals[0].signer == b.seals[0].signer
    assert a.valid and b.valid  # each is intact: integrity alone cannot tell them apart

    assert main(["trust", "add", officer_signer.fingerprint, "--label", "BPM — cne DURAND"]) == 0
    capsys.readouterr()
    for name, data in (("vrai.pdf", real), ("faux.pdf", forged)):
        (home / name).write_bytes(data)
    assert main(["verify", "--require-trusted", str(home / "vrai.pdf")]) == 0
    assert "certificat reconnu : BPM — cne DURAND" in capsys.readouterr().out
    assert main(["verify", "--require-trusted", str(home / "faux.pdf")]) == 1
    out = capsys.readouterr().out
    assert f"certificat inconnu : empreinte {impostor.fingerprint}" in out
    assert "émetteur « Camille DURAND »" in out  # self-signed: it issued itself


def test_signed_export_import_and_trust_option(ca_sealed, officer_bundle, home, capsys, tmp_path):
    bundle, pdf = ca_sealed
    p12 = tmp_path / "service.p12"
    p12.write_bytes(certs.export_pkcs12(officer_bundle, ""))
    (tmp_path / "pw").write_text("")
    assert main(["trust", "add", bundle.fingerprint, "--label", "BPM — cne DURAND"]) == 0
    exported = tmp_path / "liste.json"
    args = ["trust", "export", str(exported), "--p12", str(p12)]
    assert main([*args, "--p12-password-file", str(tmp_path / "pw")]) == 0
    capsys.readouterr()

    # the parquet's machine: empty local list, the file given with --trust
    pv = tmp_path / "pv.pdf"
    pv.write_bytes(pdf)
    TrustList.local_path().unlink()
    assert main(["verify", "--require-trusted", str(pv)]) == 1
    capsys.readouterr()
    key = ["--trust-key", officer_bundle.fingerprint]  # checked with the service (pins.py)
    assert main(["verify", "--require-trusted", "--trust", str(exported), *key, str(pv)]) == 0
    assert "certificat reconnu : BPM — cne DURAND" in capsys.readouterr().out
    assert main(["trust", "import", str(exported), *key]) == 0
    assert officer_bundle.fingerprint in capsys.readouterr().out
    assert TrustList.local().find(bundle.fingerprint).label == "BPM — cne DURAND"

    # a list whose label was changed after signing is refused, and says so
    tampered = tmp_path / "modifiee.json"
    tampered.write_bytes(exported.read_bytes().replace(b"cne DURAND", b"cne AUTRE"))
    with pytest.raises(TrustListError, match="le fichier a été modifié"):
        TrustList.from_file(tampered)
    assert main(["verify", "--trust", str(tampered), str(pv)]) == 2
    assert "le fichier a été modifié" in capsys.readouterr().out
