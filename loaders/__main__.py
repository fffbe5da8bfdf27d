"""Command line for the performance team's scripts:

    python -m loaders validate FILE [--db PATH] [--reason TEXT]
    python -m loaders ingest FILE [--db PATH] [--reason TEXT] [--dry-run] [--confirm-warnings] [--user NAME]
    python -m loaders template OUT.xlsx
    python -m loaders action-log-template OUT.xlsx
    python -m loaders history [--db PATH]
    python -m loaders rollback SUBMISSION_ID [--db PATH] [--user NAME]
    python -m loaders remove-demo [--db PATH] [--user NAME]
    python -m loaders check-config

`validate` and `ingest` take a monthly return, a backfill workbook or the improvement plan's action log (a workbook
with an 'Action log' sheet).

Exit codes: 0 success; 1 the file or request was refused (each problem printed as `CODE 'sheet'!cell message`);
2 the command was used wrongly.
"""

import argparse
import getpass
import sys
from pathlib import Path

from accounts.claims import load_role_rules
from accounts.roles import Actor, Role
from config import current
from database.connection import StoreBusy, connect, open_store
from domain.annual_returns import load_annual_definitions
from domain.benchmarks import load_benchmarks
from domain.catalogue import load_catalogue
from domain.child_level import load_definitions
from domain.councils import councils
from domain.events import load_events
from domain.months import day_label, span_label
from domain.plan import change_summary
from domain.preview import commentary_summary, summary
from domain.store import submissions
from domain.workstreams import load_workstreams
from loaders.action_log import looks_like_action_log
from loaders.action_log_ingest import CheckedActionLog, check_action_log, commit_action_log
from loaders.action_log_writer import write_action_log_template
from loaders.bootstrap import CONFIGURATION_ERRORS
from loaders.ingest import CheckedUpload, UploadConflict, check_upload, commit_upload
from loaders.problems import ReturnRejected
from loaders.return_writer import write_template
from loaders.versions import RollbackRefused, rollback, rollback_demo

OK, REFUSED, USAGE = 0, 1, 2
OTHER_COUNCILS = "accept a return for another council than the dashboard's own (a dashboard for several councils)"


def _configuration():
    workstreams = load_workstreams(current().workstreams)
    return load_catalogue(current().catalogue, workstreams), workstreams


def _check(con, path: Path, reason: str | None, other_councils: bool) -> CheckedUpload | CheckedActionLog:
    catalogue, workstreams = _configuration()
    if looks_like_action_log(path):
        return check_action_log(con, path, catalogue, workstreams, reason=reason)
    return check_upload(con, path, catalogue, reason=reason, other_councils=other_councils)


def command_line_user(name: str) -> Actor:
    """Whoever runs the command line acts as the performance team: they can already write to the database file."""
    return Actor(name.strip() or "unknown", Role.PERFORMANCE, "command line")


def _commit(con, checked, user: str, reason: str | None):
    user = command_line_user(user)
    if isinstance(checked, CheckedActionLog):
        return commit_action_log(con, checked, user, reason, confirm_warnings=True)
    return commit_upload(con, checked, user, reason, confirm_warnings=True)


def _report(checked: CheckedUpload | CheckedActionLog) -> None:
    for problem in checked.all_problems:
        print(f"{'' if problem.is_error else 'warning: '}{problem}")
    if checked.duplicate_of is not None:
        print(f"{checked.file_name} was already loaded as submission {checked.duplicate_of}; nothing to do.")
    elif isinstance(checked, CheckedActionLog) and checked.parsed:
        print(
            f"{checked.file_name}: action log as at {day_label(checked.parsed.as_at)}, "
            f"{len(checked.parsed.actions)} actions. {change_summary(checked.changes)}"
        )
    elif isinstance(checked, CheckedUpload) and checked.parsed:
        months = checked.parsed.months
        span = span_label(months)
        print(
            f"{checked.file_name}: {len(checked.parsed.rows)} figures for {span}. {summary(checked.changes)} "
            f"{commentary_summary(checked.commentary)}".rstrip()
        )


def _validate(args) -> int:
    database = Path(args.db) if args.db else current().database
    con = connect(database) if database.exists() else connect(":memory:")
    try:
        checked = _check(con, Path(args.file), args.reason, args.other_councils)
    finally:
        con.close()
    _report(checked)
    return REFUSED if checked.errors else OK


def _ingest(args) -> int:
    _configuration()  # a configuration problem is reported before the database is opened
    with open_store(Path(args.db) if args.db else current().database) as con:
        checked = _check(con, Path(args.file), args.reason, args.other_councils)
        _report(checked)
        if checked.errors:
            print("Nothing was written.")
            return REFUSED
        if checked.duplicate_of is not None:
            return OK
        if checked.warnings and not args.confirm_warnings:
            print("Nothing was written: check the warnings above, then run again with --confirm-warnings.")
            return REFUSED
        if args.dry_run:
            print("Dry run: nothing was written.")
            return OK
        outcome = _commit(con, checked, args.user, args.reason)
    kind = "a revision" if outcome.is_revision else "a new submission"
    if isinstance(checked, CheckedActionLog):
        print(f"Loaded as submission {outcome.submission_id} ({kind}): {outcome.value_count} actions.")
    else:
        print(
            f"Loaded as submission {outcome.submission_id} ({kind}): {outcome.value_count} figures, "
            f"{outcome.missing_count} missing."
        )
    return OK


def _template(args) -> int:
    write_template(Path(args.out), _configuration()[0])
    print(f"Wrote the monthly return template to {args.out}")
    return OK


def _action_log_template(args) -> int:
    catalogue, workstreams = _configuration()
    write_action_log_template(Path(args.out), catalogue, workstreams)
    print(f"Wrote the action log template to {args.out}")
    return OK


def _check_config(args) -> int:
    """Read every file a council edits, as the app reads them, and say what is wrong or that all is well: the check
    to run after editing one, or with a new release before restarting the app (docs/deploy.md)."""
    settings = current()  # the secrets file and the published measures' council are checked here
    catalogue, workstreams = _configuration()
    events = load_events(settings.events)
    load_role_rules(settings.roles_file)
    load_definitions(catalogue=catalogue)
    load_annual_definitions(catalogue=catalogue)
    published = load_benchmarks(settings.benchmarks)
    print(
        f"The configuration is sound: {len(catalogue)} KPIs, {len(workstreams)} workstreams, {len(events)} events, "
        f"published figures for {len(published)} KPIs; the role rules can be read, and the Annex A and annual "
        "return definitions fit the catalogue."
    )
    return OK


def _history(args) -> int:
    with open_store(Path(args.db) if args.db else current().database) as con:
        table = submissions(con)
    if table.empty:
        print("No submissions yet.")
        return OK
    several = table.council.nunique() > 1  # a dashboard for several councils: say whose each upload is
    for row in table.itertuples():
        whose = f"{councils().label(row.council):<14} " if several else ""
        months = span_label([row.first_month, row.last_month])
        status = "current" if row.status == "accepted" else f"rolled back by {row.rolled_back_by}"
        reason = f" reason: {row.reason}" if row.reason else ""
        what = "actions" if row.kind == "action_log" else "figures"
        print(
            f"{row.submission_id:>5}  {row.uploaded_at:%Y-%m-%d %H:%M}  {whose}{row.uploaded_by:<20} {months:<30} "
            f"{row.value_count:>5} {what:<7}  {status:<25} {row.file_name}{reason}"
        )
    return OK


def _rollback(args) -> int:
    with open_store(Path(args.db) if args.db else current().database) as con:
        rollback(con, args.submission_id, command_line_user(args.user))
    print(f"Submission {args.submission_id} rolled back; the previous figures are current again.")
    return OK


def _remove_demo(args) -> int:
    with open_store(Path(args.db) if args.db else current().database) as con:
        count = rollback_demo(con, command_line_user(args.user))
    print(f"{count} demonstration uploads rolled back; only the council's own figures are shown now.")
    return OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m loaders", description="Load and manage monthly returns and the improvement plan's action log."
    )
    commands = main.add_subparsers(dest="command", required=True)

    def with_db(command):
        command.add_argument("--db", help="database file (default: data/dashboard.duckdb or $DASHBOARD_DB)")
        return command

    validate = with_db(commands.add_parser("validate", help="check a return or action log without loading it"))
    validate.add_argument("file")
    validate.add_argument("--reason", help="treat the file as a revision of months already loaded")
    validate.add_argument("--other-councils", action="store_true", help=OTHER_COUNCILS)
    validate.set_defaults(run=_validate)

    ingest = with_db(commands.add_parser("ingest", help="check a return or action log and load it"))
    ingest.add_argument("file")
    ingest.add_argument("--reason", help="why this revises months already loaded (required for a revision)")
    ingest.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
    ingest.add_argument("--confirm-warnings", action="store_true", help="load even though there are warnings")
    ingest.add_argument("--other-councils", action="store_true", help=OTHER_COUNCILS)
    ingest.add_argument("--user", default=getpass.getuser(), help="who is loading it (for the audit record)")
    ingest.set_defaults(run=_ingest)

    template = commands.add_parser("template", help="write the blank monthly return template")
    template.add_argument("out")
    template.set_defaults(run=_template)

    plan_template = commands.add_parser("action-log-template", help="write the blank action log template")
    plan_template.add_argument("out")
    plan_template.set_defaults(run=_action_log_template)

    history = with_db(commands.add_parser("history", help="list every submission"))
    history.set_defaults(run=_history)

    undo = with_db(commands.add_parser("rollback", help="roll a submission back"))
    undo.add_argument("submission_id", type=int)
    undo.add_argument("--user", default=getpass.getuser(), help="who is rolling it back")
    undo.set_defaults(run=_rollback)

    check = commands.add_parser("check-config", help="check every file the council edits, as the app reads them")
    check.set_defaults(run=_check_config)

    demo = with_db(commands.add_parser("remove-demo", help="roll back the demonstration data left beside real uploads"))
    demo.add_argument("--user", default=getpass.getuser(), help="who is removing it")
    demo.set_defaults(run=_remove_demo)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (ReturnRejected, RollbackRefused, UploadConflict, StoreBusy, FileNotFoundError) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return REFUSED
    except CONFIGURATION_ERRORS as error:
        print(f"The configuration has a problem: {error}", file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    sys.exit(main())
