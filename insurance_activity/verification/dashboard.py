"""The agent's callback checks and conduct incidents on their Employee form (connections with counts)."""

from frappe import _


def employee_dashboard(data):
	data["transactions"].append({"label": _("Verification"), "items": ["Callback Check", "Conduct Incident"]})
	data["non_standard_fieldnames"].update({"Callback Check": "agent", "Conduct Incident": "agent"})
	return data
