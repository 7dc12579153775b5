"""What readers produce: raw documents, and problems that name their input."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from sitrep.normalize import LineBreaks

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Severity(Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(slots=True, frozen=True)
class Problem:
    """One input that could not be read, or was read with a caveat. `source` names the file,
    and the line or entry inside it where there is one."""

    source: str
    reason: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True, frozen=True)
class RawDocument:
    """A document as a reader found it, before normalisation and CLI overrides.

    `published_from` says where in the input `published` was read ("front matter 'published'").
    """

    body: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    path: str | None = None
    line_breaks: LineBreaks = LineBreaks.AUTO
    published_from: str | None = None


def parse_date(value: str) -> dt.date:
    """A date from `YYYY-MM-DD` or an ISO 8601 timestamp starting with one; ValueError otherwise."""
    match = _ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return dt.date(*(int(part) for part in match.groups()))


def clean_field(value: object) -> str | None:
    """A metadata string stripped, or None when absent or blank."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
