-- Approvals: one per (tenant, release, group); group_name '' is the tenant-wide approval.
CREATE TABLE approvals (
    id          VARCHAR(64) PRIMARY KEY,
    tenant_id   VARCHAR(128) NOT NULL REFERENCES tenants (id),
    product_id  VARCHAR(128) NOT NULL REFERENCES products (id),
    release_id  VARCHAR(64) NOT NULL REFERENCES releases (id),
    rollout_id  VARCHAR(64) NOT NULL REFERENCES rollouts (id),
    group_name  VARCHAR(128) NOT NULL,
    state       VARCHAR(16) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE,
    decided_by  VARCHAR(200),
    reason      VARCHAR(2000),
    CONSTRAINT approvals_once UNIQUE (tenant_id, release_id, group_name)
);
CREATE INDEX approvals_tenant_state ON approvals (tenant_id, state);
CREATE INDEX approvals_rollout ON approvals (rollout_id, state);
