package dev.ringgate.agent;

import dev.ringgate.kernel.ApiClient;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The check-in half of the protocol: {@code GET /api/v1/devices/{id}/updates/{product}} with the
 * last ETag in {@code If-None-Match}, a 304 meaning "the previous answer still holds", and the wait
 * before the next check-in: the answer's {@code pollAfterSeconds} as given (the server already
 * jitters it by ±10 % per device, and asks agents not to add their own), or after a failure an
 * exponential back-off with jitter. Not thread-safe: one loop owns it.
 */
public final class UpdateClient {
  /**
   * The first back-off after a failure; it doubles with each failure in a row up to {@link
   * #MAX_BACKOFF}.
   */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

  static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  /** Who checks in for what. */
  public record Device(
      String deviceId,
      String productId,
      String platform,
      String agentVersion,
      List<String> groups) {
    public Device {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /**
   * A check-in's outcome: the answer to act on (null when there is none), whether it came as a 304,
   * the status (0 when the server could not be reached), what went wrong, and how long to wait.
   */
  public record CheckIn(
      Answer answer, boolean notModified, int status, String error, Duration nextIn) {
    /** Whether the credential was refused (401, 403): asking again will not help. */
    public boolean refused() {
      return status == 401 || status == 403;
    }
  }

  private final ApiClient api;
  private final Device device;
  private final RandomGenerator random;
  private String etag;
  private Answer last;
  private int failures;

  /** {@code api} carries the DEVICE key. */
  public UpdateClient(ApiClient api, Device device, RandomGenerator random) {
    this.api = api;
    this.device = device;
    this.random = random;
  }

  /** Checks in from {@code current} (null on a new device). */
  public CheckIn checkIn(String current) {
    ApiClient.Reply reply;
    try {
      reply = api.getIfNoneMatch(path(current), etag);
    } catch (UncheckedIOException e) {
      return failed(0, e.getMessage());
    }
    if (reply.is(304) && last != null) {
      failures = 0;
      return new CheckIn(last, true, 304, null, poll(last));
    }
    if (reply.is(200)) {
      failures = 0;
      last = Answer.from(reply.body());
      etag = reply.etag();
      return new CheckIn(last, false, 200, null, poll(last));
    }
    return failed(reply.status(), reply.problem().getMessage());
  }

  /** The check-in path with its query. */
  String path(String current) {
    StringBuilder path =
        new StringBuilder("/api/v1/devices/")
            .append(encode(device.deviceId()))
            .append("/updates/")
            .append(encode(device.productId()))
            .append("?platform=")
            .append(encode(device.platform()));
    if (device.agentVersion() != null) {
      path.append("&agentVersion=").append(encode(device.agentVersion()));
    }
    if (current != null) {
      path.append("&current=").append(encode(current));
    }
    if (!device.groups().isEmpty()) {
      path.append("&groups=").append(encode(String.join(",", device.groups())));
    }
    return path.toString();
  }

  private static Duration poll(Answer answer) {
    return Duration.ofSeconds(Math.max(1, answer.pollAfterSeconds()));
  }

  private CheckIn failed(int status, String error) {
    failures++;
    return new CheckIn(null, false, status, error, backoff(failures, random));
  }

  /**
   * The wait after {@code failures} failures in a row: {@link #FIRST_BACKOFF} doubled per failure,
   * at most {@link #MAX_BACKOFF}, then a random share of 50 to 100 % of it, so that a fleet that
   * lost its server at the same moment does not come back in one wave.
   */
  static Duration backoff(int failures, RandomGenerator random) {
    long cap = MAX_BACKOFF.toMillis();
    long full = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    long millis = Math.min(cap, full);
    return Duration.ofMillis(millis / 2 + random.nextLong(millis / 2 + 1));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
