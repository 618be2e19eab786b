-- The revision of each operator's configuration other than its device groups: its sharing policies, plans and hotspot
-- profiles, and what a service keeps of its own per operator and caches the same way (entitlement-service: the
-- operator's entitlement providers). A new number from the sequence with every applied change or deletion of one of
-- them, in the same transaction (ConfigurationRevisions). DeviceResolver reads it in the device's statement, next to
-- the groups' revision, and uses its in-memory copy of the operator's policies, plans and profiles only while it is
-- unchanged: a change applied by another replica on the same database is seen by the very next resolution, a
-- rolled-back one never (a sequence never hands out a number twice).
create sequence known_configuration_revision_seq;
create table known_configuration_revision (
    operator_id text   primary key,
    revision    bigint not null
);
