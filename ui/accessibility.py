"""What is known not to meet WCAG 2.2 AA, for the accessibility statement page and the automated checks.

The browser tests run axe-core on every page in every role and fail on any violation not listed here, so this list
is always the complete, current set of known automated-check failures."""

from dataclasses import dataclass

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


@dataclass(frozen=True)
class KnownIssue:
    rules: tuple[str, ...]  # axe-core rule ids
    within: str  # CSS selector of the part of the page it affects: the failing element is it or inside it
    what: str  # what is not accessible, in plain words
    why: str  # why it is not fixed yet
    instead: str  # what to use instead
    criterion: str  # the WCAG success criterion


# None at present. The menu of pages, drawn by Streamlit, held its section headings inside its list (WCAG 1.3.1); the
# dashboard now draws its own menu (ui.menu), so the last known issue is gone.
KNOWN_ISSUES: tuple[KnownIssue, ...] = ()


def known(rule: str, inside: set[str]) -> KnownIssue | None:
    """The known issue that explains an axe-core violation of `rule` on an element inside the parts of the page
    named by the selectors in `inside`, if any."""
    return next((issue for issue in KNOWN_ISSUES if rule in issue.rules and issue.within in inside), None)
