package dev.ringgate.relay;

import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the upstream's snapshot into one tenant's sync document, and a document back into one. */
public final class SnapshotCodec {
  private SnapshotCodec() {}

  /** The products part of a tenant's document: every product, sorted by id. */
  public static List<SyncDocument.Product> products(Snapshot snapshot, String tenantId) {
    List<SyncDocument.Product> products = new ArrayList<>();
    for (ProductEntry product : snapshot.products().values()) {
      List<SyncDocument.Release> releases = new ArrayList<>();
      for (ReleaseEntry r : product.newestFirst()) {
        releases.add(
            new SyncDocument.Release(
                r.releaseId(),
                r.version().text(),
                r.platforms().stream().sorted().toList(),
                r.requires() == null ? null : r.requires().text(),
                r.availability(),
                r.haltedTenants().contains(tenantId),
                r.tenantHalt(),
                r.admission(),
                r.rolloutId(),
                r.deliveryJson()));
      }
      products.add(
          new SyncDocument.Product(
              product.productId(),
              product.versioning(),
              snapshot.policies().policy(tenantId, product.productId()),
              releases));
    }
    products.sort(Comparator.comparing(SyncDocument.Product::productId));
    return products;
  }

  /** The snapshot a relay decides on: the document's tenant's view of the upstream's snapshot. */
  public static Snapshot snapshot(SyncDocument document) {
    Map<String, ProductEntry> products = new HashMap<>();
    Map<String, TenantPolicy> policies = new HashMap<>();
    for (SyncDocument.Product product : document.products()) {
      Versioning versioning = product.versioning();
      List<ReleaseEntry> releases = new ArrayList<>();
      for (SyncDocument.Release r : product.releases()) {
        releases.add(
            new ReleaseEntry(
                r.releaseId(),
                versioning.parse(r.version()),
                Set.copyOf(r.platforms()),
                r.requires() == null ? null : VersionRange.parse(r.requires(), Versioning.SEMVER),
                r.availability(),
                r.admission(),
                r.rolloutId(),
                r.deliveryJson(),
                r.haltedForTenant() ? Set.of(document.tenantId()) : Set.of(),
                r.tenantHalt()));
      }
      products.put(
          product.productId(), new ProductEntry(product.productId(), versioning, releases));
      policies.put(product.productId(), product.policy());
    }
    String tenant = document.tenantId();
    return new Snapshot(
        document.storeVersion(),
        products,
        (tenantId, productId) ->
            tenant.equals(tenantId)
                ? policies.getOrDefault(productId, TenantPolicy.STAGED)
                : TenantPolicy.STAGED);
  }
}
