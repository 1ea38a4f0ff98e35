package dev.ringgate.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a device reports is checked like the versions it names, before anything is remembered. */
@QuarkusTest
class CheckinInputTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<img src=x onerror=alert(1)>",
        "1.0.0\u001b[31m",
        "1.0.0\u202e",
        "1.0.0\u0000",
        "not a version"
      })
  void aCurrentVersionThatIsNotAVersionOfTheProductIs400AndNotRemembered(String current) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    vendor.complete("1.0.0");
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    Devices.checkin(key, Api.uniqueId("pc-ok"), vendor.productId(), "1.0.0").then().statusCode(200);

    // When
    Devices.checkin(key, Api.uniqueId("pc-bad"), vendor.productId(), current)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("current"));

    // Then: the fleet view knows only the well-behaved device
    String admin = Api.fleetAdminKey(tenant);
    String url = "/api/v1/tenants/" + tenant + "/fleet?productId=" + vendor.productId();
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Api.as(admin).get(url).then().extract().<Integer>path("devices") >= 1);
    Map<String, Object> byVersion = Api.as(admin).get(url).then().extract().path("byVersion");
    assertThat(byVersion).containsOnlyKeys("1.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<img src=x>", "7.1\u202e"})
  void anAgentVersionThatIsNotAVersionIs400(String agentVersion) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());

    // When / Then
    Devices.checkinRequest(key, null)
        .queryParam("agentVersion", agentVersion)
        .get("/api/v1/devices/" + Api.uniqueId("pc") + "/updates/" + vendor.productId())
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("agentVersion"));
  }
}
