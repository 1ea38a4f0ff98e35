package dev.ringgate.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider for the console's OIDC sign-in tests (mock-oauth2-server:
 * discovery, authorize, token and JWKS endpoints, single-use codes, PKCE), on a free port of
 * localhost, and the Quarkus profile that makes it Ringgate's JWT issuer and the console's OIDC
 * provider. The user signs in without a login form; the claims of the next token are queued with
 * {@link #nextToken} (and taken by the next code exchanged, so a test queues one only for a code
 * that will be exchanged).
 */
public final class OidcProvider {
  static final String ISSUER_ID = "idp";
  static final String CLIENT_ID = "ringgate-console";
  static final String CLIENT_SECRET = "console-secret";

  static final MockOAuth2Server SERVER = start();

  private OidcProvider() {}

  private static MockOAuth2Server start() {
    MockOAuth2Server server = new MockOAuth2Server();
    try {
      server.start(InetAddress.getByName("localhost"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  static String issuer() {
    return SERVER.issuerUrl(ISSUER_ID).toString();
  }

  /** The subject and claims of the next token the provider issues. */
  static void nextToken(String subject, Map<String, Object> claims) {
    SERVER.enqueueCallback(
        new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 300));
  }

  /** Ringgate with the provider as its JWT issuer and the console's OIDC sign-in on. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Path secret;
      try {
        secret = Files.createTempFile("ringgate-oidc", ".secret");
        Files.writeString(secret, CLIENT_SECRET + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      secret.toFile().deleteOnExit();
      return Map.of(
          "ringgate.security.jwt.issuer", issuer(),
          "ringgate.security.jwt.public-key-location", SERVER.jwksUrl(ISSUER_ID).toString(),
          "ringgate.console.oidc.client-id", CLIENT_ID,
          "ringgate.console.oidc.client-secret-file", secret.toString(),
          "ringgate.console.oidc.provider-name", "Test IdP");
    }
  }
}
