package dev.ringgate.relay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.security.Role;
import java.time.Instant;
import java.util.List;

/**
 * What the upstream sends a relay: one tenant's decision inputs, as the upstream's check-in
 * snapshot holds them (so that the relay's {@code Decider} answers as the upstream's would), the
 * poll intervals, and the verifiers of the tenant's keys. Nothing of other tenants: a release
 * halted for some tenants says only whether it is halted for this one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncDocument(
    String tenantId,
    long storeVersion,
    Instant issuedAt,
    Instant expiresAt,
    int pollSeconds,
    int installPollSeconds,
    List<Product> products,
    List<Key> keys) {

  /** A product, the tenant's policy for it, and its releases, newest first. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Product(
      String productId, Versioning versioning, TenantPolicy policy, List<Release> releases) {}

  /**
   * A release as the decision reads it.
   *
   * @param haltedForTenant whether its rollout is halted for this tenant alone
   * @param deliveryJson the answer's artifact and signature fields, exactly as upstream writes them
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Release(
      String releaseId,
      String version,
      List<String> platforms,
      String requires,
      Availability availability,
      boolean haltedForTenant,
      Availability tenantHalt,
      Admission admission,
      String rolloutId,
      String deliveryJson) {}

  /** A key the relay accepts, by its verifier (security.RelayVerifier). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Key(String id, Role role, String verifier) {}
}
