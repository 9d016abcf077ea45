"""Cross references of a form definition: names in conditions, `after:` targets, cycles."""

from __future__ import annotations

from desktop.core.formspec.expr import Expr
from desktop.core.formspec.model import FormSpec, Step
from desktop.core.specfile import close_match as _close


class References:
    """Mixed into the loader's checker (uses its err(), problems and the lines it noted)."""

    _after_lines: dict[int, int]
    _expr_lines: dict[int, int]
    problems: list

    def err(self, line: int, message: str, hint: str = "") -> None:  # pragma: no cover
        raise NotImplementedError

    def references(self, spec: FormSpec) -> None:
        """Names in conditions exist in scope; `after:` targets exist; no cycles."""
        top = {f.id: f for s in spec.steps for f in s.fields}
        deps: dict[str, set[str]] = {}
        lines: dict[str, int] = {}

        def scope_lookup(name: str, scopes: list[tuple[str, dict]]) -> str | None:
            for prefix, fields in scopes:
                if name in fields:
                    return prefix + name
            return None

        def check_expr(expr: Expr | None, key: str, owner: str, line: int, scopes) -> set[str]:
            found: set[str] = set()
            if expr is None:
                return found
            line = self._expr_lines.get(id(expr), line)
            for name in sorted(expr.refs):
                path = scope_lookup(name, scopes)
                if path is None:
                    names = [n for _, fields in scopes for n in fields]
                    hint = _close(name, names) or "une condition ne peut lire qu'un champ existant"
                    self.err(
                        line, f"{owner} : « {key} » lit « {name} », qui n'est pas un champ", hint
                    )
                else:
                    found.add(path)
            return found

        def walk(fields, prefix: str, scopes, step: Step, parent: str | None):
            for f in fields:
                path = prefix + f.id
                lines[path] = f.line
                owner = f"champ « {path} »"
                d = set()
                d |= check_expr(f.visible_if, "visible_if", owner, f.line, scopes)
                d |= check_expr(f.compute, "compute", owner, f.line, scopes)
                check_expr(f.required_if, "required_if", owner, f.line, scopes)
                d |= step_deps[step.id]
                if parent:
                    d.add(parent)
                deps[path] = d
                if f.constraints.after:
                    target = scope_lookup(f.constraints.after, scopes)
                    line = self._after_lines.get(id(f.constraints), f.line)
                    if target is None:
                        self.err(
                            line,
                            f"{owner} : « after » désigne « {f.constraints.after} », qui n'est pas un champ",
                            _close(f.constraints.after, [n for _, fs in scopes for n in fs]),
                        )
                    else:
                        tf = spec.field_at(target)
                        if tf.type != f.type:
                            self.err(
                                line,
                                f"{owner} : « after » compare un {f.type} à un {tf.type}",
                                "comparez deux champs du même type (date, time ou datetime)",
                            )
                if f.fields:
                    inner = {sf.id: sf for sf in f.fields}
                    walk(f.fields, path + ".", [(path + ".", inner), *scopes], step, path)

        step_deps: dict[str, set[str]] = {}
        for step in spec.steps:
            step_deps[step.id] = check_expr(
                step.visible_if, "visible_if", f"étape « {step.id} »", step.line, [("", top)]
            )
        for step in spec.steps:
            walk(step.fields, "", [("", top)], step, None)
        if self.problems:
            return
        self.cycles(deps, lines)

    def cycles(self, deps: dict[str, set[str]], lines: dict[str, int]) -> None:
        state: dict[str, int] = {}  # 1 = on the stack, 2 = done
        stack: list[str] = []
        reported: set[frozenset] = set()

        def visit(node: str) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in sorted(deps.get(node, ())):
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt) :] + [nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        self.err(
                            lines.get(nxt, 1),
                            "conditions circulaires : " + " → ".join(cycle),
                            "un champ ne peut pas dépendre, même indirectement, de lui-même ; "
                            "une étape ne peut pas dépendre de ses propres champs",
                        )
                elif state.get(nxt) is None:
                    visit(nxt)
            stack.pop()
            state[node] = 2

        for node in sorted(deps):
            if state.get(node) is None:
                visit(node)
