#!/usr/bin/env python3
"""List the app's user-facing strings that have no Chinese translation yet, as CSV lines to fill in.

    dev/untranslated.py [--site insurance.localhost] > /tmp/missing.csv

Run on a site where the app is installed. The same check runs in the test suite (test_translations).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default="insurance.localhost")
	args = parser.parse_args()
	code = (
		f"import csv, sys, frappe; frappe.init(site={args.site!r}, sites_path='.'); frappe.connect(); "
		"from insurance_activity.tests.i18n import untranslated_messages; "
		"w = csv.writer(sys.stdout); [w.writerow([m, '', c or '']) for m, c in untranslated_messages()]"
	)
	stack.run(
		[str(stack.BENCH / "env" / "bin" / "python"), "-c", code], cwd=stack.BENCH / "sites", quiet=False
	)


if __name__ == "__main__":
	main()
