package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.kernel.ApiException;
import dev.ringgate.kernel.ErrorCode;
import dev.ringgate.kernel.ReasonRequest;
import dev.ringgate.security.Caller;
import dev.ringgate.telemetry.api.TelemetryRequest;
import dev.ringgate.web.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The HTTP side of a relay: on a relay only (the routes are not installed otherwise, so the
 * service's own check-in path is untouched), the device API and the local stop, ahead of the
 * service's resources; every other {@code /api/v1} path is a 404 on a relay. Answers carry {@code
 * Ringgate-Synced-At}.
 */
@Singleton
public class RelayRoutes {
  public static final String SYNCED_AT = "Ringgate-Synced-At";
  private static final String BEARER = "Bearer ";
  private static final int ORDER = -500;
  private static final long MAX_BODY_BYTES = 4L << 20;

  private final RelayConfig config;
  private final RelayDevices devices;
  private final RelayState state;
  private final ArtifactMirror mirror;
  private final ObjectMapper json;

  RelayRoutes(
      RelayConfig config,
      RelayDevices devices,
      RelayState state,
      ArtifactMirror mirror,
      ObjectMapper json) {
    this.config = config;
    this.mirror = mirror;
    this.devices = devices;
    this.state = state;
    this.json = json;
  }

  void install(@Observes Router router) {
    if (!config.enabled()) {
      return;
    }
    router
        .get("/api/v1/devices/:deviceId/updates/:productId")
        .order(ORDER)
        .handler(ctx -> answer(ctx, () -> checkin(ctx)));
    router
        .post("/api/v1/telemetry")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, this::telemetry));
    router
        .put("/api/v1/tenants/:tenantId/stop")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> stop(ctx, body, true)));
    router
        .delete("/api/v1/tenants/:tenantId/stop")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> stop(ctx, body, false)));
    router
        .put("/api/v1/tenants/:tenantId/relay/freeze")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> freeze(ctx, body, true)));
    router
        .delete("/api/v1/tenants/:tenantId/relay/freeze")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> freeze(ctx, body, false)));
    router
        .put("/api/v1/tenants/:tenantId/relay/pins/:productId")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> pin(ctx, body, true)));
    router
        .delete("/api/v1/tenants/:tenantId/relay/pins/:productId")
        .order(ORDER)
        .handler(bodies())
        .handler(ctx -> withBody(ctx, body -> pin(ctx, body, false)));
    router
        .delete("/api/v1/tenants/:tenantId/relay/withdrawals")
        .order(ORDER)
        .handler(
            ctx ->
                answer(
                    ctx,
                    () -> {
                      Caller admin = caller(ctx);
                      return ok(
                          ctx, 200, devices.clearWithdrawals(admin, ctx.pathParam("tenantId")));
                    }));
    if (mirror.enabled()) {
      router
          .route(HttpMethod.GET, "/api/v1/artifacts/:sha256")
          .order(ORDER)
          .handler(ctx -> answer(ctx, () -> artifact(ctx)));
      router
          .route(HttpMethod.HEAD, "/api/v1/artifacts/:sha256")
          .order(ORDER)
          .handler(ctx -> answer(ctx, () -> artifact(ctx)));
    }
    router
        .route("/api/v1/*")
        .order(ORDER + 1)
        .handler(
            ctx ->
                answer(
                    ctx,
                    () -> {
                      caller(ctx);
                      throw new ApiException(
                          ErrorCode.NOT_FOUND,
                          "A relay serves the device API and the local stop only.");
                    }));
  }

  private Void checkin(RoutingContext ctx) {
    Caller device = caller(ctx);
    RelayDevices.Answer answer =
        devices.checkin(
            device,
            ctx.pathParam("deviceId"),
            ctx.pathParam("productId"),
            ctx.queryParams().get("platform"),
            ctx.queryParams().get("agentVersion"),
            ctx.queryParams().get("current"),
            ctx.queryParams().get("groups"));
    String body = answer.body();
    String etag = answer.etag();
    if (answer.mirroredSha256() != null) {
      String url = baseUrl(ctx) + "/api/v1/artifacts/" + answer.mirroredSha256();
      body =
          body.substring(0, body.length() - 1)
              + ",\"mirrors\":[\""
              + new String(JsonStringEncoder.getInstance().quoteAsString(url))
              + "\"]}";
      etag =
          etag.substring(0, etag.length() - 1) + "-m" + Integer.toHexString(url.hashCode()) + '"';
    }
    var response = headers(ctx).putHeader(HttpHeaders.ETAG, etag);
    String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (dev.ringgate.checkin.CheckinAnswer.matches(ifNoneMatch, etag)) {
      response.setStatusCode(304).end();
    } else {
      response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
    return null;
  }

  /**
   * The base of the mirror links: {@code ringgate.relay.public-url} when set, else the scheme and
   * host the device used for its check-in.
   */
  private String baseUrl(RoutingContext ctx) {
    if (config.publicUrl().isPresent()) {
      String url = config.publicUrl().get().toString();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    HostAndPort authority = ctx.request().authority();
    String host =
        authority == null
            ? ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port()
            : authority.host() + (authority.port() < 0 ? "" : ":" + authority.port());
    return ctx.request().scheme() + "://" + host;
  }

  /**
   * A mirrored artifact, by its SHA-256: streamed from disk, one byte range on request; 404 for one
   * the relay does not hold (yet). No key: like the vendor's artifact URLs, its name is only known
   * from a check-in answer, and devices verify the bytes.
   */
  private Void artifact(RoutingContext ctx) throws java.io.IOException {
    String sha = ctx.pathParam("sha256");
    Path file = mirror.file(sha);
    if (file == null) {
      throw ApiException.notFound("artifact", sha);
    }
    long length = Files.size(file);
    HttpServerResponse response =
        ctx.response()
            .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
            .putHeader(HttpHeaders.ETAG, '"' + sha + '"')
            .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    long[] range = ByteRange.parse(ctx.request().getHeader("Range"), length);
    if (range == ByteRange.UNSATISFIABLE) {
      response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length).setStatusCode(416).end();
      return null;
    }
    long from = range == null ? 0 : range[0];
    long count = range == null ? length : range[1] - range[0] + 1;
    response.setStatusCode(range == null ? 200 : 206);
    if (range != null) {
      response.putHeader(
          HttpHeaders.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + length);
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(count)).end();
    } else {
      response.sendFile(file.toString(), from, count);
    }
    return null;
  }

  private Void telemetry(RoutingContext ctx, Buffer body) {
    Caller device = caller(ctx);
    TelemetryRequest request = parse(body, TelemetryRequest.class);
    if (request == null) {
      throw dev.ringgate.kernel.ApiException.invalid("events", "must not be null");
    }
    int accepted = devices.telemetry(device, request.events());
    return ok(ctx, 202, Map.of("accepted", accepted));
  }

  private Void stop(RoutingContext ctx, Buffer body, boolean stopped) {
    Caller admin = caller(ctx);
    ReasonRequest reason = body.length() == 0 ? null : parse(body, ReasonRequest.class);
    return ok(
        ctx,
        200,
        devices.stop(admin, ctx.pathParam("tenantId"), stopped, ReasonRequest.of(reason)));
  }

  /** The body of a local freeze. */
  record FreezeRequest(Instant until, String reason) {}

  private Void freeze(RoutingContext ctx, Buffer body, boolean set) {
    Caller admin = caller(ctx);
    FreezeRequest request = body.length() == 0 ? null : parse(body, FreezeRequest.class);
    return ok(
        ctx,
        200,
        devices.freeze(
            admin, ctx.pathParam("tenantId"), request == null ? null : request.until(), set));
  }

  /** The body of a local pin. */
  record PinRequest(String version) {}

  private Void pin(RoutingContext ctx, Buffer body, boolean set) {
    Caller admin = caller(ctx);
    String version = null;
    if (set) {
      PinRequest request = body.length() == 0 ? null : parse(body, PinRequest.class);
      version = request == null ? null : request.version();
      if (version == null || version.isEmpty()) {
        throw ApiException.invalid("version", "must not be empty");
      }
    }
    return ok(
        ctx,
        200,
        devices.pin(admin, ctx.pathParam("tenantId"), ctx.pathParam("productId"), version));
  }

  private Caller caller(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ApiException(
          ErrorCode.UNAUTHENTICATED, "Send 'Authorization: Bearer <API key or token>'.");
    }
    return devices.authenticate(header.substring(BEARER.length()).trim());
  }

  private <T> T parse(Buffer body, Class<T> type) {
    try {
      return json.readValue(body.getBytes(), type);
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, e.getMessage());
    }
  }

  private io.vertx.core.http.HttpServerResponse headers(RoutingContext ctx) {
    long synced = state.syncedAtMillis();
    if (synced > 0) {
      ctx.response()
          .putHeader(
              SYNCED_AT, Instant.ofEpochMilli(synced).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
  }

  private Void ok(RoutingContext ctx, int status, Object body) {
    try {
      headers(ctx)
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return null;
  }

  private static BodyHandler bodies() {
    return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
  }

  /** Runs the work on a worker thread with the body read (it may force the spool to disk). */
  private void withBody(
      RoutingContext ctx, java.util.function.BiFunction<RoutingContext, Buffer, Void> work) {
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    ctx.vertx()
        .executeBlocking(
            () -> {
              answer(ctx, () -> work.apply(ctx, body));
              return null;
            },
            false);
  }

  private void withBody(RoutingContext ctx, java.util.function.Function<Buffer, Void> work) {
    withBody(ctx, (c, b) -> work.apply(b));
  }

  /** Runs the work; a failure is answered as a problem. */
  private void answer(RoutingContext ctx, Callable<Void> work) {
    try {
      work.call();
    } catch (ApiException e) {
      problem(ctx, Problem.of(e));
    } catch (Exception e) {
      problem(ctx, Problem.of(ErrorCode.INTERNAL, "The relay failed: " + e.getMessage()));
    }
  }

  private void problem(RoutingContext ctx, Problem problem) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      var response = headers(ctx).setStatusCode(problem.status());
      if (problem.status() == 401) {
        response.putHeader("WWW-Authenticate", "Bearer realm=\"ringgate\"");
      }
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .end(json.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
