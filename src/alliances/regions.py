"""World regions by Correlates of War state code, the ranges COW's own numbering follows.

A state belongs to the region of the COW code it held on the day in question (Germany was 255,
then 260 and 265, all in Europe); a state without a COW code (Kosovo, Palestine in some versions,
a state added by a user) belongs to no region and is left out when a region is asked for.
"""

from __future__ import annotations

from datetime import date

from .errors import UsageError
from .model import State

__all__ = ["REGIONS", "region_of", "region_name"]

# name -> (label, first COW code, last COW code), inclusive
REGIONS: dict[str, tuple[str, int, int]] = {
    "americas": ("the Americas", 2, 165),
    "europe": ("Europe", 200, 399),
    "africa": ("Africa", 402, 626),
    "middle-east": ("the Middle East", 630, 698),
    "asia-oceania": ("Asia and Oceania", 700, 990),
}


def region_name(text: str) -> str:
    """The region named by `text` ('Europe', 'middle east', 'Asia-Oceania'); UsageError if none."""
    key = "-".join(text.casefold().replace("_", " ").replace("-", " ").split())
    if key not in REGIONS:
        raise UsageError(f"region '{text}' is not one of {', '.join(REGIONS)}")
    return key


def region_of(state: State | None, day: date) -> str | None:
    """The region of the state's COW code on `day` (its latest code if it held none that day:
    an event dated before COW lists the state), or None without one."""
    if state is None:
        return None
    code = state.cow_on(day)
    if code is None:
        code = state.cow_on(None)
    if code is None:
        return None
    for name, (_, low, high) in REGIONS.items():
        if low <= code <= high:
            return name
    return None
