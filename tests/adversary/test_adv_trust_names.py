"""Adversary: look-alike signer names, issuers and trust labels (desktop.core.seal.confusable).

Real look-alike certificates sealed with pyHanko, the real `trame verify` and `trame trust`.
Broke (fixed in confusable.py): variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) and
Mongolian free variation selectors (U+180B–U+180F) are combining marks, not format
characters: they print nothing, yet a signer name « Camille\\ufe0f DURAND » passed without a
word and a trust label carrying one was stored; KELVIN SIGN « \\u212a » and the other
canonical singletons are folded by NFC as well as NFKC, so the compatibility check
(NFKC ≠ NFC) never saw them."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.core.seal import certs
from desktop.core.seal.confusable import deceptive, name_warnings
from desktop.core.seal.trust import TrustList
from tests.adversary.test_trust_homoglyphs import GENUINE, look_alike, sealed


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAME_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture(scope="module")
def genuine():
    bundle = certs.create(GENUINE, "Préfecture de police", "BPM")
    return bundle, sealed(bundle)


def _verify(home, capsys, cn: str, *extra: str) -> tuple[int, str]:
    (home / "faux.pdf").write_bytes(sealed(look_alike(cn)))
    code = main(["verify", *extra, str(home / "faux.pdf")])
    return code, capsys.readouterr().out


def _identity(out: str) -> str:
    return next(x for x in out.splitlines() if x.startswith("Identité"))


# -- broke, fixed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cn", "code"),
    [
        ("Camille\ufe0f DURAND", "U+FE0F"),
        ("Camille DURAND\ufe00", "U+FE00"),
        ("Camille\u180b DURAND", "U+180B"),
    ],
    ids=["vs16", "vs1", "mongolian-fvs"],
)
def test_variation_selector_in_a_signer_name_is_flagged(genuine, home, capsys, cn, code):
    real, _ = genuine
    trust = TrustList.local()
    trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    exit_code, out = _verify(home, capsys, cn)
    assert exit_code == 0  # intact: integrity is not at stake
    line = _identity(out)
    assert "certificat inconnu" in line
    assert "Attention : le nom du signataire" in line and "invisibles" in line and code in line
    assert cn not in out and f"<{code}>" in out  # shown, never printed raw
    assert deceptive(cn)


def test_variation_selector_outside_the_bmp_is_flagged():
    """U+E0100 (VARIATION SELECTOR-17): a certificate name beyond U+FFFF makes pyHanko's
    seal unreadable (README), so the name itself is checked, and refused as a label."""
    assert "U+E0100" in " ".join(name_warnings("Camille\U000e0100 DURAND"))


@pytest.mark.parametrize("label", ["BPM Paris\ufe0f — capitaine DURAND", "BPM\u180d Paris"])
def test_variation_selector_in_a_trust_label_is_refused(genuine, home, capsys, label):
    real, _ = genuine
    assert main(["trust", "add", real.fingerprint, "--label", label]) != 0
    assert "invisibles" in capsys.readouterr().err
    assert not TrustList.local().entries
    assert main(["trust", "pin", real.fingerprint, "--label", label]) != 0
    assert "invisibles" in capsys.readouterr().err


def test_kelvin_sign_in_a_signer_name_is_flagged(home, capsys):
    """« \\u212aarim DURAND » prints as « Karim DURAND »; NFC folds it too, so NFKC ≠ NFC
    said nothing. A trust label is folded to the plain « K »."""
    code, out = _verify(home, capsys, "\u212aarim DURAND", "--require-trusted")
    assert code == 1
    line = _identity(out)
    assert "formes de compatibilité" in line and "U+212A" in line
    assert deceptive("\u212aarim DURAND") and deceptive("\u212bsa DURAND")
    fp = certs.create("Karim DURAND").fingerprint
    assert main(["trust", "add", fp, "--label", "BPM Paris — \u212aarim DURAND"]) == 0
    assert TrustList.local().find(fp).label == "BPM Paris — Karim DURAND"


# -- held ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cn", "words"),
    [
        ("Camille DUR\u0391ND", ("mêle plusieurs écritures", "grec", "U+0391")),
        ("Camille\u2060 DURAND", ("invisibles", "U+2060")),
        ("Camille\ufeff DURAND", ("invisibles", "U+FEFF")),
        ("Camille\u180e DURAND", ("invisibles", "U+180E")),
        ("Camille\u034f DURAND", ("invisibles", "U+034F")),
        ("Camille \u1d05URAND", ()),  # LATIN LETTER SMALL CAPITAL D: Latin, not flagged
    ],
    ids=["greek", "word-joiner", "bom", "mongolian-vs", "cgj", "small-capital"],
)
def test_look_alike_names_through_the_cli(genuine, home, capsys, cn, words):
    real, _ = genuine
    trust = TrustList.local()
    trust.add_certificate(real.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    code, out = _verify(home, capsys, cn, "--require-trusted")
    assert code == 1  # another key: unknown, whatever its name
    line = _identity(out)
    assert "certificat inconnu" in line
    for word in words:
        assert word in line, (word, line)
    if not words:  # a Latin look-alike (README « Limites connues »): only the fingerprint
        assert "Attention" not in line


@pytest.mark.parametrize(
    "name",
    [
        "\U0001d402amille DURAND",  # MATHEMATICAL BOLD CAPITAL C
        "Camille\U000e0041 DURAND",  # TAG LATIN CAPITAL LETTER A
        "Camille \U0001d403URAND",  # MATHEMATICAL BOLD CAPITAL D
    ],
    ids=["math-bold", "tag", "math-bold-d"],
)
def test_astral_look_alikes_are_flagged(name):
    assert deceptive(name)


def test_combining_acute_is_the_same_name_not_a_disguise(home, capsys):
    """« Ce\\u0301line » and « Céline » are one name (canonically equivalent): nothing to
    flag, and the look-alike certificate is told apart by its fingerprint alone."""
    genuine = certs.create("Céline DURAND")
    trust = TrustList.local()
    trust.add_certificate(genuine.cert_der, "BPM Paris — capitaine DURAND")
    trust.save()
    code, out = _verify(home, capsys, "Ce\u0301line DURAND", "--require-trusted")
    assert code == 1 and "certificat inconnu" in _identity(out)
    assert name_warnings("Ce\u0301line DURAND") == []


def test_cherokee_names(home, capsys):
    """Cherokee letters (« Ꭰ » U+13A0 looks like « D »): mixed with Latin, flagged; wholly
    Cherokee, reported. A certificate so named yields a seal pyHanko cannot read: INVALIDE,
    never « reconnu »."""
    assert "cherokee" in " ".join(name_warnings("Camille \u13a0URAND"))
    assert deceptive("Camille \u13a0URAND")
    assert "autre écriture que l'alphabet latin (cherokee" in name_warnings("\u13a0\u13ac\u13a1")[0]
    code, out = _verify(home, capsys, "Camille \u13a0URAND")
    assert code != 0 and "certificat reconnu" not in out


def test_stamp_name_is_never_presented_as_the_signer(home, capsys):
    """A forger's Trame prints « Camille DURAND » in the visible stamp and the signature's
    /Name, with a certificate named otherwise: the verifier names the certificate only."""
    from desktop.core.pv.pv import render_pv
    from desktop.core.pv.sample import sample_pv
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.signer import SoftwareSigner

    bundle = certs.create("Jean TRUC")
    rendered = render_pv(sample_pv(pairs=1))
    pdf = seal_pdf(
        rendered.pdf, SoftwareSigner(bundle), placements=rendered.seals, stamp_name=GENUINE
    )
    (home / "pv.pdf").write_bytes(pdf)
    assert main(["verify", "--require-trusted", str(home / "pv.pdf")]) == 1
    out = capsys.readouterr().out
    assert "Apposé par : Jean TRUC (nom inscrit dans le certificat)" in out
    assert GENUINE not in out
