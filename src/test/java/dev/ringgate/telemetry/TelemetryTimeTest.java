package dev.ringgate.telemetry;

import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A telemetry time is an RFC 3339 string: a number is never read as seconds since the epoch. */
@QuarkusTest
class TelemetryTimeTest {

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(1_700_000_000L),
        Arguments.of(1_700_000_000.5),
        Arguments.of("1700000000"),
        Arguments.of("1700000000.5"),
        Arguments.of("-1"));
  }

  @ParameterizedTest
  @MethodSource("numbers")
  void aTimeGivenAsANumberOrANumericStringIs400NamingTheField(Object at) {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String key = Api.deviceKey(Api.newTenant());
    String device = Api.uniqueId("pc");
    Devices.checkin(key, device, vendor.productId(), null).then().statusCode(200);
    Map<String, Object> event = new HashMap<>();
    event.put("deviceId", device);
    event.put("productId", vendor.productId());
    event.put("version", "1.0.0");
    event.put("type", "HEARTBEAT");
    event.put("at", at);

    // When / Then
    Telemetry.batch()
        .raw(event)
        .send(key)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("events[0].at"));
  }
}
