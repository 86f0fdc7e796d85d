"""Reading a file once, safely: size cap, no symlink out of the repo, BOM and UTF-16 detection."""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property

MAX_BYTES = 5 * 1024 * 1024  # bound on any one file the model reads


@dataclass
class TextFile:
    path: str
    text: str                   # decoded, BOM removed, line endings as in the file
    encoding: str = "utf-8"     # "utf-8", "utf-8-sig", "utf-16", "latin-1" (undecodable bytes replaced)
    bom: bool = False
    crlf: bool = False
    first_crlf_line: int = 0
    notes: list[str] = field(default_factory=list)

    @cached_property
    def lines(self) -> list[str]:
        """1-based via ``lines[n - 1]``; "\r" stripped. Split on first use: most of the thousand modules a
        big app's start path holds are never read line by line, and the list would double their size."""
        lines = self.text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if "\r" in self.text:
            lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
        return lines

    def line(self, n: int) -> str:
        return self.lines[n - 1] if 0 < n <= len(self.lines) else ""


class NotRegularFile(OSError):
    """A named pipe, socket or device: opening one for reading can block forever."""


def read_regular(path: str, limit: int, follow: bool = True) -> bytes:
    """At most ``limit`` bytes of a regular file. Opened non-blocking and checked with fstat, so a
    named pipe (which a plain open() waits on for a writer) is refused, never waited on. Raises
    OSError (IsADirectoryError for a folder, NotRegularFile for a pipe or device)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(0, "not a regular file", path)
        chunks = []
        got, left = 0, limit
        while left > 0:  # os.read returns at most about 2 GB, and less on some file systems
            chunk = os.read(fd, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            left -= len(chunk)
            if got > st.st_size:
                continue  # the file grew while being read: read on, up to the limit
            if got == st.st_size:
                break  # all of it: no second read to find the end
        return b"".join(chunks)
    finally:
        os.close(fd)


class Unreadable(Exception):
    """Why a file could not be read as text (becomes a file-unreadable finding)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def decode(path: str, raw: bytes) -> TextFile:
    bom = False
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
        encoding, bom = "utf-16", True
    elif b"\0" in raw[:8192]:
        raise Unreadable("is a binary file (it holds NUL bytes), not text")
    else:
        if raw.startswith(codecs.BOM_UTF8):
            raw, bom = raw[3:], True
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8-sig" if bom else "utf-8"
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-8", errors="replace")
            line = raw.count(b"\n", 0, exc.start) + 1
            tf = _split(path, text, "latin-1", bom)
            tf.notes.append(f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} on line {line})")
            return tf
    return _split(path, text, encoding, bom)


def _split(path: str, text: str, encoding: str, bom: bool) -> TextFile:
    crlf_at = 0
    if "\r" in text:  # the first line that ends in CR (a CRLF, or a CR that ends the file)
        at = text.find("\r\n")
        if at < 0 and text.endswith("\r"):
            at = len(text) - 1
        crlf_at = text.count("\n", 0, at) + 1 if at >= 0 else 0
    return TextFile(path=path, text=text, encoding=encoding, bom=bom, crlf=bool(crlf_at), first_crlf_line=crlf_at)
