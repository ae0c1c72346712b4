"""The ASGI app behind `verify serve`: its routes, its limits and the life of its check processes.

POST /v1/check answers with the JSON report (contract v1, as `verify check --format json`) or the
HTML report; GET /v1/rules, /healthz, /openapi.json and the editor's page at /. The reference
tables load once per check process at start-up; /healthz says 503 until one is ready.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from verify.service.accesslog import AccessLog
from verify.service.errors import ApiError, error_response
from verify.service.inputs import read_job
from verify.service.openapi import openapi_document
from verify.service.page import editor_page
from verify.service.pool import CheckFailed, CheckPool, CheckTimeout, InvalidInput, QueueFull
from verify.service.settings import Settings
from verify.service.worker import Setup

# Seconds a client refused for a full queue is asked to wait: checks take milliseconds, so the
# queue drains within about one unless checks are stuck (then the time limit frees them).
RETRY_AFTER = 1


async def check(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    pool: CheckPool = request.app.state.pool
    job = await read_job(request, settings.max_body)
    if pool.failure and not pool.ready:
        raise ApiError(503, f"no check process could start: {pool.failure}")
    try:
        media_type, content = await pool.run(job, settings.time_limit)
    except CheckTimeout as exc:
        why = "the service is still loading" if exc.waiting and not pool.ready else \
            f"no answer within the time limit of {settings.time_limit:g} s"
        raise ApiError(503, f"{why}; try again") from None
    except QueueFull as exc:
        raise ApiError(503, f"the check queue is full ({exc.limit} waiting for a check process); try again",
                       headers={"Retry-After": str(RETRY_AFTER)}) from None
    except InvalidInput as exc:
        raise ApiError(422, f"text: {exc}", "text" if job.kind == "record" else None) from None
    except CheckFailed:  # the pool has logged the cause
        raise ApiError(500, "the check failed; the server log has the details") from None
    return Response(content, media_type=media_type)


@functools.cache
def _rules() -> list[dict[str, str]]:
    from verify.rules import ALL_RULES

    return [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary} for r in ALL_RULES]


async def rules(request: Request) -> Response:
    return JSONResponse(_rules())


async def health(request: Request) -> Response:
    pool: CheckPool = request.app.state.pool
    status = "ok" if pool.ready else "failed" if pool.failure else "loading"
    body = {"status": status, "processes": {"ready": pool.ready, "total": pool.size},
            "queue": {"waiting": pool.waiting, "limit": pool.max_waiting}}
    if pool.failure and not pool.ready:
        body["error"] = pool.failure
    return JSONResponse(body, status_code=200 if pool.ready else 503)


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(request.app.state.settings))


async def editor(request: Request) -> Response:
    page, csp = editor_page()
    return HTMLResponse(page, headers={"Content-Security-Policy": csp})


ROUTES = [Route("/v1/check", check, methods=["POST"]), Route("/v1/rules", rules, methods=["GET"]),
          Route("/healthz", health, methods=["GET"]), Route("/openapi.json", openapi, methods=["GET"]),
          Route("/", editor, methods=["GET"])]


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.status, exc.message, exc.field, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (404, 405) in the service's JSON shape."""
    assert isinstance(exc, HTTPException)
    message = {404: f"no such endpoint {request.url.path}; see /openapi.json",
               405: f"{request.method} is not allowed on {request.url.path}; use "
                    f"{(exc.headers or {}).get('Allow', 'another method')}"}.get(exc.status_code, exc.detail)
    return error_response(request, exc.status_code, message, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, "internal error; the server log has the details")


def create_app(settings: Settings | None = None) -> Starlette:
    """The app; its check processes start with it (the lifespan) and stop with it."""
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # started, not awaited: the server answers at once, /healthz says 503 until the tables are in
        app.state.pool = CheckPool(settings.processes, Setup(settings.refs_dirs, settings.extra_rules,
                                                             settings.max_body), settings.queue_limit)
        app.state.pool.start()
        try:
            yield
        finally:
            await app.state.pool.close()

    app = Starlette(routes=ROUTES, lifespan=lifespan, middleware=[Middleware(AccessLog)],
                    exception_handlers={ApiError: _api_error, HTTPException: _http_error,
                                        Exception: _server_error})
    app.state.settings = settings
    return app


def app_from_environ() -> Starlette:
    """The app for one uvicorn worker process, with the settings `verify serve` put in its environment."""
    return create_app(Settings.from_environ())
