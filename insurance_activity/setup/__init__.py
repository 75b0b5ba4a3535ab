"""Install, migrate and uninstall: roles and their desk permissions, custom fields on ERPNext/HRMS doctypes,
database constraints, seeded defaults (settings, standards, meeting configuration), the test company, China's
holidays, and the demo branch (`demo.py`, run by `dev/demo`)."""
