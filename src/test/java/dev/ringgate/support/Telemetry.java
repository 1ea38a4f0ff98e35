package dev.ringgate.support;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Telemetry as an endpoint agent sends it: {@code Telemetry.batch().add(...).send(key)}. */
public final class Telemetry {
  private final List<Map<String, Object>> events = new ArrayList<>();

  private Telemetry() {}

  /** One event as a Kafka record's value: the HTTP event with its {@code tenantId}. */
  public static String kafkaValue(
      String tenant, String device, String product, String version, String type, Object at) {
    return "{\"tenantId\":\""
        + tenant
        + "\",\"deviceId\":\""
        + device
        + "\",\"productId\":\""
        + product
        + "\",\"version\":\""
        + version
        + "\",\"type\":\""
        + type
        + "\",\"at\":\""
        + at
        + "\"}";
  }

  public static Telemetry batch() {
    return new Telemetry();
  }

  public Telemetry add(String deviceId, String productId, String version, String type) {
    return add(deviceId, productId, version, type, Instant.now());
  }

  public Telemetry add(String deviceId, String productId, String version, String type, Instant at) {
    Map<String, Object> event = new HashMap<>();
    event.put("deviceId", deviceId);
    event.put("productId", productId);
    event.put("version", version);
    event.put("type", type);
    event.put("at", at.toString());
    events.add(event);
    return this;
  }

  /** Adds a raw event, for malformed input. */
  public Telemetry raw(Map<String, Object> event) {
    events.add(event);
    return this;
  }

  public Map<String, Object> body() {
    return Map.of("events", events);
  }

  public Response send(String deviceKey) {
    return Api.as(deviceKey).body(body()).post("/api/v1/telemetry");
  }

  /** Sends and expects 202 with every event accepted. */
  public void accepted(String deviceKey) {
    send(deviceKey)
        .then()
        .statusCode(202)
        .body("accepted", org.hamcrest.Matchers.equalTo(events.size()));
  }
}
