# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from insurance_activity.controllers.document import AppDocument


class AlertPlaybook(AppDocument):
	"""The suggested actions of the unit alerts (预警处置手册), per likely cause; an Activity Admin edits it.
	The defaults come from setup/defaults.py (DEFAULT_PLAYBOOK)."""

	def actions_for(self, cause: str) -> list[str]:
		"""The suggested actions of one cause (rules.unit_alerts.CAUSES), in the playbook's order."""
		return [row.action for row in self.actions if row.cause == cause and row.action]
