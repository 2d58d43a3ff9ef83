"""alliances: who was in which alliance, in what status, on any date.

The library core (model, loading, validation, the temporal engine, exports) imports neither
typer nor rich; the command line lives in `alliances.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Submodules load on first use (PEP 562), so `alliances.cli` and `import alliances` stay cheap.
_EXPORTS = {
    "Alliances": "api", "load": "api",
    "PartialDate": "dates", "Period": "dates", "parse_date": "dates", "parse_period": "dates",
    "AlliancesError": "errors", "DataError": "errors", "Problem": "errors",
    "UnknownName": "errors", "UsageError": "errors",
    "check": "loading",
    "Dataset": "model", "Event": "model", "State": "model", "Treaty": "model",
    "Engine": "query",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'alliances' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


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
