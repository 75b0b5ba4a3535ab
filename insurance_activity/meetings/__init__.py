"""The two meetings (二会经营): weekly reviews (周复盘会) on the 8th, 15th and 22nd, the monthly planning meeting
(月规划会) from the 27th.

- Meeting Session and its tables (attendees, agenda, KPIs, open items, quality scores, action items): the
  document starts, ends, snapshots its KPIs and scores itself (methods of `MeetingSession`; its buttons are
  whitelisted methods called with `frm.call`).
- Meeting Type, Meeting Template, Quality Rubric: configuration, seeded from domain.md by `setup.py`.
- `schedule.py`: the business weeks and meeting dates from the settings (the core is
  `rules/business_calendar.py`); `people.py`: who attends an office's meetings and whose meetings a user reads
  (the host, the office's unit manager, and "supervisor and above" are `org.py`'s);
  `kpi_snapshot.py`: the week's KPIs; `action_items.py`: actions as ToDos carried to the next meeting.
- `jobs.py`: sessions made ahead, reminders, meetings flagged not held; report `meeting_compliance`.
"""
