"""Read a YAML file into plain data and remember the line of every key and item.

Two things PyYAML does by default are wrong for these files, so the loader here does
neither: it turns ``2024-02-31`` into a crash (timestamps are resolved before we can say
which field is wrong) and ``14:30`` into the integer 870 (YAML 1.1 base-60). Here only
``null``, ``true``/``false`` and plain decimal numbers are typed; every other scalar stays
text, and the schema parses dates with messages that name the field. Duplicate keys, which
PyYAML silently overwrites, are errors.

A file is bounded before it is believed: at most MAX_FILE_BYTES, nested at most MAX_DEPTH
levels, and without aliases (``*name``): an alias makes the composer share a node, and a
few hundred bytes of aliases of aliases ("billion laughs") expand to gigabytes once built
into plain data, so the composer here refuses the first alias it meets and builds no graph.
Every way PyYAML can refuse a text (a NUL byte, a bad indentation) is a `YamlError` with
the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from translations import said

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024  # campaign and units files; the largest example is 12 KB
MAX_DEPTH = 20  # the deepest real file nests 5 levels


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("map", "seq", "str", "null", "bool", "int", "float")
)


class _Resolver(yaml.resolver.BaseResolver):
    """Only null, booleans and decimal numbers are implicit; everything else is text."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"),
    list("-+0123456789"),
)


class _Bounded(yaml.composer.Composer):
    """PyYAML's composer, over any parser's events, refusing aliases and depth."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        """PyYAML's, refusing aliases and nesting deeper than MAX_DEPTH."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                said(
                    "aliases (*%(name)s) are not allowed: write the value out in full",
                    name=event.anchor,
                ),
                event.start_mark.line + 1,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlError(
                    said("nested more than %(limit)d levels deep", limit=MAX_DEPTH), mark.line + 1
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(
    _Bounded,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    """PyYAML in Python: the reader, scanner and parser, the bounded composer."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)
if _CParser is not None:

    class _FastLoader(_Bounded, _CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc]
        """The same composer over libyaml's scanner and parser (PyYAML's C extension),
        whose events carry the same marks: a campaign file of 100 events is read in a
        fifth of the time. The text's characters are checked by PyYAML's own reader first,
        so what a file may hold does not change."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader(stream)  # checks every character; raises ReaderError
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


class YamlError(ValueError):
    """The file is not readable YAML; carries the line when the parser gives one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDocument:
    """Plain data read from a file, with the 1-based line of each path in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest part of ``path`` that the file has.

        Elements the file does not have (a union's tag in a validation error, say) are
        skipped, so an error deep in a value still points at its nearest key.
        """
        found: int | None = self.lines.get(())
        prefix: Path_ = ()
        for part in path:
            candidate = (*prefix, part)
            if candidate in self.lines:
                prefix = candidate
                found = self.lines[candidate]
        return found


def normalize_text(text: str) -> str:
    """NFC, so that the same words compare equal however they were typed."""
    return unicodedata.normalize("NFC", text)


def parse_yaml(text: str) -> YamlDocument:
    """Parse YAML text into plain data with line numbers; raise `YamlError` when unreadable."""
    text = normalize_text(text.lstrip("\ufeff"))
    try:
        loader = _make_loader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from exc
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        # PyYAML's own words say what it met; the sentence around them is ours.
        problem = str(exc.problem or exc)
        raise YamlError(said("not valid YAML: %(problem)s", problem=problem), line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(said("not valid YAML: %(problem)s", problem=str(exc))) from exc
    finally:
        loader.dispose()
    doc = YamlDocument(data=None)
    if node is not None:
        doc.data = _build(loader, node, (), doc.lines)
    return doc


def _make_loader(text: str) -> Any:
    return _Loader(text) if _CParser is None else _FastLoader(text)


def _reader_error(exc: yaml.reader.ReaderError, text: str) -> YamlError:
    """A character YAML does not allow (a NUL byte, a control character), with its line."""
    line = text.count("\n", 0, exc.position) + 1
    return YamlError(
        said(
            "character U+%(code)04X is not allowed in a YAML file (position %(position)d)",
            code=exc.character if isinstance(exc.character, int) else ord(exc.character),
            position=exc.position,
        ),
        line,
    )


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a UTF-8 YAML file of at most MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlError(
            said(
                "the file is %(size)s, more than the %(limit)s allowed",
                size=f"{size / 1024 / 1024:.1f} MB",
                limit=f"{MAX_FILE_BYTES // 1024 // 1024} MB",
            )
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(said("not UTF-8 text (byte %(byte)d)", byte=exc.start)) from exc
    return parse_yaml(text)


def _build(loader: _Loader, node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:  # !!python/object, !!binary, !!set …: never constructed
        raise YamlError(
            said("unsupported YAML tag %(tag)s", tag=node.tag), node.start_mark.line + 1
        )
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(loader, node, path, lines)
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _construct(loader, node)


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise YamlError(
            said("%(value)s… is not a number this service reads", value=str(node.value)[:20]),
            node.start_mark.line + 1,
        ) from exc


def _build_mapping(
    loader: _Loader, node: yaml.MappingNode, path: Path_, lines: dict[Path_, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError(said("a key must be a plain word"), key_node.start_mark.line + 1)
        key = str(_construct(loader, key_node))
        if key in result:
            raise YamlError(
                said("duplicate key %(key)s", key=repr(key)), key_node.start_mark.line + 1
            )
        result[key] = _build(loader, value_node, (*path, key), lines)
        lines[(*path, key)] = key_node.start_mark.line + 1
    return result
