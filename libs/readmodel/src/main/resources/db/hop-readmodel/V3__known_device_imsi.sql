-- Operator backends often know a device only by its IMSI (DeviceDirectory.deviceIdsByImsi): look it up without
-- scanning the operator's devices. "if not exists": entitlement-service created this index itself before.
create index if not exists known_device_operator_imsi on known_device (operator_id, imsi);
