import codecs

import pytest

from annotator.core.errors import InputError
from annotator.core.text import decode_text, looks_binary, normalize_newlines


def test_crlf_and_lone_cr_become_lf():
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalize_newlines("\r\n\r\n") == "\n\n"


def test_decode_strips_bom_and_keeps_nbsp():
    data = codecs.BOM_UTF8 + "نص\u00a0عربي\r\n".encode()
    assert decode_text(data, "f.txt") == "نص\u00a0عربي\n"


def test_invalid_utf8_names_line_and_byte():
    data = "سطر أول\nسطر ثان\n".encode() + b"\xff\xfe bad"
    with pytest.raises(InputError) as err:
        decode_text(data, "bad.txt")
    assert err.value.line == 3
    assert err.value.byte_offset == len("سطر أول\nسطر ثان\n".encode())
    assert "bad.txt" in str(err.value) and "line 3" in str(err.value) and "UTF-8" in str(err.value)


def test_binary_detected():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        decode_text(b"abc\x00def", "x.bin")
    assert not looks_binary("نص عادي\tمع جدولة\n".encode())


def test_other_encoding_on_request():
    data = "نص".encode("cp1256")
    assert decode_text(data, "f.txt", encoding="cp1256") == "نص"
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"x", "f.txt", encoding="no-such-codec")
