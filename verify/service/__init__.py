"""The HTTP service behind `verify serve`: a CMS posts a story and gets the JSON or HTML report; an
editor pastes one into the page at `/`. A third driver of `verify.check.check_document`, beside the
command line and batch runs. Needs the `server` extra (starlette, uvicorn); nothing here is imported
by the rest of the package."""
