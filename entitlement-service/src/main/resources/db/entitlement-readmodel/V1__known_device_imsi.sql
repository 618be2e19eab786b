-- Operator backends often know a device only by its IMSI: look it up without scanning the operator's devices.
create index if not exists known_device_operator_imsi on known_device (operator_id, imsi);
