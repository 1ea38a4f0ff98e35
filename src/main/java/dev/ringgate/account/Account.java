package dev.ringgate.account;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A vendor or a tenant. */
@Schema(name = "Account", description = "A vendor or a tenant.")
public record Account(String id, String name, Instant createdAt) {}
