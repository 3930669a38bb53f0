"""Pages and downloads go out gzip-compressed to clients that accept it; downloads still stream."""

import gzip
import re
import threading

import pytest
from django.http import StreamingHttpResponse

from config.compression import GZipMiddleware
from tests.conftest import make_initiative

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def without_csrf_tokens(html):
    # The language switch's token is masked afresh for every response.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


@pytest.fixture
def catalogue(db):
    for n in range(30):
        make_initiative(f"initiative-{n}", summary=f"What initiative {n} does, said at some length. " * 5)


def test_a_list_page_is_compressed_and_decodes_to_the_same_page(client, catalogue):
    plain = client.get("/initiatives/")
    compressed = client.get("/initiatives/", **GZIP)

    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) / 2
    assert without_csrf_tokens(gzip.decompress(compressed.content)) == without_csrf_tokens(plain.content)


def test_a_page_is_not_compressed_for_a_client_that_does_not_ask(client, catalogue):
    response = client.get("/initiatives/")

    assert not response.has_header("Content-Encoding")
    assert b"/initiatives/initiative-0/" in response.content


@pytest.mark.parametrize("url", ["/initiatives.csv", "/initiatives.json"])
def test_downloads_still_stream_compressed(client, catalogue, url):
    plain = b"".join(client.get(url).streaming_content)
    response = client.get(url, **GZIP)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)) == plain


def test_a_streamed_response_already_encoded_is_left_as_it_is(rf):
    def already_encoded(request):
        response = StreamingHttpResponse(iter([b"encoded ", b"bytes"]))
        response["Content-Encoding"] = "br"
        return response

    response = GZipMiddleware(already_encoded)(rf.get("/", **GZIP))

    assert response["Content-Encoding"] == "br"
    assert b"".join(response.streaming_content) == b"encoded bytes"


def test_a_download_the_client_leaves_midway_leaves_no_compressing_thread_behind(rf, db):
    def download(request):
        return StreamingHttpResponse(f"row {n}, said at some length\n".encode() * 500 for n in range(1000))

    response = GZipMiddleware(download)(rf.get("/", **GZIP))
    chunks = iter(response.streaming_content)
    first = next(chunks)
    response.close()  # what the server does when the client goes

    assert first.startswith(b"\x1f\x8b")
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("gzip")]
