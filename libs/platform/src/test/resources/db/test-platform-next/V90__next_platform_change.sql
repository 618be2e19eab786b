-- Stands for the platform's next migration in LibrarySchemaTest: it touches a platform table.
alter table hop_timer add column test_next_platform_column text;
