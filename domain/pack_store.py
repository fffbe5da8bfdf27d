"""Stored committee packs: each is kept exactly as built, with the submissions its figures came from, so "the pack
as presented on 12 March" can be downloaded again unchanged."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import duckdb

from accounts import audit
from accounts.roles import Actor, Permission, require
from config import current
from database.connection import transaction
from domain.pack import PackContent, Source


@dataclass(frozen=True)
class StoredPack:
    pack_id: int
    built_at: dt.datetime
    built_by: str
    month: dt.date
    workstreams: list[str]
    audience: str
    sources: list[Source]
    pdf_sha256: str
    xlsx_sha256: str


def sources_for(
    con: duckdb.DuckDBPyConnection,
    codes: list[str],
    month: dt.date,
    snapshot_month: dt.date | None,
    council: str | None = None,
) -> list[Source]:
    """The accepted submissions that supply the figures shown for these KPIs up to `month`, and the action log
    snapshot's submission, for one council (this dashboard's own unless given)."""
    rows = con.execute(
        """SELECT DISTINCT s.submission_id, s.file_name, s.sha256, s.kind FROM submissions AS s
           WHERE s.submission_id IN (SELECT submission_id FROM current_kpi_values
                                     WHERE kpi_code IN (SELECT unnest(?)) AND month <= ? AND council = ?)
              OR s.submission_id IN (SELECT submission_id FROM current_plan_actions
                                     WHERE snapshot_month = ? AND council = ?)
           ORDER BY s.submission_id""",
        [codes, month, council or current().home_council, snapshot_month, council or current().home_council],
    ).fetchall()
    return [Source(*row) for row in rows]


def previous_statuses(
    con: duckdb.DuckDBPyConnection, audience: str, month: dt.date
) -> tuple[dt.date, dict[str, str]] | None:
    """The month and KPI statuses of the latest stored pack for an earlier month, for 'what changed'."""
    row = con.execute(
        """SELECT month, statuses FROM packs WHERE audience = ? AND month < ?
           ORDER BY month DESC, pack_id DESC LIMIT 1""",
        [audience, month],
    ).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def save_packs(
    con: duckdb.DuckDBPyConnection, actor: Actor, built: list[tuple[PackContent, bytes, bytes]], selected: list[str]
) -> dict[str, int]:
    """Store built packs (content, PDF, Excel) and record each in the audit log, all in one transaction.
    Returns {audience: pack id}."""
    require(actor, Permission.BUILD_PACK)
    ids = {}
    with transaction(con):
        for content, pdf, xlsx in built:
            pack_id = con.execute(
                """INSERT INTO packs (built_at, built_by, month, workstreams, audience, sources, statuses, pdf,
                                      pdf_sha256, xlsx, xlsx_sha256)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pack_id""",
                [
                    content.built_at,
                    actor.name,
                    content.month,
                    list(selected),
                    content.audience,
                    json.dumps([s.__dict__ for s in content.sources]),
                    json.dumps(content.statuses()),
                    pdf,
                    hashlib.sha256(pdf).hexdigest(),
                    xlsx,
                    hashlib.sha256(xlsx).hexdigest(),
                ],
            ).fetchone()[0]
            audit.record(
                con,
                actor,
                "build pack",
                f"pack {pack_id}",
                f"{content.audience} pack for {content.month:%B %Y}, {len(content.sources)} submissions",
            )
            ids[content.audience] = pack_id
    return ids


def list_packs(con: duckdb.DuckDBPyConnection, audiences: tuple[str, ...]) -> list[StoredPack]:
    """Stored packs for these audiences, newest first."""
    rows = con.execute(
        """SELECT pack_id, built_at, built_by, month, workstreams, audience, sources, pdf_sha256, xlsx_sha256
           FROM packs WHERE audience IN (SELECT unnest(?)) ORDER BY pack_id DESC""",
        [list(audiences)],
    ).fetchall()
    return [StoredPack(*row[:6], [Source(**s) for s in json.loads(row[6])], row[7], row[8]) for row in rows]


_FILE_QUERIES = {
    "pdf": "SELECT pdf FROM packs WHERE pack_id = ? AND audience IN (SELECT unnest(?))",
    "xlsx": "SELECT xlsx FROM packs WHERE pack_id = ? AND audience IN (SELECT unnest(?))",
}


def pack_file(con: duckdb.DuckDBPyConnection, pack_id: int, kind: str, audiences: tuple[str, ...]) -> bytes | None:
    """The stored PDF or Excel file of a pack the audiences may see, byte for byte as built."""
    if kind not in _FILE_QUERIES:
        raise ValueError("kind is 'pdf' or 'xlsx'")
    row = con.execute(_FILE_QUERIES[kind], [pack_id, list(audiences)]).fetchone()
    return bytes(row[0]) if row else None
