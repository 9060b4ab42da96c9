-- A custom json key may carry a JSON Schema its values must satisfy, as
-- the built-in json keys do; NULL means none.
ALTER TABLE setting_definitions ADD COLUMN schema TEXT;
