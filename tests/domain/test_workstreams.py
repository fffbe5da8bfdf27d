"""Reading the improvement plan's workstreams from TOML."""

import pytest

from domain.workstreams import SHORT_NAME_LIMIT, Workstream, WorkstreamError, load_workstreams

ENTRY = 'code = "{code}"\nname = "{name}"\ndescription = "d"\nowner = "o"\n'


def _write(tmp_path, *entries: str):
    path = tmp_path / "workstreams.toml"
    path.write_text("".join(f"[[workstream]]\n{e}\n" for e in entries))
    return path


def test_a_short_name_is_used_where_given_and_the_full_name_where_not(tmp_path):
    path = _write(
        tmp_path,
        ENTRY.format(code="WS01", name="Front door and multi-agency response") + 'short_name = "Front door"\n',
        ENTRY.format(code="WS02", name="Care leavers"),
    )
    workstreams = load_workstreams(path)
    assert [w.short for w in workstreams.values()] == ["Front door", "Care leavers"]
    assert workstreams["WS01"].label == "WS01 Front door and multi-agency response"


def test_a_short_name_too_long_for_the_overview_is_refused_with_its_code_and_length(tmp_path):
    long = "x" * (SHORT_NAME_LIMIT + 1)
    path = _write(tmp_path, ENTRY.format(code="WS07", name="Workforce") + f'short_name = "{long}"\n')
    with pytest.raises(WorkstreamError, match=rf"WS07: short_name '{long}' has {SHORT_NAME_LIMIT + 1} characters"):
        load_workstreams(path)


def test_every_problem_is_named_at_once(tmp_path):
    path = _write(
        tmp_path,
        'code = "WS01"\nname = "A"\n',
        ENTRY.format(code="WS02", name="B"),
        ENTRY.format(code="WS02", name="C"),
    )
    with pytest.raises(WorkstreamError) as raised:
        load_workstreams(path)
    assert "workstream 1: missing description, owner" in str(raised.value)
    assert "workstream WS02: code used twice" in str(raised.value)


def test_the_shipped_plan_gives_every_workstream_a_short_name_that_fits(workstreams):
    assert all(isinstance(w, Workstream) and 0 < len(w.short_name) <= SHORT_NAME_LIMIT for w in workstreams.values())
