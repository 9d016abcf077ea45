"""Shared fixtures: a real SQLCipher vault in a temporary folder, cheap Argon2 for speed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses  # noqa: E402

import pytest  # noqa: E402

import desktop.core.records  # noqa: E402,F401  (wires the medical delays into forms, as the app)
from desktop.core.vault import Vault  # noqa: E402
from desktop.core.vault.crypto import KdfParams  # noqa: E402
from desktop.core.vault.enrolment import enrol_first_doctor, issue_medical_enrolment  # noqa: E402

ADMIN_PASSWORD = "administrateur du phare de Kerbihan, 1987"
OFFICER_PASSWORD = "enquêteur au képi vert pomme"
DOCTOR_PASSWORD = "médecin des dunes en été 1991"
UAPED_PASSWORD = "coordination des goélands rieurs"


def fast_kdf() -> KdfParams:
    """Argon2id at the minimum the vault accepts (64 MiB, 1 pass): fast enough for tests."""
    return KdfParams(iterations=1, memory_kib=65536, lanes=1).with_new_salt()


@pytest.fixture(autouse=True)
def _config_home(tmp_path, monkeypatch):
    """The copy of the last audit head (desktop.core.vault.anchors) stays in the test folder."""
    monkeypatch.setenv("TRAME_CONFIG_HOME", str(tmp_path / "config-trame"))


@pytest.fixture
def vault_home(tmp_path, monkeypatch):
    home = tmp_path / "trame-home"
    monkeypatch.setenv("TRAME_HOME", str(home))
    monkeypatch.setenv("TRAME_KDF_SECONDS", "0.02")
    return home


@pytest.fixture
def vault(vault_home):
    """A vault with an administrator, an enquêteur, a médecin and a UAPED account."""
    kdf = fast_kdf()
    result = Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=kdf)
    v = Vault(vault_home, kdf)
    with v.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
        admin.add_user("uaped", UAPED_PASSWORD, "uaped")
        code = issue_medical_enrolment(admin)
    # The médecin enrols himself: the medical recovery key is his (issue 15).
    enrolled = enrol_first_doctor(v, code, "medecin", DOCTOR_PASSWORD)
    v.init_result = dataclasses.replace(
        result, medical_recovery_code=enrolled.medical_recovery_code
    )
    return v


@pytest.fixture
def admin_session(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        yield s


@pytest.fixture
def officer_session(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        yield s


@pytest.fixture
def doctor_session(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        yield s


@pytest.fixture
def small_fs(tmp_path):
    """A real small filesystem (tmpfs, 4 MiB) that fills up; needs root, as in CI."""
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mnt = tmp_path / "petit-disque"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], check=True)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill_disk(folder, leave: int = 0):
    """Fill the filesystem of `folder`, leaving about `leave` bytes; returns the filler file."""
    filler = folder / "remplissage.bin"
    chunk = b"\0" * 65536
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(chunk)
                fh.flush()
        except OSError:
            pass
    if leave:
        size = filler.stat().st_size
        os.truncate(filler, max(0, size - leave))
    return filler


@pytest.fixture(scope="session")
def seal_signer():
    """A real sealing certificate (pyHanko software signer), made once per test run."""
    from desktop.core.seal import certs
    from desktop.core.seal.signer import SoftwareSigner

    return SoftwareSigner(certs.create("Camille DURAND", organization="Préfecture (fictive)"))


@pytest.fixture
def exported_case(tmp_path, seal_signer):
    """Factory: `exported_case(session, "2026/000777", prepare=None) -> case id`.

    Builds the fictional sample case (desktop.core.sample, the one sample-case builder) under
    that procedure number, lets `prepare(session, case_id)` add rows, seals the hearing's PV
    and exports the case to the procedure with the real use case (an `export.case` audit
    entry): what « Marquer comme transmis » requires. `session`: an officer or the
    administrator."""
    from desktop.core.export.bundle import export_case
    from desktop.core.sample import base_time, create_case, demo_data
    from desktop.core.seal.publish import seal_hearing

    made = []

    def make(session, procedure_number: str = "2026/000777", prepare=None) -> int:
        data = dict(demo_data())
        data["case"] = dict(data["case"], procedure_number=procedure_number)
        case, _victim, hearing, _end = create_case(session, data, base_time())
        if prepare is not None:
            prepare(session, case.id)
        seal_hearing(session, hearing.id, signer=seal_signer, location="Paris")
        made.append(case.id)
        export_case(session, case.id, tmp_path / f"export-{len(made)}", signer=seal_signer)
        return case.id

    return make
