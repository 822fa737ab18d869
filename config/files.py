"""Read campaign and units files into a `Bundle`: validated models, or issues that say
which file, which line, which field and what is wrong.

A file is a campaign file when its top level has ``campaign:``, a units file when it has
``units:`` or ``groups:``. Directories stand for the YAML files in them. Codes are checked
across all the files read together (and against the units already stored, when no units
file is among them); what the dates mean is checked by `calendars.checks`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from config.catalog import anniversaries
from config.dates import parse_date
from config.schema import CampaignFile, Deadline, Unit, UnitsFile
from config.yamlfile import Path_, YamlDocument, YamlError, read_yaml
from translations import N_, in_language, language_or_default, said
from translations import gettext as _

Severity = Literal["error", "warning"]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Issue:
    """One thing wrong (or doubtful) in one file."""

    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        """The issue in ``language`` (default: the current one), whatever language its
        message was `said` in: file, line, field, message."""
        where = self.file + (f":{self.line}" if self.line else "")
        message = in_language(self.message, language_or_default(language))
        what = f"{self.field}: {message}" if self.field else message
        if self.severity == "warning":
            return _("%(where)s: warning: %(what)s", language, where=where, what=what)
        return f"{where}: {what}"


@dataclass
class SourceFile(Generic[M]):
    """A validated file: its model and where each of its parts was written."""

    path: Path
    model: M
    doc: YamlDocument

    @property
    def name(self) -> str:
        return str(self.path)

    def issue(self, path: Path_, message: str, severity: Severity = "error") -> Issue:
        return Issue(self.name, self.doc.line_of(path), field_label(path), message, severity)


@dataclass
class Bundle:
    """Files read together, and everything found wrong with them."""

    paths: list[Path] = field(default_factory=list)  # every file read, good or bad
    campaigns: list[SourceFile[CampaignFile]] = field(default_factory=list)
    units_files: list[SourceFile[UnitsFile]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def units(self) -> dict[str, Unit]:
        return {u.code: u for f in self.units_files for u in f.model.units}


@dataclass(frozen=True)
class KnownCodes:
    """Unit and group codes already stored, for files that refer to them."""

    units: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


def field_label(path: Iterable[str | int]) -> str:
    """``('deadlines', 2, 'due', 'date')`` → ``deadlines[2].due.date``."""
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for the ``.yaml``/``.yml`` files under it."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}))
        else:
            result.append(path)
    return result


def read_bundle(paths: Iterable[Path], known: KnownCodes | None = None) -> Bundle:
    """Read and validate files together; nothing is stored."""
    bundle = Bundle(paths=expand_paths(paths))
    for path in bundle.paths:
        _read_one(path, bundle)
    _check_units(bundle)
    _check_campaigns(bundle, known or KnownCodes())
    return bundle


def _read_one(path: Path, bundle: Bundle) -> None:
    name = str(path)
    if not path.exists():
        bundle.issues.append(Issue(name, None, "", said("no such file")))
        return
    try:
        doc = read_yaml(path)
    except YamlError as exc:
        bundle.issues.append(Issue(name, exc.line, "", exc.message))
        return
    if not isinstance(doc.data, Mapping):
        bundle.issues.append(
            Issue(name, doc.line_of(()), "", said("expected a campaign file or a units file"))
        )
        return
    if "campaign" in doc.data:
        model = _validate(CampaignFile, doc, name, bundle.issues)
        if model is not None:
            bundle.campaigns.append(SourceFile(path, model, doc))
    elif "units" in doc.data or "groups" in doc.data:
        model = _validate(UnitsFile, doc, name, bundle.issues)
        if model is not None:
            bundle.units_files.append(SourceFile(path, model, doc))
    else:
        bundle.issues.append(
            Issue(
                name,
                doc.line_of(()),
                "",
                said(
                    "neither a campaign file (it needs 'campaign:') "
                    "nor a units file (it needs 'units:' or 'groups:')"
                ),
            )
        )


def _validate(model: type[M], doc: YamlDocument, name: str, issues: list[Issue]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            path = _doc_path(error["loc"], doc, keep_last=error["type"] == "missing")
            issues.append(
                Issue(name, doc.line_of(path), field_label(path), plain_message(error, model))
            )
        return None


def _doc_path(loc: tuple[Any, ...], doc: YamlDocument, *, keep_last: bool) -> Path_:
    """The error's location without the parts the file does not have (a union's tag),
    except a missing field's name, which ends it."""
    path: Path_ = ()
    for i, part in enumerate(loc):
        candidate = (*path, part)
        if candidate in doc.lines or (keep_last and i == len(loc) - 1):
            path = candidate
    return path


_SIMPLE_MESSAGES = {
    "missing": N_("required, but missing"),
    "union_tag_not_found": N_(
        "needs 'rule:' (before, by, within_month, fuzzy, recurring or relative)"
    ),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a mapping of fields"),
    "model_attributes_type": N_("must be a mapping of fields"),
    "dict_type": N_("must be a mapping of fields"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
}
# Their values are given as ``repr`` writes them ('abc', 12), as the file's reader knows them.
_VALUE_MESSAGES = {
    "int_parsing": N_("%(value)s is not a whole number"),
    "int_type": N_("%(value)s is not a whole number"),
    "int_from_float": N_("%(value)s is not a whole number"),
    "bool_type": N_("%(value)s is not true or false"),
    "bool_parsing": N_("%(value)s is not true or false"),
    "string_type": N_("must be text, not %(value)s"),
    "literal_error": N_("%(value)s is not one of %(expected)s"),
    "union_tag_invalid": N_("%(tag)s is not a rule: use one of %(expected_tags)s"),
}


def plain_message(error: Mapping[str, Any], model: type[BaseModel] | None = None) -> str:
    """Pydantic's error in plain words in the current language, naming the value that is
    wrong (`config.settings` words a setting's errors with it too)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _SIMPLE_MESSAGES:
        return said(_SIMPLE_MESSAGES[kind])
    if kind in _VALUE_MESSAGES:
        texts = _texts(ctx)
        if "tag" in texts:
            texts["tag"] = repr(ctx["tag"])
        return said(_VALUE_MESSAGES[kind], value=repr(error.get("input")), **texts)
    if kind == "too_long" and not isinstance(error.get("input"), str):
        return said(
            "has %(count)d items, more than the %(limit)d allowed",
            count=ctx.get("actual_length") or 0,
            limit=ctx.get("max_length") or 0,
        )
    if kind in {"too_long", "string_too_long"}:
        return said(
            "is %(count)d characters long, more than the %(limit)d allowed",
            count=len(str(error.get("input", ""))),
            limit=ctx.get("max_length") or 0,
        )
    if kind == "extra_forbidden":
        return _unknown_field_message(str(error["loc"][-1]), model, error["loc"][:-1])
    if kind == "value_error" and "error" in ctx:  # our validators' words, translated already
        reason = ctx["error"]
        return reason.args[0] if reason.args and isinstance(reason.args[0], str) else str(reason)
    return _pydantic_words(kind, ctx, error)


# Pydantic's other checks, as settings and files can fail them.
_CHECK_MESSAGES = {
    "greater_than_equal": N_("%(value)s is too small: it must be at least %(ge)s"),
    "greater_than": N_("%(value)s is too small: it must be more than %(gt)s"),
    "less_than_equal": N_("%(value)s is too large: it must be at most %(le)s"),
    "less_than": N_("%(value)s is too large: it must be less than %(lt)s"),
    "float_parsing": N_("%(value)s is not a number"),
    "float_type": N_("%(value)s is not a number"),
    "json_invalid": N_("%(value)s is not a list as JSON writes it (e.g. [7, 3, 1])"),
}


def _pydantic_words(kind: str, ctx: Mapping[str, Any], error: Mapping[str, Any]) -> str:
    if kind in _CHECK_MESSAGES:
        return said(_CHECK_MESSAGES[kind], value=repr(error.get("input")), **_texts(ctx))
    return str(error["msg"]).lower()  # a check no file or setting was seen to fail


def _texts(ctx: Mapping[str, Any]) -> dict[str, str]:
    """Pydantic's values as text; its lists of choices ("'a', 'b' or 'c'") without the
    English "or", so that any language reads them."""
    texts = {key: str(value) for key, value in ctx.items()}
    for key in ("expected", "expected_tags"):
        if key in texts:
            texts[key] = ", ".join(re.split(r", | or ", texts[key]))
    return texts


def _unknown_field_message(
    name: str, model: type[BaseModel] | None, parent: tuple[Any, ...]
) -> str:
    allowed = _allowed_fields(model, parent) if model is not None else []
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return said(
            "unknown field %(name)s (did you mean %(hint)s?)",
            name=repr(name),
            hint=repr(close[0]),
        )
    return said("unknown field %(name)s", name=repr(name))


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model at ``loc`` (for did-you-mean hints); a union's tag in the
    location picks the member it names."""
    candidates: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        inner = [
            found
            for c in candidates
            if part in c.model_fields
            for found in _models_in(c.model_fields[part].annotation)
        ]
        candidates = inner or [c for c in candidates if _tagged(c, part)]
    return sorted({name for c in candidates for name in c.model_fields})


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (through Annotated, unions and lists)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _tagged(model: type[BaseModel], tag: str) -> bool:
    rule = model.model_fields.get("rule")
    return rule is not None and tag in get_args(rule.annotation)


# --- codes across files ----------------------------------------------------------------


def _check_units(bundle: Bundle) -> None:
    units: dict[str, SourceFile[UnitsFile]] = {}
    groups: dict[str, SourceFile[UnitsFile]] = {}
    for source in bundle.units_files:
        for i, unit in enumerate(source.model.units):
            if unit.code in units:
                bundle.issues.append(
                    source.issue(
                        ("units", i, "code"),
                        said(
                            "unit code %(code)s is used twice (first %(where)s)",
                            code=repr(unit.code),
                            where=_where(units[unit.code], unit.code, source),
                        ),
                    )
                )
                continue
            units[unit.code] = source
        for i, group in enumerate(source.model.groups):
            if group.code in groups or group.code in units:
                other = groups.get(group.code) or units[group.code]
                message = (
                    N_("code %(code)s is already a group (in %(file)s)")
                    if group.code in groups
                    else N_("code %(code)s is already a unit (in %(file)s)")
                )
                bundle.issues.append(
                    source.issue(
                        ("groups", i, "code"),
                        said(message, code=repr(group.code), file=other.name),
                    )
                )
            groups[group.code] = source
    for source in bundle.units_files:
        for i, unit in enumerate(source.model.units):
            if unit.parent is not None and unit.parent not in units:
                bundle.issues.append(
                    source.issue(
                        ("units", i, "parent"),
                        said("unknown unit %(code)s", code=repr(unit.parent)),
                    )
                )
            if unit.parent == unit.code:
                bundle.issues.append(
                    source.issue(("units", i, "parent"), said("a unit cannot be its own parent"))
                )
        for i, group in enumerate(source.model.groups):
            for j, member in enumerate(group.members):
                if member not in units and member not in groups:
                    bundle.issues.append(
                        source.issue(
                            ("groups", i, "members", j),
                            _unknown_code(member, True, units, groups),
                        )
                    )
    _check_group_cycles(bundle)


def _where(first: SourceFile[UnitsFile], code: str, here: SourceFile[UnitsFile]) -> str:
    """Where a unit code was first defined: a line of this file, or another file."""
    index = next(i for i, u in enumerate(first.model.units) if u.code == code)
    line = first.doc.line_of(("units", index, "code"))
    if first is here:
        return said("at line %(line)s", line=line)
    return said("in %(file)s:%(line)s", file=first.name, line=line)


def _check_group_cycles(bundle: Bundle) -> None:
    unit_codes = set(bundle.units())
    members = {
        g.code: (source, i, g.members)
        for source in bundle.units_files
        for i, g in enumerate(source.model.groups)
        if g.code not in unit_codes  # already an error; its "members" are not a cycle
    }

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for member in members.get(start, (None, 0, []))[2]:
            if member == target:
                return True
            if member in members and member not in seen:
                seen.add(member)
                if reaches(member, target, seen):
                    return True
        return False

    for code, (source, i, _members) in members.items():
        if reaches(code, code, set()):
            bundle.issues.append(
                source.issue(
                    ("groups", i, "members"),
                    said("group %(code)s contains itself", code=repr(code)),
                )
            )


def _close(code: str, *pools: Iterable[str]) -> str | None:
    """The known code nearest to ``code`` (a did-you-mean hint), if one is near."""
    names = [c for pool in pools for c in pool]
    close = difflib.get_close_matches(code, names, n=1)
    return repr(close[0]) if close else None


# (unit or group, hinted): the sentence of an unknown code.
_UNKNOWN = {
    (True, True): N_("unknown unit or group %(code)s (did you mean %(hint)s?)"),
    (True, False): N_("unknown unit or group %(code)s"),
    (False, True): N_("unknown unit %(code)s (did you mean %(hint)s?)"),
    (False, False): N_("unknown unit %(code)s"),
}


def _unknown_code(code: str, groups_allowed: bool, *pools: Iterable[str]) -> str:
    hint = _close(code, *pools)
    return said(_UNKNOWN[groups_allowed, hint is not None], code=repr(code), hint=hint)


def _check_campaigns(bundle: Bundle, known: KnownCodes) -> None:
    if bundle.units_files:
        unit_codes = set(bundle.units())
        group_codes = {g.code for f in bundle.units_files for g in f.model.groups}
    else:
        unit_codes, group_codes = set(known.units), set(known.groups)
    seen: dict[str, SourceFile[CampaignFile]] = {}
    for source in bundle.campaigns:
        code = source.model.campaign.code
        if code in seen:
            bundle.issues.append(
                source.issue(
                    ("campaign", "code"),
                    said(
                        "campaign %(code)s is also defined in %(file)s",
                        code=repr(code),
                        file=seen[code].name,
                    ),
                )
            )
        seen[code] = source
        _check_event_codes(source, bundle.issues)
        _check_references(source, unit_codes, group_codes, bundle.issues)


def event_entries(model: CampaignFile) -> list[tuple[Path_, str]]:
    """(path of the code, event code) of every event the file defines, in file order."""
    entries: list[tuple[Path_, str]] = []
    for section in ("phases", "reviews", "meetings", "deadlines"):
        for i, item in enumerate(getattr(model, section)):
            entries.append(((section, i, "code"), item.code))
    for i, item in enumerate(model.commemorations):
        key = "code" if item.code else "catalog"
        entries.append((("commemorations", i, key), item.event_code))
    return entries


def _check_event_codes(source: SourceFile[CampaignFile], issues: list[Issue]) -> None:
    seen: dict[str, Path_] = {"period": ("campaign", "period")}
    for path, code in event_entries(source.model):
        if code in seen:
            first = field_label(seen[code][:2])
            issues.append(
                source.issue(
                    path,
                    said(
                        "event code %(code)s is used twice (first in %(first)s)",
                        code=repr(code),
                        first=first,
                    ),
                )
            )
        else:
            seen[code] = path


def _check_references(
    source: SourceFile[CampaignFile],
    unit_codes: set[str],
    group_codes: set[str],
    issues: list[Issue],
) -> None:
    model = source.model
    catalog = anniversaries()
    event_codes = {code for _, code in event_entries(model)}
    commemoration_codes = {c.event_code for c in model.commemorations}

    def check_unit(path: Path_, code: str | None, groups_allowed: bool) -> None:
        if code is None:
            return
        pools = (unit_codes, group_codes) if groups_allowed else (unit_codes,)
        if not any(code in pool for pool in pools):
            issues.append(source.issue(path, _unknown_code(code, groups_allowed, *pools)))

    check_unit(("campaign", "receiver_unit"), model.campaign.receiver_unit, False)
    for i, item in enumerate(model.commemorations):
        if item.catalog is not None and item.catalog not in catalog:
            issues.append(
                source.issue(
                    ("commemorations", i, "catalog"),
                    _not_in(
                        N_("%(code)s is not in the anniversary catalog"),
                        N_("%(code)s is not in the anniversary catalog (did you mean %(hint)s?)"),
                        item.catalog,
                        catalog,
                    ),
                )
            )
    for i, phase in enumerate(model.phases):
        for j, code in enumerate(phase.commemorations):
            if code not in commemoration_codes:
                issues.append(
                    source.issue(
                        ("phases", i, "commemorations", j),
                        _not_in(
                            N_("no commemoration %(code)s in this file"),
                            N_("no commemoration %(code)s in this file (did you mean %(hint)s?)"),
                            code,
                            commemoration_codes,
                        ),
                    )
                )
    for i, deadline in enumerate(model.deadlines):
        for j, code in enumerate(deadline.units):
            check_unit(("deadlines", i, "units", j), code, True)
        check_unit(("deadlines", i, "receiver_unit"), deadline.receiver_unit, False)
        due = deadline.due
        if due.rule == "relative":
            issues.extend(_relative_issues(source, model, i, deadline, event_codes))


def _relative_issues(
    source: SourceFile[CampaignFile],
    model: CampaignFile,
    i: int,
    deadline: Deadline,
    event_codes: set[str],
) -> list[Issue]:
    """What is wrong with the anchor of a relative rule ("after" or "before")."""
    due = deadline.due
    assert due.rule == "relative"
    where = ("deadlines", i, "due", "before" if due.backwards else "after")
    anchor = due.anchor
    if anchor == "document":
        if model.campaign.document.date is None:
            message = said("counts from the document's date, but the document has no date")
            return [source.issue(where, message)]
        return []
    if _looks_like_date(anchor):
        return []
    if anchor not in event_codes and anchor != "period":
        return [
            source.issue(
                where,
                _not_in(
                    N_("%(code)s is neither a date, 'document', nor an event of this campaign"),
                    N_(
                        "%(code)s is neither a date, 'document', nor an event of this campaign "
                        "(did you mean %(hint)s?)"
                    ),
                    anchor,
                    event_codes,
                ),
            )
        ]
    if anchor == deadline.code:
        return [source.issue(where, said("a deadline cannot follow itself"))]
    return []


def _not_in(plain: str, hinted: str, code: str, known: Iterable[str]) -> str:
    """``plain`` naming ``code``, or ``hinted`` with the known code nearest to it."""
    hint = _close(code, known)
    return (
        said(plain, code=repr(code)) if hint is None else said(hinted, code=repr(code), hint=hint)
    )


def _looks_like_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True
