package dev.ringgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's OIDC sign-in against a real provider ({@link OidcProvider}), over HTTP as a browser
 * does it: to the provider and back with a code, which is exchanged for the console's session; and
 * what must be refused.
 */
@QuarkusTest
@TestProfile(OidcProvider.Profile.class)
class OidcSignInTest {
  /** A sign-in taken to the point where the provider sends the browser back. */
  record Flow(String authorizeUrl, String flowCookie, String callbackUrl) {
    /** Starts a sign-in at the console and lets the provider answer it. */
    static Flow run() {
      Response start = given().redirects().follow(false).get("/console/sign-in/oidc");
      assertThat(start.statusCode()).isEqualTo(303);
      String authorize = start.getHeader("Location");
      assertThat(authorize)
          .startsWith(OidcProvider.issuer())
          .contains("code_challenge_method=S256", "nonce=", "state=");
      assertThat(start.getHeader("Set-Cookie")).contains("HttpOnly", "SameSite=Lax");
      Response provider =
          given().redirects().follow(false).urlEncodingEnabled(false).get(authorize);
      assertThat(provider.statusCode()).isEqualTo(302);
      return new Flow(
          authorize, start.getCookie(OidcSignIn.COOKIE), provider.getHeader("Location"));
    }

    Response callback() {
      return callback(callbackUrl, flowCookie);
    }

    static Response callback(String url, String cookie) {
      return given()
          .redirects()
          .follow(false)
          .urlEncodingEnabled(false)
          .cookie(OidcSignIn.COOKIE, cookie)
          .get(url);
    }
  }

  private static Map<String, Object> vendor(String vendorId) {
    return Map.of("groups", List.of("VENDOR"), "ringgate_vendor", vendorId);
  }

  @Test
  void signingInThroughTheProviderOpensASessionNamingTheSubject() {
    // Given
    String vendorId = Api.newVendor();
    OidcProvider.nextToken("alice@example.com", vendor(vendorId));
    assertThat(given().get("/console/sign-in").asString()).contains("Sign in with Test IdP");

    // When
    Response done = Flow.run().callback();

    // Then: the console's session cookie, and pages of the vendor, signed in as the subject
    assertThat(done.statusCode()).isEqualTo(200);
    String session = done.getCookie(SessionCookies.NAME);
    assertThat(session).isNotBlank();
    assertThat(done.getHeaders().getValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith(SessionCookies.NAME + "=")
                    .contains("SameSite=Strict", "HttpOnly"));
    String page =
        given()
            .cookie(SessionCookies.NAME, session)
            .get("/console/rollouts")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("vendor " + vendorId, "alice@example.com");
    given()
        .redirects()
        .follow(false)
        .cookie(SessionCookies.NAME, session)
        .get("/console/keys")
        .then()
        .statusCode(403);
  }

  @Test
  void aCallbackWhoseStateIsNotTheFlowsIsRefused() {
    // Given (no token queued: a refused callback never reaches the provider's token endpoint)
    Flow flow = Flow.run();
    String forged = flow.callbackUrl().replaceAll("state=[^&]+", "state=forged");

    // When
    Response refused = Flow.callback(forged, flow.flowCookie());
    Response noCookie = Flow.callback(flow.callbackUrl(), null);

    // Then
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.asString()).contains("not started here");
    assertThat(refused.getCookie(SessionCookies.NAME)).isNull();
    assertThat(noCookie.statusCode()).isEqualTo(401);
    assertThat(noCookie.getCookie(SessionCookies.NAME)).isNull();
  }

  @Test
  void aReplayedCodeIsRefused() {
    // Given: a sign-in that succeeded
    OidcProvider.nextToken("alice@example.com", vendor(Api.newVendor()));
    Flow flow = Flow.run();
    assertThat(flow.callback().statusCode()).isEqualTo(200);

    // When: the same callback, cookie and all, again
    Response replay = flow.callback();

    // Then
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.getCookie(SessionCookies.NAME)).isNull();
  }

  @Test
  void aTokenOfAnUnknownIssuerIsRefused() {
    // Given: the provider's token names another issuer
    Map<String, Object> claims = new java.util.HashMap<>(vendor(Api.newVendor()));
    claims.put("iss", "https://evil.example");
    OidcProvider.nextToken("mallory", claims);

    // When
    Response refused = Flow.run().callback();

    // Then
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.asString()).contains("signature, issuer or expiry");
    assertThat(refused.getCookie(SessionCookies.NAME)).isNull();
  }

  @Test
  void tokensWhoseRoleOrScopeDoNotHoldAreRefused() {
    // A vendor that does not exist, a fleet admin without a tenant, two roles, a device
    List<Map<String, Object>> claims =
        List.of(
            vendor("vendor-nobody-knows"),
            Map.of("groups", List.of("FLEET_ADMIN")),
            Map.of("groups", List.of("OPERATOR", "VENDOR"), "ringgate_vendor", Api.newVendor()),
            Map.of("groups", List.of("DEVICE"), "ringgate_tenant", Api.newTenant()));
    for (Map<String, Object> claim : claims) {
      // Given
      OidcProvider.nextToken("mallory", claim);

      // When
      Response refused = Flow.run().callback();

      // Then
      assertThat(refused.statusCode()).as("claims %s", claim).isEqualTo(401);
      assertThat(refused.getCookie(SessionCookies.NAME)).as("claims %s", claim).isNull();
    }
  }

  @Test
  void aFleetAdminSignsInToTheirTenantOnly() {
    // Given
    String tenant = Api.newTenant();
    String other = Api.newTenant();
    OidcProvider.nextToken(
        "bob@fleet", Map.of("groups", List.of("FLEET_ADMIN"), "ringgate_tenant", tenant));

    // When
    String session = Flow.run().callback().getCookie(SessionCookies.NAME);

    // Then
    given()
        .cookie(SessionCookies.NAME, session)
        .get("/console/tenants/" + tenant + "/approvals")
        .then()
        .statusCode(200);
    given()
        .cookie(SessionCookies.NAME, session)
        .get("/console/tenants/" + other + "/approvals")
        .then()
        .statusCode(404);
  }
}
