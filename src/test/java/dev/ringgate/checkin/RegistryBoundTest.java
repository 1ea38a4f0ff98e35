package dev.ringgate.checkin;

import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device registry is bounded: past its size, new devices are refused, known ones served. */
@QuarkusTest
@TestProfile(RegistryBoundTest.SmallRegistry.class)
class RegistryBoundTest {

  /** A registry of three devices. */
  public static class SmallRegistry implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ringgate.checkin.max-devices", "3");
    }
  }

  @Test
  void aFullRegistryRefusesNewDevicesAndServesKnownOnes() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());
    for (int i = 0; i < 3; i++) {
      Devices.checkin(key, "known-" + i, vendor.productId(), null).then().statusCode(200);
    }

    // When / Then
    Devices.checkin(key, "newcomer", vendor.productId(), null)
        .then()
        .statusCode(503)
        .header("Retry-After", equalTo("5"))
        .body("type", equalTo("https://ringgate.dev/problems/registry-full"));
    Devices.checkin(key, "known-1", vendor.productId(), null).then().statusCode(200);
  }
}
