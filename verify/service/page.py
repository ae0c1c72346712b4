"""The editor's page at `/`: one self-contained page (inline CSS and scripts, no external assets)
that posts the text to /v1/check and shows the HTML report in place. It wears the report's own
stylesheet and runs the report's own script, so marks look and behave as in a saved report."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from verify import __version__
from verify.report.html import asset, content_security_policy


@functools.cache
def editor_page() -> tuple[str, str]:
    """(the page, its Content-Security-Policy): only its own scripts, requests to this server only."""
    env = Environment(loader=PackageLoader("verify.service", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    def source(name: str) -> str:
        return env.loader.get_source(env, name)[0]

    scripts = (source("editor.js"), asset("report.js"))
    page = env.get_template("editor.html.j2").render(css=asset("style.css") + source("editor.css"),
                                                     scripts=scripts, version=__version__)
    return page, content_security_policy(*scripts, connect="'self'") + "; frame-ancestors 'none'"
