from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def farasa_text() -> str:
    return (FIXTURES / "text" / "farasa_excerpt.txt").read_text(encoding="utf-8")
