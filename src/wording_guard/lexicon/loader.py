"""Read rule files from lexicon directories into validated rule models (one per kind)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import LexiconError
from . import templates
from .paths import RULE_SUFFIXES, rule_files, shipped_lexicon_dir
from .schema import SHIPPED, RuleBase

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

LINE_KEY = "__line__"


@dataclass(frozen=True)
class LoadedRule:
    """A validated rule with where it came from (for error messages and ``explain``)."""

    rule: RuleBase
    path: Path
    entry_lines: tuple[int | None, ...]


# libyaml's parser when PyYAML has it: the shipped lexicons parse ~5x faster, which is most of
# a first run's one-time build (the constructors below stay Python either way)
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


class _Recursive(Exception):
    """A node met again inside itself."""


class _LineLoader(_SafeLoader):  # type: ignore[misc]
    """A safe loader that records the 1-based line of every mapping under ``__line__``."""

    def construct_document(self, node: yaml.Node) -> Any:
        # Strings, lists and mappings, nearly all of a rule file, are built in one walk over
        # the nodes: the constructor's machinery per node took most of the parse. Other
        # scalars and tags are still its to build. A node met twice (an alias) gives the
        # same object, as there; one inside itself is the constructor's to reject.
        try:
            data = self._walk(node, {}, set())
        except _Recursive:
            return super().construct_document(node)
        self.constructed_objects.clear()
        self.recursive_objects.clear()
        return data

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        # A plain scalar whose first character starts no implicit type (nearly every one of
        # a rule file: Chinese text) is a string: the resolver's general search per node was
        # most of what composing cost in Python.
        if (
            kind is yaml.ScalarNode
            and implicit[0]
            and value
            and value[0] not in _RESOLVED_FIRSTS
            and None not in _RESOLVED_FIRSTS
            and not self.yaml_path_resolvers
        ):
            return _STR
        return super().resolve(kind, value, implicit)

    def _walk(self, node: yaml.Node, made: dict[int, Any], open_: set[int]) -> Any:
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode and tag == _STR:
            return node.value
        if not (
            (kind is yaml.SequenceNode and tag == _SEQ)
            or (kind is yaml.MappingNode and tag == _MAP)
        ):
            return self.construct_object(node, deep=True)
        key = id(node)
        if key in made:
            return made[key]
        if key in open_:
            raise _Recursive
        open_.add(key)
        if isinstance(node, yaml.MappingNode):
            data: Any = _construct_mapping(self, node, lambda n: self._walk(n, made, open_))
        else:
            data = [self._walk(child, made, open_) for child in node.value]
        open_.discard(key)
        made[key] = data
        return data


def _construct_mapping(
    loader: _LineLoader,
    node: yaml.MappingNode,
    construct: Callable[[yaml.Node], Any] | None = None,
) -> dict[Any, Any]:
    construct = construct or (lambda n: loader.construct_object(n, deep=True))
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = construct(key_node)
        if key in mapping:
            raise LexiconError(
                f"duplicate key '{key}'", line=key_node.start_mark.line + 1, key=str(key)
            )
        mapping[key] = construct(value_node)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
# Dates stay strings in YAML so that pydantic parses them one way for YAML and TOML alike.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# the first characters some implicit type may start with (None: a type that may start with
# any, which leaves every scalar to the resolver)
_RESOLVED_FIRSTS: frozenset[Any] = frozenset(_LineLoader.yaml_implicit_resolvers)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def read_rule_data(path: Path) -> Any:
    """A rule file as parsed, before templates are expanded (every mapping with its line
    under ``__line__``). Raises :class:`LexiconError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read rule file: {exc}", path=str(path)) from exc
    if path.suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise LexiconError(f"invalid TOML: {exc}", path=str(path)) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except LexiconError as exc:
        raise LexiconError(exc.message, path=str(path), line=exc.line, key=exc.key) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LexiconError(f"invalid YAML: {exc}", path=str(path), line=line) from exc


def load_rule_file(
    path: Path, category_dir: str | None = None, *, raw: Any = None, shipped: bool = False
) -> LoadedRule:
    """Load and validate one rule file. Raises :class:`LexiconError` naming file, line, key.

    ``raw``: the file's :func:`read_rule_data` when the caller has read it already (it is
    not modified). ``shipped``: the file is one of the shipped lexicons, whose costly checks
    (compiling each regular expression) the test suite runs (``SHIPPED`` in the validation
    context): a first run's build of the shipped set skips them. Everything else about the
    rule (its model, the line of each error) is the same."""
    from ..kinds import rule_file_adapter  # the kinds import this package's schema

    if raw is None:
        raw = read_rule_data(path)
    if not isinstance(raw, dict):
        raise LexiconError("a rule file must be a mapping", path=str(path))
    try:
        raw = templates.expand(raw)
    except LexiconError as exc:
        raise LexiconError(exc.message, path=str(path), line=exc.line, key=exc.key) from exc
    entries = raw.get("entries")
    entry_lines: tuple[int | None, ...] = ()
    if isinstance(entries, list):
        entry_lines = tuple(e.get(LINE_KEY) if isinstance(e, dict) else None for e in entries)
    data = _strip_lines(raw)
    try:
        rule = rule_file_adapter().validate_python(data, context={SHIPPED: shipped})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(p) for p in err["loc"]]
        if loc and loc[0] == data.get("kind"):
            loc = loc[1:]  # the discriminated union's tag
        line = raw.get(LINE_KEY)
        message = err["msg"]
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            from ..kinds import KINDS

            raise LexiconError(
                f"unknown kind {data.get('kind')!r}; the kinds are {', '.join(KINDS)}",
                path=str(path),
                line=line,
                key="kind",
            ) from exc
        if len(loc) >= 2 and loc[0] == "entries" and loc[1].isdigit():
            index = int(loc[1])
            if index < len(entry_lines):
                line = entry_lines[index]
            loc_text = f"entries[{index}]" + "".join(f".{p}" for p in loc[2:])
        else:
            loc_text = ".".join(loc)
            if loc == [] and "entries[" in message:
                index = int(message.split("entries[", 1)[1].split("]", 1)[0])
                if index < len(entry_lines):
                    line = entry_lines[index]
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise LexiconError(
            f"{message}{more}", path=str(path), line=line, key=loc_text or None
        ) from exc
    expected_id = f"{category_dir or path.parent.name}.{path.stem}"
    if rule.id != expected_id:
        raise LexiconError(
            f"rule id '{rule.id}' must mirror its path: expected '{expected_id}'",
            path=str(path),
            line=raw.get(LINE_KEY),
            key="id",
        )
    if category_dir is None and rule.category.value != path.parent.name:
        raise LexiconError(
            f"category '{rule.category.value}' must match its folder '{path.parent.name}'",
            path=str(path),
            key="category",
        )
    return LoadedRule(rule=rule, path=path, entry_lines=entry_lines)


def load_directory(directory: Path) -> list[LoadedRule]:
    return [load_rule_file(p) for p in rule_files(directory)]


__all__ = [
    "RULE_SUFFIXES",
    "LoadedRule",
    "load_directory",
    "load_rule_file",
    "rule_files",
    "shipped_lexicon_dir",
]
