-- usage.records.v1 is now folded in memory across polls and written straight to the counters, the history and the
-- operators' statistics, with the consumer offsets, in one transaction per window (FoldingConsumer, UsageIngestion):
-- usage_pending and its roll-up are gone. Rows a previous version left pending are moved the way its roll-up moved
-- them (in one statement); their alerts are raised at the device's next usage (the alert rules compare the counter
-- with what was already alerted, so no step is skipped).
with moved as (
    delete from usage_pending
    returning operator_id, device_id, period_start, period_end, plan_id, hour, network_interface, label,
        roaming, bytes_up, bytes_down, records),
history as (
    insert into usage_hourly (operator_id, device_id, period_start, hour, network_interface, label,
        roaming, bytes_up, bytes_down, records)
    select operator_id, device_id, period_start, hour, network_interface, label, roaming, sum(bytes_up),
        sum(bytes_down), sum(records)
    from moved
    group by operator_id, device_id, period_start, hour, network_interface, label, roaming),
per_operator as (
    insert into usage_operator_hourly (operator_id, hour, network_interface, hotspot, bytes_up,
        bytes_down)
    select operator_id, hour, network_interface, hotspot, sum(bytes_up), sum(bytes_down)
    from (select operator_id, hour, network_interface, bytes_up, bytes_down,
            case when network_interface = 'WIFI_OFFLOAD' then coalesce(label, '') else '' end as hotspot
          from moved) m
    group by operator_id, hour, network_interface, hotspot
    order by operator_id collate "C", hour, network_interface collate "C", hotspot collate "C"
    on conflict (operator_id, hour, network_interface, hotspot) do update set
        bytes_up = usage_operator_hourly.bytes_up + excluded.bytes_up,
        bytes_down = usage_operator_hourly.bytes_down + excluded.bytes_down),
clients as (
    insert into usage_client_counter (operator_id, device_id, period_start, client_id, bytes_up,
        bytes_down, updated_at)
    select operator_id, device_id, period_start, label, sum(bytes_up), sum(bytes_down), now()
    from moved where network_interface = 'TETHERED_CLIENT'
    group by operator_id, device_id, period_start, label
    order by operator_id collate "C", device_id collate "C", period_start, label collate "C"
    on conflict (operator_id, device_id, period_start, client_id) do update set
        bytes_up = usage_client_counter.bytes_up + excluded.bytes_up,
        bytes_down = usage_client_counter.bytes_down + excluded.bytes_down,
        updated_at = greatest(usage_client_counter.updated_at, excluded.updated_at)),
delta as (
    select operator_id, device_id, period_start, max(period_end) as period_end, max(plan_id) as plan_id,
        sum(bytes_up) as bytes_up, sum(bytes_down) as bytes_down,
        sum(case when network_interface = 'CELLULAR' then bytes_up else 0 end) as cellular_up,
        sum(case when network_interface = 'CELLULAR' then bytes_down else 0 end) as cellular_down,
        sum(case when network_interface = 'WIFI_OFFLOAD' then bytes_up else 0 end) as wifi_offload_up,
        sum(case when network_interface = 'WIFI_OFFLOAD' then bytes_down else 0 end) as wifi_offload_down,
        sum(case when network_interface = 'TETHERED_CLIENT' then bytes_up else 0 end) as tethered_up,
        sum(case when network_interface = 'TETHERED_CLIENT' then bytes_down else 0 end) as tethered_down,
        sum(case when roaming then bytes_up else 0 end) as roaming_up,
        sum(case when roaming then bytes_down else 0 end) as roaming_down,
        sum(records) as records
    from moved
    group by operator_id, device_id, period_start)
insert into usage_counter (operator_id, device_id, period_start, period_end, bytes_up, bytes_down,
    cellular_up, cellular_down, wifi_offload_up, wifi_offload_down, tethered_up, tethered_down,
    roaming_up, roaming_down, records, plan_id, updated_at)
select operator_id, device_id, period_start, period_end, bytes_up, bytes_down, cellular_up,
    cellular_down, wifi_offload_up, wifi_offload_down, tethered_up, tethered_down, roaming_up,
    roaming_down, records, plan_id, now()
from delta
order by operator_id collate "C", device_id collate "C", period_start
on conflict (operator_id, device_id, period_start) do update set
    bytes_up = usage_counter.bytes_up + excluded.bytes_up,
    bytes_down = usage_counter.bytes_down + excluded.bytes_down,
    cellular_up = usage_counter.cellular_up + excluded.cellular_up,
    cellular_down = usage_counter.cellular_down + excluded.cellular_down,
    wifi_offload_up = usage_counter.wifi_offload_up + excluded.wifi_offload_up,
    wifi_offload_down = usage_counter.wifi_offload_down + excluded.wifi_offload_down,
    tethered_up = usage_counter.tethered_up + excluded.tethered_up,
    tethered_down = usage_counter.tethered_down + excluded.tethered_down,
    roaming_up = usage_counter.roaming_up + excluded.roaming_up,
    roaming_down = usage_counter.roaming_down + excluded.roaming_down,
    records = usage_counter.records + excluded.records,
    plan_id = coalesce(excluded.plan_id, usage_counter.plan_id),
    updated_at = greatest(usage_counter.updated_at, excluded.updated_at);

DROP TABLE usage_pending;
COMMENT ON TABLE usage_hourly IS 'per device and hour (one row per ingest window or REST batch that saw it): interface, client or hotspot, roaming; monthly partitions';
