"""The repository as a newcomer meets it: installs pinned with hashes, CI running the README's own test command, and
nothing read from outside the repository."""

import re

from tests.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {package.lower().replace("_", "-"): version for package, version in PIN.findall(text)}


def locked_entries(name: str) -> list[str]:
    """Each requirement of a lockfile with its continuation lines."""
    text = (ROOT / name).read_text()
    return [entry for entry in re.split(r"\n(?=[A-Za-z])", text) if PIN.match(entry)]


def test_every_package_the_app_and_tests_ask_for_is_locked_at_the_same_version():
    for wanted, locked in (("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")):
        lock = pins(locked)
        for package, version in pins(wanted).items():
            assert lock.get(package) == version, f"{package}=={version} in {wanted}, {lock.get(package)} in {locked}"


def test_the_tests_install_exactly_the_apps_versions_and_more():
    app, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert {package: dev.get(package) for package in app} == app
    assert set(dev) - set(app) >= {"pytest", "playwright", "ruff"}


def test_every_locked_package_has_a_hash():
    for name in ("requirements.txt", "requirements-dev.txt"):
        entries = locked_entries(name)
        assert len(entries) == len(pins(name)) > 10
        for entry in entries:
            assert "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]} has no hash"


def test_the_readme_installs_with_hashes_and_ci_runs_its_test_command_word_for_word():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", readme)
    assert len(commands) == 2 and all("--require-hashes -r requirements" in command for command in commands)
    test_command = next(command for command in commands if "pytest" in command)
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()
    assert ci.index("ruff check") < ci.index("ruff format --check") < ci.rindex(test_command)


def test_no_code_or_test_reads_the_shared_folder_beside_the_repository():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "test-artifacts"}:
            continue
        if re.search(r"\bshared\b[/\"' ,)]+(\"|')?(published-data|reference)", path.read_text()):
            offenders.append(str(relative))
    assert not offenders
