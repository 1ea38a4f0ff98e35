-- When a device first checked in for a product: a device counts as evidence for a rollout only if
-- it had checked in for the product before the rollout started (docs/halting.md). Devices known
-- before this migration count as established.
ALTER TABLE device_products ADD COLUMN first_seen_at TIMESTAMP WITH TIME ZONE;
UPDATE device_products SET first_seen_at = TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00';

-- The gate's evidence counts from this moment (epoch millis; null: from the start): a resume
-- after a halt starts a new evidence window.
ALTER TABLE rollouts ADD COLUMN evidence_since_ms BIGINT;

-- A rollout halted for one tenant only: its devices are offered nothing new (and told to roll back
-- when the plan says so) while the rest of the fleet goes on. A resume lifts it.
CREATE TABLE rollout_tenant_halts (
    rollout_id VARCHAR(64) NOT NULL REFERENCES rollouts (id),
    tenant_id  VARCHAR(128) NOT NULL,
    ring_index INT NOT NULL,
    halted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason     VARCHAR(4000) NOT NULL,
    PRIMARY KEY (rollout_id, tenant_id)
);

-- Tenants whose evidence the vendor excluded from a rollout's gate (on resume).
CREATE TABLE rollout_evidence_exclusions (
    rollout_id  VARCHAR(64) NOT NULL REFERENCES rollouts (id),
    tenant_id   VARCHAR(128) NOT NULL,
    excluded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rollout_id, tenant_id)
);
