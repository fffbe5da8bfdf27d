"""Reading a TOML file a council edits by hand: a slip in typing it is reported in the error the caller names,
with the file and the line, and a file that cannot be opened says so."""

import pytest

from config.toml_files import read_toml
from domain.workstreams import WorkstreamError


def test_a_file_is_read(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('[[workstream]]\ncode = "WS01"\n')
    assert read_toml(path, WorkstreamError) == {"workstream": [{"code": "WS01"}]}


def test_a_slip_in_typing_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('[[workstream]]\ncode = "WS01"\nname = "Front door\n')
    with pytest.raises(WorkstreamError) as raised:
        read_toml(path, WorkstreamError)
    assert str(raised.value).startswith(f"{path}: this is not valid TOML, so none of the file can be used: ")
    assert "(at line 3, column " in str(raised.value)


def test_a_file_that_cannot_be_opened_says_so(tmp_path):
    with pytest.raises(WorkstreamError, match=r"missing\.toml: cannot be read \(No such file or directory\)"):
        read_toml(tmp_path / "missing.toml", WorkstreamError)
