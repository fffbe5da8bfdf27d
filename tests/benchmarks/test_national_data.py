"""The national-scale generator: every council's figures, kept apart, through the loaders' storing code."""

from benchmarks.national_data import council_codes, generate
from config import current
from database.connection import open_store
from domain.plan_store import snapshots
from domain.store import councils_held, current_figures, is_demo_database


def test_153_councils_are_englands_without_the_two_dfe_publishes_with_neighbours():
    codes = council_codes(153)
    assert len(codes) == len(set(codes)) == 153
    assert current().home_council in codes and "201" not in codes and "420" not in codes


def test_each_council_gets_every_kpi_for_every_month_and_its_own_action_log(tmp_path, catalogue):
    out = tmp_path / "national.duckdb"
    generate(out, 3, 14)
    with open_store(out) as con:
        held = councils_held(con)
        assert len(held) == 3
        for code in held:
            figures = current_figures(con, code)
            assert len(figures) == 14 * len(catalogue)  # 2 months of backfill, then 12 monthly returns
            assert all(value is not None for _, _, value, *_ in figures)
            assert len(snapshots(con, code)) == 46  # the demo plan's monthly snapshots
        per_council = con.execute("SELECT council, count(*) FROM submissions GROUP BY ALL").fetchall()
        assert sorted(n for _, n in per_council) == [1 + 12 + 46] * 3
        assert is_demo_database(con)  # invented figures are marked as such
        latest = [{(kpi, month): value for kpi, month, value, *_ in current_figures(con, code)} for code in held]
        key = max(latest[0])
        assert len({figures[key] for figures in latest}) == 3  # each council has its own figures
