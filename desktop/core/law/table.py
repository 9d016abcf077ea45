"""The law table (desktop/templates/law*.yaml): articles, penalties, legal mentions.

Keys are stable across renumbering: `cpp.706-50` stays the key when the article becomes
L. 1451-1 on 1 January 2029; the new number is a dated `versions:` item of the entry, and
`LawTable.article(key, on=date)` gives the number in force on that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.formspec.loader import FormSpecError, LDict, Problem, parse_yaml

__all__ = [
    "Article",
    "CODES",
    "LawTable",
    "LawTableError",
    "Mention",
    "Penalty",
    "default_law_keys",
    "default_law_table",
    "load_law_table",
]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

CODES = {
    "cpp": "code de procédure pénale",
    "cp": "code pénal",
    "csp": "code de la santé publique",
    "casf": "code de l'action sociale et des familles",
    "cc": "code civil",
    "loi": "",
    "texte": "",
}
_KEY = re.compile(r"^[a-z0-9][a-z0-9._\-]{0,80}$")
_CONFIDENCE = ("V", "P", "M", "NF")


class LawTableError(FormSpecError):
    """The law table was refused (same shape as FormSpecError: problems with file:line)."""


@dataclass(frozen=True)
class Penalty:
    when: str
    nature: str  # 'délit' | 'crime' | 'contravention'
    prison_years: int | None = None
    reclusion_years: int | None = None
    fine_eur: int | None = None
    source: str = ""
    confidence: str = ""

    def describe(self) -> str:
        """« 10 ans d'emprisonnement et 1 500 000 € d'amende »."""
        parts = []
        if self.reclusion_years:
            parts.append(f"{self.reclusion_years} ans de réclusion criminelle")
        if self.prison_years:
            parts.append(f"{self.prison_years} ans d'emprisonnement")
        if self.fine_eur:
            amount = f"{self.fine_eur:,}".replace(",", "\u00a0")
            parts.append(f"{amount}\u00a0€ d'amende")
        return " et ".join(parts)


@dataclass(frozen=True)
class Article:
    key: str
    code: str
    article: str
    title: str
    text: str = ""
    paragraph: str = ""
    text_ref: str = ""
    source: str = ""
    confidence: str = ""
    effective_from: date | None = None
    effective_until: date | None = None
    penalties: tuple[Penalty, ...] = ()
    notes: str = ""
    versions: tuple[Article, ...] = ()  # later numberings, each with effective_from

    @property
    def code_name(self) -> str:
        return CODES.get(self.code, "")

    def citation(self) -> str:
        """« article 706-50 du code de procédure pénale », « article 13 de la loi n° … »."""
        num = f"article {self.article}"
        if self.paragraph:
            num += f", {self.paragraph}"
        if self.code == "texte":
            return self.article
        if self.code_name:
            return f"{num} du {self.code_name}"
        return f"{num} de la {self.text_ref}" if self.text_ref else num

    def in_force(self, on: date) -> Article:
        """The version of this entry in force on `on` (the last one starting on or before)."""
        current = self
        for v in self.versions:
            if v.effective_from and v.effective_from <= on:
                current = v
        return current


@dataclass(frozen=True)
class Mention:
    key: str
    title: str
    text: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class LawTable:
    version: str
    entries: dict
    mentions: dict
    sources: dict
    files: tuple[str, ...] = ()

    def keys(self) -> frozenset[str]:
        return frozenset(self.entries) | frozenset(self.mentions)

    def __contains__(self, key: str) -> bool:
        return key in self.entries or key in self.mentions

    def article(self, key: str, on: date | None = None) -> Article:
        """The entry `key` as in force on `on` (today by default). KeyError if unknown."""
        entry = self.entries[key]
        return entry.in_force(on or date.today())

    def cite(self, key: str, on: date | None = None) -> str:
        return self.article(key, on).citation()

    def mention(self, key: str) -> Mention:
        return self.mentions[key]

    def source_text(self, source: str) -> str:
        """The full reference for a source id (« rapport-2026 ») or the URL itself."""
        return self.sources.get(source, source)


# ---- loading -------------------------------------------------------------------------------

_ENTRY_KEYS = {
    "code",
    "article",
    "paragraph",
    "title",
    "text",
    "text_ref",
    "source",
    "confidence",
    "effective_from",
    "effective_until",
    "penalties",
    "notes",
    "versions",
}
_VERSION_KEYS = {"from", "until", "article", "paragraph", "title", "text", "source", "code"}
_PENALTY_KEYS = {
    "when",
    "nature",
    "prison_years",
    "reclusion_years",
    "fine_eur",
    "source",
    "confidence",
}
_MENTION_KEYS = {"title", "text", "articles"}


class _LawChecker:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def err(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, line, message, hint))

    def mapping(self, m: Any, allowed: set, what: str, line: int) -> bool:
        if not isinstance(m, LDict):
            self.err(line, f"{what} doit être un dictionnaire")
            return False
        for key in m:
            if key not in allowed:
                self.err(
                    m.key_line(key),
                    f"clé inconnue « {key} » dans {what}",
                    "clés admises : " + ", ".join(sorted(allowed)),
                )
        return True

    def text(self, m: LDict, key: str, required: bool = False) -> str:
        value = m.get(key)
        if value is None:
            if required:
                self.err(m.line, f"clé obligatoire « {key} » absente")
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.err(m.value_line(key), f"« {key} » doit être un texte")
            return ""
        return value

    def day(self, m: LDict, key: str) -> date | None:
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.err(m.value_line(key), f"« {key} » doit être une date AAAA-MM-JJ")
            return None

    def number(self, m: LDict, key: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.err(m.value_line(key), f"« {key} » doit être un nombre entier positif")
            return None
        return value

    def penalty(self, m: Any, line: int) -> Penalty | None:
        if not self.mapping(m, _PENALTY_KEYS, "une peine", line):
            return None
        nature = self.text(m, "nature", required=True)
        if nature and nature not in ("délit", "crime", "contravention"):
            self.err(
                m.value_line("nature"),
                f"nature « {nature} » inconnue",
                "délit, crime ou contravention",
            )
        conf = self.text(m, "confidence")
        if conf and conf not in _CONFIDENCE:
            self.err(m.value_line("confidence"), f"confiance « {conf} » inconnue", "V, P, M ou NF")
        return Penalty(
            when=self.text(m, "when", required=True),
            nature=nature,
            prison_years=self.number(m, "prison_years"),
            reclusion_years=self.number(m, "reclusion_years"),
            fine_eur=self.number(m, "fine_eur"),
            source=self.text(m, "source"),
            confidence=conf,
        )

    def entry(self, key: str, m: Any, line: int) -> Article | None:
        if not _KEY.match(key):
            self.err(line, f"clé « {key} » mal formée", "minuscules, chiffres, point et tiret")
        if not self.mapping(m, _ENTRY_KEYS, f"l'entrée « {key} »", line):
            return None
        code = self.text(m, "code", required=True)
        if code and code not in CODES:
            self.err(
                m.value_line("code"), f"code « {code} » inconnu", "codes : " + ", ".join(CODES)
            )
        conf = self.text(m, "confidence")
        if conf and conf not in _CONFIDENCE:
            self.err(m.value_line("confidence"), f"confiance « {conf} » inconnue", "V, P, M ou NF")
        penalties = []
        raw_p = m.get("penalties", [])
        if not isinstance(raw_p, list):
            self.err(m.value_line("penalties"), "« penalties » doit être une liste")
            raw_p = []
        for i, p in enumerate(raw_p):
            pen = self.penalty(p, raw_p.lines[i])
            if pen:
                penalties.append(pen)
        base = Article(
            key=key,
            code=code,
            article=self.text(m, "article", required=True),
            title=self.text(m, "title", required=True),
            text=self.text(m, "text"),
            paragraph=self.text(m, "paragraph"),
            text_ref=self.text(m, "text_ref"),
            source=self.text(m, "source"),
            confidence=conf,
            effective_from=self.day(m, "effective_from"),
            effective_until=self.day(m, "effective_until"),
            penalties=tuple(penalties),
            notes=self.text(m, "notes"),
        )
        versions = []
        raw_v = m.get("versions", [])
        if not isinstance(raw_v, list):
            self.err(m.value_line("versions"), "« versions » doit être une liste")
            raw_v = []
        last = None
        for i, v in enumerate(raw_v):
            if not self.mapping(v, _VERSION_KEYS, "une version", raw_v.lines[i]):
                continue
            start = self.day(v, "from")
            if start is None:
                self.err(v.line, "une version doit dire à partir de quand elle s'applique (from:)")
                continue
            if last and start <= last:
                self.err(v.line, "les versions doivent être dans l'ordre chronologique")
            last = start
            changes = {
                k: self.text(v, k)
                for k in ("article", "paragraph", "title", "text", "source", "code")
                if k in v
            }
            versions.append(
                replace(base, effective_from=start, effective_until=self.day(v, "until"), **changes)
            )
        return replace(base, versions=tuple(versions))

    def table(self, data: Any) -> LawTable | None:
        if not self.mapping(
            data,
            {"id", "version", "sources", "entries", "mentions"},
            "la table juridique",
            getattr(data, "line", 1),
        ):
            return None
        entries: dict[str, Article] = {}
        raw = data.get("entries", LDict())
        if not isinstance(raw, LDict):
            self.err(data.value_line("entries"), "« entries » doit être un dictionnaire")
            raw = LDict()
            raw.lines = {}
        for key, value in raw.items():
            art = self.entry(key, value, raw.key_line(key))
            if art:
                entries[key] = art
        mentions: dict[str, Mention] = {}
        raw_m = data.get("mentions", LDict())
        if isinstance(raw_m, LDict):
            for key, value in raw_m.items():
                line = raw_m.key_line(key)
                if not self.mapping(value, _MENTION_KEYS, f"la mention « {key} »", line):
                    continue
                arts = value.get("articles", [])
                arts = arts if isinstance(arts, list) else []
                for a in arts:
                    if a not in entries:
                        self.err(
                            value.value_line("articles"),
                            f"la mention « {key} » renvoie à « {a} », absent de la table",
                        )
                mentions[key] = Mention(
                    key,
                    self.text(value, "title", True),
                    self.text(value, "text", True),
                    tuple(arts),
                )
        sources = data.get("sources", {})
        sources = {str(k): str(v) for k, v in sources.items()} if isinstance(sources, dict) else {}
        return LawTable(str(data.get("version", "")), entries, mentions, sources, (self.file,))


def _merge(tables: list[LawTable], problems: list[Problem]) -> LawTable:
    entries: dict = {}
    mentions: dict = {}
    sources: dict = {}
    for t in tables:
        for key in t.entries:
            if key in entries:
                problems.append(Problem(t.files[0], 1, f"clé « {key} » définie dans deux fichiers"))
        entries.update(t.entries)
        mentions.update(t.mentions)
        sources.update(t.sources)
    version = "+".join(t.version for t in tables)
    files = tuple(f for t in tables for f in t.files)
    return LawTable(version, entries, mentions, sources, files)


def load_law_table(paths: list[Path] | None = None) -> LawTable:
    """Load desktop/templates/law.yaml (and any other law*.yaml beside it, merged)."""
    if paths is None:
        paths = sorted(p for p in TEMPLATES.glob("law*.yaml") if "qualification" not in p.name)
    tables, problems = [], []
    for path in paths:
        checker = _LawChecker(str(path))
        try:
            data = parse_yaml(Path(path).read_text(encoding="utf-8"), str(path))
        except FormSpecError as exc:
            problems.extend(exc.problems)
            continue
        table = checker.table(data)
        problems.extend(checker.problems)
        if table:
            tables.append(table)
    merged = _merge(tables, problems)
    if problems:
        raise LawTableError(problems)
    return merged


@lru_cache(maxsize=1)
def default_law_table() -> LawTable:
    return load_law_table()


def default_law_keys() -> frozenset[str]:
    return default_law_table().keys()
