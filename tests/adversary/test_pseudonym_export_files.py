"""Adversary: what the pseudonymised bundle holds besides the PV text — the bordereau, the
manifest, file names. An account login is often « prénom.nom »: the copy must not print it."""

from __future__ import annotations

import json

from desktop.core.export.bundle import export_pseudonymised
from tests.conftest import ADMIN_PASSWORD
from tests.core.export.export_fixtures import build_case, pdftotext

LOGIN = "camille.durand"
PASSWORD = "mot de passe fictif de Camille"


def test_bundle_does_not_print_the_officers_login(vault, signer, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user(LOGIN, PASSWORD, "enqueteur")
    with vault.unlock(LOGIN, PASSWORD) as s:
        data = build_case(s, signer)
        result = export_pseudonymised(
            s, data.case_id, tmp_path, models=[data.pv_model], signer=signer
        )
    leaks = []
    for path in sorted(result.path.iterdir()):
        if LOGIN in path.name or "durand" in path.name.lower():
            leaks.append(path.name)
        text = pdftotext(path.read_bytes()) if path.suffix == ".pdf" else path.read_text("utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if "durand" in text.lower():
            leaks.append(f"{path.name}: « durand »")
    assert leaks == []


def _minor_names() -> list[str]:
    from tests.core.export.export_fixtures import VICTIM

    return [VICTIM["last"], VICTIM["first"], VICTIM["pseudo"], VICTIM["phone"]]


def _texts(folder) -> dict[str, str]:
    out = {}
    for path in sorted(folder.iterdir()):
        text = pdftotext(path.read_bytes()) if path.suffix == ".pdf" else path.read_text("utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        out[path.name] = f"{path.name}\n{text}"
    return out


def test_addenda_are_in_the_copy_pseudonymised_and_checked(vault, signer, tmp_path, capsys):
    """A mention complémentaire to the PV names the minor (text and quoted passage). The
    pseudonymised copy used to leave it out; it now holds it, pseudonymised like the PV,
    naming the pseudonymised PV by id and hash, so that verify-bundle checks it; the
    minor's names appear in no file of the bundle."""
    from desktop.cli import main
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.pv.sample import signature_png
    from desktop.core.seal.addendum import create_addendum
    from desktop.core.seal.verify import verify_pdf
    from tests.core.export.export_fixtures import VICTIM

    minor = f"{VICTIM['first']} {VICTIM['last'].upper()}"
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user(LOGIN, PASSWORD, "enqueteur")
    with vault.unlock(LOGIN, PASSWORD) as s:
        data = build_case(s, signer)
        author = Signer(
            "auteur de la mention",
            "Hugo BERTRANDIER",
            "capitaine de police, OPJ",
            SignStatus.SIGNED,
            image_png=signature_png("Hugo BERTRANDIER", 1),
        )
        create_addendum(
            s,
            data.documents["pv_audition"],
            nature="rectification",
            quoted=f"{VICTIM['first']} m'a dit qu'on l'appelait {VICTIM['pseudo']}",
            text=f"La mineure {minor} (tél. {VICTIM['phone']}) précise que le rendez-vous "
            "était le mercredi et non le mardi.",
            signers=(author,),
            signer=signer,
        )
        result = export_pseudonymised(
            s, data.case_id, tmp_path, models=[data.pv_model], signer=signer
        )
    texts = _texts(result.path)
    mentions = [n for n in texts if "mention-complementaire" in n]
    assert len(mentions) == 1, sorted(texts)
    mention = texts[mentions[0]]
    assert "MENTION COMPLÉMENTAIRE" in mention and "COPIE PSEUDONYMISÉE" in mention
    assert "le rendez-vous était le mercredi" in " ".join(mention.split())
    assert "H. B." in mention and "BERTRANDIER" not in mention
    leaks = [
        (name, word)
        for name, text in texts.items()
        for word in [*_minor_names(), "Bertrandier"]
        if word.lower() in text.lower()
    ]
    assert leaks == []

    # the copy of the mention names the copy of the PV, and verify-bundle checks it
    pv_name = next(n for n in texts if "proces-verbal" in n)
    props = verify_pdf((result.path / mentions[0]).read_bytes()).properties
    assert props["originalId"] == verify_pdf((result.path / pv_name).read_bytes()).document_id
    assert main(["verify-bundle", str(result.path)]) == 0
    out = capsys.readouterr().out
    assert mentions[0] in out and pv_name in out
