-- Stands for a service's own V1 migration in the platform's tests (the platform's tables have their own history).
create table test_timer_fired (
    timer_key text        not null,
    attempt   integer     not null,
    payload   text,
    fired_at  timestamptz not null default now()
);

create table test_handled (
    consumer text not null,
    event_id text not null,
    note     text
);

create table test_commit_order (
    event_key text   not null,
    token     text   not null,
    position  bigint not null
);

create table test_key_counter (
    event_key text   primary key,
    position  bigint not null
);

-- The messaging tests' stand-in for a service's read model (TestOperators).
create table test_operator (
    operator_id text        primary key,
    name        text,
    status      text,
    version     bigint      not null,
    changed_at  timestamptz
);
