create index test_subscriber_plan on test_subscriber (plan);
