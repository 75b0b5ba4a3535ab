# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from insurance_activity.controllers.document import AppDocument


class CallbackSamplingRun(AppDocument):
	"""One day's callback sample (抽样回访): what was sampled, assigned, and what could not be sampled.

	Written by insurance_activity.verification.sampling; one run per day of visits keeps re-runs idempotent.
	"""

	pass
