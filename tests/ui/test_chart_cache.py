"""Chart specs are built once per set of inputs, and again whenever the inputs change."""

import altair as alt
import pandas as pd

from ui.chart_cache import chart_spec

built = []


def line_chart(frame: pd.DataFrame, title: str) -> alt.Chart:
    built.append(title)
    return alt.Chart(frame, title=title).mark_line().encode(x="month:T", y="value:Q").properties(height=200)


def test_the_same_figures_reuse_the_spec_and_changed_figures_build_a_new_one():
    built.clear()
    frame = pd.DataFrame({"month": pd.to_datetime(["2026-09-01", "2026-10-01"]), "value": [1.0, 2.0]})
    first = chart_spec(line_chart, frame, "cache test")
    again = chart_spec(line_chart, frame.copy(), "cache test")  # equal figures, a different object
    assert built == ["cache test"]
    assert again == first
    changed = frame.assign(value=[1.0, 3.0])  # e.g. a revised October figure after an upload
    revised = chart_spec(line_chart, changed, "cache test")
    assert built == ["cache test", "cache test"]
    values = next(iter(revised["datasets"].values()))
    assert [row["value"] for row in values] == [1.0, 3.0]


def test_a_spec_handed_out_cannot_change_the_cached_one():
    frame = pd.DataFrame({"month": pd.to_datetime(["2026-10-01"]), "value": [5.0]})
    spec = chart_spec(line_chart, frame, "copy test")
    spec["title"] = "changed by a caller"
    next(iter(spec["datasets"].values()))[0]["value"] = -1
    fresh = chart_spec(line_chart, frame, "copy test")
    assert fresh["title"] == "copy test"
    assert next(iter(fresh["datasets"].values()))[0]["value"] == 5.0


def test_altair_default_size_is_left_to_streamlit():
    frame = pd.DataFrame({"month": pd.to_datetime(["2026-10-01"]), "value": [5.0]})
    view = chart_spec(line_chart, frame, "size test").get("config", {}).get("view", {})
    assert "continuousWidth" not in view and "continuousHeight" not in view
