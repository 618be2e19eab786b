alter table test_subscriber add column plan text;
