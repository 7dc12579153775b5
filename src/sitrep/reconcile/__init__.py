"""Reconciliation: what several reports say about one thing, brought together.

`events.py` merges the reports of one real-world event from several articles and outlets into
one `MergedEvent`; `tolls.py` chooses its casualty figures; `listing.py` gives the lines and JSON
objects `sitrep events` and the demo print. The rules are in docs/events.md.
"""

from __future__ import annotations

from sitrep.reconcile.events import EventReport, MergedEvent, merge_events, merged_event
from sitrep.reconcile.tolls import FATALITY_RULE, Casualties

__all__ = [
    "FATALITY_RULE",
    "Casualties",
    "EventReport",
    "MergedEvent",
    "merge_events",
    "merged_event",
]
