"""Password and login rules for vault accounts, and generated French passphrases.

Strength is an estimate of the guesses an attacker needs (zxcvbn, with French words added:
desktop/core/vault/data/mots_fr.txt), not a length rule; words chained with separators are
priced as a combination attack tries them (`sequence_guesses_log10`), not as brute force.
The threshold and its reasoning: a copied key-slot file is attacked offline, one Argon2id derivation per guess (tuned to
~0.5 s and 64 MiB on the machine that created the vault: about 100 guesses a minute per
core, measured by bench/). An attacker with 1,000 such cores tries ~1.4e8 guesses a day,
~5e10 a year. MIN_GUESSES = 1e11 makes the expected time (half the space) about a year for
that attacker, and decades for one computer. The online delay (Throttle) does not count:
it only slows attempts made through the application.
"""

from __future__ import annotations

import math
import re
import secrets
import string
import unicodedata
from functools import cache
from pathlib import Path

from desktop.core.errors import InvalidInput, WeakPassword

MIN_PASSWORD = 12
MIN_GUESSES_LOG10 = 11
PASSPHRASE_WORDS = 6
MAX_SCORED = 72  # zxcvbn refuses longer inputs
# what people put between words: punctuation and spaces (tried by any combination attack)
SEPARATORS = re.compile(r"[\s" + re.escape(string.punctuation) + r"]+")
SEPARATOR_CHOICES = len(string.punctuation) + 1  # 32 signs and the space
_WORDS_FILE = Path(__file__).with_name("data") / "mots_fr.txt"
_MARKER = "# --- estimateur seulement"

PASSWORD_RULE = (
    f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères et ne pas se deviner : "
    "il protège des déclarations de mineurs et des données médicales sur un ordinateur qui "
    "peut être perdu. Une phrase de plusieurs mots sans lien entre eux est plus facile à "
    "retenir et plus sûre (« trame passphrase » en propose une)."
)


@cache
def _word_lists() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words for generated passphrases, every word known to the estimator)."""
    generation: list[str] = []
    extra: list[str] = []
    target = generation
    for line in _WORDS_FILE.read_text("utf-8").splitlines():
        if line.startswith(_MARKER):
            target = extra
            continue
        if line.startswith("#"):
            continue
        target.extend(w for w in line.split() if w)
    generation = list(dict.fromkeys(generation))
    return tuple(generation), tuple(dict.fromkeys([*extra, *generation]))


@cache
def _estimator():
    from zxcvbn import matching, zxcvbn

    matching.add_frequency_lists({"francais": list(_word_lists()[1])})
    return zxcvbn


def guesses_log10(password: str, user_inputs: tuple[str, ...] = ()) -> float:
    """log10 of the guesses needed for `password`: the lower of zxcvbn's estimate (with French
    words) and of the word-sequence estimate (`sequence_guesses_log10`). Only the first
    MAX_SCORED characters are scored (zxcvbn's limit): a prefix is never harder to guess
    than the whole, so the estimate stays on the safe side."""
    password = password[:MAX_SCORED]
    whole = float(_estimator()(password, user_inputs=list(user_inputs))["guesses_log10"])
    return min(whole, sequence_guesses_log10(password, user_inputs))


def _unaccented(text: str) -> str:
    """« enquêteur » -> « enqueteur »: dictionaries list words both ways, ours without."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sequence_guesses_log10(password: str, user_inputs: tuple[str, ...] = ()) -> float:
    """log10 of the guesses of an attacker who chains dictionary words, names, dates and
    numbers with a separator ("brigade-des-mineurs-75"): the product of the guesses of each
    part (zxcvbn's parse of the password without its separators nor accents, the French
    words and `user_inputs` included) times SEPARATOR_CHOICES per character of each
    distinct separator.

    zxcvbn alone prices each separator between words as brute force (10 guesses a character)
    and adds 10⁴ per extra part, so that four common words with hyphens pass for 10¹³
    guesses; combination attacks (hashcat's combinator and rules) try them in about 10⁸.
    A part said again (« Soleil2026!soleil ») costs the choice of which earlier part to
    repeat and its case, not a new word (tests/adversary/test_adv_lock_password.py).
    A password of signs only has no word to chain: infinity (zxcvbn's estimate stands)."""
    from zxcvbn import matching, scoring

    stripped = _unaccented(SEPARATORS.sub("", password))
    if not stripped:  # signs only: no word to chain, zxcvbn's own estimate stands
        return math.inf
    _estimator()  # the French words are loaded
    dictionaries = matching.RANKED_DICTIONARIES
    known = [_unaccented(u.lower()) for u in user_inputs]
    dictionaries["user_inputs"] = matching.build_ranked_dict(known)
    matches = matching.omnimatch(stripped, dictionaries)
    parse = scoring.most_guessable_match_sequence(stripped, matches, _exclude_additive=True)
    total = 0.0
    seen: list[str] = []
    for m in parse["sequence"]:
        token = m["token"].lower()
        if len(token) >= 3 and token in seen:
            # a part said again ("Soleil2026!soleil"): the attacker's duplicate rule picks
            # which earlier part to repeat, and its case (x2), not a new word
            total += math.log10(2 * len(seen))
        else:
            total += math.log10(float(m["guesses"]))
        seen.append(token)
    for run in set(SEPARATORS.findall(password)):
        total += len(run) * math.log10(SEPARATOR_CHOICES)
    return total


def _context(user_inputs: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs and their parts (a login "prenom.nom" gives "prenom" and "nom"): an attacker
    holding a copied key-slot file knows the logins (shown in the audit) and tries them first."""
    out: list[str] = []
    for value in user_inputs:
        value = (value or "").strip().lower()
        if value:
            out.append(value)
            out.extend(p for p in re.split(r"[^0-9a-zà-ÿ]+", value) if len(p) >= 3)
    return tuple(dict.fromkeys(out))


def check_password_policy(password: str, user_inputs: tuple[str, ...] = ()) -> None:
    """Raise WeakPassword (French, says why) unless the password resists an offline attack
    on a copied key-slot file for about a year (see the module docstring). `user_inputs`:
    the account's login (and any word of its context), counted as known to the attacker."""
    if password is None or len(password.strip()) == 0:
        raise WeakPassword("Le mot de passe est vide. " + PASSWORD_RULE)
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(
            f"Mot de passe trop court ({len(password)} caractères). " + PASSWORD_RULE
        )
    if guesses_log10(password, _context(user_inputs)) < MIN_GUESSES_LOG10:
        raise WeakPassword(
            "Mot de passe trop facile à deviner (identifiant, mots courants ou du service, "
            "même séparés par des espaces ou des tirets, suites de touches, répétitions ou "
            "dates) : sur une copie du coffre, il tomberait en moins d'un an. " + PASSWORD_RULE
        )


def generate_passphrase(words: int = PASSPHRASE_WORDS) -> str:
    """`words` different French words drawn at random (secrets), joined by "-": about 9 bits
    a word (6 words among 556: 54.7 bits, far above MIN_GUESSES). Different words: a word
    repeated next to itself is the one weakness the estimate finds in random phrases (it
    costs 0.04 bit). Measured: of 5,000 draws, none refused, the lowest estimate 10^12.5
    (tests/core/vault/test_password_strength.py draws more each run). No estimate here:
    loading zxcvbn takes ~0.25 s and the first-run screen calls this on the UI thread."""
    pool = _word_lists()[0]
    return "-".join(secrets.SystemRandom().sample(pool, words))


def check_login(login: str) -> str:
    login = (login or "").strip()
    if not login or len(login) > 64 or login.startswith("#") or any(c in login for c in "\t\n\r"):
        raise InvalidInput(
            "Identifiant invalide : 1 à 64 caractères, sans tabulation ni « # » au début."
        )
    return login
