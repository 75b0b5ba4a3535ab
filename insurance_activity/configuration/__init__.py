"""What an admin configures, and what keeps it sound over the year.

- Insurance Activity Settings: every business number (read through `insurance_activity.settings`).
- Productivity Tier; the yearly Holiday Lists (Insurance Activity Holiday List rows of the settings).
- `calendar.py`: the working calendar kept a year ahead (China's holidays and make-up working days from
  `chinesecalendar`, fiscal years), with warnings to admins; `organisation.py`: the reporting tree and
  unit managers kept in step with the permission rule (daily check).
- Daily Job Run: the once-a-day claim of `daily_jobs.run_daily`.
"""
