"""Structured logs: one JSON object per line, for the server's log collector.

Every record carries its time, level, logger and message, plus whatever the caller passed
in `extra` (the audit events put `event`, `user`, `ip`, ... there). gunicorn's access log
goes through the same formatter (config/gunicorn.py): its atoms become named fields.
"""

import contextlib
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

# The attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)

# gunicorn access log atoms worth keeping, under readable names.
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
    "{x-forwarded-for}i": "forwarded_for",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry["message"] = "request"
            entry.update(_access_fields(record.args))
        else:
            entry["message"] = record.getMessage()
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _access_fields(atoms: Mapping) -> dict:
    fields = {}
    for atom, name in _ACCESS_FIELDS.items():
        value = atoms.get(atom, "-")
        if value not in ("-", "", None):
            # gunicorn escapes quotes for its text format; JSON does its own escaping.
            fields[name] = value.replace('\\"', '"') if isinstance(value, str) else value
    for number in ("status", "bytes", "duration_ms"):
        if number in fields:
            with contextlib.suppress(TypeError, ValueError):
                fields[number] = int(fields[number])
    return fields
