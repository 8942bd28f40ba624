"""The HTTP service over real HTTP on loopback, and schemathesis against its own OpenAPI."""

from __future__ import annotations

import asyncio
import base64
import io
import select
import socket
import time

import httpx
import schemathesis
from hypothesis import HealthCheck, settings

from wording_guard import service

BAD = "要认真布署今年的工作。"


def test_health_rules_openapi(base_url: str) -> None:
    health = httpx.get(f"{base_url}/healthz").json()
    assert health["status"] == "ok" and health["rules"] > 0
    rules = httpx.get(f"{base_url}/v1/rules").json()
    assert any(r["id"].startswith("typo.") for r in rules)
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert {"/v1/scan", "/v1/documents", "/v1/rules", "/healthz"} <= set(spec["paths"])


def test_scan_text_with_utf16_offsets(base_url: str) -> None:
    text = "𠀀" + BAD  # an astral character shifts UTF-16 offsets by one
    data = httpx.post(f"{base_url}/v1/scan", json={"text": text}).json()
    [f] = [f for f in data["findings"] if f["rule_id"].startswith("typo.")]
    assert text[f["start"] : f["end"]] == "布署"
    assert f["utf16_start"] == f["start"] + 1
    assert (
        text.encode("utf-16-le")[f["utf16_start"] * 2 : f["utf16_end"] * 2].decode("utf-16-le")
        == "布署"
    )


def test_scan_html_maps_to_source(base_url: str) -> None:
    html = "<html><body><p>要认真&nbsp;布署。</p><script>var x='布署'</script></body></html>"
    data = httpx.post(f"{base_url}/v1/scan", json={"text": html, "format": "html"}).json()
    [f] = [f for f in data["findings"] if f["rule_id"].startswith("typo.")]
    assert html[f["source_start"] : f["source_end"]] == "布署"


def test_bad_requests_get_clear_4xx(base_url: str) -> None:
    r = httpx.post(
        f"{base_url}/v1/scan", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and "error" in r.json()
    r = httpx.post(f"{base_url}/v1/scan", json={"txt": "x"})
    assert r.status_code == 422 and any("text" in d for d in r.json()["details"])
    r = httpx.post(f"{base_url}/v1/scan", json={"text": "x", "date": "2024-02-30"})
    assert r.status_code == 422
    r = httpx.post(f"{base_url}/v1/scan", json={"text": "x" * 300_000})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    r = httpx.post(f"{base_url}/v1/scan", json={"text": "x", "disable": ["no.such_rule"]})
    assert r.status_code == 400 and "unknown rule" in r.json()["error"]


def test_documents_with_attachments(base_url: str) -> None:
    import docx

    buffer = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("附件一")
    d.add_paragraph(BAD)
    d.save(buffer)
    body = {
        "title": "关于做好防汛工作的通知",
        "body": "<p>" + BAD + "</p>",
        "body_format": "html",
        "written_date": "2024-03-05",
        "publish_date": "2024-03-01",
        "attachments": [
            {"name": "附件1.docx", "content_base64": base64.b64encode(buffer.getvalue()).decode()},
            {"name": "附件2.pdf", "content_base64": base64.b64encode(b"%PDF-broken").decode()},
        ],
    }
    data = httpx.post(f"{base_url}/v1/documents", json=body).json()
    assert data["blocking"] is True  # published before it was written
    fields = {(f["field"], f.get("attachment")): f for f in data["fields"]}
    assert fields[("attachment", "附件1.docx")]["location"] == {"paragraph": 2}
    rules = {i["rule_id"] for i in data["document"]}
    assert {"document.publish_before_written", "document.attachment_unreadable"} <= rules


def test_concurrent_requests(base_url: str) -> None:
    article = (BAD + "各乡镇要加强组织领导，确保各项工作落到实处。") * 100

    async def main() -> list[int]:
        async with httpx.AsyncClient(timeout=60) as client:
            rs = await asyncio.gather(
                *[client.post(f"{base_url}/v1/scan", json={"text": article}) for _ in range(50)]
            )
            return [r.status_code for r in rs]

    assert asyncio.run(main()) == [200] * 50


def test_openapi_contract(base_url: str) -> None:
    # Every documented operation, over real HTTP, answers within its documented responses
    # and schemas, never with a 5xx, and rejects schema-invalid data. Acceptance of all
    # schema-valid data is not checked: a well-formed but unknown rule id in `disable` is a
    # documented 400.
    from hypothesis import given
    from schemathesis.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()


def test_error_dense_text_with_astral_characters(base_url: str) -> None:
    text = "𠀀党的２０大要认真布署。" * 2500  # a finding every few characters
    t0 = time.monotonic()
    r = httpx.post(f"{base_url}/v1/scan", json={"text": text}, timeout=30)
    assert r.status_code == 200 and time.monotonic() - t0 < 5
    findings = r.json()["findings"]
    assert len(findings) >= 2500
    for f in findings:
        assert f["utf16_start"] == len(text[: f["start"]].encode("utf-16-le")) // 2
        assert f["utf16_end"] == len(text[: f["end"]].encode("utf-16-le")) // 2


def test_utf16_conversion_is_linear() -> None:
    text = "𠀀党的２０大" * 15_000  # 90,000 characters, one in six astral
    offsets = range(0, len(text), 6)
    t0 = time.monotonic()
    utf16 = service._utf16_offsets(text)
    converted = [utf16(p) for p in offsets]
    assert time.monotonic() - t0 < 1  # a walk per offset took 39 s
    assert converted[:3] == [0, 7, 14] and converted[-1] == offsets[-1] + len(offsets) - 1
    assert service._utf16_offsets("no astral")(5) == 5


def test_error_messages_do_not_quote_the_text(base_url: str) -> None:
    number = "110101199003071234"
    r = httpx.post(f"{base_url}/v1/scan", json={"text": f"第一行\nwording-guard:{number}"})
    assert r.status_code == 400 and "line 2" in r.json()["error"]
    assert number not in r.text


def test_chunked_body_over_the_limit_stops_early(base_url: str) -> None:
    # a chunked body (no Content-Length) of 50 MB against a 200 KB limit, over a raw socket
    # so that the answer can be read while the body is still being sent
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "'
        for _ in range(800):
            yield b"x" * 65_536

    host, port = base_url.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/scan HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        for chunk in chunks():
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
            if select.select([sock], [], [], 0.002)[0]:
                break
        answer = b""
        while b"}" not in answer:  # the headers and the JSON error may come apart
            piece = sock.recv(65_536)
            if not piece:
                break
            answer += piece
    assert answer.startswith(b"HTTP/1.1 413") and b"limit" in answer
    assert sent < 10_000_000  # buffering the body whole would read all 50 MB first


def test_security_headers_and_no_cdn_docs(base_url: str) -> None:
    page = httpx.get(f"{base_url}/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "'sha256-" in policy
    for r in (page, httpx.get(f"{base_url}/v1/rules"), httpx.get(f"{base_url}/nowhere")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert httpx.get(f"{base_url}/docs").status_code == 404
    assert httpx.get(f"{base_url}/redoc").status_code == 404
    assert httpx.get(f"{base_url}/openapi.json").status_code == 200
