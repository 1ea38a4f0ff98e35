-- Edge relays (docs/relay.md).

-- What a relay checks a tenant's DEVICE and FLEET_ADMIN keys against (security.RelayVerifier):
-- SHA-256 of the key, kept from its creation. Keys created before this migration have none and
-- are not accepted by relays until they are replaced.
ALTER TABLE api_keys ADD COLUMN relay_verifier CHAR(64);

-- How far each relay's forwarded spool has been applied: a replayed batch is stored once.
CREATE TABLE relay_positions (
    relay_key_id VARCHAR(64)  NOT NULL,
    spool_id     VARCHAR(64)  NOT NULL,
    applied_seq  BIGINT       NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (relay_key_id, spool_id)
);
