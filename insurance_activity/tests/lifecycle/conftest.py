from insurance_activity.tests.site import connect_test_site

SITE = connect_test_site()
