"""Building a committee pack: the members' and the public version for a month, rendered, and stored together."""

import datetime as dt

import duckdb

from accounts.roles import Actor, Permission, require
from domain.benchmarks import PublishedYear
from domain.catalogue import Catalogue
from domain.pack import build_pack
from domain.pack_store import previous_statuses, save_packs, sources_for
from domain.plan import snapshot_to_show
from domain.plan_store import snapshots
from domain.rebasing import rebases
from domain.store import current_figures, is_demo_database
from domain.suppression import public_index
from domain.values import ValueIndex, reported_figures
from domain.workstreams import Workstream, workstreams_in_plan
from reports.pack_excel import render_xlsx
from reports.pack_pdf import render_pdf


def build_packs(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    catalogue: Catalogue,
    workstreams: dict[str, Workstream],
    month: dt.date,
    selected: list[str],
    *,
    threshold: int,
    council: str,
    council_label: str,
    benchmarks: dict[str, list[PublishedYear]],
) -> dict[str, int]:
    """Build, render and store both versions of the pack for `month`; returns {audience: pack id}."""
    require(actor, Permission.BUILD_PACK)
    figures = current_figures(con)
    plan = [snapshot.within_plan(workstreams) for snapshot in snapshots(con)]
    full = ValueIndex(reported_figures(figures, catalogue))
    snapshot = snapshot_to_show(plan, month, full.newest)
    chosen = [ws.code for ws in workstreams_in_plan(workstreams, month, selected or ())]
    codes = sorted({kpi.code for kpi in catalogue.reported(month) if set(kpi.workstreams) & set(chosen)})  # its KPIs
    sources = sources_for(con, codes, month, snapshot.month if snapshot else None)
    is_demo = is_demo_database(con)
    rebased = rebases(con, council)
    versions = {
        "members": (full, plan, rebased),
        "public": (
            public_index(figures, catalogue, threshold),
            [s.for_the_public() for s in plan],
            {code: tuple(r.for_the_public() for r in made) for code, made in rebased.items()},
        ),
    }
    built = []
    for audience, (index, audience_plan, audience_rebases) in versions.items():
        content = build_pack(
            catalogue,
            workstreams,
            index,
            month,
            selected,
            audience_plan,
            benchmarks,
            previous_statuses(con, audience, month),
            sources,
            audience=audience,
            council=council,
            council_label=council_label,
            built_by=actor.display_name or actor.name,
            is_demo=is_demo,
            threshold=threshold,
            rebases=audience_rebases,
        )
        built.append((content, render_pdf(content), render_xlsx(content)))
    return save_packs(con, actor, built, selected)
