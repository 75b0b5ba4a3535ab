"""The business rules as plain functions over plain data: no `frappe` import anywhere under this package
(a test walks every module), so each rule is tested with plain pytest. The shell (controllers, services,
reports, jobs) reads rows, calls these, and writes the results. One module per business area; status
tuples here equal the doctypes' Select options (a test)."""
