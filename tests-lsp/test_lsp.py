"""Drives the built `reqlint lsp` as a real LSP client does (pytest-lsp over stdio)."""

import asyncio
import json
import os
import pathlib
import statistics
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import BIN, CORPUS, REPORT

ROLE = "arn:aws:iam::123456789012:role/R"
DIRTY = (
    "{\n"
    '  "JobName": "j",\n'
    '  "JobType": "default",\n'
    f'  "RoleArn": "{ROLE}",\n'
    '  "InputConfig": {}\n'
    "}\n"
)
CLEAN = DIRTY.replace('"default"', '"Default"')
URI = "file:///tmp/reqlint-lsp-test/job.json"


def server_config():
    return ClientServerConfig(server_command=[BIN, "lsp"])


async def start(lsp_client: LanguageClient, **options):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True),
                    hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]),
                    completion=types.CompletionClientCapabilities(
                        completion_item=types.ClientCompletionItemOptions(documentation_format=[types.MarkupKind.Markdown])
                    ),
                )
            ),
            initialization_options=options or None,
        )
    )


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):
    await start(lsp_client)
    yield
    await lsp_client.shutdown_session()
    # shutdown, then exit: the server is gone with status 0.
    assert lsp_client._server.returncode == 0


@pytest_lsp.fixture(config=server_config())
async def fast_client(lsp_client: LanguageClient):
    """A session with the debounce off, for timing."""
    await start(lsp_client, debounceMilliseconds=0)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def save_client(lsp_client: LanguageClient):
    await start(lsp_client, publishOn="save")
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, text: str, uri: str = URI, version: int = 1, language: str = "json"):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )


def change_doc(client: LanguageClient, text: str, version: int, uri: str = URI):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def wait_for_version(client: LanguageClient, uri: str, version: int, timeout: float = 10.0):
    """Waits until diagnostics for `version` of `uri` arrive; returns them."""
    deadline = time.monotonic() + timeout
    while True:
        params = await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), deadline - time.monotonic())
        if params.uri == uri and params.version == version:
            return list(params.diagnostics)


async def test_diagnostics_on_open_change_save_close(client: LanguageClient):
    open_doc(client, DIRTY)
    diagnostics = await wait_for_version(client, URI, 1)
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert d.code == "enum"
    assert d.source == "reqlint"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.code_description.href == "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceRecommendationsJob.html"
    assert d.range == types.Range(start=types.Position(line=2, character=13), end=types.Position(line=2, character=22))
    assert 'did you mean "Default"' in d.message

    change_doc(client, CLEAN, 2)
    assert await wait_for_version(client, URI, 2) == []

    change_doc(client, DIRTY, 3)
    assert len(await wait_for_version(client, URI, 3)) == 1

    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI), text=CLEAN))
    assert await wait_for_version(client, URI, 3) == []

    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    await client.wait_for_notification("textDocument/publishDiagnostics")
    assert list(client.diagnostics[URI]) == []


async def test_related_information_and_positions_after_emoji(client: LanguageClient):
    uri = "file:///tmp/reqlint-lsp-test/dup.json"
    text = '{"JobDescription": "😀東京é", "JobName": "a", "JobType": "Default", ' f'"RoleArn": "{ROLE}", "InputConfig": {{}}, "JobName": "b"}}'
    open_doc(client, text, uri=uri)
    diagnostics = await wait_for_version(client, uri, 1)
    duplicate = next(d for d in diagnostics if d.code == "duplicate-key")
    # Columns count UTF-16 code units: the emoji is two, the CJK characters and é one each.
    first = text.index('"JobName"')
    utf16 = len(text[:first].encode("utf-16-le")) // 2
    assert duplicate.related_information[0].location.range.start == types.Position(line=0, character=utf16)
    assert duplicate.related_information[0].location.uri == uri
    assert duplicate.related_information[0].message == 'first "JobName"'


async def test_code_action_fixes_the_diagnostic(client: LanguageClient):
    open_doc(client, DIRTY)
    diagnostics = await wait_for_version(client, URI, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    assert [a.title for a in actions] == ['Change to "Default"']
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.diagnostics[0].code == "enum"
    (edit,) = action.edit.changes[URI]
    assert edit.new_text == "Default"
    assert edit.range == types.Range(start=types.Position(line=2, character=14), end=types.Position(line=2, character=21))
    lines = DIRTY.split("\n")
    lines[2] = lines[2][:14] + edit.new_text + lines[2][21:]
    fixed = "\n".join(lines)
    json.loads(fixed)
    change_doc(client, fixed, 2)
    assert await wait_for_version(client, URI, 2) == []


async def test_hover(client: LanguageClient):
    open_doc(client, DIRTY)
    await wait_for_version(client, URI, 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=1, character=5))
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**`JobName`** — required · string")
    assert "length: 1–64 characters" in hover.contents.value
    assert "sagemaker/job-name-truncation" in hover.contents.value
    assert hover.range == types.Range(start=types.Position(line=1, character=2), end=types.Position(line=1, character=11))


async def test_completion_while_typing(client: LanguageClient):
    text = '{\n  "JobName": "j",\n  "JobType": "Def'  # being typed: not JSON
    open_doc(client, text)
    await client.wait_for_notification("textDocument/publishDiagnostics")
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=2, character=17))
    )
    items = result.items if hasattr(result, "items") else result
    assert [i.label for i in items] == ["Default", "Advanced"]
    # Member names: the missing ones, required first.
    change_doc(client, '{\n  "JobName": "j",\n  \n}', 2)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=2, character=2))
    )
    items = sorted(result.items, key=lambda i: i.sort_text)
    assert [i.label for i in items[:3]] == ["JobType", "RoleArn", "InputConfig"]
    assert "JobName" not in [i.label for i in items]


async def test_malformed_messages_keep_the_server_alive(client: LanguageClient):
    responses = []
    original = client.protocol._handle_response

    def record(msg_id, result=None, error=None):
        responses.append((msg_id, error))
        return original(msg_id, result, error)

    client.protocol._handle_response = record
    stdin = client._server.stdin
    body = b'{"jsonrpc": "2.0", "id": 41, "method": '  # cut short: not JSON
    stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stdin.write(b"Content-Length: twelve\r\n\r\n")
    body = b'{"jsonrpc": "2.0", "id": 42}'
    stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    body = b'{"jsonrpc": "2.0", "id": 43, "method": "reqlint/noSuchMethod"}'
    stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await stdin.drain()
    for _ in range(200):
        if len(responses) >= 4:
            break
        await asyncio.sleep(0.02)
    codes = [(msg_id, error.code if error else None) for msg_id, error in responses]
    assert (None, -32700) in codes
    assert codes.count((None, -32700)) == 2
    assert (42, -32600) in codes
    assert (43, -32601) in codes
    # Still serving.
    open_doc(client, DIRTY)
    assert len(await wait_for_version(client, URI, 1)) == 1


async def test_only_protocol_on_stdout(client: LanguageClient):
    """Standard output is taken for the protocol; descriptor 1 points at standard error."""
    pid = client._server.pid
    fd1 = pathlib.Path(f"/proc/{pid}/fd/1")
    if not fd1.exists():
        pytest.skip("needs /proc")
    assert os.readlink(fd1) == os.readlink(f"/proc/{pid}/fd/2")
    assert os.readlink(fd1) != os.readlink(f"/proc/{pid}/fd/0")


async def test_publish_on_save(save_client: LanguageClient):
    client = save_client
    open_doc(client, CLEAN)
    assert await wait_for_version(client, URI, 1) == []
    change_doc(client, DIRTY, 2)
    with pytest.raises(asyncio.TimeoutError):
        await wait_for_version(client, URI, 2, timeout=0.6)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    assert len(await wait_for_version(client, URI, 2)) == 1


async def test_unrelated_json_is_left_alone(client: LanguageClient):
    uri = "file:///tmp/reqlint-lsp-test/package.json"
    open_doc(client, '{"name": "x", "version": "1.0.0", "scripts": {}}', uri=uri)
    assert await wait_for_version(client, uri, 1) == []


async def test_change_to_diagnostics_latency(fast_client: LanguageClient):
    """didChange → publishDiagnostics on a typical document, debounce off, 50 edits."""
    client = fast_client
    path = sorted((CORPUS / "sagemaker" / "CreateInferenceRecommendationsJob").glob("valid-advanced-phases.json"))[0]
    text = path.read_text()
    uri = path.resolve().as_uri()
    open_doc(client, text, uri=uri)
    await wait_for_version(client, uri, 1)
    samples = []
    for i in range(50):
        version = i + 2
        # Alternate between a clean document and one with an enum error, as when typing.
        edited = text.replace('"Advanced"', '"Advanced"' if i % 2 else '"advanced"', 1)
        started = time.perf_counter()
        change_doc(client, edited, version, uri=uri)
        diagnostics = await wait_for_version(client, uri, version)
        samples.append((time.perf_counter() - started) * 1000)
        assert (len(diagnostics) > 0) == (i % 2 == 0)
    samples.sort()
    median = statistics.median(samples)
    p95 = samples[int(round(0.95 * (len(samples) - 1)))]
    line = (f"didChange→publishDiagnostics latency over {len(samples)} edits of {path.name} ({len(text)} bytes, debounce off): "
            f"median {median:.2f} ms, p95 {p95:.2f} ms, max {samples[-1]:.2f} ms")
    print(line)
    REPORT.append(line)
    assert median < 500
