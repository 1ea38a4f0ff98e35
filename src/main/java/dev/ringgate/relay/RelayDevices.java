package dev.ringgate.relay;

import dev.ringgate.checkin.CheckinAnswer;
import dev.ringgate.checkin.CheckinService;
import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.checkin.domain.CheckinRequest;
import dev.ringgate.checkin.domain.Decider;
import dev.ringgate.checkin.domain.Decision;
import dev.ringgate.checkin.domain.ProductEntry;
import dev.ringgate.checkin.domain.Reason;
import dev.ringgate.checkin.domain.ReleaseEntry;
import dev.ringgate.checkin.domain.Snapshot;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.TimeBounds;
import dev.ringgate.kernel.Violation;
import dev.ringgate.relay.domain.LocalRules;
import dev.ringgate.release.domain.Version;
import dev.ringgate.rollout.domain.Bucketing;
import dev.ringgate.security.Access;
import dev.ringgate.security.Caller;
import dev.ringgate.security.Role;
import dev.ringgate.telemetry.TelemetryRules;
import dev.ringgate.telemetry.TelemetryType;
import dev.ringgate.telemetry.api.TelemetryEventRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The device API of a relay: check-ins decided by the service's own {@link Decider} on the synced
 * snapshot narrowed by the local rules, telemetry spooled durably, the local stop, and the local
 * fast path (a release whose installers crash is withdrawn while the upstream is unreachable).
 */
@Singleton
public class RelayDevices {
  private static final Logger LOG = Logger.getLogger(RelayDevices.class);

  private final RelayState state;
  private final RelayLink link;
  private final RelayConfig config;
  private final ArtifactMirror mirror;
  private final Counter[] answered;
  private final ForwardedCheckins forwarded = new ForwardedCheckins();

  /** Devices that reported a crash or boot loop, by release id (the fast path's evidence). */
  private final Map<String, Set<String>> crashed = new ConcurrentHashMap<>();

  RelayDevices(
      RelayState state,
      RelayLink link,
      RelayConfig config,
      ArtifactMirror mirror,
      MeterRegistry meters) {
    this.state = state;
    this.mirror = mirror;
    this.link = link;
    this.config = config;
    this.answered = new Counter[Action.values().length];
    for (Action action : Action.values()) {
      answered[action.ordinal()] =
          Counter.builder("ringgate.relay.checkins")
              .description("Check-ins the relay answered, by action")
              .tag("action", action.name())
              .register(meters);
    }
  }

  /** The caller a bearer token stands for on this relay; 401 when none. */
  public Caller authenticate(String token) {
    Caller caller = token == null ? null : state.caller(token);
    if (caller == null) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, "The API key is unknown or was revoked.");
    }
    return caller;
  }

  /**
   * A decided answer and the body to send.
   *
   * @param mirroredSha256 the SHA-256 of the answer's artifact when this relay holds a verified
   *     copy of it, else null
   */
  public record Answer(String body, String etag, String mirroredSha256) {}

  public Answer checkin(
      Caller device,
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      String current,
      String groups) {
    Access.requireRole(device, Role.DEVICE);
    requireServing();
    long now = System.currentTimeMillis();
    Snapshot snapshot = state.decisionSnapshot(now);
    ProductEntry product = CheckinService.product(snapshot, deviceId, productId);
    CheckinRequest request =
        CheckinService.request(
            device.tenantId(), deviceId, productId, platform, agentVersion, current, groups);
    Decision decision = Decider.decide(snapshot, request, now);
    if (decision.reason() == Reason.UNKNOWN_CURRENT) {
      throw ApiException.invalid(
          "current", CheckinService.versionProblem(product, request.current()));
    }
    String pin = state.local().pins().get(productId);
    if (pin != null) {
      decision = LocalRules.pinned(decision, product, pin, request.current());
    }
    if (state.stale(now)) {
      decision = LocalRules.stale(decision, request.current());
    }
    answered[decision.action().ordinal()].increment();
    SyncDocument document = state.synced().document();
    int position = Bucketing.position(productId, deviceId);
    int base =
        decision.action() == Action.INSTALL
            ? document.installPollSeconds()
            : document.pollSeconds();
    int pollAfter = CheckinAnswer.pollAfter(base, position);
    if (forwarded.due(deviceId, productId, request.current(), decision, now, pollAfter)) {
      link.spool()
          .append(
              List.of(
                  new Forwarded.Entry(
                      0,
                      Forwarded.Kind.CHECKIN,
                      deviceId,
                      productId,
                      Instant.ofEpochMilli(now),
                      platform,
                      agentVersion,
                      request.current(),
                      groups,
                      decision.version(),
                      null,
                      null,
                      decision.action().name())),
              false);
    }
    return new Answer(
        CheckinAnswer.json(productId, decision, request, pollAfter),
        CheckinAnswer.etag(productId, decision, request, pollAfter),
        mirror.mirrored(decision.target()));
  }

  /**
   * Checks a telemetry batch, spools it durably (on disk when this returns), and runs the local
   * fast path on its crashes. Returns how many events were accepted.
   */
  public int telemetry(Caller device, List<TelemetryEventRequest> events) {
    Access.requireRole(device, Role.DEVICE);
    requireServing();
    if (events == null) {
      throw ApiException.invalid("events", "must not be null");
    }
    if (events.size() > 1000) {
      throw ApiException.invalid("events", "must hold at most 1000 events");
    }
    Snapshot snapshot = state.synced().snapshot();
    Instant now = Instant.now();
    List<Violation> problems = new ArrayList<>();
    List<Forwarded.Entry> entries = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      String path = "events[" + i + "].";
      TelemetryEventRequest e = events.get(i);
      if (e == null) {
        problems.add(new Violation("events[" + i + "]", "must not be null"));
        continue;
      }
      List<Violation> own = new ArrayList<>();
      TelemetryRules.check(
          e.deviceId(), e.productId(), e.version(), e.type(), e.at(), e.detail(), own);
      if (e.productId() != null && own.isEmpty() && snapshot.product(e.productId()) == null) {
        own.add(new Violation("productId", "is not a known product"));
      }
      Violation at = own.isEmpty() ? TimeBounds.checkReported("at", e.at(), now) : null;
      if (at != null) {
        own.add(at);
      }
      own.forEach(v -> problems.add(new Violation(path + v.field(), v.message())));
      entries.add(
          new Forwarded.Entry(
              0,
              Forwarded.Kind.TELEMETRY,
              e.deviceId(),
              e.productId(),
              e.at(),
              null,
              null,
              null,
              null,
              e.version(),
              e.type(),
              e.detail(),
              null));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    link.spool().append(entries, true);
    fastPath(events, snapshot);
    return events.size();
  }

  /** The local stop of the caller's tenant on this relay. */
  public Map<String, Object> stop(Caller admin, String tenantId, boolean stopped, String reason) {
    Access.requireTenant(admin, tenantId, Role.FLEET_ADMIN);
    RelayState.Local local = state.local();
    state.local(
        new RelayState.Local(
            stopped,
            stopped ? reason : null,
            local.withdrawn(),
            local.freezeUntil(),
            local.pins()));
    LOG.infof(
        "relay: local stop %s by key %s: %s",
        stopped ? "set" : "lifted", admin.actor().id(), reason);
    return Map.of("tenantId", tenantId, "stopped", stopped, "scope", "relay");
  }

  /**
   * A local freeze of the caller's tenant on this relay: no new version before {@code until} (null
   * lifts it); rollbacks flow. Only narrows: the tenant's own freeze applies as well.
   */
  public Map<String, Object> freeze(Caller admin, String tenantId, Instant until, boolean set) {
    Access.requireTenant(admin, tenantId, Role.FLEET_ADMIN);
    if (set && until == null) {
      throw ApiException.invalid("until", "must not be null");
    }
    RelayState.Local local = state.local();
    state.local(
        new RelayState.Local(
            local.stopped(),
            local.stopReason(),
            local.withdrawn(),
            set ? until : null,
            local.pins()));
    LOG.infof(
        "relay: local freeze %s by key %s", set ? "until " + until : "lifted", admin.actor().id());
    Map<String, Object> answer = new java.util.HashMap<>();
    answer.put("tenantId", tenantId);
    answer.put("freezeUntil", set ? until.toString() : null);
    answer.put("scope", "relay");
    return answer;
  }

  /**
   * A local pin of the caller's tenant on this relay: devices are offered no version of {@code
   * productId} above {@code version} (null lifts it); rollbacks flow. Only narrows: the version
   * must be a release of the product in the synced snapshot that is not withdrawn, and the pin
   * never offers what the upstream's decision would not.
   */
  public Map<String, Object> pin(Caller admin, String tenantId, String productId, String version) {
    Access.requireTenant(admin, tenantId, Role.FLEET_ADMIN);
    requireServing();
    ProductEntry product = state.synced().snapshot().product(productId);
    if (product == null) {
      throw ApiException.notFound("product", productId);
    }
    if (version != null) {
      ReleaseEntry release =
          version.length() > Version.MAX_LENGTH
              ? null
              : product.find(version, product.parseOrNull(version));
      if (release == null) {
        throw ApiException.invalid("version", "is not a release of product " + productId);
      }
      if (release.availability().isBad()
          || state.local().withdrawn().contains(release.releaseId())) {
        throw ApiException.invalid("version", "was withdrawn; pin a good release");
      }
    }
    synchronized (state) {
      RelayState.Local local = state.local();
      Map<String, String> pins = new java.util.HashMap<>(local.pins());
      if (version == null) {
        pins.remove(productId);
      } else {
        pins.put(productId, version);
      }
      state.local(
          new RelayState.Local(
              local.stopped(), local.stopReason(), local.withdrawn(), local.freezeUntil(), pins));
    }
    LOG.infof(
        "relay: local pin of %s %s by key %s",
        productId, version == null ? "lifted" : "at " + version, admin.actor().id());
    Map<String, Object> answer = new java.util.HashMap<>();
    answer.put("tenantId", tenantId);
    answer.put("productId", productId);
    answer.put("pinnedVersion", version);
    answer.put("scope", "relay");
    return answer;
  }

  /** Withdrawals the fast path made on this relay, lifted by the tenant's fleet admin. */
  public Map<String, Object> clearWithdrawals(Caller admin, String tenantId) {
    Access.requireTenant(admin, tenantId, Role.FLEET_ADMIN);
    RelayState.Local local = state.local();
    state.local(
        new RelayState.Local(
            local.stopped(), local.stopReason(), Set.of(), local.freezeUntil(), local.pins()));
    crashed.clear();
    return Map.of("tenantId", tenantId, "withdrawn", List.of());
  }

  private void requireServing() {
    if (state.isRefused()) {
      throw new ApiException(
          ErrorCode.STORE_UNAVAILABLE,
          "The relay's key was refused by the update service; it serves no decisions until an"
              + " operator gives it a valid key.");
    }
    if (state.synced() == null) {
      throw new ApiException(
          ErrorCode.STORE_UNAVAILABLE, "The relay has not synced with the update service yet.");
    }
  }

  /**
   * The catastrophic fast path, run on this relay's own devices while the upstream is unreachable:
   * once enough distinct devices report a crash or boot loop on a release in its rings (or paused),
   * the relay withdraws it locally and its devices are told to roll back; the upstream gets the
   * evidence (the reports, and a note of the withdrawal) when it is back.
   */
  private void fastPath(List<TelemetryEventRequest> events, Snapshot snapshot) {
    for (TelemetryEventRequest e : events) {
      if (e.type() != TelemetryType.CRASH && e.type() != TelemetryType.BOOT_LOOP) {
        continue;
      }
      ProductEntry product = snapshot.product(e.productId());
      ReleaseEntry release = product.find(e.version(), product.parseOrNull(e.version()));
      if (release == null) {
        continue;
      }
      Set<String> devices = crashed.computeIfAbsent(release.releaseId(), k -> new HashSet<>());
      int count;
      synchronized (devices) {
        devices.add(e.deviceId());
        count = devices.size();
      }
      Availability availability = release.availability();
      boolean withdrawable =
          availability == Availability.IN_RINGS || availability == Availability.PAUSED;
      if (withdrawable
          && count >= config.fastPathCrashes()
          && state.offline(System.currentTimeMillis())
          && state.withdraw(release.releaseId())) {
        String detail =
            count + " devices of this relay crashed on it while the upstream was unreachable";
        LOG.warnf("relay: withdrew %s %s locally: %s", e.productId(), e.version(), detail);
        link.spool()
            .append(
                List.of(
                    new Forwarded.Entry(
                        0,
                        Forwarded.Kind.LOCAL_WITHDRAWAL,
                        null,
                        e.productId(),
                        Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        e.version(),
                        null,
                        detail,
                        null)),
                true);
      }
    }
  }
}
