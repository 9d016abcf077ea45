"""Definition files in YAML, read strictly: the leaf shared by the form engine
(desktop.core.formspec) and the law table (desktop.core.law), so neither imports the other
for it.

    data = parse_yaml(text, "law.yaml", LawTableError)   # LDict / LList with line numbers
    data.key_line("articles"); data.value_line("articles")
    text = read_spec_text(path, FormSpecError)           # UTF-8, 2 MB at most

Every refusal is a SpecError (or the subclass given) listing Problem(file, line, message,
hint) in French.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop.core.errors import TrameError

__all__ = ["LDict", "LList", "Problem", "SpecError", "close_match", "parse_yaml", "read_spec_text"]

MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {self.message}{hint}"


class SpecError(TrameError):
    """A definition file was refused. `.problems` lists every problem found (file, line, fix)."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        first = self.problems[0]
        self.file = first.file
        self.line = first.line
        self.hint = first.hint
        super().__init__("\n".join(str(p) for p in self.problems))


# ---- YAML with line numbers ----------------------------------------------------------------


class LDict(dict):
    """A mapping from YAML that remembers the line of each key and value."""

    line: int = 0
    lines: dict

    def key_line(self, key: str) -> int:
        return self.lines.get(key, (self.line, self.line))[0]

    def value_line(self, key: str) -> int:
        return self.lines.get(key, (self.line, self.line))[1]


class LList(list):
    line: int = 0
    lines: list


class _DupKey(Exception):
    def __init__(self, key: str, line: int, first: int):
        self.key, self.line, self.first = key, line, first


# libyaml's parser when present (5x faster); same safe constructors, same line marks
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for k_node, v_node in node.value:
        key = loader.construct_object(k_node, deep=True)
        if not isinstance(key, str):
            key = str(key)  # reported later as an unknown key, with its line
        kline = k_node.start_mark.line + 1
        if key in out:
            raise _DupKey(key, kline, out.lines[key][0])
        out[key] = loader.construct_object(v_node, deep=True)
        out.lines[key] = (kline, v_node.start_mark.line + 1)
    return out


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [n.start_mark.line + 1 for n in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:omap", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


# Aliases (&a / *a) share one node, so a 3 KB file can stand for a billion fields that the
# checks below would walk one by one: the tree as the checker sees it is bounded instead.
_MAX_NODES = 200_000


def _expanded_size(root: yaml.Node) -> int:
    """Node count with every alias expanded (iterative: libyaml nests deeper than Python)."""
    sizes: dict[int, int] = {}

    def children(node):
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(k)] for k in children(node))
            if sizes[id(node)] > _MAX_NODES:
                return sizes[id(node)]
        elif id(node) not in sizes:
            sizes[id(node)] = 0  # in progress; a recursive alias is refused when constructed
            stack.append((node, True))
            stack.extend((k, False) for k in children(node))
    return sizes[id(root)]


class _TooBig(Exception):
    pass


def _load(text: str) -> Any:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node) > _MAX_NODES:
            raise _TooBig()
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str, error: type[SpecError] = SpecError) -> Any:
    """YAML -> LDict/LList tree; `error` (a SpecError class) for syntax errors, duplicate keys
    and alias bombs."""
    try:
        return _load(text)
    except _DupKey as exc:
        raise error(
            [
                Problem(
                    file,
                    exc.line,
                    f"clé « {exc.key} » en double (déjà ligne {exc.first})",
                    "supprimez ou renommez l'une des deux",
                )
            ]
        ) from None
    except _TooBig:
        raise error(
            [
                Problem(
                    file,
                    1,
                    "définition trop grande : plus de 200\u00a0000 éléments une fois les alias "
                    "YAML (&, *) développés",
                    "recopiez les parties communes au lieu de les démultiplier par des alias",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(
            [
                Problem(
                    file,
                    line,
                    f"YAML illisible : {what}",
                    "vérifiez l'indentation (espaces, pas de tabulation) et les deux-points ; "
                    "mettez entre guillemets un texte qui contient « : » ou « # »",
                )
            ]
        ) from None


def close_match(word: str, choices) -> str:
    """« vouliez-vous dire « x » ? » for the closest of `choices`, or ""."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {found[0]} » ?" if found else ""


def read_spec_text(path: str | Path, error: type[SpecError] = SpecError) -> str:
    """The text of a definition file. :raises error: unreadable, over 2 MB, not UTF-8."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error([Problem(str(path), 0, f"fichier illisible ({exc.strerror})")]) from None
    if len(raw) > MAX_BYTES:
        raise error([Problem(str(path), 1, "fichier trop gros pour une définition (2 Mo au plus)")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            [Problem(str(path), line, "le fichier n'est pas en UTF-8", "enregistrez-le en UTF-8")]
        ) from None
