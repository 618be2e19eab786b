-- A service's schema in LibrarySchemaTest, already at V3 when the platform brings a new migration.
create table test_subscriber (id text primary key);
