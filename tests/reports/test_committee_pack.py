"""The committee pack, built from the demo data: both versions stored unchanged with their sources, PDF text and
Excel cells as members and the public should see them, and what changed since the previous pack."""

import dataclasses
import datetime as dt
import hashlib
import io
import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import NotAllowed, Role
from config import current
from database.connection import open_store
from domain.benchmarks import load_benchmarks
from domain.pack_store import list_packs, pack_file
from domain.reporting_period import ReportingPeriod
from domain.store import current_figures
from domain.values import ValueIndex
from reports.committee_pack import build_packs
from tests.actors import person

SEP, OCT = dt.date(2026, 9, 1), dt.date(2026, 10, 1)
DIRECTOR = person(Role.DIRECTOR, "demo.director")


@pytest.fixture(scope="module")
def packs(demo_db, tmp_path_factory, catalogue, workstreams):
    """A copy of the demo database with packs for September and October 2026 (both audiences)."""
    db = tmp_path_factory.mktemp("packs") / "packs.duckdb"
    shutil.copy(demo_db, db)
    return db, [build_all(db, catalogue, workstreams, month) for month in (SEP, OCT)]


def build_all(db, catalogue, workstreams, month) -> dict[str, int]:
    """Build both versions of the pack of every workstream for `month`, as a director."""
    with open_store(db) as con:
        return build_packs(
            con,
            DIRECTOR,
            catalogue,
            workstreams,
            month,
            [],
            threshold=4,
            council="Herefordshire Council",
            council_label="Herefordshire",
            benchmarks=load_benchmarks(current().benchmarks),
        )


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def file(db, pack_id, kind, audience):
    with open_store(db) as con:
        return pack_file(con, pack_id, kind, (audience,))


def test_each_build_stores_a_members_and_a_public_pack_with_hashes_and_sources(packs):
    db, ids = packs
    assert ids == [{"members": 1, "public": 2}, {"members": 3, "public": 4}]
    with open_store(db) as con:
        stored = {p.pack_id: p for p in list_packs(con, ("members", "public"))}
        submissions = dict(con.execute("SELECT submission_id, sha256 FROM submissions").fetchall())
        audit = con.execute(
            "SELECT actor, action, subject FROM audit_log WHERE action = 'build pack' ORDER BY audit_id"
        ).fetchall()
    october = stored[3]
    assert (october.month, october.audience, october.built_by, october.workstreams) == (
        OCT,
        "members",
        "demo.director",
        [],
    )
    for kind in ("pdf", "xlsx"):  # downloaded again: byte for byte what was built
        assert hashlib.sha256(file(db, 3, kind, "members")).hexdigest() == getattr(october, f"{kind}_sha256")
    assert {s.kind for s in october.sources} == {"kpi_return", "action_log"}
    assert all(submissions[s.submission_id] == s.sha256 for s in october.sources)
    assert audit == [("demo.director", "build pack", f"pack {n}") for n in (1, 2, 3, 4)]


def test_the_public_cannot_fetch_the_members_pack(packs):
    db, _ = packs
    assert file(db, 3, "pdf", "public") is None and file(db, 4, "pdf", "public").startswith(b"%PDF")


def test_the_pdf_names_the_month_and_shows_status_as_shape_and_word(packs):
    db, _ = packs
    text = text_of(file(db, 3, "pdf", "members"))
    assert "performance pack for October 2026" in text and "Herefordshire Council" in text
    assert "■ Red" in text and "▲ Amber" in text and "★ Blue" in text
    assert "Repeat child protection plans" in text and "Commentary" in text  # a Red KPI's page
    # the changes are numbers; the direction of travel is the SPC verdict, in the scorecard's words
    assert (
        "Since last month: −8.0 pts; since last year: −1.3 pts; direction of travel: worsening. Red: 28.4% against a "
        "target of at most 20.0%, 8.4 points worse, more than the 3.0-point tolerance."
    ) in " ".join(text.split())
    # the chart shows two years; its mean and limits come from the baseline, and its key says so
    assert "The mean and limits are worked out from April 2021 to November 2022 and extended forward." in " ".join(
        text.split()
    )


def test_the_public_pdf_shows_c_and_no_commentary(packs):
    db, _ = packs
    public, members = text_of(file(db, 4, "pdf", "public")), text_of(file(db, 3, "pdf", "members"))

    def qa02(text):
        """The scorecard's QA02 row, however its title wraps."""
        start = text.index("QA02 Case audits rated")
        return text[start : text.index("QA03", start)]

    assert "2.5%" in qa02(members) and "2.5%" not in qa02(public)
    assert "c Not shown" in public and "\nCommentary" not in public


def test_the_excel_pack_has_the_same_figures_brag_formatting_and_a_sheet_per_workstream(packs, workstreams):
    db, _ = packs
    members = load_workbook(io.BytesIO(file(db, 3, "xlsx", "members")))
    public = load_workbook(io.BytesIO(file(db, 4, "xlsx", "public")))
    assert len(members.sheetnames) == 3 + len(workstreams) and members.sheetnames[:2] == ["Cover", "Scorecard"]

    def row(sheet):
        return next(r for r in sheet.iter_rows(values_only=True) if r[1] == "QA02")

    assert row(members["Scorecard"])[4] == pytest.approx(2.5) and row(public["Scorecard"])[4] == "c"
    assert next(members["Scorecard"].iter_rows(values_only=True))[-1] == "Commentary"
    rules = [rule.formula[0] for area in members["Scorecard"].conditional_formatting for rule in area.rules]
    assert {'"Red"', '"Amber"', '"Green"', '"Blue"'} <= set(rules)


def test_the_second_pack_says_what_changed_since_the_first(packs):
    db, _ = packs
    text = text_of(file(db, 3, "pdf", "members"))
    changes = text[text.index("What changed since the previous pack") :]
    assert "since the pack for September 2026" in changes
    assert "CP06 Initial child protection conferences within 15 working days ▲ Amber ● Green" in changes
    first = text_of(file(db, 1, "pdf", "members"))
    assert "This is the first stored pack" in first


def test_only_directors_and_the_performance_team_build_packs(packs, catalogue, workstreams):
    db, _ = packs
    with open_store(db) as con:
        before = con.execute("SELECT count(*) FROM packs").fetchone()
        for role in (None, Role.VIEWER, Role.ADMIN):
            with pytest.raises(NotAllowed):
                build_packs(
                    con,
                    person(role),
                    catalogue,
                    workstreams,
                    OCT,
                    [],
                    threshold=4,
                    council="x",
                    council_label="x",
                    benchmarks={},
                )
        assert con.execute("SELECT count(*) FROM packs").fetchone() == before


def test_the_public_pack_carries_only_commentary_marked_public(packs, catalogue, workstreams):
    """March 2023 in the demo: workforce commentary is marked public, the assessment team's is not. (Built last, so
    the earlier tests see only the September and October packs.)"""
    db, _ = packs
    with open_store(db) as con:
        ids = build_packs(
            con,
            DIRECTOR,
            catalogue,
            workstreams,
            dt.date(2023, 3, 1),
            [],
            threshold=4,
            council="Herefordshire Council",
            council_label="Herefordshire",
            benchmarks={},
        )

    def text(audience):
        sheet = load_workbook(io.BytesIO(file(db, ids[audience], "xlsx", audience)))["Scorecard"]
        return "".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)

    assert "Agency cover remains high" in text("members") and "The backlog of assessments" in text("members")
    assert "Agency cover remains high" in text("public") and "The backlog of assessments" not in text("public")


def test_only_the_members_pack_lists_the_uploads_file_names_and_fingerprints(packs):
    db, _ = packs
    with open_store(db) as con:
        sources = {p.pack_id: p.sources for p in list_packs(con, ("members", "public"))}[3]
    example = sources[-1]
    members_pdf, public_pdf = (
        " ".join(text_of(file(db, n, "pdf", a)).split()) for n, a in ((3, "members"), (4, "public"))
    )
    members_xlsx, public_xlsx = (
        " ".join(
            str(v)
            for row in load_workbook(io.BytesIO(file(db, n, "xlsx", a)))["Cover"].iter_rows(values_only=True)
            for v in row
            if v is not None
        )
        for n, a in ((3, "members"), (4, "public"))
    )
    for members in (members_pdf, members_xlsx):
        assert example.file_name in members and example.sha256[:20] in members.replace(" ", "")
    returns = sum(s.kind == "kpi_return" for s in sources)
    assert (returns, len(sources) - returns) == (67, 1)  # every demo month, and the October action log
    for public in (public_pdf, public_xlsx):
        assert example.file_name not in public and example.sha256[:20] not in public.replace(" ", "")
        assert "comes from 67 monthly returns and 1 action log uploaded by the council's performance team" in public


def test_the_pack_has_the_voice_pages_sentences_for_its_month(packs, demo_db, catalogue):
    """The screen's "Voice of children and families" in the pack, told by the same functions."""
    from domain.voice import voice_lines

    db, _ = packs
    text = " ".join(text_of(file(db, 3, "pdf", "members")).split())
    with open_store(demo_db) as con:
        index = ValueIndex(current_figures(con))
    lines = voice_lines(catalogue, index, dt.date(2026, 10, 1))
    assert "Voice of children and families" in text and len(lines) == 3
    assert lines[0].startswith("In October 2026, ") and "children and young people who answered said yes" in lines[0]
    for line in lines:
        assert line in text
    assert "Appendix: where the figures come from" in text


def test_the_pdfs_workstream_table_names_the_overdue_actions(packs):
    db, _ = packs
    text = " ".join(text_of(file(db, 3, "pdf", "members")).split())
    assert "Workstream ★ Blue ● Green ▲ Amber ■ Red Overdue Verdict" in text
    assert "overdue" in text and "WS07-0" in text  # the demo's workforce actions running late


def test_the_pack_says_what_happened_to_the_actions_since_the_log_before_as_the_timeline_does(packs):
    db, _ = packs
    text = " ".join(text_of(file(db, 3, "pdf", "members")).split())
    assert "What happened to the actions since the action log of 30 September 2026" in text
    assert "Happened Action Detail" in text
    assert "Slipped WS10-02 Joint commissioning of therapies with health ● Green to ▲ Amber" in text
    assert "Slipped WS04-03" in text and "now past its due date of 30 September 2026" in text
    workbook = load_workbook(io.BytesIO(file(db, 3, "xlsx", "members")))
    send = next(workbook[name] for name in workbook.sheetnames if name.startswith("WS10"))
    rows = [[cell for cell in row if cell is not None] for row in send.iter_rows(values_only=True)]
    header = rows.index(["Action", "What", "Happened", "Detail"])
    assert rows[header - 1] == ["What happened to the actions since the action log of 30 September 2026"]
    assert rows[header + 1] == [
        "WS10-02",
        "Joint commissioning of therapies with health",
        "Slipped",
        "● Green to ▲ Amber",
    ]
    care_leavers = next(workbook[name] for name in workbook.sheetnames if name.startswith("WS06"))
    assert ("No action was completed, slipped, improved, added or removed.",) in [
        tuple(c for c in row if c is not None) for row in care_leavers.iter_rows(values_only=True)
    ]


def test_a_workstream_the_plan_has_closed_is_left_out_of_a_later_months_pack(demo_db, tmp_path, catalogue, workstreams):
    closed = dict(workstreams)
    closed["WS10"] = dataclasses.replace(workstreams["WS10"], period=ReportingPeriod(last=SEP))
    db = tmp_path / "packs.duckdb"
    shutil.copy(demo_db, db)
    ids = build_all(db, catalogue, closed, OCT)
    sheets = load_workbook(io.BytesIO(file(db, ids["members"], "xlsx", "members"))).sheetnames
    assert len(sheets) == 3 + len(workstreams) - 1
    assert any(name.startswith("WS09") for name in sheets) and not any(name.startswith("WS10") for name in sheets)
    assert "WS10 " not in text_of(file(db, ids["members"], "pdf", "members"))
