"""Plain-data base classes: what `@dataclass` gives, without its start-up cost.

A dataclass writes and compiles its methods when its module is imported, about half a
millisecond a class; with sixteen of them that was an eighth of a query's run time. Here a
subclass lists its fields in `__slots__` and writes its own `__init__`; equality, repr and (for
`Frozen`) hashing, immutability and copying come from these two bases, fast because they read
the fields with one `operator.attrgetter`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

__all__ = ["Frozen", "Record", "set_field"]

# Frozen classes set their fields in __init__ with this, past their own __setattr__ (which refuses).
set_field = object.__setattr__


class Record:
    """Fields in `__slots__` (base classes' first); equal when of one class with equal fields.

    A subclass may name fields left out of equality and hashing in `_not_compared`, and slots
    its `__init__` works out from the fields (caches, not fields) in `_derived`.
    Mutable records are unhashable, as dataclasses with eq=True are.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _not_compared: tuple[str, ...] = ()
    _derived: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        derived = getattr(cls, "_derived", ())
        cls._fields = tuple(f for k in reversed(cls.__mro__) for f in k.__dict__.get("__slots__", ())
                            if f not in derived)
        compared = [f for f in cls._fields if f not in cls._not_compared]
        cls._compared = staticmethod(attrgetter(*compared) if compared else (lambda _: ()))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared(self) == other._compared(other)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({fields})"


class Frozen(Record):
    """An immutable, hashable record; copies and pickles through `__init__`."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._compared(self))  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple:
        return (self.__class__, tuple(getattr(self, f) for f in self._fields))
