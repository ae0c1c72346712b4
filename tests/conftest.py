"""Shared fixtures."""

from __future__ import annotations

import signal

import pytest


@pytest.fixture
def deadline():
    """Fail instead of hanging forever on adversarial input (catastrophic backtracking); generous,
    since this is a hang guard, not a benchmark: timings are measured in bench/."""
    def expire(signum, frame):
        raise TimeoutError("check did not finish: possible catastrophic backtracking")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium (see browser.py), one per test module."""
    from browser import chromium

    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver
