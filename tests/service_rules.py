"""Rules the service tests inject into a server's check processes (`Settings.extra_rules`): the
processes are spawned, so a test reaches them only through an import path and what it sends."""

from __future__ import annotations

import os
import time
from pathlib import Path

from verify.rules import Rule

STUCK = "STUCK-CHECK"  # a text holding this never finishes checking
HELD = "HELD-CHECK"  # a text holding this finishes when the test says
BROKEN = "BROKEN-CHECK"  # a text holding this makes a rule raise


def _path_after(text: str, marker: str) -> Path:
    return Path(text.split(marker, 1)[1].split()[0])


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.05)


class NeverFinishes(Rule):
    """On a text holding STUCK followed by a path, writes its process id to that path and then spins
    for ever, as a check caught in catastrophic backtracking would."""

    code, name, severity, summary = "X901", "never-finishes", "info", "test hook: a check that never ends"

    def check(self, ctx):
        if STUCK in ctx.doc.text:
            _path_after(ctx.doc.text, STUCK).write_text(str(os.getpid()))
            while True:
                pass
        return ()


class HeldStart(Rule):
    """Holds the check process's start-up until the file named by VERIFY_TEST_START_GATE exists."""

    code, name, severity, summary = "X902", "held-start", "info", "test hook: a slow start-up"

    def __init__(self) -> None:
        _wait_for(Path(os.environ["VERIFY_TEST_START_GATE"]))

    def check(self, ctx):
        return ()


class HeldCheck(Rule):
    """On a text holding HELD followed by a directory, creates `started` in it and then waits until
    `release` is there: a slow check that ends when the test says, not after some time."""

    code, name, severity, summary = "X903", "held-check", "info", "test hook: a check held by a file"

    def check(self, ctx):
        if HELD in ctx.doc.text:
            folder = _path_after(ctx.doc.text, HELD)
            (folder / "started").touch()
            _wait_for(folder / "release")
        return ()


class Fails(Rule):
    """Raises on a text holding BROKEN, as a rule with a bug would."""

    code, name, severity, summary = "X904", "fails", "info", "test hook: a rule that raises"

    def check(self, ctx):
        if BROKEN in ctx.doc.text:
            raise RuntimeError("the test rule X904 failed on purpose")
        return ()
