"""Command line for administrators: back up and restore the dashboard's database.

    python -m database backup [--db PATH] [--to FILE]
    python -m database restore BACKUP_FILE [--db PATH] [--replace]

A backup can be made while the app runs (each page waits a moment while it is made); restore with the app stopped.
Exit codes: 0 done; 1 refused or failed, with the reason; 2 the command was used wrongly.
"""

import argparse
import sys
from pathlib import Path

from config import clock, current
from database.backup import BackupError, backup, manifest_path, restore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m database", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("backup", help="copy the database to a new file, checked, with a manifest")
    made.add_argument("--db", type=Path, help="the database (default: the app's, DASHBOARD_DB)")
    made.add_argument("--to", type=Path, help="the new file (default: backups/dashboard-YYYYMMDD-HHMMSS.duckdb)")
    back = commands.add_parser("restore", help="put a backup in the database's place")
    back.add_argument("backup_file", type=Path)
    back.add_argument("--db", type=Path, help="the database (default: the app's, DASHBOARD_DB)")
    back.add_argument("--replace", action="store_true", help="replace an existing database (kept beside it)")
    args = parser.parse_args(argv)
    database = args.db or current().database
    try:
        if args.command == "backup":
            to = args.to or database.parent / "backups" / f"dashboard-{clock.now():%Y%m%d-%H%M%S}.duckdb"
            manifest = backup(database, to)
            print(f"Backed up {database} to {to}: schema version {manifest.schema_version}, ", end="")
            print(", ".join(f"{rows} {table}" for table, rows in manifest.rows.items() if rows))
            print(f"Manifest: {manifest_path(to)} (SHA-256 {manifest.sha256})")
        else:
            kept = restore(args.backup_file, database, replace=args.replace)
            print(
                f"Restored {args.backup_file} to {database}."
                + (f" The database it replaced is kept at {kept}." if kept else "")
            )
    except BackupError as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
