-- The rollout engine: where each rollout's current ring started, when it stopped, and each
-- ring's own start and end.
ALTER TABLE rollouts ADD COLUMN ring_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rollouts ADD COLUMN stopped_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE rollout_rings (
    rollout_id VARCHAR(64) NOT NULL REFERENCES rollouts (id),
    ring_index INT NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (rollout_id, ring_index)
);

-- Devices: the first check-in binds a device id to its tenant (written behind, in batches).
CREATE TABLE devices (
    id            VARCHAR(128) PRIMARY KEY,
    tenant_id     VARCHAR(128) NOT NULL REFERENCES tenants (id),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Last check-in per device and product: what it ran, and what it was told.
CREATE TABLE device_products (
    device_id          VARCHAR(128) NOT NULL,
    product_id         VARCHAR(128) NOT NULL,
    last_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_version   VARCHAR(64),
    told_action        VARCHAR(16) NOT NULL,
    told_version       VARCHAR(64),
    poll_after_seconds INT NOT NULL,
    PRIMARY KEY (device_id, product_id)
);

-- Devices that run a rollout's release (a good check-in on it), once each, with their ring.
CREATE TABLE rollout_exposures (
    rollout_id VARCHAR(64) NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    ring_index INT NOT NULL,
    exposed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rollout_id, device_id)
);
CREATE INDEX rollout_exposures_ring ON rollout_exposures (rollout_id, ring_index);
