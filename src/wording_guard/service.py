"""HTTP service for CMSs in other languages and the editor page (``wording-guard serve``).

Needs the ``serve`` extra (FastAPI, uvicorn). Offsets are code points like the Python API,
with UTF-16 offsets beside them for JavaScript and Java clients. Requests are limited in
size (``max_bytes``) and time (``timeout``); checks run in worker processes
(service_workers.py), so one past its time is stopped, and the number waiting is bounded.
Personal numbers are masked unless the request asks for them with ``reveal_pii``; error
messages never quote the text. The OpenAPI description is at ``/openapi.json``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import logging
import re
from bisect import bisect_left
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictStr
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__, htmltext
from .document import Attachment, Document, DocumentReport, check_document
from .errors import ConfigError, InputError, WordingGuardError
from .models import Category, Severity
from .results import mask_findings, masked_text, redact_numbers
from .scanner import Scanner, default_scanner
from .service_workers import (
    CheckCrashed,
    CheckPool,
    CheckRefused,
    ForkedWorkers,
    Launcher,
    SpawnedWorkers,
    WorkerLost,
    default_workers,
    forks,
)
from .source import SourceText

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 2_000_000
DEFAULT_TIMEOUT = 10.0
# checks that may wait for a worker, per worker and at least: a burst of a few hundred
# ordinary requests (a few ms each) waits its turn instead of being refused
QUEUE_PER_WORKER = 128
MIN_QUEUE = 256
# inputs this long (characters) take the large lane: at most all workers but one
DEFAULT_LARGE_CHARS = 50_000


def _date_string(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("a date must be a string YYYY-MM-DD")
    return value


# JSON dates are strings: pydantic would also take numbers as timestamps
IsoDate = Annotated[dt.date, BeforeValidator(_date_string)]


class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(description="the text, or the HTML source when format is html")
    format: Literal["text", "html"] = "text"
    date: IsoDate | None = Field(default=None, description="document date YYYY-MM-DD")
    disable: list[StrictStr] = Field(default_factory=list, description="rule ids to skip")
    reveal_pii: StrictBool = False


class FindingOut(BaseModel):
    rule_id: str
    category: Category
    severity: Severity
    start: int
    end: int
    utf16_start: int
    utf16_end: int
    source_start: int | None = Field(default=None, description="offset in the HTML source")
    source_end: int | None = None
    text: str
    message: str
    suggestions: list[str]
    line: int
    column: int


class ScanResponse(BaseModel):
    text: str = Field(description="the text the offsets refer to (for HTML: its text)")
    findings: list[FindingOut]
    blocking: bool


class AttachmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: StrictStr = Field(min_length=1, max_length=255)
    content_base64: StrictStr = Field(pattern=r"^[A-Za-z0-9+/\s]*={0,2}\s*$")


class DocumentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: StrictStr = ""
    body: StrictStr = ""
    body_format: Literal["text", "html"] = "text"
    written_date: IsoDate | None = None
    publish_date: IsoDate | None = None
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20)
    reveal_pii: StrictBool = False


class RuleOut(BaseModel):
    id: str
    category: Category
    severity: Severity
    kind: str
    message: str
    source: str


class ErrorOut(BaseModel):
    error: str
    details: list[str] | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorOut,
        "description": "a request the checker cannot honour (an unknown rule, a malformed "
        "suppression comment)",
    },
    413: {"model": ErrorOut, "description": "request body over the size limit"},
    422: {"model": ErrorOut, "description": "malformed JSON or invalid fields"},
    500: {"model": ErrorOut, "description": "the check failed in its worker process"},
    503: {
        "model": ErrorOut,
        "description": "too many checks waiting, or the check took longer than the time "
        "limit; the Retry-After header says when to try again",
    },
}


class Health(BaseModel):
    status: str
    version: str
    rules: int


class _BodyTooLarge(StarletteHTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(413, message)


# on every response; the editor page sets its own Content-Security-Policy
_SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


class _Guard:
    """Security headers on every response, and 413 for a request body over ``max_bytes``:
    at once when Content-Length declares it, else as soon as the bytes received pass the
    limit (a chunked body is never buffered whole). Plain ASGI, so bodies stream through."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.too_large = f"request body over the limit of {max_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in _SECURITY_HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _error(413, self.too_large)(scope, receive, send_guarded)
            return
        received = 0

        async def receive_counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(self.too_large)  # FastAPI answers it as an HTTP error
            return message

        try:
            await self.app(scope, receive_counted, send_guarded)
        except _BodyTooLarge:  # raised where no handler turned it into a response
            if started:
                raise
            await _error(413, self.too_large)(scope, receive, send_guarded)


def _error(status: int, message: str, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


_ASTRAL = re.compile("[\\U00010000-\\U0010ffff]")


def _utf16_offsets(text: str) -> Callable[[int], int]:
    """Code-point offset -> UTF-16 offset in ``text``: one pass to find the characters that
    take two UTF-16 units, then a bisection per offset (a walk per offset was quadratic in
    error-dense texts)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda pos: pos
    return lambda pos: pos + bisect_left(astral, pos)


def _editor_page() -> tuple[str, str]:
    """The editor page and its Content-Security-Policy: the page's inline script and style
    are allowed by their hashes (computed here, so editing the page needs no other change),
    nothing else inline, nothing from elsewhere, no framing."""
    page = resources.files("wording_guard").joinpath("static/editor.html").read_text("utf-8")

    def hashes(tag: str) -> str:
        blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)
        return " ".join(
            f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'"
            for b in blocks
        )

    policy = (
        f"default-src 'self'; script-src 'self' {hashes('script')}; "
        f"style-src 'self' {hashes('style')}; object-src 'none'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    return page, policy


def create_app(
    scanner: Scanner | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
    queue: int | None = None,
    large_chars: int = DEFAULT_LARGE_CHARS,
    scanner_options: dict[str, object] | None = None,
) -> FastAPI:
    """The service. Checks run in ``workers`` worker processes (default: one per core),
    forked now from this process and ``scanner`` on Linux (create the app before starting
    threads), elsewhere started afresh and built from ``scanner_options`` (Scanner's keyword
    arguments; needed there with a scanner of your own). A check past ``timeout`` seconds
    (waiting included) gets 503 and its worker is killed and replaced. At most ``queue``
    checks wait for a worker (default: QUEUE_PER_WORKER per worker, at least MIN_QUEUE);
    inputs of ``large_chars`` characters or more (text, or title + body + attachments in
    base64) use at most all workers but one, and at most ``min(queue, workers)`` of them
    wait. Past these limits a check gets 503 with Retry-After at once. Stop the app (its
    lifespan) to stop the workers."""
    workers = default_workers() if workers is None else workers
    queue = max(MIN_QUEUE, QUEUE_PER_WORKER * workers) if queue is None else queue
    if workers < 1 or queue < 0:
        raise ValueError("workers must be 1 or more and queue 0 or more")
    if scanner is None and scanner_options:
        scanner = Scanner(**scanner_options)  # type: ignore[arg-type]
    checker = scanner if scanner is not None else default_scanner()
    launcher: Launcher
    if forks():
        launcher = ForkedWorkers(checker)
    elif scanner is not None and scanner_options is None:
        raise ValueError(
            "on this platform the workers build their own scanner: pass scanner_options"
        )
    else:
        launcher = SpawnedWorkers(scanner_options or {})
    checks = CheckPool(launcher, workers=workers, queue=queue, timeout=timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        checks.close()

    app = FastAPI(
        title="wording-guard",
        version=__version__,
        description="错敏信息检查服务：检查文本、HTML 与文档（含附件）中的错误和敏感表述。"
        "接口说明（OpenAPI）见 /openapi.json。",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: /openapi.json is the spec
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.checks = checks
    app.add_middleware(_Guard, max_bytes=max_bytes)
    known_rules = frozenset(r.id for r in checker.rules)
    page, page_policy = _editor_page()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            details.append(f"{where or 'body'}: {err.get('msg')}")
        return JSONResponse({"error": "invalid request", "details": details}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI's own errors (e.g. a body that is not UTF-8) in this service's error shape
        response = _error(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(WordingGuardError)
    async def _refused(request: Request, exc: WordingGuardError) -> Response:
        # the checks' own errors come back from the workers; this is a safety net, with the
        # same care not to quote the text
        return Response(_input_error_body(exc), status_code=400, media_type="application/json")

    async def _check(job: Callable[..., tuple[int, bytes]], *args: Any, size: int) -> Response:
        try:
            status, body = await checks.run(job, args, large=size >= large_chars)
        except CheckRefused as exc:
            return _error(503, str(exc), retry_after=exc.retry_after)
        except WorkerLost as exc:
            return _error(500, f"the worker process running the check {exc}; it has been replaced")
        except CheckCrashed as exc:
            log.error(
                "a check failed with %s in its worker process (its message is not logged: "
                "it may quote the text)\n%s",
                exc,
                exc.frames,
            )
            return _error(500, f"the check failed ({exc}); see the server's log")
        return Response(body, status_code=status, media_type="application/json")

    @app.get("/healthz", response_model=Health)
    async def healthz() -> Health:
        return Health(status="ok", version=__version__, rules=len(checker.rules))

    @app.get("/v1/rules", response_model=list[RuleOut])
    async def rules() -> list[RuleOut]:
        return [
            RuleOut(
                id=r.id,
                category=r.category,
                severity=r.severity,
                kind=r.kind,
                message=r.message,
                source=r.source,
            )
            for r in checker.rules
        ]

    @app.post("/v1/scan", response_model=ScanResponse, responses=_ERRORS)
    async def scan(req: ScanRequest) -> Response:
        unknown = sorted(set(req.disable) - known_rules)
        if unknown:  # the ids come from the request's own field, not from its text
            return _error(400, f"unknown rule id(s) to disable: {', '.join(unknown)}")
        return await _check(_scan_job, req, size=len(req.text))

    @app.post("/v1/documents", response_model=DocumentReport, responses=_ERRORS)
    async def documents(req: DocumentRequest) -> Response:
        attachments = []
        for a in req.attachments:
            try:
                content = base64.b64decode(a.content_base64, validate=True)
            except (binascii.Error, ValueError):
                return _error(422, f"attachment {a.name!r}: content_base64 is not valid base64")
            attachments.append(Attachment(name=a.name, content=content))
        document = Document(
            title=req.title,
            body=req.body,
            body_format=req.body_format,
            written_date=req.written_date,
            publish_date=req.publish_date,
            attachments=attachments,
        )
        size = len(req.title) + len(req.body) + sum(len(a.content_base64) for a in req.attachments)
        return await _check(_document_job, document, req.reveal_pii, size=size)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def editor() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": page_policy})

    return app


# -- jobs: run in a worker process, return (HTTP status, JSON body) ------------------------


def _scan_job(scanner: Scanner, req: ScanRequest) -> tuple[int, bytes]:
    try:
        response = _scan(scanner, req)
    except WordingGuardError as exc:
        return 400, _input_error_body(exc)
    return 200, response.model_dump_json(by_alias=True).encode()


def _document_job(scanner: Scanner, document: Document, reveal_pii: bool) -> tuple[int, bytes]:
    try:
        report = check_document(document, scanner=scanner, reveal_pii=reveal_pii)
    except WordingGuardError as exc:
        return 400, _input_error_body(exc)
    return 200, report.model_dump_json(by_alias=True).encode()


def _input_error_body(exc: WordingGuardError) -> bytes:
    """The 400 for a text the scanner refused. The exception's message may quote the text
    (a malformed suppression comment is quoted whole, personal numbers and all), so only
    its line number is passed on."""
    line = re.match(r"line (\d+):", str(exc))
    where = f" (line {line.group(1)})" if line else ""
    if isinstance(exc, ConfigError):
        message = (
            f"the text has a malformed 'wording-guard:' suppression comment{where}: write "
            "'wording-guard: disable RULE' or 'wording-guard: enable RULE' with known rule ids"
        )
    elif isinstance(exc, InputError):
        # written by the scanner about the text's encoding: where, never what
        message = redact_numbers(str(exc))
    else:
        message = f"the text cannot be checked{where} ({type(exc).__name__})"
    return ErrorOut(error=message).model_dump_json(exclude_none=True).encode()


def _scan(scanner: Scanner, req: ScanRequest) -> ScanResponse:
    text = req.text
    source = htmltext.extract(text) if req.format == "html" else SourceText.plain(text)
    scanned = source.text
    found = scanner.scan_source(source, date=req.date, disable=req.disable)
    utf16 = _utf16_offsets(scanned)
    out = []
    for f, shown in zip(found, found if req.reveal_pii else mask_findings(found), strict=True):
        out.append(
            FindingOut(
                rule_id=f.rule_id,
                category=f.category,
                severity=f.severity,
                start=f.start,
                end=f.end,
                utf16_start=utf16(f.start),
                utf16_end=utf16(f.end),
                source_start=f.source_start,
                source_end=f.source_end,
                text=shown.text,
                message=shown.message,
                suggestions=list(shown.suggestions),
                line=f.line,
                column=f.column,
            )
        )
    shown_text = scanned if req.reveal_pii else masked_text(scanned, found)
    return ScanResponse(
        text=shown_text, findings=out, blocking=any(f.severity is Severity.SERIOUS for f in found)
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    scanner: Scanner | None = None,
    *,
    workers: int | None = None,
    queue: int | None = None,
    scanner_options: dict[str, object] | None = None,
) -> None:
    import uvicorn

    # the app (and its worker processes) before uvicorn starts any thread
    app = create_app(
        scanner,
        max_bytes=max_bytes,
        timeout=timeout,
        workers=workers,
        queue=queue,
        scanner_options=scanner_options,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
