"""Benchmark: one page's speed at two commits, visit by visit, in headless Chromium.

    python -m benchmarks.compare [--base main] [--repeat 15] [--page /kpi?kpi=...] [--ready ".trend-chart img"]
    python -m benchmarks.compare --month-change [--base main] [--repeat 6]

For deciding whether a change makes a page faster. `benchmarks.pages` compares each page with an empty Streamlit
page, and that ratio moves by 0.1-0.2x between runs as the machine's speed drifts. Here the page at `--base` (a
commit, checked out into a temporary git worktree) and in the working tree are served side by side, each on its own
fresh demo database, and visited in turn, signed in as the performance team; the ratio is the median of each pair's
ratio (working tree / base), so both visits of a pair share the machine's moment. Times are from navigation to the
page's content shown with its script finished, timed inside the page as `benchmarks.pages` does.

With `--month-change` it pairs the scorecard's month change instead: in each round, each server's public scorecard is
opened in a new tab and its Month filter changed five times (`benchmarks.pages.filter_change`, click to
re-rendered); a pair is the two rounds' medians.
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from accounts import sessions
from benchmarks.pages import SECRET, filter_change, visit
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve
from tests.conftest import ROOT


def signed_in_context(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    token = sessions.issue(SECRET.encode(), "demo.performance", 0, "demo account")
    context.add_cookies([{"name": sessions.COOKIE_NAME, "value": token, "url": url}])
    return context


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--base", default="HEAD", help="the commit to compare the working tree with")
    arguments.add_argument("--page", default="/", help="the page's address, e.g. /scorecard")
    arguments.add_argument("--ready", default="h1", help="a CSS selector that is there once the page is drawn")
    arguments.add_argument("--repeat", type=int, default=15)
    arguments.add_argument("--month-change", action="store_true", help="pair the scorecard's month change instead")
    args = arguments.parse_args()
    secrets = f'[dashboard]\nsession_secret = "{SECRET}"\n'
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack, sync_playwright() as playwright:
        folder = Path(folder)
        base = folder / "base"
        git = shutil.which("git") or "git"
        subprocess.run([git, "worktree", "add", "--detach", str(base), args.base], cwd=ROOT, check=True)
        stack.callback(subprocess.run, [git, "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        urls = {
            "base": stack.enter_context(serve(folder / "a", secrets=secrets, root=base))[0],
            "working tree": stack.enter_context(serve(folder / "b", secrets=secrets))[0],
        }
        contexts = {name: signed_in_context(browser, url) for name, url in urls.items()}
        for name, url in urls.items():  # cold: builds the demo database
            visit(contexts[name], url + args.page, args.ready)
        times = {name: [] for name in urls}
        for round_number in range(args.repeat):
            order = list(urls) if round_number % 2 == 0 else list(reversed(urls))  # neither always goes first
            for name in order:
                if args.month_change:
                    times[name].append(filter_change(browser, urls[name] + "/scorecard", 5))
                else:
                    times[name].append(visit(contexts[name], urls[name] + args.page, args.ready))
        browser.close()
    ratios = [b / a for a, b in zip(times["base"], times["working tree"], strict=True)]
    if args.month_change:
        print(f"Month change on the scorecard, {args.repeat} paired rounds of five changes (median of each round)")
    else:
        print(f"{args.page}, {args.repeat} paired visits (warm, each a new tab and session)")
    for name, measured in times.items():
        print(f"{name:<14}{statistics.median(measured) * 1000:>8.0f} ms median")
    low, high = statistics.quantiles(ratios, n=4)[0], statistics.quantiles(ratios, n=4)[2]
    print(f"working tree / base: {statistics.median(ratios):.3f} (middle half of the pairs {low:.3f} to {high:.3f})")


if __name__ == "__main__":
    main()
