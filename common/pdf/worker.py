"""A rendering process: ``python -m common.pdf.worker``.

Reads jobs on stdin and answers on stdout, until stdin closes (its parent
finished or died).  Each message is a 4-byte big-endian length and a JSON
object; an answer's JSON header lists the sizes of the PDF blobs that follow
it.  JSON, not pickle: nothing here executes what it reads.
"""

import json
import logging
import struct
import sys

from . import engine

HEADER = struct.Struct(">I")


def read_message(stream) -> bytes | None:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("message cut short")
    return data


def write_message(stream, data: bytes, blobs=()) -> None:
    stream.write(HEADER.pack(len(data)) + data)
    for blob in blobs:
        stream.write(blob)
    stream.flush()


def serve(stdin, stdout) -> None:
    while (message := read_message(stdin)) is not None:
        try:
            blobs = engine.run_job(json.loads(message))
            answer = {"ok": True, "sizes": [len(blob) for blob in blobs]}
        except Exception as error:  # reported to the parent, which fails the run
            blobs, answer = [], {"ok": False, "error": f"{type(error).__name__}: {error}"}
        write_message(stdout, json.dumps(answer).encode(), blobs)


def main() -> None:
    # As in the project's logging settings: WeasyPrint's and fontTools' warnings
    # about CSS they ignore are noise in a worker's log.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the channel
    serve(sys.stdin.buffer, channel)


if __name__ == "__main__":
    main()
