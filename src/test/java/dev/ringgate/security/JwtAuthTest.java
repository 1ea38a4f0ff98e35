package dev.ringgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.support.Api;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OIDC/JWT tokens for people: role and scope from claims, everything else refused with 401. */
@QuarkusTest
class JwtAuthTest {
  private static final String ISSUER = "https://issuer.test.ringgate.dev";

  private static JwtClaimsBuilder token(String subject, String... roles) {
    return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(roles)).expiresIn(300);
  }

  @Test
  void operatorTokenActsAsOperatorAndIsAuditedBySubject() {
    // Given
    String jwt = token("alice@ops", "OPERATOR").sign();
    String id = Api.uniqueId("tenant");

    // When
    Api.as(jwt)
        .body(Map.of("id", id, "name", "By token"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);

    // Then
    String audit =
        Api.asOperator()
            .get("/api/v1/audit?since=" + Instant.now().minusSeconds(5))
            .then()
            .extract()
            .asString();
    assertThat(audit).contains("\"id\":\"jwt:alice@ops\"").contains(id);
  }

  @Test
  void vendorTokenIsScopedToItsVendorClaim() {
    // Given
    VendorSetup own = VendorSetup.agentVendor();
    VendorSetup other = VendorSetup.agentVendor();
    String jwt = token("ci-bot", "VENDOR").claim("ringgate_vendor", own.vendorId()).sign();

    // When / Then
    Api.as(jwt).get("/api/v1/products/" + own.productId()).then().statusCode(200);
    Api.as(jwt).get("/api/v1/products/" + other.productId()).then().statusCode(404);
  }

  @Test
  void fleetAdminTokenWithoutTenantIsRefused() {
    String jwt = token("bob", "FLEET_ADMIN").sign();
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String jwt = Jwt.issuer("https://evil.example").subject("mallory").groups("OPERATOR").sign();
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void expiredTokenIsRefused() {
    String jwt =
        token("carol", "OPERATOR")
            .issuedAt(Instant.now().minusSeconds(7200))
            .expiresAt(Instant.now().minusSeconds(3600))
            .sign();
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tokenWithTwoRingateRolesIsRefused() {
    String jwt = token("dave", "OPERATOR", "VENDOR").claim("ringgate_vendor", "x").sign();
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tokenWithoutRingateRoleIsRefused() {
    String jwt = token("erin", "admin").sign();
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tamperedTokenIsRefused() {
    String jwt = token("frank", "FLEET_ADMIN").claim("ringgate_tenant", "t1").sign();
    String[] parts = jwt.split("\\.");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"iss\":\""
                            + ISSUER
                            + "\",\"sub\":\"frank\",\"groups\":[\"OPERATOR\"],\"exp\":"
                            + (Instant.now().getEpochSecond() + 300)
                            + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    Api.as(forged).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void fleetAdminTokenActsForItsTenant() {
    // Given
    String tenant = Api.newTenant();
    String jwt = token("grace", "FLEET_ADMIN").claim("ringgate_tenant", tenant).sign();

    // When / Then
    Api.as(jwt).get("/api/v1/tenants/" + tenant).then().statusCode(200);
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(403);
  }

  @Test
  void tokenForAVendorThatDoesNotExistIsRefused() {
    String jwt = token("ghost", "VENDOR").claim("ringgate_vendor", "no-such-vendor").sign();
    Api.as(jwt)
        .body(Map.of("id", Api.uniqueId("p"), "name", "P", "kind", "AGENT"))
        .post("/api/v1/products")
        .then()
        .statusCode(401);
  }

  @Test
  void tokenExpiredWithinTheSixtySecondsOfClockSkewIsAccepted() {
    // Given
    String jwt =
        token("heidi", "OPERATOR")
            .issuedAt(Instant.now().minusSeconds(600))
            .expiresAt(Instant.now().minusSeconds(30))
            .sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(200);
  }

  @Test
  void tokenExpiredBeyondTheSixtySecondsOfClockSkewIsRefused() {
    // Given
    String jwt =
        token("ivan", "OPERATOR")
            .issuedAt(Instant.now().minusSeconds(600))
            .expiresAt(Instant.now().minusSeconds(120))
            .sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tokenThatExpiresBeforeItWasIssuedIsRefused() {
    // Given: expired 30 s ago, but issued now (the library refuses exp before iat)
    String jwt = token("ivy", "OPERATOR").expiresAt(Instant.now().minusSeconds(30)).sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tokenNotYetValidWithinTheSixtySecondsOfClockSkewIsAccepted() {
    // Given
    String jwt =
        token("judy", "OPERATOR")
            .claim("nbf", Instant.now().plusSeconds(30).getEpochSecond())
            .sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(200);
  }

  @Test
  void tokenNotYetValidBeyondTheSixtySecondsOfClockSkewIsRefused() {
    // Given
    String jwt =
        token("kim", "OPERATOR")
            .claim("nbf", Instant.now().plusSeconds(120).getEpochSecond())
            .sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tenantClaimWrappedInLiteralQuotesIsRefused() {
    // Given: the tenant exists, but the claim holds its id inside literal quote characters
    String tenant = Api.newTenant();
    String jwt = token("leo", "FLEET_ADMIN").claim("ringgate_tenant", "\"" + tenant + "\"").sign();

    // When / Then
    Api.as(jwt).get("/api/v1/tenants/" + tenant).then().statusCode(401);
  }

  @Test
  void vendorClaimWrappedInLiteralQuotesIsRefused() {
    // Given
    VendorSetup vendor = VendorSetup.agentVendor();
    String jwt =
        token("mia", "VENDOR").claim("ringgate_vendor", "\"" + vendor.vendorId() + "\"").sign();

    // When / Then
    Api.as(jwt).get("/api/v1/products/" + vendor.productId()).then().statusCode(401);
  }

  @Test
  void roleWrappedInLiteralQuotesIsNotARole() {
    // Given
    String jwt = token("nick", "\"OPERATOR\"").sign();

    // When / Then
    Api.as(jwt).get("/api/v1/vendors").then().statusCode(401);
  }

  @Test
  void tenantClaimThatIsNotAStringIsRefused() {
    // Given
    String tenant = Api.newTenant();
    String jwt =
        token("olga", "FLEET_ADMIN").claim("ringgate_tenant", java.util.List.of(tenant)).sign();

    // When / Then
    Api.as(jwt).get("/api/v1/tenants/" + tenant).then().statusCode(401);
  }
}
