"""Hostile folders: files swapped, linked out of the folder or growing between listing and reading.

Every case is built by the test in its own temporary folder; each must end in a refusal with a
reason, fast, and never block (a FIFO) or read past the cap (a growing file, /dev/zero)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.sources import Candidate, SourceSpec, folder
from yange import safe_read
from yange.errors import NoticeRejected
from yange.safe_read import read_regular_file

pytestmark = pytest.mark.timeout(60)

CAP = 4096


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("通知", encoding="utf-8")
    return inbox


def _read_all(inbox: Path) -> dict[str, tuple[str, str]]:
    """Discover then read every file, as the fetch stage does: name -> (status, reason)."""
    found = folder.discover(SourceSpec(kind="folder", location=str(inbox)))
    got = {}
    for candidate in found:
        fetched = folder.read(candidate, max_bytes=CAP)
        name = Path(candidate.location).relative_to(inbox).as_posix()
        got[name] = (fetched.status, f"{fetched.reason_code}: {fetched.detail}")
    return got


def test_symlinks_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    (inbox / "secret.txt").symlink_to(secret)
    (inbox / "environ.txt").symlink_to("/proc/self/environ")
    (inbox / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    got = _read_all(inbox)
    assert got.pop("ok.txt")[0] == "fetched"
    assert set(got) == {"passwd.txt", "secret.txt", "environ.txt", "dangling.txt"}
    for status, reason in got.values():
        assert status == "failed"
        assert reason == "unreadable: a symbolic link: only regular files are read"


def test_a_folder_swapped_for_a_symlink_after_listing_is_refused(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    (inbox / "sub").mkdir()
    (inbox / "sub" / "notice.txt").write_text("通知", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notice.txt").write_text("secret", encoding="utf-8")
    found = folder.discover(SourceSpec(kind="folder", location=str(inbox)))
    (inbox / "sub" / "notice.txt").unlink()
    (inbox / "sub").rmdir()
    (inbox / "sub").symlink_to(outside)  # the path now leads out through a folder link
    fetched = {Path(c.location).name: folder.read(c, max_bytes=CAP) for c in found}
    assert (fetched["notice.txt"].status, fetched["notice.txt"].detail) == (
        "failed",
        "outside the source folder",
    )
    assert fetched["notice.txt"].raw == b""


@pytest.mark.parametrize(
    ("swap", "reason"),
    [
        (lambda p: os.mkfifo(p), "not a regular file (a FIFO)"),  # must not block waiting for a writer
        (lambda p: p.symlink_to("/dev/zero"), "a symbolic link: only regular files are read"),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
    ],
    ids=["fifo", "dev-zero-link", "folder"],
)
def test_a_file_swapped_after_listing_is_refused(tmp_path: Path, swap, reason: str) -> None:
    inbox = _inbox(tmp_path)
    target = inbox / "notice.txt"
    target.write_text("通知", encoding="utf-8")
    (candidate,) = [
        c
        for c in folder.discover(SourceSpec(kind="folder", location=str(inbox)))
        if c.location == str(target)
    ]
    target.unlink()
    swap(target)
    fetched = folder.read(candidate, max_bytes=CAP)
    assert (fetched.status, fetched.reason_code, fetched.detail) == ("failed", "unreadable", reason)


def test_a_file_larger_than_the_cap_is_read_only_to_the_cap(tmp_path: Path, monkeypatch) -> None:
    """A file that grows after it was listed is the same case: only cap+1 bytes are ever read."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (10 * CAP))
    read_sizes: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(safe_read.os, "read", counting_read)
    with pytest.raises(NoticeRejected, match="too_large"):
        read_regular_file(big, max_bytes=CAP)
    assert sum(read_sizes) == CAP + 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/dev/zero", "not a regular file (a character device)"),  # `yange parse /dev/zero`
        ("/proc/self/environ", "a kernel pseudo-file under 'proc'"),  # size 0, yet it holds secrets
        ("/proc/self/cmdline", "a kernel pseudo-file under 'proc'"),
    ],
)
def test_named_special_files_are_refused(path: str, reason: str) -> None:
    with pytest.raises(NoticeRejected) as refused:
        read_regular_file(path, max_bytes=CAP)
    assert (refused.value.reason_code, refused.value.detail) == ("unreadable", reason)


def test_a_named_file_may_be_a_symlink_to_a_regular_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("通知", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    candidate = Candidate(source=str(tmp_path / "link.txt"), location=str(tmp_path / "link.txt"))
    assert folder.read(candidate, max_bytes=CAP).raw == "通知".encode()
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    zero = Candidate(source=str(tmp_path / "zero.txt"), location=str(tmp_path / "zero.txt"))
    assert folder.read(zero, max_bytes=CAP).detail == "not a regular file (a character device)"


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    name = os.fsencode(inbox) + b"/bad-\xff\xfe-name.txt"
    with open(name, "wb") as handle:
        handle.write("通知".encode())
    got = _read_all(inbox)
    assert [status for status, _ in got.values()] == ["fetched", "fetched"]


def test_twenty_thousand_tiny_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for shard in range(20):
        (inbox / f"s{shard:02}").mkdir(parents=True)
        for i in range(1000):
            (inbox / f"s{shard:02}" / f"{i}.txt").write_bytes(b"x")
    found = folder.discover(SourceSpec(kind="folder", location=str(inbox)))
    assert len(found) == 20_000
    assert all(folder.read(c, max_bytes=CAP).raw == b"x" for c in found)
