-- The decision log keeps one row per scan instead of one per network: a scan's decisions are parallel arrays (entry i
-- of every array is the i-th network's decision), written with one heap tuple and two index entries instead of 40
-- and 80, in about a quarter of the space (docs/benchmarks.md, scan). DecisionLog unnests them when it reads.
create table scan_decision_per_scan (
    operator_id        text          not null,
    device_id          text          not null,
    scan_id            uuid          not null,
    decided_at         timestamptz   not null,
    ssid               text[]        not null,
    bssid              text[]        not null,
    selected           boolean[]     not null,
    reason             text[]        not null,
    plugin_id          text[]        not null,
    priority           integer[]     not null,
    effective_priority integer[]     not null,
    auth_method        text[]        not null,
    fallback_reason    text[]        not null,
    detail             text[]        not null,
    check (cardinality(bssid) = cardinality(ssid) and cardinality(selected) = cardinality(ssid)
        and cardinality(reason) = cardinality(ssid) and cardinality(plugin_id) = cardinality(ssid)
        and cardinality(priority) = cardinality(ssid) and cardinality(effective_priority) = cardinality(ssid)
        and cardinality(auth_method) = cardinality(ssid) and cardinality(fallback_reason) = cardinality(ssid)
        and cardinality(detail) = cardinality(ssid))
);

-- The entries an earlier version wrote, a scan's rows folded into its one row; n keeps the arrays aligned.
insert into scan_decision_per_scan
select operator_id, device_id, scan_id, decided_at,
       array_agg(ssid order by n), array_agg(bssid order by n), array_agg(selected order by n),
       array_agg(reason order by n), array_agg(plugin_id order by n), array_agg(priority order by n),
       array_agg(effective_priority order by n), array_agg(auth_method order by n),
       array_agg(fallback_reason order by n), array_agg(detail order by n)
  from (select d.*, row_number() over (partition by scan_id order by ctid) as n from scan_decision d) entries
 group by operator_id, device_id, scan_id, decided_at;

drop table scan_decision;
alter table scan_decision_per_scan rename to scan_decision;
create index scan_decision_device on scan_decision (operator_id, device_id, decided_at desc);
create index scan_decision_age on scan_decision (decided_at);
