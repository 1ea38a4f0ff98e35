package dev.ringgate.bench;

import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.FleetPolicies;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.VersionRange;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Admission;
import dev.ringgate.rollout.domain.RingSchedule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision function on a realistic snapshot: 50 products, each with a 5-ring plan, eight
 * releases (completed ones, one in its rings with a ramp, a halted and a revoked one), content
 * products with agent-version ranges, and 10 tenants' policies; 4,096 different devices.
 *
 * <p>Run: see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionBenchmark {
  private static final int PRODUCTS = 50;
  private static final int DEVICES = 4096;

  /** Tenant policies in the snapshot: 10 as in the rollout issue, 10,000 for the policy issue. */
  @Param({"10", "10000"})
  public int tenants;

  private Snapshot snapshot;
  private CheckinRequest[] requests;
  private long now;
  private int next;

  @Setup
  public void setUp() {
    now = System.currentTimeMillis();
    List<RingSchedule> rings =
        List.of(
            new RingSchedule("canary", 0, 10, 30, Set.of("lab"), false),
            new RingSchedule("early", 10, 100, 60, Set.of(), true),
            new RingSchedule("broad", 100, 1_000, 120, Set.of(), false),
            new RingSchedule("half", 1_000, 5_000, 120, Set.of(), false),
            new RingSchedule("general", 5_000, 10_000, 120, Set.of(), false));
    Map<String, ProductEntry> products = new HashMap<>();
    for (int p = 0; p < PRODUCTS; p++) {
      String productId = "product-" + p;
      boolean content = p % 2 == 1;
      List<ReleaseEntry> releases = new ArrayList<>();
      for (int v = 1; v <= 8; v++) {
        Availability availability =
            switch (v) {
              case 8 -> Availability.IN_RINGS;
              case 7 -> Availability.HALTED;
              case 6 -> Availability.REVOKED;
              default -> Availability.COMPLETED;
            };
        Admission admission = new Admission(rings, 2, now - 30 * 60_000L, Admission.NOT_FROZEN);
        releases.add(
            new ReleaseEntry(
                "rel-" + p + "-" + v,
                Versioning.SEMVER.parse("7." + v + ".0"),
                Set.of("windows-x64", "linux-x64", "macos-arm64"),
                content ? VersionRange.parse("[7.0,8.0)", Versioning.SEMVER) : null,
                availability,
                admission,
                "rol-" + p + "-" + v,
                "\"artifact\":{\"url\":\"https://dl.example.com/x\"}"));
      }
      products.put(productId, new ProductEntry(productId, Versioning.SEMVER, releases));
    }
    // As the snapshot holds them: by product, then by tenant.
    Map<String, Map<String, TenantPolicy>> policies = new HashMap<>();
    Channel[] channels = {Channel.STAGED, Channel.EARLY_ACCESS, Channel.GENERAL, Channel.N_MINUS_1};
    for (int p = 0; p < PRODUCTS; p += 5) {
      Map<String, TenantPolicy> perTenant = new HashMap<>();
      for (int t = 0; t < tenants; t++) {
        perTenant.put("tenant-" + t, TenantPolicy.of(channels[(t + p) % channels.length]));
      }
      policies.put("product-" + p, perTenant);
    }
    FleetPolicies fleet =
        (tenant, product) -> {
          Map<String, TenantPolicy> perTenant = policies.get(product);
          TenantPolicy policy = perTenant == null ? null : perTenant.get(tenant);
          return policy == null ? TenantPolicy.STAGED : policy;
        };
    snapshot = new Snapshot(1, products, fleet);
    requests = new CheckinRequest[DEVICES];
    String[] currents = {"7.5.0", "7.8.0", "7.6.0", "7.7.0", null};
    for (int d = 0; d < DEVICES; d++) {
      requests[d] =
          new CheckinRequest(
              "tenant-" + ((d * 7919) % tenants),
              "device-" + d + ".corp.example.com",
              "product-" + (d % PRODUCTS),
              d % 3 == 0 ? "linux-x64" : "windows-x64",
              Versioning.SEMVER.parse("7.12.3"),
              currents[d % currents.length],
              d % 17 == 0 ? Set.of("lab") : Set.of());
    }
  }

  @Benchmark
  public Decision decide() {
    CheckinRequest request = requests[next++ & (DEVICES - 1)];
    return Decider.decide(snapshot, request, now);
  }
}
