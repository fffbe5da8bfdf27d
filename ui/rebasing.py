"""What the KPI trend page calls to record, withdraw and list re-basings of a KPI's SPC limits (domain.rebasing),
through one short-lived connection each. The role is checked again by the domain, whatever the page shows."""

import datetime as dt

from accounts.roles import Actor
from database.connection import open_store
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


def history(kpi: Kpi, council: str) -> list[Rebase]:
    with open_store(auth.settings().database) as con:
        return rebasing.history(con, kpi.code, council)
