"""Whatever a routines file holds, loading it gives a library or a RoutinesError, never a crash."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import paths
from coach.routines.load import RoutinesError, parse_library

SHIPPED_TEXT = paths.shipped_routines().read_text(encoding="utf-8")
SHIPPED = tomllib.loads(SHIPPED_TEXT)

_values = st.one_of(
    st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.booleans(),
    st.lists(st.integers(-5, 5), max_size=4),
    st.dictionaries(st.sampled_from(["id", "x", "seconds"]), st.integers(-3, 3), max_size=2),
    st.just([]),
    st.just({}),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


ALL_PATHS = _paths(SHIPPED)


def _replace(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    target: Any = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def _load(source: str | bytes) -> None:
    try:
        library = parse_library(source, "fuzz.toml")
    except RoutinesError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file == "fuzz.toml" and problem.message
    else:
        assert library.default_routine in library.routines


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), _values), min_size=1, max_size=3))
def test_any_value_anywhere(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = SHIPPED
    for path, value in changes:
        try:
            data = _replace(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        return  # not expressible in TOML (e.g. a key that is not a string)
    _load(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SHIPPED_TEXT.encode()) - 1), st.binary(min_size=0, max_size=3), st.integers(0, 3))
def test_corrupted_bytes(offset: int, insert: bytes, delete: int) -> None:
    data = SHIPPED_TEXT.encode()
    _load(data[:offset] + insert + data[offset + delete :])
