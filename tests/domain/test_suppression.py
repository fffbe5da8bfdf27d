"""Small-number suppression for the public view: primary, secondary and derived, on cases with known answers."""

import datetime as dt

import pytest

from database.connection import open_store
from domain.catalogue import CatalogueError, parse_catalogue
from domain.scorecard import kpi_row
from domain.store import current_figures
from domain.suppression import Figure, hidden_cells, public_index, suppress

OCT, SEP = dt.date(2026, 10, 1), dt.date(2026, 9, 1)


def count(code, **extra):
    return {
        "code": code,
        "title": f"Count {code}",
        "description": "d",
        "topic": "t",
        "unit": "count",
        "decimals": 0,
        "polarity": "neither",
        "workstreams": ["WS01"],
        "source": "s",
        **extra,
    }


def ratio(code, **extra):
    return {
        **count(code),
        "title": f"Ratio {code}",
        "unit": "percent",
        "decimals": 1,
        "numerator": "n",
        "denominator": "d",
        **extra,
    }


def catalogue(*entries, sums=()):
    return parse_catalogue({"topics": {"t": "T"}, "kpi": list(entries), "sum": list(sums)}, {"WS01"})


def hidden(cat, threshold=4, **figures):
    """figures: CODE=value for counts, CODE=(numerator, denominator) for ratios."""
    return hidden_cells(
        [Figure(code, OCT, None, *v) if isinstance(v, tuple) else Figure(code, OCT, v) for code, v in figures.items()],
        cat,
        threshold,
    )


@pytest.mark.parametrize("value, is_hidden", [(0, False), (1, True), (4, True), (5, False), (None, False)])
def test_primary_counts_of_1_to_4_are_hidden_and_zero_is_shown(value, is_hidden):
    assert hidden(catalogue(count("A")), A=value) == ({"A"} if is_hidden else set())


def test_the_threshold_is_configurable():
    assert hidden(catalogue(count("A")), threshold=2, A=3) == set()
    assert hidden(catalogue(count("A")), threshold=5, A=5) == {"A"}


def test_figures_that_do_not_count_children_can_opt_out():
    assert hidden(catalogue(count("STAFF", suppress_small_numbers=False)), STAFF=2) == set()


def test_a_ratio_is_hidden_when_its_numerator_or_denominator_is_small():
    cat = catalogue(ratio("P"), ratio("Q"), ratio("R"))
    figures = [Figure("P", OCT, 2 / 300 * 100, 2, 300), Figure("Q", OCT, 75.0, 3, 4), Figure("R", OCT, 40.0, 40, 100)]
    shown, suppressed = suppress(figures, cat, 4)
    assert suppressed == {("P", OCT), ("Q", OCT)}
    assert [f.value for f in shown] == [None, None, 40.0]
    assert [(f.numerator, f.denominator) for f in shown] == [(None, None), (None, None), (40, 100)]


def test_secondary_one_hidden_part_hides_the_smallest_other_part():
    cat = catalogue(count("T"), count("A"), count("B"), count("C"), sums=[{"total": "T", "parts": ["A", "B", "C"]}])
    assert hidden(cat, T=19, A=2, B=10, C=7) == {"A", "C"}  # B = T - A - C cannot be worked out either


def test_secondary_a_hidden_total_hides_the_smallest_part():
    cat = catalogue(count("T"), count("A"), count("B"), sums=[{"total": "T", "parts": ["A", "B"]}])
    assert hidden(cat, T=3, A=0, B=3) == {"T", "B"}  # two hidden: nothing more to do
    cat5 = catalogue(count("T"), count("A"), count("B"), sums=[{"total": "T", "parts": ["A", "B"]}])
    assert hidden(cat5, threshold=2, T=2, A=0, B=2) == {"T", "B"}


def test_secondary_suppression_follows_a_chain_of_sums():
    cat = catalogue(
        count("T1"),
        count("T2"),
        count("A"),
        count("B"),
        count("C"),
        sums=[{"total": "T1", "parts": ["A", "B"]}, {"total": "T2", "parts": ["B", "C"]}],
    )
    # A is small; T1 = A + B would give it away, so B goes; then T2 = B + C would give B away, so C goes.
    assert hidden(cat, T1=52, T2=80, A=2, B=50, C=30) == {"A", "B", "C"}


def test_secondary_uses_numerators_and_a_missing_figure_stops_it():
    cat = catalogue(
        count("FOS01"), ratio("FOS04"), count("FOS05"), sums=[{"total": "FOS01", "parts": ["FOS04.numerator", "FOS05"]}]
    )
    assert hidden(cat, FOS01=120, FOS04=(117, 120), FOS05=3) == {"FOS05", "FOS04.numerator"}
    assert hidden(cat, FOS01=None, FOS04=(117, 120), FOS05=3) == {"FOS05"}
    _, suppressed = suppress(
        [Figure("FOS01", OCT, 120), Figure("FOS04", OCT, 97.5, 117, 120), Figure("FOS05", OCT, 3)], cat, 4
    )
    assert suppressed == {("FOS04", OCT), ("FOS05", OCT)}  # the percentage goes with its numerator


@pytest.mark.parametrize(
    "sums, message",
    [
        ([{"total": "A", "parts": ["B"]}], "at least two parts"),
        ([{"total": "A", "parts": ["B", "NOPE"]}], "'NOPE' is not a KPI code"),
        ([{"total": "A", "parts": ["B", "P"]}], "is not a count: name its .numerator"),
        ([{"total": "A", "parts": ["B", "B.numerator"]}], "only a KPI with a numerator"),
    ],
)
def test_mistakes_in_sum_groups_are_refused(sums, message):
    with pytest.raises(CatalogueError, match=message):
        catalogue(count("A"), count("B"), ratio("P"), sums=sums)


def test_changes_involving_a_hidden_month_are_hidden_too():
    cat = catalogue(count("A"))
    rows = [("A", SEP, 3.0, "Three new", None, None), ("A", OCT, 10.0, "note", None, None)]
    index = public_index(rows, cat, 4)
    row = kpi_row(cat["A"], index, OCT, "WS01")
    assert (row.value_text, row.change_month_text) == ("10", "c")  # 10 - 7 would reveal September's 3
    assert kpi_row(cat["A"], index, SEP, "WS01").value_text == "c"
    assert index.commentary("A", OCT) is None  # commentary is not marked for publication
    assert index.history("A", dt.date(2026, 11, 1), 12) == [10.0]


def test_the_demo_public_view_never_shows_a_figure_it_should_hide(demo_db, catalogue):
    """Over every month of the demo data: no shown small count, no shown ratio over a small count, and no sum
    group with exactly one hidden figure."""
    with open_store(demo_db) as con:
        rows = current_figures(con)
    index = public_index(rows, catalogue, 4)
    assert index.suppressed, "the demo data should exercise suppression"
    for code, month, value, _commentary, numerator, denominator, _public in rows:
        kpi = catalogue[code]
        if not kpi.suppress_small_numbers or index.is_suppressed(code, month):
            continue
        assert index.value(code, month) == value
        for number in [numerator, denominator] if kpi.is_ratio else [value] if kpi.unit == "count" else []:
            assert number is None or not 0 < number <= 4, (code, month, number)
    for group in catalogue.sums:
        codes = [member.split(".")[0] for member in (group.total, *group.parts)]
        for month in index.months:
            hidden_count = sum(index.is_suppressed(code, month) for code in codes)
            missing = any(index.value(code, month) is None and not index.is_suppressed(code, month) for code in codes)
            assert hidden_count != 1 or missing, (group, month)


def test_only_commentary_marked_public_reaches_the_public_and_never_beside_a_hidden_figure():
    cat = catalogue(count("A"), count("B"), count("C"))
    rows = [
        ("A", OCT, 50.0, "Public note", None, None, True),
        ("B", OCT, 60.0, "Private note", None, None, False),
        ("C", OCT, 2.0, "Public, but about a small number", None, None, True),
    ]
    index = public_index(rows, cat, 4)
    assert [index.commentary(code, OCT) for code in "ABC"] == ["Public note", None, None]


def test_a_ratio_of_children_without_its_parts_is_hidden():
    """A backfill stores a ratio's value only: 2.5% could be 1 of 40, so the public get "c" (a security test found
    QA02's 1 of 40 shown as 2.5% after a one-cell backfill)."""
    cat = catalogue(ratio("P"), ratio("STAFF", suppress_small_numbers=False))
    shown, suppressed = suppress([Figure("P", OCT, 2.5), Figure("STAFF", OCT, 2.5), Figure("P", SEP, None)], cat, 4)
    assert suppressed == {("P", OCT)}
    assert [f.value for f in shown] == [None, 2.5, None]  # staff figures are not about children; no figure is no data
    assert hidden(cat, P=(1, 40)) == {"P.numerator"} and hidden(cat, P=(10, 40)) == set()


def test_a_small_complement_hides_a_survey_result():
    """38 of 40 children said yes: the 2 who did not are a small number of children too."""
    cat = catalogue(ratio("SURVEY", suppress_complement=True), ratio("OTHER"))
    assert hidden(cat, SURVEY=(38, 40), OTHER=(38, 40)) == {"SURVEY.complement"}
    assert hidden(cat, SURVEY=(40, 40)) == set()  # all said yes: nobody to identify (zero is shown)
    assert hidden(cat, SURVEY=(35, 40)) == set()
    with pytest.raises(CatalogueError, match="suppress_complement needs a numerator"):
        catalogue(count("A", suppress_complement=True))


def test_a_one_cell_backfill_does_not_reveal_a_small_number_to_the_public(tmp_path, catalogue):
    from loaders.ingest import ingest_return
    from loaders.return_writer import write_backfill
    from tests.actors import officer

    path = tmp_path / "one_cell.xlsx"
    november = dt.date(2026, 11, 1)
    write_backfill(path, catalogue, {("QA02", november): 2.5})
    with open_store(tmp_path / "db.duckdb") as con:
        ingest_return(con, path, catalogue, uploaded_by=officer(), today=dt.date(2026, 12, 1), confirm_warnings=True)
        rows = current_figures(con)
    index = public_index(rows, catalogue, 4)
    assert index.is_suppressed("QA02", november) and index.value("QA02", november) is None
    assert kpi_row(catalogue["QA02"], index, november, "WS08").value_text == "c"
