"""The key-to-line locator that lets problems name their line."""

from __future__ import annotations

import tomllib

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.routines.lines import line_of, locate_keys

DOC = '''\
# comment [not.a.table]
title = "a"  # trailing comment
list = [
    "one",   # first
    "two",
]
text = """
[fake.header]
fake = 1
"""
quoted = 'say "hi" # not a comment'
"odd key" = 1
dotted.inner = 2
inline = { a = 1, b = [1, 2] }

[routines.full]
name = "Full"

[[routines.full.steps]]
id = "a"

[[routines.full.steps.phases]]
id = "a1"

[[routines.full.steps.phases]]
id = "a2"

[[routines.full.steps]]
id = "b"

[[routines.full.steps.phases]]
id = "b1"

[routines.other]
name = "Other"
'''


def lines_of(fragment: str) -> int:
    return DOC.splitlines().index(fragment) + 1


def test_document_is_valid_toml() -> None:
    assert tomllib.loads(DOC)["routines"]["full"]["steps"][1]["phases"][0]["id"] == "b1"


def test_plain_keys_and_array_items() -> None:
    lines = locate_keys(DOC)
    assert lines[("title",)] == 2
    assert lines[("list",)] == 3
    assert lines[("list", 0)] == 4
    assert lines[("list", 1)] == 5
    assert lines[("quoted",)] == lines_of("quoted = 'say \"hi\" # not a comment'")


def test_multiline_string_content_is_not_read_as_keys() -> None:
    lines = locate_keys(DOC)
    assert ("fake",) not in lines
    assert ("fake", "header") not in lines
    assert lines[("text",)] == 7


def test_quoted_dotted_and_inline_keys() -> None:
    lines = locate_keys(DOC)
    assert lines[("odd key",)] == lines_of('"odd key" = 1')
    assert lines[("dotted", "inner")] == lines_of("dotted.inner = 2")
    assert lines[("inline", "b", 1)] == lines_of("inline = { a = 1, b = [1, 2] }")


def test_nested_arrays_of_tables_count_from_zero_under_each_parent() -> None:
    lines = locate_keys(DOC)
    steps = ("routines", "full", "steps")
    assert lines[(*steps, 0, "id")] == lines_of('id = "a"')
    assert lines[(*steps, 0, "phases", 1, "id")] == lines_of('id = "a2"')
    assert lines[(*steps, 1, "id")] == lines_of('id = "b"')
    assert lines[(*steps, 1, "phases", 0, "id")] == lines_of('id = "b1"')
    assert (*steps, 1, "phases", 1) not in lines
    assert lines[("routines", "other", "name")] == lines_of('name = "Other"')


def test_line_of_falls_back_to_the_enclosing_table() -> None:
    lines = locate_keys(DOC)
    header = DOC.splitlines().index("[[routines.full.steps]]", 20) + 1
    assert line_of(lines, ("routines", "full", "steps", 1, "missing")) == header
    assert line_of(lines, ("nowhere",)) is None


def test_garbage_never_raises() -> None:
    assert locate_keys('a = "unterminated\n[[x') == {("a",): 1}


_keys = st.text(alphabet="abcxyz_-", min_size=1, max_size=6)
_scalars = st.one_of(st.integers(-5, 5), st.text(alphabet='ab "\\\n[]=#', max_size=8), st.booleans())
_tables = st.recursive(
    st.dictionaries(_keys, _scalars, min_size=1, max_size=3),
    lambda inner: st.dictionaries(
        _keys, st.one_of(_scalars, inner, st.lists(inner, min_size=1, max_size=2)), min_size=1, max_size=3
    ),
    max_leaves=12,
)


def _paths(value: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(((*prefix, key), key))
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@settings(max_examples=60, deadline=None)
@given(_tables)
def test_every_key_tomli_w_writes_is_found_on_a_line_naming_it(data: dict[str, object]) -> None:
    text = tomli_w.dumps(data)
    lines = locate_keys(text)
    source = text.splitlines()
    for path, key in _paths(data):
        assert path in lines, (path, text)
        assert key in source[lines[path] - 1], (path, text)


def test_strings_ending_in_quotes_and_escaped_keys() -> None:
    doc = 'a = """say ""hi"""""\nb = \'\'\'it\'s\'\'\'\'\n"q\\"k" = 1\nc = "\\"" # x\nd = 2\n'
    assert tomllib.loads(doc) == {"a": 'say ""hi""', "b": "it's'", 'q"k': 1, "c": '"', "d": 2}
    assert locate_keys(doc) == {("a",): 1, ("b",): 2, ('q"k',): 3, ("c",): 4, ("d",): 5}
