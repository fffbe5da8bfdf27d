"""The words for where figures come from and for a computed figure beside a typed one (domain.reconciliation). The
queries behind them are tested on real uploads in tests/loaders/test_annex_a.py."""

import datetime as dt

import pytest

from domain.reconciliation import Reconciled, Source, comparison_sentence, sources_sentence

OCTOBER = dt.date(2026, 10, 1)
AT = dt.datetime(2026, 11, 5, 9, 30)


def test_sources_name_how_many_figures_were_computed_and_typed_and_for_staff_the_files():
    sources = [
        Source("annex_a", "annex_a_oct.xlsx", 12, AT, 20),
        Source("kpi_return", "return_oct.xlsx", 11, AT, 30),
        Source("kpi_return", "backfill.xlsx", 9, AT, 1),
    ]
    assert sources_sentence(sources, OCTOBER) == (
        "Figures for October 2026: 20 figures computed from the Annex A lists (annex_a_oct.xlsx, submission 12) and "
        "31 figures typed in the monthly return (return_oct.xlsx, submission 11; backfill.xlsx, submission 9)."
    )
    assert sources_sentence(sources, OCTOBER, with_files=False) == (
        "Figures for October 2026: 20 figures computed from the Annex A lists and 31 figures typed in the monthly "
        "return."
    )


def test_one_figure_is_singular_and_a_month_without_figures_says_so():
    assert sources_sentence([Source("kpi_return", "r.xlsx", 3, AT, 1)], OCTOBER, with_files=False) == (
        "Figures for October 2026: 1 figure typed in the monthly return."
    )
    assert sources_sentence([], OCTOBER) == "No figures are loaded for October 2026."


def test_a_computed_figure_beside_a_typed_one_says_whether_they_agree(catalogue):
    kpi = catalogue["CP01"]  # a count
    agrees = comparison_sentence(Reconciled(kpi, OCTOBER, 151.0, 151.0, 12, 11))
    assert agrees == (
        "In October 2026 the figure computed from the Annex A lists (submission 12) is 151; the monthly return "
        "(submission 11) gave 151. They agree."
    )
    differs = comparison_sentence(Reconciled(kpi, OCTOBER, 151.0, 154.0, 12, 11))
    assert differs.endswith(
        "gave 154. They differ by +3 (typed minus computed); the dashboard shows the computed figure, which follows "
        "the written definition."
    )
    one_missing = comparison_sentence(Reconciled(kpi, OCTOBER, 151.0, None, 12, 11))
    assert "Only one of them has a figure" in one_missing


def test_figures_that_round_the_same_agree(catalogue):
    kpi = next(k for k in catalogue if k.unit == "percent" and k.decimals == 1)
    assert Reconciled(kpi, OCTOBER, 81.24, 81.2, 1, 2).agrees
    assert not Reconciled(kpi, OCTOBER, 81.26, 81.2, 1, 2).agrees


def test_an_annual_measure_is_compared_with_the_published_and_march_figures_in_words(catalogue):
    from domain.annual_returns import YearCompared

    year = dt.date(2025, 3, 31)
    assert YearCompared(catalogue["CIC01"], year, 409.0, None, 324.0).sentence() == (
        "No published figure for the year here; the dashboard's March figure is 85 lower."
    )
    assert YearCompared(catalogue["CL01"], year, 21.1, 21.1, 34.6).sentence() == (
        "The same as the published figure; the dashboard's March figure is 13.5 pts higher."
    )
    assert YearCompared(catalogue["CIC01"], year, None, 300.0, None).sentence() == (
        "The published figure is 300; no figure on the dashboard for March."
    )


def test_a_measure_over_the_year_is_set_beside_the_dashboards_twelve_months(catalogue):
    from domain.annual_returns import YearCompared, compare_year, load_annual_definitions
    from domain.child_level import ComputedFigure
    from domain.values import ValueIndex

    year = dt.date(2025, 3, 31)
    months = [dt.date(2024, m, 1) for m in range(4, 13)] + [dt.date(2025, m, 1) for m in range(1, 4)]
    rows = [("CIC03", m, 5.0, None) for m in months]  # starts: 5 a month
    rows += [("FD05", m, 80.0, None, 8.0, 10.0) if m.month != 3 else ("FD05", m, 40.0, None, 4.0, 10.0) for m in months]
    rows += [("CIC01", dt.date(2025, 3, 1), 300.0, None)]
    index = ValueIndex([r if len(r) == 6 else (*r, None, None) for r in rows])
    figures = [ComputedFigure("CIC03", 60.0, None, None, ()), ComputedFigure("FD05", 75.0, 90.0, 120.0, ())]
    figures.append(ComputedFigure("CIC01", 310.0, None, None, ()))
    compared = {r.kpi.code: r for r in compare_year(figures, year, catalogue, {}, index, load_annual_definitions())}
    assert compared["CIC03"].monthly == 60.0 and compared["CIC03"].over_the_year  # 12 x 5
    assert compared["FD05"].monthly == pytest.approx(92 / 120 * 100)  # pooled: (11 x 8 + 4) / (12 x 10)
    assert compared["CIC01"].monthly == 300.0 and not compared["CIC01"].over_the_year  # at 31 March
    assert compared["CIC03"].sentence().endswith("the same as the dashboard's 12 months to March.")
    gap = YearCompared(catalogue["CIC03"], year, 60.0, None, None, over_the_year=True)
    assert gap.sentence().endswith("the dashboard lacks a month of the 12 to March.")
