"""Every TRAME_* environment variable, declared once: type, default and what it does.

The application reads them only through `get` (typed value) or `raw` (a secret, taken as
typed, empty included); reading an undeclared name is a programming error (KeyError).
`tests/core/test_settings.py` checks that every TRAME_* name in the code is declared here.
Scope "app": read by the shipped program; "dev": read by the tests, bench or scripts only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    """One environment variable. `kind`: "path", "float", "int", "bool", "text" or "secret"."""

    name: str
    kind: str
    default: str | None
    doc_fr: str
    doc_en: str
    scope: str = "app"


_TABLE = (
    Setting(
        "TRAME_HOME",
        "path",
        None,
        "dossier du coffre (défaut : dossier de données de la plateforme, ~/.local/share/Trame)",
        "vault folder (default: the platform data folder)",
    ),
    Setting(
        "TRAME_CONFIG_HOME",
        "path",
        None,
        "dossier de configuration (copie de la dernière tête du journal, état du délai ; "
        "défaut : celui de la plateforme, ~/.config/Trame)",
        "config folder (last audit head copy, delay state; default: the platform's)",
    ),
    Setting(
        "TRAME_CACHE",
        "path",
        None,
        "plus lue : la police du tampon est livrée avec l'application (un test vérifie qu'un "
        "cache hostile est ignoré)",
        "no longer read: the stamp font ships with the application (a test checks a hostile "
        "cache is ignored)",
        "dev",
    ),
    Setting(
        "TRAME_LOG_FILE",
        "path",
        None,
        "fichier journal (identifiants et événements seulement) ; aucun fichier si absent",
        "log file (ids and events only); no file when unset",
    ),
    Setting(
        "TRAME_KDF_SECONDS",
        "float",
        None,
        "durée visée d'Argon2id en secondes (essais et tests ; défaut : réglage du coffre)",
        "target Argon2id time in seconds (tests, trials; default: the vault's parameters)",
    ),
    Setting(
        "TRAME_USER",
        "text",
        None,
        "identifiant qui ouvre le coffre en ligne de commande (défaut : l'administrateur)",
        "login opening the vault on the command line (default: the administrator)",
    ),
    Setting(
        "TRAME_PASSWORD",
        "secret",
        None,
        "mot de passe du coffre en ligne de commande (sinon --password-file ou saisie)",
        "vault password for the command line (else --password-file or a prompt)",
    ),
    Setting(
        "TRAME_NEW_PASSWORD",
        "secret",
        None,
        "mot de passe d'un nouveau compte ou nouveau mot de passe (`trame users`)",
        "password of a new account, or a new password (`trame users`)",
    ),
    Setting(
        "TRAME_RECOVERY_KEY",
        "secret",
        None,
        "clé de secours (`trame vault recover`)",
        "recovery key (`trame vault recover`)",
    ),
    Setting(
        "TRAME_ENROLMENT_CODE",
        "secret",
        None,
        "code d'inscription du premier médecin (`trame users enrol-doctor`)",
        "enrolment code of the first médecin (`trame users enrol-doctor`)",
    ),
    Setting(
        "TRAME_P12_PASSWORD",
        "secret",
        None,
        "mot de passe du fichier PKCS#12 importé (`trame cert`)",
        "password of the imported PKCS#12 file (`trame cert`)",
    ),
    Setting(
        "TRAME_BENCH_EXIT_ON_SHOWN",
        "bool",
        "0",
        "banc d'essai : affiche l'heure du premier affichage de la fenêtre puis quitte",
        "bench: print the unlock window's first paint time, then quit",
    ),
    Setting(
        "TRAME_BENCH_DIR",
        "path",
        None,
        "banc d'essai : dossier de travail (défaut : dossier temporaire)",
        "bench: work folder (default: the temporary folder)",
        "dev",
    ),
    Setting(
        "TRAME_TORTURE",
        "bool",
        "0",
        "tests : version longue des tests de fiabilité et de propriétés (`make torture`)",
        "tests: long run of the reliability and property tests (`make torture`)",
        "dev",
    ),
    Setting(
        "TRAME_TORTURE_RUNS",
        "int",
        "5",
        "tests : nombre d'interruptions de l'export atomique",
        "tests: number of interrupted atomic exports",
        "dev",
    ),
    Setting(
        "TRAME_CRASH_CYCLES",
        "int",
        "20",
        "tests : nombre de cycles d'arrêt brutal du coffre",
        "tests: number of kill cycles of the vault crash test",
        "dev",
    ),
    Setting(
        "TRAME_SCRUB_REEXEC",
        "text",
        None,
        "posé par `trame` dans le processus qu'il relance avec l'allocateur qui efface la "
        "mémoire libérée (Linux) : jamais de seconde relance",
        "set by `trame` in the process it re-executes with the scrubbing allocator (Linux): "
        "never a second re-execution",
        "app",
    ),
    Setting(
        "TRAME_TEST_PASSWORD",
        "secret",
        None,
        "tests : mot de passe passé au processus enfant de l'export atomique",
        "tests: password given to the atomic export's child process",
        "dev",
    ),
    Setting(
        "TRAME_DIST",
        "bool",
        "0",
        "tests : teste le paquet construit (`make dist`)",
        "tests: test the built bundle (`make dist`)",
        "dev",
    ),
    Setting(
        "TRAME_DIST_ARCHIVE",
        "path",
        None,
        "tests : archive du paquet à tester (défaut : la plus récente de dist/)",
        "tests: bundle archive to test (default: the newest in dist/)",
        "dev",
    ),
)

SETTINGS: dict[str, Setting] = {s.name: s for s in _TABLE}
_TRUE = {"1", "true", "yes", "on", "oui", "vrai"}
_FALSE = {"0", "false", "no", "off", "non", "faux", ""}


def raw(name: str) -> str | None:
    """The variable as typed (None when unset; "" kept). Secrets are read this way.

    :raises KeyError: `name` is not declared in SETTINGS (a programming error).
    """
    SETTINGS[name]
    return os.environ.get(name)


def get(name: str) -> Path | float | int | bool | str | None:
    """The variable's typed value; its default when unset or empty.

    Shapes: "path" -> Path (~ expanded), "float" -> float, "int" -> int, "bool" -> bool,
    "text"/"secret" -> str; None when unset and without default.

    :raises KeyError: `name` is not declared in SETTINGS.
    :raises InvalidInput: the value cannot be read as the declared type (French message).
    """
    setting = SETTINGS[name]
    value = os.environ.get(name) or setting.default
    if value is None:
        return None
    try:
        return _parse(setting.kind, value)
    except ValueError:
        raise InvalidInput(
            f"Variable d'environnement {name} invalide : « {value} » ({_EXPECTED[setting.kind]})."
        ) from None


_EXPECTED = {
    "float": "un nombre positif est attendu, par exemple 0.5",
    "int": "un nombre entier est attendu",
    "bool": "1 ou 0 est attendu",
    "path": "un chemin est attendu",
    "text": "un texte est attendu",
    "secret": "un texte est attendu",
}


def _parse(kind: str, value: str) -> Path | float | int | bool | str:
    if kind == "path":
        return Path(value).expanduser()
    if kind == "float":
        number = float(value.replace(",", "."))
        if not number > 0 or number == float("inf"):
            raise ValueError(value)
        return number
    if kind == "int":
        return int(value)
    if kind == "bool":
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(value)
    return value


def table() -> list[Setting]:
    """The declared variables, in the order of the table (README, `trame --help` material)."""
    return list(_TABLE)
