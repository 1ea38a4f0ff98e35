-- Fleet admins' policies, per tenant and product, as JSON (the shape of the API's policy body).
CREATE TABLE tenant_policies (
    tenant_id  VARCHAR(128) NOT NULL REFERENCES tenants (id),
    product_id VARCHAR(128) NOT NULL REFERENCES products (id),
    policy     TEXT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, product_id)
);

-- Emergency stops: while a row exists, the tenant's devices are offered nothing new.
CREATE TABLE tenant_stops (
    tenant_id  VARCHAR(128) PRIMARY KEY REFERENCES tenants (id),
    reason     VARCHAR(2000),
    stopped_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_by VARCHAR(200) NOT NULL
);
