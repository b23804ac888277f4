"""edcal.record against the dataclasses module, its reference: the same class made both ways, on
generated fields and options, behaves the same way."""

import copy
import dataclasses
import operator
import pickle
from datetime import date
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edcal import record as rec
from edcal.domain.models import Post, Status
from edcal.domain.week import Week

KINDS = ("required", "default", "factory")
values = {int: st.integers(-3, 3), str: st.text("ab", max_size=2)}


@st.composite
def specs(draw):
    """A class: its fields (name, type, kind, default, compare, repr) and its options."""
    count = draw(st.integers(0, 5))
    fields = []
    for n in range(count):
        kind = draw(st.sampled_from(KINDS))
        kind_type = list if kind == "factory" else draw(st.sampled_from([int, str]))
        default = None if kind != "default" else draw(values[kind_type])
        fields.append((f"f{n}", kind_type, kind, default, draw(st.booleans()), draw(st.booleans())))
    fields.sort(key=lambda f: f[2] != "required")  # the ones without a default first, as both need
    options = {"frozen": draw(st.booleans()), "order": draw(st.booleans()), "slots": draw(st.booleans())}
    return fields, options, draw(st.booleans())


def make(spec, maker, field):
    fields, options, post_init = spec
    namespace = {"__annotations__": {name: kind_type.__name__ for name, kind_type, *_ in fields}, "calls": 0}
    for name, _, kind, default, compare, shown in fields:
        if kind == "default":
            namespace[name] = field(default=default, compare=compare, repr=shown)
        elif kind == "factory":
            namespace[name] = field(default_factory=list, compare=compare, repr=shown)
        else:
            namespace[name] = field(compare=compare, repr=shown)
    if post_init:
        seen = []
        namespace["__post_init__"] = lambda self: seen.append(1)
        namespace["seen"] = seen
    return maker(type("Item", (), namespace), **options)


def both(spec):
    return (make(spec, dataclasses.dataclass, dataclasses.field),
            make(spec, lambda cls, **options: rec.record(**options)(cls), rec.field))


def arguments(draw, fields):
    return [draw(st.lists(st.integers(-2, 2), max_size=2)) if kind_type is list else draw(values[kind_type])
            for _, kind_type, *_ in fields]


def outcome(call):
    """What a call gives: its value, or the kind of exception it raises."""
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - the kind is what is compared
        return type(exc).__name__


def refused(assignment):
    try:
        assignment()
    except AttributeError:  # dataclasses' FrozenInstanceError is one
        return True
    return False


@settings(max_examples=300, deadline=None)
@given(spec=specs(), data=st.data())
def test_a_record_behaves_as_the_dataclass_made_from_the_same_class(spec, data):
    fields, options, post_init = spec
    made = both(spec)
    first, second = arguments(data.draw, fields), arguments(data.draw, fields)
    keywords = data.draw(st.integers(0, len(fields)))  # the last ones given by name
    for cls in made:
        cls.instances = [cls(*first[:keywords], **{f[0]: v for f, v in zip(fields[keywords:], first[keywords:], strict=True)}),
                         cls(*second)]
    (d1, d2), (r1, r2) = (cls.instances for cls in made)
    assert repr(r1) == repr(d1) and repr(r2) == repr(d2)
    assert (r1 == r2) == (d1 == d2) and r1 == copy.deepcopy(r1) and (r1 != r2) == (d1 != d2)
    assert (r1 == object()) is False and r1.__eq__(d1) is NotImplemented
    assert outcome(lambda: hash(r1)) == outcome(lambda: hash(d1))  # the very same hash: of the same tuple
    for compare in (operator.lt, operator.le, operator.gt, operator.ge):
        assert outcome(partial(compare, r1, r2)) == outcome(partial(compare, d1, d2))
    assert rec.as_dict(r1) == dataclasses.asdict(d1)
    assert made[1].__match_args__ == made[0].__match_args__
    if post_init:
        assert len(made[1].seen) == len(made[0].seen) == 2
    if fields:
        name = fields[-1][0]
        changed = {name: second[-1]}
        assert repr(rec.replace(r1, **changed)) == repr(dataclasses.replace(d1, **changed))
        assert refused(lambda: setattr(r1, name, second[-1])) == refused(lambda: setattr(d1, name, second[-1])) \
            == options["frozen"]
        assert repr(r1) == repr(d1)  # both took the assignment, or neither
    assert outcome(lambda: rec.replace(r1, nonsense=1)) == "TypeError"
    assert hasattr(r1, "__dict__") == hasattr(d1, "__dict__")  # slots: neither has one


def test_the_mistakes_a_dataclass_refuses_a_record_refuses():
    with pytest.raises(TypeError, match="without a default follows"):
        rec.record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))
    with pytest.raises(ValueError, match="mutable default"):
        rec.record(type("Bad", (), {"__annotations__": {"a": "list"}, "a": []}))
    with pytest.raises(AttributeError, match="cannot assign to field 'title'"):
        Post(platform="x").title = "changed"  # type: ignore[misc]


def test_frozen_records_with_slots_copy_and_pickle():
    @rec.record(slots=True)
    class Point:
        x: int
        y: int = 0

    point = Point(1, 2)
    assert copy.deepcopy(point) == point and copy.copy(point) == point
    assert not hasattr(point, "__dict__") and Point.__slots__ == ("x", "y")
    week = Week.of(date(2026, 12, 31))
    assert pickle.loads(pickle.dumps(week)) == week and week.start == date(2026, 12, 28)


def test_a_record_keeps_what_its_class_writes_and_inherits_fields():
    @rec.record
    class Base:
        a: int
        b: str = "b"

        def __repr__(self):
            return "mine"

    @rec.record(order=True)
    class Child(Base):
        c: int = 0

    assert repr(Base(1)) == "mine" and Child(1, "x", 2) < Child(1, "x", 3)
    assert tuple(Child.__record_fields__) == ("a", "b", "c") and Child.__match_args__ == ("a", "b", "c")


def test_as_dict_goes_into_records_inside_lists_tuples_named_tuples_and_dicts():
    from collections import namedtuple

    @dataclasses.dataclass
    class Inner:
        n: int

    @rec.record(frozen=False)
    class RInner:
        n: int

    Pair = namedtuple("Pair", "left right")

    @dataclasses.dataclass
    class Outer:
        items: list
        pair: tuple
        by: dict

    @rec.record(frozen=False)
    class ROuter:
        items: list
        pair: tuple
        by: dict

    made = dataclasses.asdict(Outer([Inner(1)], Pair(Inner(2), (Inner(3),)), {"k": Inner(4)}))
    assert rec.as_dict(ROuter([RInner(1)], Pair(RInner(2), (RInner(3),)), {"k": RInner(4)})) == made
    assert type(rec.as_dict(Pair(RInner(2), 0))) is Pair


def test_edcal_values_round_trip_through_replace_and_pickle():
    post = Post(platform="x", title="Launch", body="Hello", status=Status.DRAFT, thread=("a", "b"))
    assert rec.replace(post, title="Other").title == "Other" and rec.replace(post, title="Launch") == post
    assert pickle.loads(pickle.dumps(post)) == post and hash(post) == hash(copy.deepcopy(post))


def test_the_first_instance_compiles_init_once_whichever_class_makes_it():
    """``__init__`` is compiled when a first instance is made, and put on the record's class: a
    plain subclass making the first one, or a first call with wrong arguments, change nothing."""
    @rec.record
    class Base:
        x: int
        y: int = 2

    class Plain(Base):
        pass

    stand_in = Base.__init__
    with pytest.raises(TypeError):
        Base(1, 2, 3)  # refused as the compiled __init__ refuses it
    assert Plain(1).y == 2 and "__init__" not in Plain.__dict__
    assert Base.__init__ is not stand_in  # compiled, on the record's own class
    compiled = Base.__init__
    assert Base(3).x == 3 and Base.__init__ is compiled  # not compiled again
    with pytest.raises(TypeError):
        Base()
