package dev.ringgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions and their rules, over plain HTTP: the cookie, CSRF, sign-in refusals, and
 * that a session sees exactly what its key may see.
 */
@QuarkusTest
class ConsoleSessionTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  /** A signed-in session: its cookie and the CSRF token of its pages. */
  record Session(String cookie, String csrf) {
    static Session of(String key) {
      Response signIn =
          given().redirects().follow(false).formParam("key", key).post("/console/sign-in");
      assertThat(signIn.statusCode()).isEqualTo(303);
      String cookie = signIn.getCookie(SessionCookies.NAME);
      String page = given().cookie(SessionCookies.NAME, cookie).get("/console/products").asString();
      Matcher m = CSRF.matcher(page);
      assertThat(m.find()).as("the page carries its CSRF token").isTrue();
      return new Session(cookie, m.group(1));
    }

    io.restassured.specification.RequestSpecification request() {
      return given().redirects().follow(false).cookie(SessionCookies.NAME, cookie);
    }
  }

  @Test
  void signingInSetsAnHttpOnlySameSiteStrictCookieThatExpires() {
    // When
    Response signIn =
        given()
            .redirects()
            .follow(false)
            .formParam("key", Api.vendorKey(Api.newVendor()))
            .post("/console/sign-in");

    // Then
    assertThat(signIn.statusCode()).isEqualTo(303);
    assertThat(signIn.getHeader("Location")).endsWith("/console");
    assertThat(signIn.getHeader("Set-Cookie"))
        .startsWith(SessionCookies.NAME + "=")
        .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800");
  }

  @Test
  void anUnknownKeyOrADeviceKeyCannotSignIn() {
    given().formParam("key", "rg_nope").post("/console/sign-in").then().statusCode(401);
    given()
        .formParam("key", Api.deviceKey(Api.newTenant()))
        .post("/console/sign-in")
        .then()
        .statusCode(401)
        .body(containsString("Device keys cannot sign in"));
  }

  @Test
  void aPageWithoutASessionRedirectsToSignInAndTheRootLeadsToTheConsole() {
    given().redirects().follow(false).get("/").then().statusCode(303);
    given()
        .redirects()
        .follow(false)
        .get("/console/rollouts")
        .then()
        .statusCode(303)
        .header("Location", containsString("/console/sign-in"));
  }

  @Test
  void aTamperedCookieIsNoSession() {
    // Given: a vendor's cookie with its key id changed to the operator's
    Session vendor = Session.of(Api.vendorKey(Api.newVendor()));
    String[] parts = vendor.cookie().split("\\.");
    String payload =
        new String(
            java.util.Base64.getUrlDecoder().decode(parts[0]),
            java.nio.charset.StandardCharsets.UTF_8);
    String forged =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("key-operator" + payload.substring(payload.indexOf('|')))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[1];

    // When / Then
    given()
        .redirects()
        .follow(false)
        .cookie(SessionCookies.NAME, forged)
        .get("/console/accounts")
        .then()
        .statusCode(303);
  }

  @Test
  void aStateChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    Session session = Session.of(vendor.key());
    long audit = Api.auditHead();

    // When: no token, then a wrong one
    session
        .request()
        .formParam("reason", "x")
        .post("/console/rollouts/" + rollout + "/halt")
        .then()
        .statusCode(403);
    session
        .request()
        .header("X-CSRF-Token", "wrong")
        .formParam("reason", "x")
        .post("/console/rollouts/" + rollout + "/halt")
        .then()
        .statusCode(403);

    // Then
    assertThat(Api.auditHead()).isEqualTo(audit);
    assertThat(VendorConsoleBrowserTest.state(vendor, rollout)).isEqualTo("IN_PROGRESS");
  }

  @Test
  void aStateChangeFromAnotherSiteIsRefusedEvenWithTheToken() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    Session session = Session.of(vendor.key());
    session
        .request()
        .header("X-CSRF-Token", session.csrf())
        .header("Origin", "https://evil.example")
        .formParam("reason", "x")
        .post("/console/rollouts/" + rollout + "/start")
        .then()
        .statusCode(403);
    assertThat(VendorConsoleBrowserTest.state(vendor, rollout)).isEqualTo("PENDING");
  }

  @Test
  void withTheTokenTheVendorActs() {
    VendorSetup vendor = VendorSetup.agentVendor();
    String rollout = vendor.publishRollout("1.0.0");
    Session session = Session.of(vendor.key());
    session
        .request()
        .header("X-CSRF-Token", session.csrf())
        .header("HX-Request", "true")
        .formParam("reason", "go")
        .post("/console/rollouts/" + rollout + "/start")
        .then()
        .statusCode(200)
        .body(containsString("in progress"));
    assertThat(VendorConsoleBrowserTest.state(vendor, rollout)).isEqualTo("IN_PROGRESS");
  }

  @Test
  void anotherVendorsRolloutIsNotFoundAndItsChartNeither() {
    // Given
    VendorSetup owner = VendorSetup.agentVendor();
    String rollout = owner.publishRollout("1.0.0");
    Session other = Session.of(Api.vendorKey(Api.newVendor()));

    // When / Then: as the API answers, 404, and nothing of it shows
    other
        .request()
        .get("/console/rollouts/" + rollout)
        .then()
        .statusCode(404)
        .body(not(containsString(owner.productId())));
    other.request().get("/console/rollouts/" + rollout + "/series").then().statusCode(404);
    other
        .request()
        .header("X-CSRF-Token", other.csrf())
        .header("HX-Request", "true")
        .post("/console/rollouts/" + rollout + "/start")
        .then()
        .statusCode(404);
    assertThat(VendorConsoleBrowserTest.state(owner, rollout)).isEqualTo("PENDING");
  }

  @Test
  void aVendorSessionCannotOpenOperatorPages() {
    Session vendor = Session.of(Api.vendorKey(Api.newVendor()));
    vendor.request().get("/console/keys").then().statusCode(403);
    vendor.request().get("/console/audit").then().statusCode(403);
  }

  @Test
  void revokingTheKeyEndsItsSessionAtOnce() {
    // Given
    String vendorId = Api.newVendor();
    Map<String, String> key = Api.newKeyWithId("VENDOR", vendorId, null);
    Session session = Session.of(key.get("key"));

    // When
    Api.asOperator().delete("/api/v1/api-keys/" + key.get("id")).then().statusCode(204);

    // Then
    session.request().get("/console/products").then().statusCode(303);
  }

  @Test
  void withoutAnOidcClientThereIsNoSingleSignOn() {
    assertThat(given().get("/console/sign-in").asString()).doesNotContain("oidc-sign-in");
    given().redirects().follow(false).get("/console/sign-in/oidc").then().statusCode(404);
    given()
        .redirects()
        .follow(false)
        .get("/console/sign-in/oidc/callback?code=x&state=y")
        .then()
        .statusCode(404)
        .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
  }
}
