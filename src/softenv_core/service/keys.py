"""The callers' keys (``softenv serve --keys FILE``): who may ask for which audience's view.

A key is ``ID.SECRET``: the id names the caller in the access log and finds its record; the
secret is 32 random bytes (``secrets.token_urlsafe``), shown once when the key is added and
stored only as ``sha256(salt + secret)``. A high-entropy secret needs no slow hash (scrypt
protects guessable passwords, not random tokens), and a fast check keeps a request cheap.
The file holds no secret, so a copy of it grants nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import frozen

from softenv_core.analyses.monitoring_report import Audience
from softenv_core.errors import FieldInvalid, InputError, SoftenvError
from softenv_core.io.atomic import make_folder, output_target, write_reason

KEYS_SCHEMA = "softenv.keys"
KEYS_VERSION = 1
#: The most a keys file is read: thousands of keys. ``--keys /dev/zero`` (or ``/dev/full``)
#: read without a bound filled the memory until the kernel killed the process (x29).
_MAX_BYTES = 16 << 20
# Matched whole: "$" let an id or hash with a trailing newline through.
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")


@frozen
class CallerKey:
    """One caller's key as stored: its id, the audiences it may request, salt and hash."""

    id: str
    audiences: tuple[str, ...]
    salt: str  # hex
    sha256: str  # hex of sha256(salt bytes + secret utf-8)
    created: str
    note: str | None = None

    def matches(self, secret: str) -> bool:
        digest = hashlib.sha256(bytes.fromhex(self.salt) + secret.encode("utf-8")).hexdigest()
        return hmac.compare_digest(digest, self.sha256)

    def may_request(self, audience: Audience) -> bool:
        return str(audience) in self.audiences


@frozen
class KeyRing:
    """The keys of one file, by id (immutable: the service never changes it)."""

    keys: tuple[CallerKey, ...] = ()

    def find(self, presented: str) -> CallerKey | None:
        """The key that ``presented`` (``ID.SECRET``) is, or None."""
        key_id, dot, secret = presented.partition(".")
        if not dot:
            return None
        for key in self.keys:
            # Ids are not secret (the access log names them); the secret is compared in
            # constant time.
            if key.id == key_id and key.matches(secret):
                return key
        return None


def load_keys(path: Path) -> KeyRing:
    """Read a keys file; a missing file is an empty ring only for ``keys add``."""
    label = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        raise SoftenvError(f"{label}: no such keys file (create one with `softenv keys add`)") from None
    except OSError as exc:
        raise InputError([f"$: {exc}"], label) from None
    if len(data) > _MAX_BYTES:
        raise InputError([f"$: more than {_MAX_BYTES >> 20} MB: not a keys file"], label)
    try:
        doc = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise InputError([f"$: {exc}"], label) from None
    problems: list[str] = []
    if not isinstance(doc, dict) or doc.get("schema") != KEYS_SCHEMA or doc.get("version") != KEYS_VERSION:
        raise InputError([f"$: expected a {KEYS_SCHEMA} document, version {KEYS_VERSION}"], label)
    raw_keys = doc.get("keys", [])
    if not isinstance(raw_keys, list):
        raise InputError(["$.keys: expected a list of keys"], label)
    keys: list[CallerKey] = []
    for i, raw in enumerate(raw_keys):
        try:
            key = _parse_key(raw)
        except _KeyProblem as exc:
            problems.append(f"$.keys[{i}]{exc.where}: {exc}")
            continue
        if any(k.id == key.id for k in keys):
            problems.append(f"$.keys[{i}].id: {key.id!r} is already the id of another key")
        keys.append(key)
    if problems:
        raise InputError(problems, label)
    return KeyRing(tuple(keys))


class _KeyProblem(ValueError):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def _parse_key(raw: Any) -> CallerKey:
    """One entry of a keys file, checked as ``keys add`` would have written it: a hand-edited
    file is refused at start (finding 09), not met later as a 500 or a 422 per request."""
    if not isinstance(raw, dict):
        raise _KeyProblem("", "expected an object with id, audiences, salt, sha256 and created")
    if not isinstance(raw.get("id"), str) or not _ID.fullmatch(raw["id"]):
        raise _KeyProblem(".id", "expected 1-32 of a-z, 0-9, _ and -, starting with a letter or digit")
    audiences = raw.get("audiences")
    if not isinstance(audiences, list) or not audiences or not all(isinstance(a, str) for a in audiences):
        raise _KeyProblem(".audiences", "expected a non-empty list of audiences (city, county:CODE, …)")
    try:
        parsed = [str(Audience.parse(a)) for a in audiences]
    except FieldInvalid as exc:
        raise _KeyProblem(".audiences", exc.message) from None
    if len(set(parsed)) != len(parsed):
        raise _KeyProblem(".audiences", f"{', '.join(audiences)}: an audience is listed twice")
    for field, size in (("salt", None), ("sha256", 64)):
        value = raw.get(field)
        if not isinstance(value, str) or not _HEX.fullmatch(value) or (size is not None and len(value) != size):
            raise _KeyProblem(f".{field}", "expected hexadecimal digits" + (f", {size} of them" if size else ""))
    if not isinstance(raw.get("created"), str) or not isinstance(raw.get("note"), str | None):
        raise _KeyProblem(".created", "expected the instant the key was added, and a note as text or null")
    return CallerKey(
        id=raw["id"],
        audiences=tuple(parsed),
        salt=raw["salt"],
        sha256=raw["sha256"],
        created=raw["created"],
        note=raw.get("note"),
    )


def _save(path: Path, ring: KeyRing) -> None:
    doc: dict[str, Any] = {
        "schema": KEYS_SCHEMA,
        "version": KEYS_VERSION,
        "keys": [
            {
                "id": k.id,
                "audiences": list(k.audiences),
                "salt": k.salt,
                "sha256": k.sha256,
                "created": k.created,
                "note": k.note,
            }
            for k in ring.keys
        ],
    }
    try:
        # A link's target is replaced, the link kept; a device or FIFO is no keys file.
        target, renamed = output_target(path)
        if not renamed:
            raise SoftenvError(f"{path}: not a regular file; give the keys file's own name")
        make_folder(target)
        # Written atomically and readable by its owner only: it names who may see what.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:  # the file asked for is what failed
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())  # on the disk before the rename: never an empty keys file after a crash
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk: the keys file is named, never the temporary one
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


@contextmanager
def _locked(path: Path, create: bool) -> Iterator[None]:
    """Hold an exclusive lock on the keys file at ``path`` while its keys are read, changed and
    written: ``keys add`` and ``keys revoke`` run at once (a provisioning script's loop in
    parallel) each read the file and wrote it whole, so six adds kept four and an add beside a
    revoke brought the revoked key back (integrator i52 03). The lock is ``flock`` on
    ``.NAME.lock`` beside the file (a link's target's: every name of one file takes one lock),
    removed by its holder before it lets go; a waiter that then gets the lock of a removed file
    opens the new one (so no two hold it, and no lock file stays behind). ``create``: make the
    folder (``keys add``); otherwise a missing folder takes no lock, the read saying the file is
    missing. A lock that is no regular file (a link is never followed) or cannot be opened is
    refused, naming it (:func:`_open_lock`). Where Python has no ``fcntl`` (Windows) no lock is
    taken: run them one at a time there (docs/integration.md)."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    try:
        target, renamed = output_target(path)
        lockable = renamed and (create or target.parent.is_dir())
    except OSError as exc:  # the keys file is named
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    if not lockable:
        yield  # a device, FIFO or missing folder: the read or the write refuses it
        return
    lock = target.parent / f".{target.name}.lock"
    try:
        make_folder(target)
    except OSError as exc:  # the keys file's folder: the keys file is named
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    while True:
        fd = _open_lock(lock, path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # no lock on this file system: the lock is named, not the keys file
            os.close(fd)
            raise _lock_refused(lock, path, *write_reason(exc)) from None
        if _same_file(fd, lock):
            break
        os.close(fd)  # its holder removed it: lock the one there now
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)  # before letting go: see above
        os.close(fd)


def _open_lock(lock: Path, path: Path) -> int:
    """The lock file ``lock`` of the keys file ``path``, opened (made, mode 0600, if missing).
    Never through a symbolic link (``O_NOFOLLOW``: a link's target was made and left behind
    anywhere, attacker x64 03), and only a regular file: a folder, link, FIFO or device there is
    refused, naming the lock, as is a lock that cannot be opened (another user's, left by a
    killed run), never said as a fault of the keys file (x64 02)."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        kind = _kind(lock)
        raise _lock_refused(lock, path, *(kind or write_reason(exc))) from None
    kind = _kind(lock, os.fstat(fd).st_mode)
    if kind is not None:  # a FIFO or device: O_NONBLOCK opened it without waiting
        os.close(fd)
        raise _lock_refused(lock, path, *kind)
    return fd


def _kind(lock: Path, mode: int | None = None) -> tuple[str, str] | None:
    """What ``lock`` is when it is no regular file, (English, Chinese); None when it is one or
    is missing. ``mode``: the open file's, else the name's own (a link not followed)."""
    if mode is None:
        try:
            mode = os.lstat(lock).st_mode
        except OSError:
            return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "it is a symbolic link, not a lock file", "它是符号链接，不是锁文件"
    if stat.S_ISDIR(mode):
        return "it is a folder, not a lock file", "它是文件夹，不是锁文件"
    return "it is not a regular file", "它不是普通文件"


def _lock_refused(lock: Path, path: Path, why: str, why_zh: str) -> SoftenvError:
    """The keys file ``path`` cannot be locked because of its lock file ``lock``: named, and the
    way out (a lock left behind by a killed run is stale once no other ``softenv keys`` runs)."""
    return SoftenvError(
        f"{lock}: cannot lock the keys file {path}: {why}; if no other `softenv keys` is running, "
        f"remove {lock} and try again",
        zh=f"无法锁定密钥文件 {path}：锁文件 {lock} 不可用：{why_zh}；如果没有其他 softenv keys 正在运行，"
        f"请删除 {lock} 后重试",
    )


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` itself (not a link's target) still names the file open as ``fd``."""
    try:
        here, there = os.fstat(fd), os.lstat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def add_key(path: Path, key_id: str, audiences: list[str], note: str | None = None) -> str:
    """Add a key for caller ``key_id`` allowed ``audiences``; return ``ID.SECRET`` (shown once)."""
    if not _ID.fullmatch(key_id):
        raise SoftenvError(f"key id {key_id!r}: expected 1-32 of a-z, 0-9, _ and -, starting with a letter or digit")
    if not audiences:
        raise SoftenvError("a key needs at least one --audience")
    parsed = [str(Audience.parse(a)) for a in audiences]
    with _locked(path, create=True):  # read, changed and written by one process at a time
        ring = load_keys(path) if path.exists() else KeyRing()
        if any(k.id == key_id for k in ring.keys):
            raise SoftenvError(f"key id {key_id!r} exists in {path}: revoke it first")
        secret = _added(path, ring, key_id, parsed, note)
    return f"{key_id}.{secret}"


def _added(path: Path, ring: KeyRing, key_id: str, parsed: list[str], note: str | None) -> str:
    """Write ``ring`` with a new key for ``key_id``; its secret."""
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    key = CallerKey(
        id=key_id,
        audiences=tuple(dict.fromkeys(parsed)),
        salt=salt.hex(),
        sha256=hashlib.sha256(salt + secret.encode("utf-8")).hexdigest(),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        note=note,
    )
    _save(path, KeyRing((*ring.keys, key)))
    return secret


def revoke_key(path: Path, key_id: str) -> None:
    """Remove caller ``key_id``'s key; a running service reads the file only at start."""
    with _locked(path, create=False):  # as add_key: an add beside it cannot bring the key back
        ring = load_keys(path)
        if not any(k.id == key_id for k in ring.keys):
            raise SoftenvError(f"no key {key_id!r} in {path}")
        _save(path, KeyRing(tuple(k for k in ring.keys if k.id != key_id)))


__all__ = ["CallerKey", "KeyRing", "add_key", "load_keys", "revoke_key"]
