package dev.ringgate.checkin;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.CohortMark;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.Reason;
import dev.ringgate.checkin.domain.RelayedAnswer;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.policy.ApprovalRequests;
import dev.ringgate.policy.domain.TenantPolicy;
import dev.ringgate.release.domain.Version;
import dev.ringgate.release.domain.Versioning;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * The check-in hot path: validate the request, bind the device to its tenant, decide from the
 * snapshot, remember what the device was told. Memory only; nothing here blocks.
 */
@Singleton
public class CheckinService {
  private static final int MAX_GROUPS = 32;

  private final CurrentCaller caller;
  private final SnapshotHolder snapshots;
  private final DeviceRegistry registry;
  private final CheckinConfig config;
  private final Clock clock;
  private final Counter[] answered;
  private final ApprovalRequests approvals;

  CheckinService(
      CurrentCaller caller,
      SnapshotHolder snapshots,
      DeviceRegistry registry,
      CheckinConfig config,
      Clock clock,
      MeterRegistry meters,
      ApprovalRequests approvals) {
    this.approvals = approvals;
    this.caller = caller;
    this.snapshots = snapshots;
    this.registry = registry;
    this.config = config;
    this.clock = clock;
    this.answered = new Counter[Action.values().length];
    for (Action action : Action.values()) {
      answered[action.ordinal()] =
          Counter.builder("ringgate.checkins")
              .description("Check-ins answered, by action")
              .tag("action", action.name())
              .register(meters);
    }
  }

  /** A decided answer: its ETag, and its body written only when it is sent. */
  public record Answer(
      String productId,
      Decision decision,
      CheckinRequest request,
      int pollAfterSeconds,
      String etag) {
    public boolean matches(String ifNoneMatch) {
      return CheckinAnswer.matches(ifNoneMatch, etag);
    }

    public String body() {
      return CheckinAnswer.json(productId, decision, request, pollAfterSeconds);
    }
  }

  public Answer checkin(
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      String current,
      String groups) {
    Caller device = caller.get();
    Access.requireRole(device, Role.DEVICE);
    return answer(
        device.tenantId(),
        deviceId,
        productId,
        platform,
        agentVersion,
        current,
        groups,
        clock.millis());
  }

  /**
   * Records a check-in an edge relay answered for one of its tenant's devices at {@code atMillis}:
   * the device is bound and seen, and marked for the health gate with what the relay told it
   * ({@code told}, and {@code version} for INSTALL and ROLLBACK), so that devices behind a relay
   * count like direct ones even when this service would answer otherwise by now (the rollout moved
   * on while the relay was offline). The relay's answer is checked against this service's snapshot
   * (see {@link RelayedAnswer}) and only ever used for marks: nothing is offered here. Throws as a
   * check-in would, and 400 naming {@code told} or {@code version} for an answer the relay cannot
   * have given.
   */
  public void relayed(
      String tenantId,
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      String current,
      String groups,
      String told,
      String version,
      long atMillis) {
    Snapshot snapshot = snapshots.current();
    ProductEntry product = product(snapshot, deviceId, productId);
    CheckinRequest request =
        request(tenantId, deviceId, productId, platform, agentVersion, current, groups);
    if (request.current() != null && product.parseOrNull(request.current()) == null) {
      throw ApiException.invalid("current", versionProblem(product, request.current()));
    }
    // The relay's clock is not ours: a time ahead of ours is taken as now.
    long now = Math.min(atMillis, clock.millis());
    TenantPolicy policy = snapshot.policies().policy(tenantId, productId);
    int position = Bucketing.position(productId, deviceId);
    Decision decision = RelayedAnswer.of(product, request, policy, position, told, version);
    DeviceState state = bind(deviceId, tenantId);
    // Approvals the tenant's devices wait for are asked for as a direct check-in would.
    Decision.Awaiting awaiting = Decider.decide(snapshot, request, clock.millis()).awaiting();
    if (awaiting != null) {
      approvals.request(
          tenantId, productId, awaiting.release().rolloutId(), awaiting.approvalKey());
    }
    remember(state, snapshot, product, request, decision, position, now);
  }

  private Answer answer(
      String tenantId,
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      String current,
      String groups,
      long now) {
    Snapshot snapshot = snapshots.current();
    ProductEntry product = product(snapshot, deviceId, productId);
    CheckinRequest request =
        request(tenantId, deviceId, productId, platform, agentVersion, current, groups);
    Decision decision = Decider.decide(snapshot, request, now);
    if (decision.reason() == Reason.UNKNOWN_CURRENT) {
      // Parsed once, by the decision; only a refused request pays for the message.
      throw ApiException.invalid("current", versionProblem(product, request.current()));
    }
    DeviceState state = bind(deviceId, tenantId);
    answered[decision.action().ordinal()].increment();
    if (decision.awaiting() != null) {
      approvals.request(
          tenantId,
          product.productId(),
          decision.awaiting().release().rolloutId(),
          decision.awaiting().approvalKey());
    }
    int position = Bucketing.position(productId, deviceId);
    int pollAfter = remember(state, snapshot, product, request, decision, position, now);
    return new Answer(
        product.productId(),
        decision,
        request,
        pollAfter,
        CheckinAnswer.etag(product.productId(), decision, request, pollAfter));
  }

  // The steps below are shared by a direct check-in (the hot path), a relayed one and the relay's
  // own: plain methods over values the caller already holds, so the hot path allocates nothing
  // more.

  /** The product checked in for; 400 for a malformed device id, 404 for an unknown product. */
  public static ProductEntry product(Snapshot snapshot, String deviceId, String productId) {
    if (!Patterns.isId(deviceId)) {
      throw ApiException.invalid("deviceId", Patterns.ID_MESSAGE);
    }
    ProductEntry product = snapshot.product(productId);
    if (product == null) {
      throw ApiException.notFound("product", productId);
    }
    return product;
  }

  /** The parsed request; 400 naming the field for a malformed one. */
  public static CheckinRequest request(
      String tenantId,
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      String current,
      String groups) {
    if (current != null && current.length() > Version.MAX_LENGTH) {
      throw ApiException.invalid("current", "must be at most 64 characters");
    }
    return new CheckinRequest(
        tenantId,
        deviceId,
        productId,
        platform,
        agentVersion(agentVersion),
        current == null || current.isEmpty() ? null : current,
        groups(groups));
  }

  /** The device bound to the tenant; 404 when it belongs to another. */
  private DeviceState bind(String deviceId, String tenantId) {
    DeviceState state = registry.bind(deviceId, tenantId);
    if (state == null) {
      throw ApiException.notFound("device", deviceId);
    }
    return state;
  }

  /**
   * Remembers what the device was told (and its cohort mark for the health gate) and returns the
   * poll interval it was given.
   */
  private int remember(
      DeviceState state,
      Snapshot snapshot,
      ProductEntry product,
      CheckinRequest request,
      Decision decision,
      int position,
      long now) {
    int base =
        decision.action() == Action.INSTALL ? config.installPollSeconds() : config.pollSeconds();
    int pollAfter = CheckinAnswer.pollAfter(base, position);
    registry.seen(
        state,
        product.productId(),
        now,
        decision.running() != null ? decision.running().version().text() : request.current(),
        decision.action(),
        decision.version(),
        pollAfter);
    if (CohortMark.concerns(product, decision)) {
      boolean earlyAccess =
          snapshot.policies().policy(request.tenantId(), request.productId()).earlyAccess();
      registry.mark(
          state,
          product.productId(),
          CohortMark.of(product, request, decision, position, earlyAccess),
          now,
          pollAfter);
    }
    return pollAfter;
  }

  /** Why {@code current} is refused for the product. */
  public static String versionProblem(ProductEntry product, String current) {
    try {
      product.versioning().parse(current);
      return "is not a version of this product";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The stated agent version, or null; a malformed one is refused (400). */
  public static Version agentVersion(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Versioning.SEMVER.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("agentVersion", e.getMessage());
    }
  }

  /** The stated device groups; malformed ones are refused (400). */
  public static Set<String> groups(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    Set<String> groups = new HashSet<>();
    for (String group : text.split(",")) {
      String name = group.trim();
      if (!name.isEmpty()) {
        if (!Patterns.isId(name)) {
          throw ApiException.invalid("groups", "'" + name + "' " + Patterns.ID_MESSAGE);
        }
        groups.add(name);
      }
    }
    if (groups.size() > MAX_GROUPS) {
      throw ApiException.invalid("groups", "at most " + MAX_GROUPS + " groups");
    }
    return groups;
  }
}
