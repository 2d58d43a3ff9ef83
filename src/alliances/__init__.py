"""alliances: who was in which alliance, in what status, on any date.

The library core (model, loading, validation, the temporal engine, exports) imports neither
typer nor rich; the command line lives in `alliances.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Alliances, load
from .dates import PartialDate, Period, parse_date, parse_period
from .errors import AlliancesError, DataError, Problem, UnknownName, UsageError
from .load import check
from .model import Dataset, Event, State, Treaty
from .query import Engine

__all__ = [
    "Alliances",
    "AlliancesError",
    "DataError",
    "Dataset",
    "Engine",
    "Event",
    "PartialDate",
    "Period",
    "Problem",
    "State",
    "Treaty",
    "UnknownName",
    "UsageError",
    "__version__",
    "check",
    "load",
    "parse_date",
    "parse_period",
]
