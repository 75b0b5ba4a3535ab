# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document


class ConductIncident(Document):
	"""A finding against an agent from a callback: a visit that did not happen, misconduct or a valid
	complaint (有效投诉), with its appeal (申诉). Written by insurance_activity.verification.callback_service.

	Not HRMS's Employee Grievance: that is raised by an employee (the Employee dashboard links it by
	raised_by) and needs the raiser to be an Employee; this is a finding about the agent, with an appeal.
	"""

	pass
