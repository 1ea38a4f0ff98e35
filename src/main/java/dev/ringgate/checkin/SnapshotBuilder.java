package dev.ringgate.checkin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.policy.PolicyStore;
import dev.ringgate.release.ProductStore;
import dev.ringgate.release.ReleaseStore;
import dev.ringgate.release.domain.OnHalt;
import dev.ringgate.release.domain.Product;
import dev.ringgate.release.domain.Release;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.RolloutStore;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.Rollout;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the state that check-ins are decided from and builds an immutable {@link Snapshot}. */
@ApplicationScoped
public class SnapshotBuilder {
  private final ProductStore products;
  private final ReleaseStore releases;
  private final RolloutStore rollouts;
  private final PolicyStore policies;
  private final ObjectMapper json;

  SnapshotBuilder(
      ProductStore products,
      ReleaseStore releases,
      RolloutStore rollouts,
      PolicyStore policies,
      ObjectMapper json) {
    this.products = products;
    this.releases = releases;
    this.rollouts = rollouts;
    this.policies = policies;
    this.json = json;
  }

  public Snapshot build(Connection c, long storeVersion) throws SQLException {
    Map<String, Rollout> rolloutByRelease = new HashMap<>();
    for (Rollout rollout : rollouts.all(c)) {
      rolloutByRelease.put(rollout.releaseId(), rollout);
    }
    Map<Long, RingPlan> plans = products.plans(c);
    Map<String, Set<String>> tenantHalts = rollouts.allTenantHalts(c);
    Map<String, List<Release>> releasesByProduct = new HashMap<>();
    for (Release release : releases.all(c)) {
      releasesByProduct.computeIfAbsent(release.productId(), k -> new ArrayList<>()).add(release);
    }
    Map<String, ProductEntry> entries = new HashMap<>();
    for (Product product : products.all(c)) {
      List<ReleaseEntry> releases = new ArrayList<>();
      for (Release release : releasesByProduct.getOrDefault(product.id(), List.of())) {
        Rollout rollout = rolloutByRelease.get(release.id());
        RingPlan plan = rollout == null ? null : plans.get(rollout.ringPlanId());
        Set<String> halted =
            rollout == null ? Set.of() : tenantHalts.getOrDefault(rollout.id(), Set.of());
        releases.add(entry(product, release, rollout, plan, halted));
      }
      entries.put(product.id(), new ProductEntry(product.id(), product.versioning(), releases));
    }
    return new Snapshot(storeVersion, entries, policies.load(c));
  }

  private ReleaseEntry entry(
      Product product, Release release, Rollout rollout, RingPlan plan, Set<String> halted) {
    Version version = product.versioning().parse(release.version());
    VersionRange requires =
        release.requiresAgentVersion() == null
            ? null
            : VersionRange.parse(release.requiresAgentVersion(), Versioning.SEMVER);
    return new ReleaseEntry(
        release.id(),
        version,
        Set.copyOf(release.platforms()),
        requires,
        Availability.of(release.isRevoked(), rollout == null ? null : rollout.state()),
        Admission.of(rollout, plan),
        rollout == null ? null : rollout.id(),
        delivery(release),
        halted,
        plan != null && plan.onHalt() == OnHalt.ROLLBACK
            ? Availability.ROLLED_BACK
            : Availability.HALTED);
  }

  /**
   * What INSTALL and ROLLBACK answers carry besides the version: the release id and everything the
   * vendor's signature covers (platforms, requires, artifact), so that an agent can rebuild the
   * signed object and check the signature itself, and the signature.
   */
  private String delivery(Release release) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("releaseId", release.id());
    fields.put("platforms", release.platforms());
    if (release.requiresAgentVersion() != null) {
      fields.put("requires", Map.of("agentVersion", release.requiresAgentVersion()));
    }
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("url", release.artifact().url());
    artifact.put("sha256", release.artifact().sha256());
    artifact.put("sizeBytes", release.artifact().sizeBytes());
    fields.put("artifact", artifact);
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("keyId", release.signatureKeyId());
    signature.put("value", release.signatureValue());
    fields.put("signature", signature);
    try {
      String object = json.writeValueAsString(fields);
      return object.substring(1, object.length() - 1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
