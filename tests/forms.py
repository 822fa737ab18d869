"""Reading an office page's form as a browser would send it, for the page tests: every
named field with its value (checked boxes, selected options, text areas), so that a test
changes what a clerk would change and posts the rest as it was shown."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import lxml.html


class PageForm:
    """The fields of one form of a page, in document order."""

    def __init__(self, html: str, action: str) -> None:
        page = lxml.html.fromstring(html)
        forms = [f for f in page.forms if f.get("action") == action]
        assert forms, f"no form posts to {action}"
        self.fields: list[tuple[str, str]] = []
        for element in forms[0].iter("input", "select", "textarea"):
            name = element.get("name")
            if not name:
                continue
            if element.tag == "select":
                for option in element.iter("option"):
                    if option.get("selected") is not None:
                        self.fields.append((name, option.get("value", option.text or "")))
            elif element.tag == "textarea":
                self.fields.append((name, element.text or ""))
            elif element.get("type") in {"checkbox", "radio"}:
                if element.get("checked") is not None:
                    self.fields.append((name, element.get("value", "on")))
            elif element.get("type") not in {"submit", "button", "file"}:
                self.fields.append((name, element.get("value", "")))

    def get(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)

    def all(self, name: str) -> list[str]:
        return [v for n, v in self.fields if n == name]

    def set(self, name: str, *values: str) -> PageForm:
        """Replace a field's values (none: the field is not sent, an unticked box)."""
        at = next((i for i, (n, _v) in enumerate(self.fields) if n == name), len(self.fields))
        self.fields = [(n, v) for n, v in self.fields if n != name]
        self.fields[at:at] = [(name, v) for v in values]
        return self

    def row_of(self, field: str, value: str) -> str:
        """The ``eN`` prefix of the row whose ``field`` is ``value``."""
        for name, shown in self.fields:
            if name.endswith("." + field) and shown == value and name.startswith("e"):
                return name.split(".", 1)[0]
        raise AssertionError(f"no row with {field} = {value!r}")

    def data(self, **extra: Any) -> list[tuple[str, str]]:
        return [*self.fields, *((k, str(v)) for k, v in extra.items())]

    def post(self, client: Any, url: str, **extra: Any) -> Any:
        """Send the form (and ``extra`` fields) as a browser does, fields in order."""
        return client.post(
            url,
            content=urlencode(self.data(**extra)).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
