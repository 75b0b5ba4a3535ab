"""Production data (业绩): policies from the core system, monthly performance, targets and productivity tiers.

- Insurance Policy: one path for every way a single policy arrives (the form, REST, Data Import: the
  document's `validate_row` and `link_customer`) and the bulk file load (`policy_loader.py`, Policy Load
  with its errors, in a background job); what both share (messages, limits, references, customers in
  bulk) is `policy_service.py`.
- Agent / Office Monthly Performance: rebuilt from the records by `performance.py` (daily job, `jobs.py`).
- Production Target and its months: validation, the split down the organisation (`split_across`) and the
  progress to date are methods of the document; `targets.py` is the shell of the core's splits; report
  `target_progress`.
- Tier Review: `tiers.py` evaluates productivity tiers (产能层级) over the look-back months.
The rules are in `rules/production/` (policies, performance, tiers, targets).
"""
