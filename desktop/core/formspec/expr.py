"""A small, safe expression language for conditions and computed values.

Own tokenizer and recursive-descent parser; evaluation walks the tree (no `eval`).

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | cmp
    cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not in') sum)?
    sum     := unary (('+'|'-') unary)*
    unary   := '-' unary | primary
    primary := NUMBER | STRING | true | false | null | '[' [expr (',' expr)*] ']'
             | NAME '(' [expr (',' expr)*] ')' | NAME | '(' expr ')'

Names are field ids. Missing or hidden fields evaluate to `null`, which means « unknown »:
`<`, `<=`, `>`, `>=` with a `null` side give `null`, and `and` / `or` / `not` follow
three-valued logic (`null and false` is false, `null or true` is true, otherwise `null`).
A condition holds only when its value is truthy, so an unknown condition is not met, and a
computed value such as « under 15 at the facts » stays unknown until the dates are known.
`==` and `!=` compare plainly (`x == null` tests for absence). The language never raises
while evaluating: comparing unrelated types is false, arithmetic on non-numbers gives
`null`, and functions given bad input return `null`.

Functions: age_at(birth, when) -> whole years; hours_between(start, end) -> hours (float);
days_between(start, end) -> days; today() -> 'YYYY-MM-DD'; now() -> 'YYYY-MM-DDTHH:MM';
answered(x) -> x is not empty; count(list) -> its length; in_words(n) -> « douze »; any_row(group, 'sub', value) and
count_rows(group, 'sub', value) over the rows of a repeat group (a row matches when its
`sub` equals `value`, or contains it when `sub` is a list; a list `value` matches any
of its items).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["Expr", "ExprSyntaxError", "FUNCTIONS", "parse_expr", "truthy"]


class ExprSyntaxError(ValueError):
    """A syntax error in an expression; `column` is 1-based within the expression text."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\(|\)|\[|\]|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)

_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # num | str | op | name | kw | end
    text: str
    col: int


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m:
            raise ExprSyntaxError(f"caractère inattendu « {src[pos]} »", pos + 1)
        kind = m.lastgroup or ""
        text = m.group()
        if kind != "ws":
            if kind == "name" and text in _KEYWORDS:
                kind = "kw"
            toks.append(_Tok(kind, text, pos + 1))
        pos = m.end()
    toks.append(_Tok("end", "", len(src) + 1))
    return toks


# ---- AST -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    value: Any


@dataclass(frozen=True)
class Name:
    name: str
    col: int


@dataclass(frozen=True)
class ListLit:
    items: tuple


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple
    col: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Any


@dataclass(frozen=True)
class Binary:
    op: str
    left: Any
    right: Any


# ---- parser --------------------------------------------------------------------------------


class _Parser:
    def __init__(self, src: str):
        self.toks = _tokenize(src)
        self.i = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def accept(self, text: str) -> bool:
        tok = self.peek()
        if tok.kind in ("op", "kw") and tok.text == text:
            self.i += 1
            return True
        return False

    def expect(self, text: str) -> None:
        tok = self.peek()
        if not self.accept(text):
            found = tok.text or "la fin de l'expression"
            raise ExprSyntaxError(f"« {text} » attendu, trouvé « {found} »", tok.col)

    def parse(self):
        node = self.or_()
        tok = self.peek()
        if tok.kind != "end":
            raise ExprSyntaxError(f"élément en trop : « {tok.text} »", tok.col)
        return node

    def or_(self):
        node = self.and_()
        while self.accept("or"):
            node = Binary("or", node, self.and_())
        return node

    def and_(self):
        node = self.not_()
        while self.accept("and"):
            node = Binary("and", node, self.not_())
        return node

    def not_(self):
        if self.accept("not"):
            return Unary("not", self.not_())
        return self.cmp()

    def cmp(self):
        node = self.sum()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Binary(tok.text, node, self.sum())
        if tok.kind == "kw" and tok.text == "in":
            self.take()
            return Binary("in", node, self.sum())
        if tok.kind == "kw" and tok.text == "not" and self.toks[self.i + 1].text == "in":
            self.take()
            self.take()
            return Binary("not in", node, self.sum())
        return node

    def sum(self):
        node = self.unary()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in ("+", "-"):
                self.take()
                node = Binary(tok.text, node, self.unary())
            else:
                return node

    def unary(self):
        if self.accept("-"):
            return Unary("-", self.unary())
        return self.primary()

    def primary(self):
        tok = self.take()
        if tok.kind == "num":
            return Lit(float(tok.text) if "." in tok.text else int(tok.text))
        if tok.kind == "str":
            body = tok.text[1:-1]
            return Lit(re.sub(r"\\(.)", r"\1", body))
        if tok.kind == "kw" and tok.text in ("true", "false", "null"):
            return Lit({"true": True, "false": False, "null": None}[tok.text])
        if tok.kind == "op" and tok.text == "(":
            node = self.or_()
            self.expect(")")
            return node
        if tok.kind == "op" and tok.text == "[":
            items = []
            if not self.accept("]"):
                items.append(self.or_())
                while self.accept(","):
                    items.append(self.or_())
                self.expect("]")
            return ListLit(tuple(items))
        if tok.kind == "name":
            if self.accept("("):
                args = []
                if not self.accept(")"):
                    args.append(self.or_())
                    while self.accept(","):
                        args.append(self.or_())
                    self.expect(")")
                return Call(tok.text, tuple(args), tok.col)
            return Name(tok.text, tok.col)
        found = tok.text or "la fin de l'expression"
        raise ExprSyntaxError(f"valeur attendue, trouvé « {found} »", tok.col)


# ---- values and functions ------------------------------------------------------------------


def truthy(value: Any) -> bool:
    return value not in (None, "", False, 0) and value != [] and value != {}


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return datetime.fromisoformat(value + "T00:00")
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _age_at(birth: Any, when: Any) -> int | None:
    b, w = _as_datetime(birth), _as_datetime(when)
    if b is None or w is None:
        return None
    years = w.year - b.year - ((w.month, w.day) < (b.month, b.day))
    return years if years >= 0 else None


def _hours_between(start: Any, end: Any) -> float | None:
    s, e = _as_datetime(start), _as_datetime(end)
    if s is None or e is None:
        return None
    if (s.tzinfo is None) != (e.tzinfo is None):
        s, e = s.replace(tzinfo=None), e.replace(tzinfo=None)
    if s.tzinfo is None:
        # typed wall times of the service: count real hours, not wall-clock hours, across a
        # daylight-saving change (the medical alerts do the same, medical.clock.between)
        from desktop.core.servicetime import service_zone

        zone = service_zone()
        s, e = s.replace(tzinfo=zone), e.replace(tzinfo=zone)
    return round((e.astimezone(UTC) - s.astimezone(UTC)).total_seconds() / 3600, 2)


def _days_between(start: Any, end: Any) -> int | None:
    s, e = _as_datetime(start), _as_datetime(end)
    if s is None or e is None:
        return None
    return (e.date() - s.date()).days


def _in_words(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**9:
        return None
    from num2words import num2words

    return num2words(value, lang="fr")


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _rows_matching(group: Any, sub: Any, value: Any) -> int:
    if not isinstance(group, list) or not isinstance(sub, str):
        return 0
    n = 0
    for row in group:
        if not isinstance(row, dict):
            continue
        got = row.get(sub)
        wanted = value if isinstance(value, list) else [value]
        got_list = got if isinstance(got, list) else [got]
        if any(w in got_list for w in wanted):
            n += 1
    return n


#: functions a higher layer defines (the medical delays of catalog.yaml, one definition for
#: the UMJ form and the live alerts): declared below with their arity so that a form can be
#: checked, implemented by `provide` (desktop.core.records wires desktop.core.medical.delays)
_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(name: str, impl: Callable[..., Any]) -> None:
    """Implement the declared expression function `name` (KeyError if not declared)."""
    if name not in _DEFERRED:
        raise KeyError(name)
    _PROVIDED[name] = impl


def _deferred(name: str) -> Callable[..., Any]:
    def call(*args):
        impl = _PROVIDED.get(name)
        if impl is None:  # a programming error: the composition root did not wire it
            raise RuntimeError(f"expression function {name!r} not provided (see provide())")
        try:
            return impl(*args)
        except (KeyError, TypeError):
            return None

    return call


_DEFERRED = {n: _deferred(n) for n in ("within_window", "within_ideal", "sample_delays")}


@dataclass(frozen=True)
class _Func:
    arity: int
    impl: Callable[..., Any]
    uses_clock: bool = False


FUNCTIONS: dict[str, _Func] = {
    "age_at": _Func(2, _age_at),
    "hours_between": _Func(2, _hours_between),
    "days_between": _Func(2, _days_between),
    "today": _Func(0, lambda: None, uses_clock=True),
    "now": _Func(0, lambda: None, uses_clock=True),
    "answered": _Func(1, truthy),
    "count": _Func(1, _count),
    "in_words": _Func(1, _in_words),
    "any_row": _Func(3, lambda g, s, v: _rows_matching(g, s, v) > 0),
    "count_rows": _Func(3, _rows_matching),
    "within_window": _Func(2, _DEFERRED["within_window"]),
    "within_ideal": _Func(2, _DEFERRED["within_ideal"]),
    "sample_delays": _Func(2, _DEFERRED["sample_delays"]),
}


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op in ("in", "not in"):
        if isinstance(b, list | tuple):
            found = a in b
        elif isinstance(b, str) and isinstance(a, str):
            found = a in b
        else:
            return op == "not in" and a is not None and b is None
        return found if op == "in" else not found
    if a is None or b is None:
        return None  # unknown: a condition on it is not met, a computed value stays unknown
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    numbers = isinstance(a, int | float) and isinstance(b, int | float)
    if not numbers and not (isinstance(a, str) and isinstance(b, str)):
        return False
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _logic(op: str, a: Any, b: Any) -> bool | None:
    """Three-valued and / or: null is « unknown » (as in SQL)."""
    ta = None if a is None else truthy(a)
    tb = None if b is None else truthy(b)
    if op == "and":
        if ta is False or tb is False:
            return False
        return None if ta is None or tb is None else True
    if ta is True or tb is True:
        return True
    return None if ta is None or tb is None else False


def _arith(op: str, a: Any, b: Any) -> Any:
    ok = all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b))
    if not ok:
        return None
    return a + b if op == "+" else a - b


# ---- the expression object -----------------------------------------------------------------


@dataclass(frozen=True)
class Expr:
    """A parsed expression. `refs` are the field ids it reads; `evaluate` never raises."""

    source: str
    tree: Any = field(repr=False, compare=False)
    refs: frozenset[str] = frozenset()
    calls: frozenset[str] = frozenset()

    def evaluate(self, resolve: Callable[[str], Any], now: datetime | None = None) -> Any:
        if now is None:
            from desktop.core.servicetime import wall

            now = wall()  # the service's wall time, as typed in the forms
        clock = now
        try:
            return _eval(self.tree, resolve, clock)
        except RecursionError:
            return None

    def test(self, resolve: Callable[[str], Any], now: datetime | None = None) -> bool:
        return truthy(self.evaluate(resolve, now))


def _eval(node: Any, resolve: Callable[[str], Any], clock: datetime) -> Any:
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Name):
        return resolve(node.name)
    if isinstance(node, ListLit):
        return [_eval(n, resolve, clock) for n in node.items]
    if isinstance(node, Unary):
        value = _eval(node.operand, resolve, clock)
        if node.op == "not":
            return None if value is None else not truthy(value)
        return -value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(node, Binary):
        if node.op in ("and", "or"):
            return _logic(
                node.op, _eval(node.left, resolve, clock), _eval(node.right, resolve, clock)
            )
        a = _eval(node.left, resolve, clock)
        b = _eval(node.right, resolve, clock)
        if node.op in ("+", "-"):
            return _arith(node.op, a, b)
        return _compare(node.op, a, b)
    if isinstance(node, Call):
        if node.func == "today":
            return clock.date().isoformat()
        if node.func == "now":
            return clock.replace(second=0, microsecond=0).isoformat(timespec="minutes")
        args = [_eval(a, resolve, clock) for a in node.args]
        try:
            return FUNCTIONS[node.func].impl(*args)
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def _walk(node: Any, names: set[str], calls: list[Call]) -> None:
    if isinstance(node, Name):
        names.add(node.name)
    elif isinstance(node, ListLit):
        for n in node.items:
            _walk(n, names, calls)
    elif isinstance(node, Unary):
        _walk(node.operand, names, calls)
    elif isinstance(node, Binary):
        _walk(node.left, names, calls)
        _walk(node.right, names, calls)
    elif isinstance(node, Call):
        calls.append(node)
        for n in node.args:
            _walk(n, names, calls)


def parse_expr(src: str) -> Expr:
    """Parse `src`; raises ExprSyntaxError (with a 1-based column) on bad syntax or calls."""
    if not isinstance(src, str) or not src.strip():
        raise ExprSyntaxError("expression vide", 1)
    if len(src) > 2000:
        raise ExprSyntaxError("expression trop longue (2000 caractères au plus)", 1)
    try:
        tree = _Parser(src).parse()
    except RecursionError:
        raise ExprSyntaxError("expression trop imbriquée", 1) from None
    names: set[str] = set()
    calls: list[Call] = []
    _walk(tree, names, calls)
    for call in calls:
        func = FUNCTIONS.get(call.func)
        if func is None:
            known = ", ".join(sorted(FUNCTIONS))
            raise ExprSyntaxError(
                f"fonction inconnue « {call.func} » (connues : {known})", call.col
            )
        if len(call.args) != func.arity:
            raise ExprSyntaxError(
                f"« {call.func} » attend {func.arity} argument(s), {len(call.args)} donné(s)",
                call.col,
            )
    return Expr(src, tree, frozenset(names), frozenset(c.func for c in calls))
