"""Where a test run leaves what a reviewer reads: dev/artifacts of the checkout (pictures, tables)."""

from collections.abc import Iterable
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "dev" / "artifacts"


def write_table(filename: str, header: list[str], rows: Iterable[tuple]) -> None:
	"""A tab-separated table `filename` in dev/artifacts (header, then one line per row), when the checkout
	has that folder (the test command makes it); nothing otherwise."""
	if ARTIFACTS.is_dir():
		lines = ["\t".join(header), *("\t".join(map(str, row)) for row in rows)]
		(ARTIFACTS / filename).write_text("\n".join(lines) + "\n")
