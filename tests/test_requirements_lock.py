"""requirements.lock (what the Docker image installs) covers pyproject.toml's dependencies."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def test_every_dependency_is_pinned_in_the_lock_file_at_an_accepted_version():
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", lock, re.M)
    }
    assert lock.count("--hash=sha256:") >= len(pinned)
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for line in dependencies:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is missing: run `make lock`"
        assert requirement.specifier.contains(pinned[name]), f"{name}: run `make lock`"
        for extra in requirement.extras:  # psycopg[binary] brings psycopg-binary
            assert canonicalize_name(f"{name}-{extra}") in pinned, f"{name}[{extra}]: `make lock`"
