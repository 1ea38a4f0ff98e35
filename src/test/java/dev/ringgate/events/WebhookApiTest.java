package dev.ringgate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.ringgate.support.Api;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Receiver;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks against a real receiver on this machine. */
@QuarkusTest
class WebhookApiTest {
  private static final String SECRET = "a-shared-secret-of-forty-characters-0001";

  /** A vendor whose product has 1.0.0 everywhere and 2.0.0 started in a 10 % ring. */
  private static VendorSetup vendorWithRollout() {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(1_000, 10_000).applyTo(vendor);
    return vendor;
  }

  private static String start(VendorSetup vendor) {
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return rollout;
  }

  private static Map<String, Object> subscription(String url, Object... more) {
    Map<String, Object> body = new HashMap<>();
    body.put("url", url);
    body.put("secret", SECRET);
    for (int i = 0; i < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }

  private static String subscribe(String key, Map<String, Object> body) {
    return Api.as(key)
        .body(body)
        .post("/api/v1/webhooks")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath deliveries(String key, String webhookId) {
    return Api.as(key)
        .get("/api/v1/webhooks/" + webhookId + "/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aHaltIsDeliveredOnceWithAValidSignature() {
    // Given: a vendor subscribed to halts, with a rollout in progress
    VendorSetup vendor = vendorWithRollout();
    String rollout = start(vendor);
    try (Receiver receiver = Receiver.start()) {
      String hook =
          subscribe(
              vendor.key(), subscription(receiver.url(), "events", List.of("ROLLOUT_HALTED")));

      // When
      vendor.act(rollout, "halt", Map.of("reason", "tickets from the field")).statusCode(200);

      // Then: delivered once, signed over "t.body" with the shared secret
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      assertThat(receiver.received()).hasSize(1);
      Receiver.Request request = receiver.received().get(0);
      String signature = request.header("Ringgate-Signature");
      assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
      long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
      assertThat(t).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
      assertThat(signature.substring(signature.indexOf("v1=") + 3))
          .isEqualTo(WebhookSignature.hmac(SECRET, t + "." + request.body()));
      JsonPath event = JsonPath.from(request.body());
      assertThat(event.getString("type")).isEqualTo("ROLLOUT_HALTED");
      assertThat(event.getString("rolloutId")).isEqualTo(rollout);
      assertThat(event.getString("productId")).isEqualTo(vendor.productId());
      assertThat(event.getString("toState")).isEqualTo("HALTED");
      assertThat(event.getString("reason")).isEqualTo("tickets from the field");
      assertThat(request.header("Ringgate-Event")).isEqualTo("ROLLOUT_HALTED");
      assertThat(request.header("Ringgate-Event-Id")).isEqualTo(event.getString("id"));
      JsonPath status = deliveries(vendor.key(), hook);
      assertThat(status.getList("")).hasSize(1);
      assertThat(status.getString("[0].status")).isEqualTo("DELIVERED");
      assertThat(status.getInt("[0].attempts")).isEqualTo(1);
      assertThat(status.getInt("[0].lastStatusCode")).isEqualTo(200);
      assertThat(status.getString("[0].eventId")).isEqualTo(event.getString("id"));
    }
  }

  @Test
  void aReceiverThatIsDownGetsTheEventLater() {
    // Given: a subscription to a port nothing listens on
    VendorSetup vendor = vendorWithRollout();
    String rollout = start(vendor);
    int port = Receiver.freePort();
    String hook =
        subscribe(
            vendor.key(), subscription(Receiver.urlOn(port), "events", List.of("ROLLOUT_HALTED")));
    vendor.act(rollout, "halt", Map.of("reason", "bad")).statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> deliveries(vendor.key(), hook).getInt("[0].attempts") >= 1);
    JsonPath failed = deliveries(vendor.key(), hook);
    assertThat(failed.getString("[0].status")).isEqualTo("PENDING");
    assertThat(failed.getString("[0].lastError")).isNotBlank();
    assertThat(failed.getString("[0].nextAttemptAt")).isNotNull();

    // When: the receiver comes up
    try (Receiver receiver = Receiver.startOn(port)) {

      // Then: a later attempt delivers it
      await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> deliveries(vendor.key(), hook).getString("[0].status").equals("DELIVERED"));
      JsonPath delivered = deliveries(vendor.key(), hook);
      assertThat(delivered.getInt("[0].attempts")).isGreaterThanOrEqualTo(2);
      assertThat(delivered.getString("[0].nextAttemptAt")).isNull();
      assertThat(JsonPath.from(receiver.received().get(0).body()).getString("rolloutId"))
          .isEqualTo(rollout);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.example.com/x",
        "http:///no-host",
        "https://user:pw@hooks.example.com/x",
        "hooks.example.com/x",
        "http://exa mple.com/"
      })
  void aBadUrlIsRefusedAtSubscriptionNamingTheUrl(String url) {
    String key = Api.vendorKey(Api.newVendor());
    Api.as(key)
        .body(subscription(url))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("url"));
  }

  @Test
  void aShortSecretAndAnUnknownEventTypeAreRefused() {
    String key = Api.vendorKey(Api.newVendor());
    Api.as(key)
        .body(subscription("https://hooks.example.com/x", "secret", "too-short"))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("secret"));
    Api.as(key)
        .body(subscription("https://hooks.example.com/x", "events", List.of("ROLLOUT_EXPLODED")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("events[0]"));
  }

  @Test
  void anotherVendorCannotReadOrDeleteASubscriptionNorSubscribeToItsProducts() {
    // Given: vendor A's subscription
    VendorSetup a = VendorSetup.agentVendor();
    String hook = subscribe(a.key(), subscription("https://hooks.example.com/a"));
    String b = Api.vendorKey(Api.newVendor());
    String admin = Api.fleetAdminKey(Api.newTenant());

    // When / Then: others see nothing of it
    for (String other : List.of(b, admin)) {
      Api.as(other).get("/api/v1/webhooks/" + hook).then().statusCode(404);
      Api.as(other).get("/api/v1/webhooks/" + hook + "/deliveries").then().statusCode(404);
      Api.as(other).delete("/api/v1/webhooks/" + hook).then().statusCode(404);
      Api.as(other).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem(hook)));
    }
    Api.as(Api.deviceKey(Api.newTenant())).get("/api/v1/webhooks").then().statusCode(403);
    Api.as(b)
        .body(subscription("https://hooks.example.com/b", "productIds", List.of(a.productId())))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("productIds[0]"));
    Api.as(a.key()).get("/api/v1/webhooks/" + hook).then().statusCode(200);
    Api.asOperator().get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(hook));
  }

  @Test
  void aVendorNeverReceivesAnotherVendorsEvents() {
    // Given: two vendors, each subscribed to everything of its own
    VendorSetup a = vendorWithRollout();
    VendorSetup b = vendorWithRollout();
    String rolloutB = start(b);
    try (Receiver forA = Receiver.start();
        Receiver forB = Receiver.start()) {
      String hookA = subscribe(a.key(), subscription(forA.url()));
      subscribe(b.key(), subscription(forB.url()));

      // When: B's rollout is halted
      b.act(rolloutB, "halt", Map.of("reason", "b's problem")).statusCode(200);

      // Then: B hears of it, A does not
      await().atMost(Duration.ofSeconds(10)).until(() -> forB.received().size() == 1);
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      assertThat(forA.received()).isEmpty();
      assertThat(deliveries(a.key(), hookA).getList("")).isEmpty();
    }
  }

  @Test
  void aTenantHearsOfItsOwnStopAndNoOtherTenantDoes() {
    // Given: two tenants' fleet admins, each subscribed
    String one = Api.newTenant();
    String two = Api.newTenant();
    String adminOne = Api.fleetAdminKey(one);
    String adminTwo = Api.fleetAdminKey(two);
    try (Receiver forOne = Receiver.start();
        Receiver forTwo = Receiver.start()) {
      String hookOne = subscribe(adminOne, subscription(forOne.url(), "format", "SLACK"));
      subscribe(adminTwo, subscription(forTwo.url()));

      // When: tenant one stops its fleet
      Api.as(adminOne)
          .body(Map.of("reason", "incident 42"))
          .put("/api/v1/tenants/" + one + "/stop")
          .then()
          .statusCode(200);

      // Then: only tenant one hears of it, as a Slack message
      await().atMost(Duration.ofSeconds(10)).until(() -> forOne.received().size() == 1);
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
      assertThat(forTwo.received()).isEmpty();
      assertThat(JsonPath.from(forOne.received().get(0).body()).getString("text"))
          .startsWith("Ringgate: FLEET_STOPPED")
          .contains(one, "incident 42");
      Api.as(adminTwo).get("/api/v1/webhooks/" + hookOne).then().statusCode(404);
      Api.as(adminTwo).delete("/api/v1/webhooks/" + hookOne).then().statusCode(404);
      Api.as(adminOne).get("/api/v1/webhooks/" + hookOne).then().statusCode(200);
    }
  }

  @Test
  void aTenantCannotSubscribeToRolloutEvents() {
    String admin = Api.fleetAdminKey(Api.newTenant());
    Api.as(admin)
        .body(subscription("https://hooks.example.com/t", "events", List.of("ROLLOUT_HALTED")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("events[0]"));
  }

  @Test
  void aGeneratedSecretIsShownOnceAndCreatingAndDeletingAreAudited() {
    // Given
    String key = Api.vendorKey(Api.newVendor());
    Map<String, Object> body = new HashMap<>(Map.of("url", "https://hooks.example.com/p/s3cr3t"));
    String since = Instant.now().minusSeconds(5).toString();

    // When
    JsonPath created =
        Api.as(key)
            .body(body)
            .post("/api/v1/webhooks")
            .then()
            .statusCode(201)
            .body("secret", startsWith("whsec_"))
            .body("format", equalTo("RINGGATE"))
            .extract()
            .jsonPath();
    String hook = created.getString("id");
    Api.as(key)
        .get("/api/v1/webhooks/" + hook)
        .then()
        .statusCode(200)
        .body("secret", equalTo(null));
    Api.as(key)
        .body(Map.of("reason", "moved"))
        .delete("/api/v1/webhooks/" + hook)
        .then()
        .statusCode(204);

    // Then
    Api.as(key).get("/api/v1/webhooks/" + hook).then().statusCode(404);
    String audit =
        Api.asOperator()
            .get("/api/v1/audit?since=" + since)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> records = audit.lines().filter(l -> l.contains(hook)).toList();
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).contains("WEBHOOK_CREATED", "https://hooks.example.com");
    assertThat(records.get(1)).contains("WEBHOOK_DELETED", "\"moved\"");
    assertThat(audit).doesNotContain("s3cr3t", created.getString("secret"));
  }
}
