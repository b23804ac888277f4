"""edcal's value classes: ``@record`` makes the kind of class ``@dataclass(frozen=True)`` makes,
without the dataclasses module.

Why: every command defines about twenty of these classes before it prints a line. The
dataclasses module imports ``inspect`` (about 14 ms on this 2-core machine) and compiles six
methods a frozen class (0.6 to 0.75 ms a class); ``record`` compiles ``__init__`` alone, makes
the other methods as closures (0.2 ms a class) and imports nothing but ``operator``. Together
that was a fifth of what ``edcal list`` took (issue 30).

What a record has, as a dataclass with the same options has it: ``__init__`` taking the
annotated fields in order (defaults and ``field(default_factory=...)``), ``__post_init__`` called
after it, ``__repr__``, ``__eq__`` between instances of the very same class, ``__hash__`` when
frozen (records are frozen unless ``frozen=False``), ``<`` and the rest with ``order=True``,
``__slots__`` with ``slots=True``, and ``__match_args__``. A method the class writes itself is
kept. ``replace`` and ``as_dict`` are ``dataclasses.replace`` and ``asdict``; ``__record_fields__``
holds the fields by name, in order.
tests/unit/test_record.py holds records against dataclasses on generated classes.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing costs 4 ms to import; mypy reads this block as taken
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform, overload

    T = TypeVar("T")
else:
    def overload(function):  # the last definition, the real one, wins
        return function

    def dataclass_transform(**_):
        return lambda decorator: decorator

_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class Field:
    """What ``field(...)`` says of one field."""

    __slots__ = ("default", "factory", "compare", "repr")

    def __init__(self, default: Any = _MISSING, factory: Any = _MISSING, compare: bool = True,
                 repr: bool = True) -> None:
        self.default, self.factory, self.compare, self.repr = default, factory, compare, repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None, compare: bool = True,
          repr: bool = True) -> Any:
    """A field's default, or the function making a fresh default for each instance; whether it
    counts in ``==``, the hash and the order, and whether ``repr`` shows it."""
    return Field(default, _MISSING if default_factory is None else default_factory, compare, repr)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True, order: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]: ...  # noqa: F811


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, order: bool = False,  # noqa: F811
           slots: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """The class made a record: ``@record`` or ``@record(order=True, frozen=False, slots=True)``."""
    if cls is None:
        return lambda cls: _build(cls, frozen, order, slots)
    return _build(cls, frozen, order, slots)


def _fields(cls: type) -> dict[str, Field]:
    """The class's fields in ``__init__``'s order: its bases' first, then its own annotations."""
    fields: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(base.__dict__.get("__record_fields__", {}))
    annotations = cls.__dict__.get("__annotations__")
    if annotations is None and "__annotate__" in cls.__dict__:  # Python 3.14, without annotations as strings
        import annotationlib  # type: ignore[import-not-found,unused-ignore]

        annotations = annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)
    for name, kind in (annotations or {}).items():
        if str(kind).startswith(("ClassVar", "typing.ClassVar")):
            continue
        given = cls.__dict__.get(name, _MISSING)
        fields[name] = given if isinstance(given, Field) else Field(given)
        if isinstance(fields[name].default, (list, dict, set)):
            raise ValueError(f"{cls.__name__}.{name}: a mutable default is shared; use field(default_factory=...)")
    return fields


def _build(cls: type[T], frozen: bool, order: bool, slots: bool) -> type[T]:
    fields = _fields(cls)
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": _MISSING}
    params, body, defaulted = [], [], False
    for name, spec in fields.items():
        value = name
        if spec.factory is not _MISSING:
            scope[f"_factory_{name}"] = spec.factory
            params.append(f"{name}=_MISSING")
            value, defaulted = f"_factory_{name}() if {name} is _MISSING else {name}", True
        elif spec.default is not _MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
            defaulted = True
        elif defaulted:
            raise TypeError(f"{cls.__name__}.{name}: a field without a default follows one with a default")
        else:
            params.append(name)
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = "\n".join([f"def __init__(self, {', '.join(params)}):", *(body or ["    pass"])])
    made: dict[str, Any] = {"__init__": _compiled_when_first_called(source, scope)}
    key = _key(tuple(name for name, spec in fields.items() if spec.compare))
    made.update(_compare(key, order, frozen), __repr__=_repr(tuple(name for name, spec in fields.items() if spec.repr)))
    own = dict(cls.__dict__)
    if frozen:
        made.update(__setattr__=_frozen_setattr, __delattr__=_frozen_delattr)
    if slots:
        own = {attr: held for attr, held in own.items() if attr not in fields and attr not in ("__dict__", "__weakref__")}
        own["__slots__"] = tuple(fields)
        if frozen:
            made.update(__getstate__=_slots_getstate, __setstate__=_slots_setstate)
        cls = type(cls.__name__, cls.__bases__, own)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    for name, function in made.items():
        if name not in own or (name == "__hash__" and not explicit_hash):
            setattr(cls, name, function)
    if not frozen and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]  # equal by value and mutable: unhashable, as a dataclass
    for name, spec in fields.items():
        if not slots and isinstance(own.get(name), Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    cls.__match_args__ = tuple(fields)  # type: ignore[attr-defined,misc]
    return cls


def _compiled_when_first_called(source: str, scope: dict[str, Any]) -> Callable[..., None]:
    """A record's ``__init__``, compiled from ``source`` when a first instance is made, then put
    in the stand-in's place: compiling costs 0.1 to 0.2 ms a class, and most of the classes a
    command imports never make an instance in its run (before the TUI's first frame, 12 of the 18 defined make one)."""
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made: dict[str, Any] = {}
        exec(source, scope, made)
        for owner in type(self).__mro__:
            if owner.__dict__.get("__init__") is __init__:
                owner.__init__ = made["__init__"]  # type: ignore[misc]
        made["__init__"](self, *args, **kwargs)

    return __init__


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of a record's compared fields: what ``==``, the hash and the order look at."""
    if len(names) > 1:
        return attrgetter(*names)
    return (lambda value: (getattr(value, names[0]),)) if names else (lambda value: ())


def _compare(key: Callable[[Any], tuple[Any, ...]], order: bool, frozen: bool) -> dict[str, Any]:
    """``==`` (and with ``order``, ``<`` and the rest) between records of the very same class, and
    for a frozen record, its hash: the methods a dataclass generates, made without compiling."""
    def __eq__(self: Any, other: Any) -> Any:
        return key(self) == key(other) if other.__class__ is self.__class__ else NotImplemented

    def __lt__(self: Any, other: Any) -> Any:
        return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

    def __le__(self: Any, other: Any) -> Any:
        return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self: Any, other: Any) -> Any:
        return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self: Any, other: Any) -> Any:
        return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    made: dict[str, Any] = {"__eq__": __eq__}
    if order:
        made.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    if frozen:
        made["__hash__"] = __hash__
    return made


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in names)})"

    return __repr__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise AttributeError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")


def _slots_getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self.__record_fields__]


def _slots_setstate(self: Any, state: list[Any]) -> None:  # copy and pickle, past the frozen __setattr__
    for name, value in zip(self.__record_fields__, state, strict=True):
        object.__setattr__(self, name, value)


def replace(value: T, /, **changes: Any) -> T:
    """A copy of the record ``value`` with ``changes``; ``__post_init__`` runs on it."""
    given = {name: getattr(value, name) for name in value.__record_fields__}  # type: ignore[attr-defined]
    unknown = changes.keys() - given.keys()
    if unknown:
        raise TypeError(f"{type(value).__name__} has no field {sorted(unknown)[0]!r}")
    return type(value)(**(given | changes))


def as_dict(value: Any) -> Any:
    """A record as a dict of its fields, records inside it too (in lists, tuples and dicts)."""
    if hasattr(type(value), "__record_fields__"):
        return {name: as_dict(getattr(value, name)) for name in value.__record_fields__}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple: made from its fields
        return type(value)(*(as_dict(item) for item in value))
    if isinstance(value, (list, tuple)):
        return type(value)(as_dict(item) for item in value)
    if isinstance(value, dict):
        return {as_dict(key): as_dict(item) for key, item in value.items()}
    return value
