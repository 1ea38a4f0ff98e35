-- Early silence (docs/halting.md): the moment a device counts as early-silent unless heard from
-- again, one poll interval it was given plus the grace (ringgate.health.early-silence-grace) after
-- it was last heard from. Like silent_at_ms it only moves later. Rows written before this column
-- existed have none and never count as early-silent.
ALTER TABLE rollout_devices ADD COLUMN early_silent_at_ms BIGINT;
