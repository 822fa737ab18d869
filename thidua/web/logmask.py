"""The access log without secrets: a unit's private feed token and a reminder's signed submit
link are credentials (whoever holds one reads the unit's calendar or submits for it), so the
log keeps their place and drops their value.

uvicorn writes each request as ``client - "METHOD path HTTP/x" status``, the path with its
query; `MaskSecrets` rewrites that path before any handler formats it, and `log_config` is
uvicorn's own logging configuration with the filter on its access handler.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

MASK = "…"
_SECRETS = (
    re.compile(r"(/feeds/units/)[^/?#\s]+(\.ics)"),  # a unit's private feed
    re.compile(r"(/submit/)[^/?#\s]+()"),  # a reminder's signed "đã gửi" link
    re.compile(r"([?&](?:token|key|sig|signature)=)[^&#\s]*()", re.IGNORECASE),
)


def mask_secrets(text: str) -> str:
    """``text`` with every token of a private feed or a signed link replaced by ``…``."""
    for pattern in _SECRETS:
        text = pattern.sub(rf"\g<1>{MASK}\g<2>", text)
    return text


class MaskSecrets(logging.Filter):
    """Masks secrets in a log record's message and arguments (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_secrets(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = mask_secrets(record.msg)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, with `MaskSecrets` on the access log's handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["mask_secrets"] = {"()": f"{__name__}.MaskSecrets"}
    config["handlers"]["access"].setdefault("filters", []).append("mask_secrets")
    return config
