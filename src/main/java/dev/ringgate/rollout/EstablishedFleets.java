package dev.ringgate.rollout;

import dev.ringgate.health.RingCountsStore;
import dev.ringgate.release.domain.RingPlan;
import dev.ringgate.rollout.domain.Bucketing;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each rollout's established fleet: the devices of its product first seen before it started, by
 * tenant, in all and per ring by their position. The set is fixed when the rollout starts (only
 * late writes and reclaimed devices change it), so it is read once and refreshed now and then:
 * during the rollout's first minutes (while first check-ins from before the start may still be
 * written behind) every 5 seconds or 20 times as long as the last read took, then every 10 minutes.
 */
@ApplicationScoped
public class EstablishedFleets {
  private static final long EARLY_MILLIS = 5 * 60_000L;
  private static final long EARLY_REFRESH_MILLIS = 5_000L;
  private static final long REFRESH_MILLIS = 10 * 60_000L;

  private final RingCountsStore counts;
  private final Map<String, Fleet> cache = new ConcurrentHashMap<>();

  EstablishedFleets(RingCountsStore counts) {
    this.counts = counts;
  }

  /**
   * A rollout's established devices.
   *
   * @param byTenant devices per tenant, in the whole product
   * @param perRing devices per tenant in each ring of the plan, by position
   * @param total all established devices of the product
   */
  public record Fleet(
      long readAtMillis,
      long readMillis,
      Map<String, Long> byTenant,
      Map<String, long[]> perRing,
      long total) {

    /** The tenant's share of the product's established devices, or 0. */
    public double share(String tenantId) {
      return total == 0 ? 0 : byTenant.getOrDefault(tenantId, 0L) / (double) total;
    }

    /** The tenant's established devices in ring {@code index} by position. */
    public long inRing(String tenantId, int index) {
      long[] rings = perRing.get(tenantId);
      return rings == null || index >= rings.length ? 0 : rings[index];
    }
  }

  public Fleet of(
      Connection c,
      String rolloutId,
      String productId,
      RingPlan plan,
      Instant startedAt,
      long nowMillis)
      throws SQLException {
    Fleet known = cache.get(rolloutId);
    long age = known == null ? Long.MAX_VALUE : nowMillis - known.readAtMillis();
    boolean early = nowMillis - startedAt.toEpochMilli() < EARLY_MILLIS;
    long refresh =
        !early
            ? REFRESH_MILLIS
            : known == null ? 0 : Math.max(EARLY_REFRESH_MILLIS, 20 * known.readMillis());
    if (known != null && age < refresh) {
      return known;
    }
    if (cache.size() > 10_000) {
      cache.clear();
    }
    long began = System.nanoTime();
    int rings = plan.rings().size();
    int[] upTo = new int[rings];
    for (int i = 0; i < rings; i++) {
      upTo[i] = plan.ring(i).shareBp() * Bucketing.PER_BP;
    }
    Map<String, Long> byTenant = new HashMap<>();
    Map<String, long[]> perRing = new HashMap<>();
    long[] total = {0};
    counts.established(
        c,
        productId,
        startedAt,
        (deviceId, tenantId) -> {
          total[0]++;
          byTenant.merge(tenantId, 1L, Long::sum);
          int position = Bucketing.position(productId, deviceId);
          for (int i = 0; i < rings; i++) {
            if (position < upTo[i]) {
              perRing.computeIfAbsent(tenantId, t -> new long[rings])[i]++;
              break;
            }
          }
        });
    long took = (System.nanoTime() - began) / 1_000_000;
    Fleet fleet = new Fleet(nowMillis, took, Map.copyOf(byTenant), Map.copyOf(perRing), total[0]);
    cache.put(rolloutId, fleet);
    return fleet;
  }

  /** Forgets a rollout's fleet, so that it is read again (after a resume, or in tests). */
  public void forget(String rolloutId) {
    cache.remove(rolloutId);
  }
}
