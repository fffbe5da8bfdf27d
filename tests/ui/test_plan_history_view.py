"""The Timeline's month by month as HTML (ui.plan_history_view)."""

import datetime as dt

from domain.brag import Status
from domain.plan import Action, Snapshot
from domain.plan_history import plan_history
from ui.plan_history_view import SHOWN_MONTHS, plan_history_html


def log(month: int, status: Status) -> Snapshot:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=31 * month)
    action = Action(
        "A1", "WS01", "Hire <managers>", "SRO", None, None, dt.date(2030, 1, 1), status, None, (), "Done & dusted"
    )
    return Snapshot(day, day.replace(day=1), (action,))


def test_the_latest_months_show_the_rest_are_one_click_away_and_typed_text_is_escaped():
    statuses = [Status.GREEN, Status.AMBER] * SHOWN_MONTHS + [Status.GREEN]  # a change every month after the first
    history = plan_history([log(n, s) for n, s in enumerate(statuses)], [], None)
    html = plan_history_html(history, {}, {"WS01": "WS01 Workforce"})
    shown, earlier = html.split("<details>")
    assert shown.count("<h3>") == SHOWN_MONTHS
    assert "<summary>Show the 13 earlier months</summary>" in earlier and earlier.count("<h3>") == 13
    assert "Hire &lt;managers&gt;" in html and "Done &amp; dusted" in html and "<managers>" not in html
    assert 'href="workstreams?open=WS01+Workforce#workstream-detail"' in html
