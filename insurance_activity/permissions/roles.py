"""The app's roles, and the role groups the one permission rule uses.

Finance and payroll work with HRMS/Accounts roles (HR Manager, Accounts User) and need none of ours.
"""

INSURANCE_AGENT = "Insurance Agent"  # 营销员
INSURANCE_SUPERVISOR = "Insurance Supervisor"  # 主管
OFFICE_MANAGER = "Office Manager"  # 营业室负责人
CALLBACK_OFFICER = "Callback Officer"  # 回访专员
ACTIVITY_ADMIN = "Activity Admin"  # 企划

ROLES = (INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER, CALLBACK_OFFICER, ACTIVITY_ADMIN)
# Roles that see every unit's records (no hierarchy filter)
ALL_UNITS_ROLES = (ACTIVITY_ADMIN, "System Manager")
# Roles that make a user supervisor and above without a team yet (org.supervisors_and_above)
SUPERVISOR_ROLES = (INSURANCE_SUPERVISOR, OFFICE_MANAGER)
# Finance reads every unit's production and rewards to settle pay (HRMS/Accounts roles)
FINANCE_ROLES = ("HR Manager", "Accounts User")

# What counts as reading a record; every other permission type (write, create, submit, cancel, amend,
# delete, share) changes it.
READ_PTYPES = frozenset({"read", "select", "print", "email", "report", "export"})
