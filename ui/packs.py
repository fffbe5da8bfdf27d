"""What the Committee packs page calls: build (both versions, stored together), list, and fetch stored files."""

import datetime as dt

import streamlit as st

from accounts.roles import Actor, Permission, can
from database.connection import open_store
from domain.pack_store import StoredPack, list_packs, pack_file
from reports.committee_pack import build_packs
from ui import auth
from ui.context import Context, database_version, published


def audiences(actor: Actor) -> tuple[str, ...]:
    """Members see both versions; the public see only the public one."""
    return ("members", "public") if can(actor, Permission.SEE_FULL_FIGURES) else ("public",)


def build(context: Context, month: dt.date, selected: list[str]) -> dict[str, int]:
    names = published(context)
    label = names.council_label
    with open_store(auth.settings().database) as con:
        return build_packs(
            con,
            context.actor,
            context.catalogue,
            context.workstreams,
            month,
            selected,
            threshold=auth.settings().suppression_threshold,
            council=f"{label} Council",
            council_label=label,
            benchmarks=names.by_kpi,
        )


@st.cache_resource(show_spinner=False, max_entries=8)
def _stored(db_path: str, version: tuple, shown: tuple[str, ...]) -> list[StoredPack]:
    with open_store(db_path) as con:
        return list_packs(con, shown)


def stored(actor: Actor) -> list[StoredPack]:
    return _stored(str(auth.settings().database), database_version(), audiences(actor))


@st.cache_resource(show_spinner=False, max_entries=16)
def _file(db_path: str, pack_id: int, kind: str, shown: tuple[str, ...]) -> bytes:
    """A stored pack never changes, so its files can be kept in memory once read."""
    with open_store(db_path) as con:
        return pack_file(con, pack_id, kind, shown) or b""


def file_bytes(pack_id: int, kind: str, actor: Actor) -> bytes:
    return _file(str(auth.settings().database), pack_id, kind, audiences(actor))
