package dev.ringgate.support;

import dev.ringgate.rollout.domain.Bucketing;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;

/** Devices checking in, as an endpoint agent does. */
public final class Devices {
  private Devices() {}

  /** A device id of the product whose position in the fleet lies in [fromBp, toBp). */
  public static String inBasisPoints(String productId, int fromBp, int toBp) {
    return inBasisPoints(productId, fromBp, toBp, null);
  }

  /** The same, other than {@code exclude}. */
  public static String inBasisPoints(String productId, int fromBp, int toBp, String exclude) {
    for (int i = 0; ; i++) {
      String id = "device-" + Integer.toHexString(i * 7919 + productId.hashCode());
      int bucket = Bucketing.bucket(productId, id);
      if (bucket >= fromBp && bucket < toBp && !id.equals(exclude)) {
        return id;
      }
    }
  }

  /** {@code n} distinct device ids in [fromBp, toBp), new for every call. */
  public static List<String> manyInBasisPoints(String productId, int fromBp, int toBp, int n) {
    List<String> ids = new ArrayList<>();
    String prefix = "dev-" + Long.toHexString(System.nanoTime()) + "-";
    for (int i = 0; ids.size() < n; i++) {
      String id = prefix + i;
      int bucket = Bucketing.bucket(productId, id);
      if (bucket >= fromBp && bucket < toBp) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Checks the devices in for the product, so that they are established for a rollout started after
   * this (docs/halting.md): only such devices count as the gate's evidence. Waits until the
   * registry has written their first check-in.
   */
  public static void established(
      String deviceKey, String productId, String current, List<String> devices) {
    for (String device : devices) {
      checkin(deviceKey, device, productId, current).then().statusCode(200);
    }
    settle();
  }

  /** Waits longer than the registry's flush interval, so that check-ins are in the store. */
  public static void settle() {
    org.awaitility.Awaitility.await()
        .pollDelay(java.time.Duration.ofMillis(600))
        .atMost(java.time.Duration.ofSeconds(2))
        .until(() -> true);
  }

  public static RequestSpecification checkinRequest(String deviceKey, String current) {
    RequestSpecification request = Api.as(deviceKey).queryParam("platform", "windows-x64");
    return current == null ? request : request.queryParam("current", current);
  }

  /** One check-in: GET /devices/{id}/updates/{product}. */
  public static Response checkin(
      String deviceKey, String deviceId, String productId, String current) {
    return checkinRequest(deviceKey, current)
        .get("/api/v1/devices/" + deviceId + "/updates/" + productId);
  }

  /** The action a check-in answers. */
  public static String action(String deviceKey, String deviceId, String productId, String current) {
    return checkin(deviceKey, deviceId, productId, current)
        .then()
        .statusCode(200)
        .extract()
        .path("action");
  }
}
