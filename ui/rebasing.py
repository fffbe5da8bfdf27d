"""What the KPI trend page calls to record, withdraw and list re-basings of a KPI's SPC limits (domain.rebasing),
through one short-lived connection each (the list cached per database version). The role is checked again by the
domain, whatever the page shows."""

import datetime as dt

import streamlit as st

from accounts.roles import Actor
from database.connection import file_version, open_store
from domain import rebasing
from domain.catalogue import Kpi
from domain.rebasing import Rebase
from domain.values import ValueIndex
from ui import auth


def record(actor: Actor, kpi: Kpi, index: ValueIndex, month: dt.date, reason: str, council: str) -> Rebase:
    with open_store(auth.settings().database) as con:
        return rebasing.record_rebase(con, actor, kpi, index, month, reason, council)


def withdraw(actor: Actor, rebase_id: int) -> None:
    with open_store(auth.settings().database) as con:
        rebasing.withdraw_rebase(con, actor, rebase_id)


@st.cache_resource(show_spinner=False, max_entries=32)
def _history(db_path: str, version: tuple, kpi_code: str, council: str) -> tuple[Rebase, ...]:
    with open_store(db_path) as con:
        return tuple(rebasing.history(con, kpi_code, council))


def history(kpi: Kpi, council: str) -> tuple[Rebase, ...]:
    """Every re-basing of the KPI's limits, withdrawn ones included: read once per database version, so a trend
    page view need not open the database (a recording or withdrawal changes the file, and so the key)."""
    db = auth.settings().database
    return _history(str(db), file_version(db), kpi.code, council)
