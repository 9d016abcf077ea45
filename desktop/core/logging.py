"""Logging that can only carry ids and events.

Records go to stderr at WARNING by default; a log file is written only when the user asks
for one (`TRAME_LOG_FILE`). Callers log event names and numeric or opaque ids, never
statement text, names or medical data: `log_event("answer.saved", record=12)`.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler

from desktop.core import settings

_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.:\-]{0,64}$")
logger = logging.getLogger("trame")


def setup(level: int = logging.WARNING) -> None:
    if logger.handlers:
        return
    path = settings.get("TRAME_LOG_FILE")
    logger.setLevel(logging.INFO if path else level)
    stderr = logging.StreamHandler()
    stderr.setLevel(level)
    stderr.setFormatter(logging.Formatter("trame: %(levelname)s %(message)s"))
    logger.addHandler(stderr)
    if path:
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


def log_event(event: str, level: int = logging.INFO, **ids: object) -> None:
    """Log an event with ids only. Values that do not look like ids are replaced."""
    parts = [event]
    for key, value in sorted(ids.items()):
        text = str(value)
        parts.append(f"{key}={text if _SAFE_VALUE.match(text) else '<masqué>'}")
    logger.log(level, " ".join(parts))
