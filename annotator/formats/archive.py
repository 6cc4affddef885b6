"""Zip archives of a corpus, unpacked safely before import.

Corpora travel as zip files from people we do not know, so every member is checked before a byte
is written: no absolute paths, no ``..``, no drive letters or device names, no links, a bounded
number of files, and a bounded size, counted on the bytes actually inflated (a header can lie),
with a bound on the compression ratio against decompression bombs.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from annotator.core.errors import InputError

MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2 * 1024**3  # everything unpacked
MAX_RATIO = 200  # uncompressed / compressed, per member (text compresses about 3-10x)
CHUNK = 1 << 20
MAX_NAME_BYTES = 255  # one path component, as ext4, APFS and NTFS allow
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def _safe_member_path(name: str, source: str) -> PurePosixPath:
    if "\x00" in name:
        raise InputError(f"member {name!r} has a NUL byte in its name", source)
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise InputError(f"member {name!r} has an absolute path; refused (it could write outside the import)", source)
    if any(part == ".." for part in posix.parts):
        raise InputError(f"member {name!r} climbs out of the archive with '..'; refused", source)
    if any(part.split(".")[0].lower() in _WINDOWS_DEVICES for part in posix.parts):
        raise InputError(f"member {name!r} uses a device name; refused", source)
    if not posix.parts and not name.endswith(("/", "\\")):
        raise InputError(f"member {name!r} names no file (only '.'); refused", source)
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in posix.parts):
        raise InputError(f"member {name[:60]!r}... has a name longer than {MAX_NAME_BYTES} bytes, more than "
                         "file systems allow; refused", source)
    return posix


def unpack_zip(path: Path, dest: Path, *, max_total: int = MAX_TOTAL_BYTES, max_ratio: int = MAX_RATIO,
               max_members: int = MAX_MEMBERS) -> Path:
    """Unpack ``path`` into ``dest`` (which must exist) and return ``dest``; InputError otherwise."""
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("not a valid zip archive", source) from None
    with archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise InputError(f"the archive holds {len(members)} members (at most {max_members})", source)
        total = 0
        seen: dict[str, str] = {}  # casefolded path -> member name, files and the folders above them
        for info in members:
            target = _safe_member_path(info.filename, source)
            _check_collisions(target, info.is_dir(), info.filename, seen, source)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise InputError(f"member {info.filename!r} is a symbolic link; refused", source)
            if info.is_dir():
                if target.parts:
                    (dest / target).mkdir(parents=True, exist_ok=True)
                continue
            if info.flag_bits & 0x1:
                raise InputError(f"member {info.filename!r} is encrypted", source)
            try:
                total = _extract(archive, info, dest / target, total, max_total, max_ratio, source)
            except OSError as exc:
                raise InputError(f"member {info.filename!r} cannot be unpacked ({exc.strerror or exc})", source) from None
            except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
                raise InputError(f"member {info.filename!r} is damaged or uses an unsupported compression "
                                 f"({exc})", source) from None
    return dest


def _check_collisions(target: PurePosixPath, is_dir: bool, name: str, seen: dict[str, str], source: str) -> None:
    """Two members of one name (one would be lost) or a file and a folder of one name: refused.
    Names are compared ignoring case, as on Windows and macOS."""
    key = str(target).casefold()
    kind = "folder" if is_dir else "file"
    earlier = seen.get(key)
    if earlier is not None and earlier.startswith("folder:") != is_dir:
        raise InputError(f"the archive holds a file and a folder named {name.rstrip('/')!r}; refused", source)
    if earlier is not None and not is_dir:
        raise InputError(f"the archive holds two members named {name!r} (or differing only in case: "
                         f"{earlier.split(':', 1)[1]!r}); one would be lost, so it is refused", source)
    seen[key] = f"{kind}:{name}"
    for parent in list(target.parents)[:-1]:
        pkey = str(parent).casefold()
        above = seen.get(pkey)
        if above is not None and above.startswith("file:"):
            raise InputError(f"the archive holds a file and a folder named {above.split(':', 1)[1]!r} "
                             f"(the folder of {name!r}); refused", source)
        seen[pkey] = f"folder:{parent}"


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out_path: Path, total: int, max_total: int,
             max_ratio: int, source: str) -> int:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    limit = max(info.compress_size, 1) * max_ratio
    with archive.open(info) as src, open(out_path, "xb") as out:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            total += len(chunk)
            if written > limit and written > CHUNK:
                raise InputError(f"member {info.filename!r} inflates more than {max_ratio} times its "
                                 "compressed size: a decompression bomb? refused", source)
            if total > max_total:
                raise InputError(f"the archive unpacks to more than {max_total // 2**20} MB; refused", source)
            out.write(chunk)
    return total
