"""Compression of responses: Django's GZipMiddleware, with streamed responses at zlib's fastest level.

The streamed responses are the downloads, tens of megabytes at 100,000 initiatives: level 1 compresses them in about
a third of level 6's time, for about a seventh more bytes. They hold nothing secret, so they need none of the
random bytes that GZipMiddleware adds against BREACH, which pages keep.
"""

import zlib
from concurrent.futures import ThreadPoolExecutor

from django.middleware import gzip


def fastest_gzip(chunks):
    """The chunks gzip-compressed, each while the next one is being made: zlib lets go of Python's lock while it
    compresses, so a thread of its own compresses on another core in the time the rows are written."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gzip") as compressing:
        previous = None
        for chunk in chunks:
            current = compressing.submit(compressor.compress, chunk)  # one worker: in order, one at a time
            if previous and (data := previous.result()):
                yield data
            previous = current
        if previous and (data := previous.result()):
            yield data
    yield compressor.flush()


class GZipMiddleware(gzip.GZipMiddleware):
    def process_response(self, request, response):
        if not response.streaming or response.is_async or response.has_header("Content-Encoding"):
            return super().process_response(request, response)
        # Django decides whether to compress and sets the headers; the body it would compress is replaced, unread,
        # by the same chunks compressed faster.
        chunks = response.streaming_content
        response = super().process_response(request, response)
        if response.get("Content-Encoding") == "gzip":
            response.streaming_content = fastest_gzip(chunks)
        return response
