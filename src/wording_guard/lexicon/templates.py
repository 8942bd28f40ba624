"""Templated entries: write a family of similar entries once and let the loader multiply it.

Many rule files list the same entry over and over with only a number or a name changed
(党的20大 → 党的二十大, 党的19大 → 党的十九大, …). :func:`expand` turns a raw rule file
mapping (as parsed from YAML or TOML, before schema validation) into one where every
templated entry has been replaced by its copies. The syntax has three parts:

``values:`` (rule level, optional)
    Named lists of *rows* shared by the entries of the file::

        values:
          congress: [{zh: 二十, n: 20}, {zh: 十九, n: 19}]
          org: [党的, 中共]

    A row is a mapping from field names to strings (integers are accepted and written in
    decimal). A plain scalar row such as ``党的`` is short for ``{value: 党的}``.

``foreach:`` (entry level)
    Maps each variable name to the name of a ``values`` list or to an inline list of rows::

        - foreach: {c: congress, org: [党的, 中共]}
          wrong: "{org}{c.n}大"
          correct: "{org}{c.zh}大"

    The entry is copied once per combination of rows: with several variables, the Cartesian
    product, the first variable varying slowest and every list in the order written. Every
    variable must be used by at least one placeholder. There is no filtering: a family whose
    combinations are irregular is written as several templated entries with their own lists.

Placeholders
    ``{var.field}`` is replaced by that field of the variable's current row, and ``{var}`` by
    its ``value`` field (the scalar-row shorthand). Substitution covers every string value of
    the entry, however deeply nested (wrong, correct, examples with their suggestions and
    ``why``, message, note, conditions …); mapping keys are never touched, and the inserted
    text is not scanned again. ``{{`` and ``}}`` stand for literal braces; any other brace
    is an error. So an entry-level ``message`` of a templated entry writes the message
    placeholders as ``{{text}}`` and ``{{suggestion}}``. An unknown variable, a field missing
    from any row of its list (every row is checked before anything is copied) or a stray
    brace raises :class:`~wording_guard.errors.LexiconError` naming the template's line, the
    key and the placeholder.

Examples
    An example (an item of ``examples.bad`` / ``examples.good``, string or mapping) that
    contains no placeholder is a one-off, such as a hand-written near miss: it is kept in the
    *first* copy only instead of being repeated in every copy. Examples with placeholders
    appear in every copy. Hence each list needs at least one example with a placeholder,
    otherwise the later copies would have none.

Every copy keeps the template's ``__line__`` (the 1-based line the line-recording YAML
loader stores in each mapping), so errors found later still name the template. ``values``
and ``foreach`` are removed, so the result validates against the ordinary schema. Entries
without ``foreach`` are left exactly as written (braces included), and a file that uses
neither key is returned as the same object. The input is never modified.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import LexiconError

LINE_KEY = "__line__"  # the key the line-recording YAML loader adds to every mapping
SCALAR_FIELD = "value"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_PLACEHOLDER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?")

Row = dict[str, str]


@dataclass(frozen=True)
class _Slot:
    """A placeholder inside a template string."""

    var: str
    field: str
    source: str  # as written, e.g. "{c.zh}"


_Part = str | _Slot


@dataclass(frozen=True)
class _Values:
    """The rows one variable iterates over, with where they came from (for errors)."""

    rows: tuple[Row, ...]
    origin: str  # "values list 'congress'" or "an inline list"


def expand(raw: dict[str, Any]) -> dict[str, Any]:
    """Replace every entry with a ``foreach`` key by its expansions (see the module doc).

    Returns ``raw`` itself when the file has neither ``values`` nor templated entries,
    otherwise a new mapping; ``raw`` is never modified.
    """
    entries = raw.get("entries")
    templated = isinstance(entries, list) and any(
        isinstance(entry, dict) and "foreach" in entry for entry in entries
    )
    if "values" not in raw and not templated:
        return raw
    named = _named_values(raw.get("values"), raw.get(LINE_KEY))
    out = {key: value for key, value in raw.items() if key != "values"}
    if isinstance(entries, list):
        expanded: list[Any] = []
        for entry in entries:
            if isinstance(entry, dict) and "foreach" in entry:
                expanded.extend(_expand_entry(entry, named))
            else:
                expanded.append(entry)
        out["entries"] = expanded
    return out


# -- values and rows ---------------------------------------------------------------------


def _line_of(value: Any, default: int | None = None) -> int | None:
    if isinstance(value, dict):
        line = value.get(LINE_KEY)
        if isinstance(line, int):
            return line
    return default


def _named_values(spec: Any, file_line: int | None) -> dict[str, _Values]:
    if spec is None:
        return {}
    line = _line_of(spec, file_line)
    if not isinstance(spec, dict):
        raise LexiconError("'values' must map list names to lists of rows", line=line, key="values")
    named: dict[str, _Values] = {}
    for name, rows in spec.items():
        if name == LINE_KEY:
            continue
        key = f"values.{name}"
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise LexiconError(f"'{name}' is not a valid list name", line=line, key=key)
        named[name] = _read_rows(rows, f"values list '{name}'", line, key)
    return named


def _read_rows(rows: Any, origin: str, line: int | None, key: str) -> _Values:
    if not isinstance(rows, list) or not rows:
        raise LexiconError(f"{origin} must be a non-empty list of rows", line=line, key=key)
    return _Values(tuple(_read_row(row, line, f"{key}[{i}]") for i, row in enumerate(rows)), origin)


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _read_row(row: Any, line: int | None, key: str) -> Row:
    scalar = _as_text(row)
    if scalar is not None:
        return {SCALAR_FIELD: scalar}
    if not isinstance(row, dict):
        raise LexiconError(
            "a row must be a string or a mapping of fields to strings", line=line, key=key
        )
    line = _line_of(row, line)
    fields: Row = {}
    for name, value in row.items():
        if name == LINE_KEY:
            continue
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise LexiconError(f"'{name}' is not a valid field name", line=line, key=key)
        text = _as_text(value)
        if text is None:
            raise LexiconError(
                f"field '{name}' must be a string, got {type(value).__name__}",
                line=line,
                key=f"{key}.{name}",
            )
        fields[name] = text
    if not fields:
        raise LexiconError("a row needs at least one field", line=line, key=key)
    return fields


def _foreach(entry: dict[str, Any], named: Mapping[str, _Values]) -> dict[str, _Values]:
    spec = entry["foreach"]
    line = _line_of(entry)
    variables = {k: v for k, v in spec.items() if k != LINE_KEY} if isinstance(spec, dict) else {}
    if not variables:
        raise LexiconError(
            "'foreach' must map variable names to a values list name or a list of rows",
            line=line,
            key="foreach",
        )
    bound: dict[str, _Values] = {}
    for var, source in variables.items():
        key = f"foreach.{var}"
        if not isinstance(var, str) or not _NAME.fullmatch(var):
            raise LexiconError(f"'{var}' is not a valid variable name", line=line, key=key)
        if isinstance(source, str):
            if source not in named:
                known = ", ".join(sorted(named)) or "none"
                raise LexiconError(
                    f"unknown values list '{source}' (defined: {known})", line=line, key=key
                )
            bound[var] = named[source]
        else:
            bound[var] = _read_rows(source, "an inline list", line, key)
    return bound


# -- template strings --------------------------------------------------------------------


def _parse(text: str, line: int | None, key: str) -> list[_Part]:
    parts: list[_Part] = []
    literal: list[str] = []
    pos = 0
    for m in _BRACES.finditer(text):
        literal.append(text[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        inner = m.group(1)
        placeholder = _PLACEHOLDER.fullmatch(inner) if inner is not None else None
        if placeholder is None:
            raise LexiconError(
                f"stray or malformed brace '{token}' in {text!r}: placeholders are "
                "{var} or {var.field}; write {{ and }} for literal braces",
                line=line,
                key=key,
            )
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(_Slot(placeholder.group(1), placeholder.group(2) or SCALAR_FIELD, token))
    literal.append(text[pos:])
    tail = "".join(literal)
    if tail or not parts:
        parts.append(tail)
    return parts


@dataclass(frozen=True)
class _Parsed:
    """A parsed template string: literal text and placeholders, in order."""

    parts: tuple[_Part, ...]


@dataclass
class _Compiler:
    """Parses the strings of one templated entry and checks each placeholder against the
    rows its variable iterates over, so that rendering cannot fail."""

    line: int | None
    bound: Mapping[str, _Values]
    used: set[str]

    def compile(self, value: Any, key: str) -> Any:
        if isinstance(value, str):
            parsed = _Parsed(tuple(_parse(value, self.line, key)))
            for part in parsed.parts:
                if isinstance(part, _Slot):
                    self._check(part, key)
            return parsed
        if isinstance(value, dict):
            return {
                k: v if k == LINE_KEY else self.compile(v, _join(key, str(k)))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.compile(v, f"{key}[{i}]") for i, v in enumerate(value)]
        return value

    def _check(self, slot: _Slot, key: str) -> None:
        values = self.bound.get(slot.var)
        if values is None:
            known = ", ".join(self.bound)
            raise LexiconError(
                f"placeholder '{slot.source}': unknown variable '{slot.var}' (foreach "
                f"defines: {known}; write {{{{ and }}}} for literal braces)",
                line=self.line,
                key=key,
            )
        for index, row in enumerate(values.rows):
            if slot.field not in row:
                fields = ", ".join(row)
                raise LexiconError(
                    f"placeholder '{slot.source}': row {index + 1} of {values.origin} has no "
                    f"field '{slot.field}' (it has: {fields})",
                    line=self.line,
                    key=key,
                )
        self.used.add(slot.var)


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _has_slot(value: Any) -> bool:
    if isinstance(value, _Parsed):
        return any(isinstance(part, _Slot) for part in value.parts)
    if isinstance(value, dict):
        return any(_has_slot(v) for k, v in value.items() if k != LINE_KEY)
    if isinstance(value, list):
        return any(_has_slot(v) for v in value)
    return False


def _render(value: Any, binding: Mapping[str, Row]) -> Any:
    if isinstance(value, _Parsed):
        return "".join(
            part if isinstance(part, str) else binding[part.var][part.field] for part in value.parts
        )
    if isinstance(value, dict):
        return {k: v if k == LINE_KEY else _render(v, binding) for k, v in value.items()}
    if isinstance(value, list):
        return [_render(v, binding) for v in value]
    return value


# -- entries -----------------------------------------------------------------------------


def _expand_entry(entry: dict[str, Any], named: Mapping[str, _Values]) -> list[dict[str, Any]]:
    line = _line_of(entry)
    bound = _foreach(entry, named)
    compiler = _Compiler(line, bound, set())
    body: dict[str, Any] = {
        k: v if k == LINE_KEY else compiler.compile(v, str(k))
        for k, v in entry.items()
        if k != "foreach"
    }
    unused = [var for var in bound if var not in compiler.used]
    if unused:
        raise LexiconError(
            f"foreach variable '{unused[0]}' is used by no placeholder, so its copies "
            "would all be the same",
            line=line,
            key=f"foreach.{unused[0]}",
        )
    names = list(bound)
    later: dict[str, Any] | None = None  # the body of the second and later copies
    copies: list[dict[str, Any]] = []
    for combo in itertools.product(*(bound[var].rows for var in names)):
        template = body
        if copies:
            if later is None:
                later = _without_one_offs(body, line)
            template = later
        copies.append(_render(template, dict(zip(names, combo, strict=True))))
    return copies


def _without_one_offs(body: dict[str, Any], line: int | None) -> dict[str, Any]:
    """``body`` for the second and later copies: placeholder-free examples dropped."""
    examples = body.get("examples")
    if not isinstance(examples, dict):
        return body
    kept: dict[str, Any] = {}
    for name, items in examples.items():
        if name == LINE_KEY:
            kept[name] = items
            continue
        many: list[Any] = items if isinstance(items, list) else [items]
        templated = [item for item in many if _has_slot(item)]
        if many and not templated:
            raise LexiconError(
                f"no '{name}' example of this templated entry has a placeholder, so only "
                "its first copy would have one: give at least one example a placeholder",
                line=line,
                key=f"examples.{name}",
            )
        kept[name] = templated if isinstance(items, list) else items
    return {**body, "examples": kept}
