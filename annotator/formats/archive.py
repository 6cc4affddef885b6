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
        for info in members:
            target = _safe_member_path(info.filename, source)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise InputError(f"member {info.filename!r} is a symbolic link; refused", source)
            if info.is_dir():
                (dest / target).mkdir(parents=True, exist_ok=True)
                continue
            if info.flag_bits & 0x1:
                raise InputError(f"member {info.filename!r} is encrypted", source)
            out_path = dest / target
            out_path.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            limit = max(info.compress_size, 1) * max_ratio
            with archive.open(info) as src, open(out_path, "wb") as out:
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    total += len(chunk)
                    if written > limit and written > CHUNK:
                        raise InputError(f"member {info.filename!r} inflates more than {max_ratio} times its "
                                         "compressed size: a decompression bomb? refused", source)
                    if total > max_total:
                        raise InputError(f"the archive unpacks to more than {max_total // 2**20} MB; refused", source)
                    out.write(chunk)
    return dest
