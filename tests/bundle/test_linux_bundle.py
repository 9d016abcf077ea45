"""The built Linux bundle runs on its own: no project virtual environment, no PYTHONPATH.

Runs only with TRAME_DIST=1 (`make dist` sets it after building; `TRAME_DIST=1 make test`
uses the archive already in dist/). The folder is not named `dist`: pytest never collects a
folder of that name (norecursedirs), so `make test` would never have run these. The archive is extracted into a temporary folder and
every command runs from there with an emptied environment and a fresh TRAME_HOME.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "phrase de passe du paquet"

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(
        os.environ.get("TRAME_DIST") != "1", reason="paquet non testé (TRAME_DIST=1 pour le faire)"
    ),
]


def version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def archive_path() -> Path:
    given = os.environ.get("TRAME_DIST_ARCHIVE")
    if given:
        return Path(given).resolve()
    return ROOT / "dist" / f"trame-{version()}-linux-{platform.machine()}.tar.gz"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    archive = archive_path()
    if not archive.is_file():
        pytest.fail(f"archive absente : {archive} (lancez « make dist »)")
    where = tmp_path_factory.mktemp("paquet")
    subprocess.run(["tar", "-xzf", str(archive), "-C", str(where)], check=True)
    [folder] = list(where.iterdir())
    assert folder.name == f"trame-{version()}-linux-{platform.machine()}"
    return folder


def clean_env(tmp: Path, **extra: str) -> dict[str, str]:
    """No .venv on PATH, no PYTHONPATH/PYTHONHOME/VIRTUAL_ENV, a fresh home and vault."""
    home = tmp / "utilisateur"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TRAME_HOME": str(tmp / "coffre"),
        "TRAME_PASSWORD": PASSWORD,
        "TRAME_KDF_SECONDS": "0.05",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra)
    assert ".venv" not in env["PATH"]
    return env


def run(exe: Path, *args: str, env: dict, cwd: Path, check: bool = True):
    proc = subprocess.run(
        [str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=240
    )
    if check and proc.returncode != 0:
        pytest.fail(
            f"« trame {' '.join(args)} » a échoué ({proc.returncode}) :\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    return proc


def test_version_init_and_cases_without_the_venv(bundle, tmp_path):
    exe = bundle / "trame"
    env = clean_env(tmp_path)
    out = run(exe, "--version", env=env, cwd=tmp_path).stdout
    assert out.strip() == f"trame {version()}"
    run(exe, "init", env=env, cwd=tmp_path)
    assert (tmp_path / "coffre" / "cases.db").is_file()
    listing = run(exe, "cases", "list", env=env, cwd=tmp_path)
    assert listing.returncode == 0
    # The forms (desktop/forms/*.yaml) are found inside the bundle.
    forms = run(exe, "forms", "list", env=env, cwd=tmp_path).stdout
    assert "audition_mineur" in forms


def test_the_bundle_uses_its_own_python_and_data(bundle):
    internal = bundle / "_internal"
    assert list(internal.glob("libpython3*.so*")), "libpython absente du paquet"
    for rel in ("desktop/forms", "desktop/templates", "resources/fonts/DejaVuSans.ttf"):
        assert (internal / rel).exists(), rel
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    assert list(internal.glob("PySide6/Qt/plugins/platforms/libqoffscreen.so"))
    assert list(internal.glob("PySide6/Qt/plugins/platforms/libqxcb.so"))
    assert list(internal.glob("PySide6/QtPdf*.so"))
    assert (internal / "tzdata" / "zoneinfo" / "Europe" / "Paris").is_file()
    assert not list(internal.rglob("libqgtk3.so"))


def test_verify_refuses_a_file_that_is_not_a_sealed_pdf(bundle, tmp_path):
    junk = tmp_path / "faux.pdf"
    junk.write_bytes(b"%PDF-1.7\nce n'est pas un PV\n%%EOF\n")
    proc = run(
        bundle / "trame", "verify", str(junk), env=clean_env(tmp_path), cwd=tmp_path, check=False
    )
    assert proc.returncode in (1, 2), proc.stderr
    assert "VALIDE —" not in proc.stdout


def test_demo_produces_pdfs_that_the_bundle_verifies(bundle, tmp_path):
    exe = bundle / "trame"
    env = clean_env(tmp_path)
    out = tmp_path / "demo"
    run(exe, "demo", "--out", str(out), env=env, cwd=tmp_path)
    pdfs = sorted(out.rglob("*.pdf"))
    assert pdfs, "la démonstration n'a produit aucun PDF"
    for pdf in pdfs:
        proc = run(exe, "verify", str(pdf), env=env, cwd=tmp_path, check=False)
        assert proc.returncode == 0, f"{pdf.name} : {proc.stdout}{proc.stderr}"
        assert proc.stdout.startswith("VALIDE")
    # The verifier can fail: one changed byte in a sealed PV makes it INVALIDE.
    tampered = tmp_path / "modifie.pdf"
    data = bytearray(pdfs[0].read_bytes())
    at = data.index(b"stream") + 20
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    proc = run(exe, "verify", str(tampered), env=env, cwd=tmp_path, check=False)
    assert proc.returncode != 0 and proc.stdout.startswith("INVALIDE"), proc.stdout


def test_user_install_upgrade_and_uninstall_keep_the_vault(bundle, tmp_path):
    env = clean_env(tmp_path)
    del env["TRAME_HOME"]  # the platform data folder of HOME: ~/.local/share/Trame
    home = Path(env["HOME"])
    data = home / ".local" / "share" / "Trame"
    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--user"], env=env, check=True, capture_output=True
    )
    installed = home / ".local" / "bin" / "trame"
    entry = (home / ".local" / "share" / "applications" / "trame.desktop").read_text("utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={home}/.local/opt/trame/trame gui"
    assert (home / ".local/share/icons/hicolor/256x256/apps/trame.png").is_file()

    run(installed, "init", env=env, cwd=tmp_path)
    vault_files = ("cases.db", "medical.db", "keyslots.json")

    def snapshot():
        return {name: (data / name).read_bytes() for name in vault_files}

    # Upgrade: installing again replaces the program and leaves the vault as it was.
    before = snapshot()
    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--user"], env=env, check=True, capture_output=True
    )
    assert snapshot() == before
    run(installed, "cases", "list", env=env, cwd=tmp_path)  # opens it (and writes the audit)
    # Uninstall: the program goes, the vault stays as it was.
    before = snapshot()
    subprocess.run(
        ["sh", str(home / ".local/opt/trame/uninstall.sh"), "--user"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert not (home / ".local" / "opt" / "trame").exists()
    assert not installed.exists()
    assert snapshot() == before


@pytest.mark.parametrize("platform_plugin", ["xcb", "offscreen"])
def test_the_application_window_starts(bundle, tmp_path, platform_plugin):
    """`trame` alone opens the UI: Qt finds its platform plugin inside the bundle."""
    exe = bundle / "trame"
    env = clean_env(tmp_path, QT_QPA_PLATFORM=platform_plugin)
    run(exe, "init", env=env, cwd=tmp_path)
    xvfb = None
    if platform_plugin == "xcb":
        if not Path("/usr/bin/Xvfb").exists():
            pytest.skip("Xvfb absent (paquet xvfb, installé par make setup)")
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["/usr/bin/Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as fh:
            env["DISPLAY"] = ":" + fh.readline().strip()
    try:
        app = subprocess.Popen(
            [str(exe)], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            out, err = app.communicate(timeout=8)
        except subprocess.TimeoutExpired:  # still running: the window is up
            app.terminate()
            app.communicate(timeout=10)
        else:
            pytest.fail(f"l'application s'est arrêtée ({app.returncode}) :\n{out}\n{err}")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
