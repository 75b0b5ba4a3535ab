# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument


class UnitAlert(AppDocument):
	"""One office, measure and month (the streak's last): computed by insurance_activity.analytics.alerts,
	never typed. Its name is fixed by those three, so a re-run finds and updates the same alert."""

	def autoname(self):
		self.name = alert_name(self.unit, self.measure, self.period)

	def validate(self):
		if not self.flags.computed:
			frappe.throw(
				_("{0} is computed by the weekly alert job and cannot be entered or changed by hand.").format(
					_(self.doctype)
				)
			)


def alert_name(unit: str, measure: str, period: str) -> str:
	"""The alert's name: "YYYY-MM, measure, office" (one alert per office, measure and month)."""
	return f"{period}, {measure}, {unit}"
