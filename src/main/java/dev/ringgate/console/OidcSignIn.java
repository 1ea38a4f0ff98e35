package dev.ringgate.console;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.ringgate.security.ApiKeyRegistry;
import dev.ringgate.security.Caller;
import dev.ringgate.security.JwtAuthenticator;
import dev.ringgate.security.Role;
import dev.ringgate.security.SecurityConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The console's OIDC sign-in: an authorization-code flow with PKCE (S256), state and nonce, built
 * with Nimbus' OAuth 2.0 / OpenID Connect SDK. The state, nonce and code verifier travel in a
 * short-lived signed cookie, so any replica can finish a sign-in another one started. The ID token
 * the provider returns is verified by {@link JwtAuthenticator}, as an API token is (signature,
 * issuer, expiry, one role and its vendor or tenant), and must also name this client as its
 * audience and carry the nonce. The provider refuses a code used twice.
 */
@Singleton
public class OidcSignIn {
  private static final Logger LOG = Logger.getLogger(OidcSignIn.class);

  /** The cookie that carries the flow's state between the start and the callback. */
  public static final String COOKIE = "ringgate_oidc";

  static final String CALLBACK = "/console/sign-in/oidc/callback";

  /** How long a started sign-in may take at the provider. */
  static final Duration FLOW_TTL = Duration.ofMinutes(10);

  private static final int TIMEOUT_MS = 5_000;

  private final ConsoleConfig.Oidc config;
  private final Optional<String> issuer;
  private final boolean tokensAccepted;
  private final JwtAuthenticator jwt;
  private final ApiKeyRegistry keys;
  private final SessionCookies cookies;
  private final ConsoleConfig console;
  private volatile Endpoints endpoints;

  OidcSignIn(
      ConsoleConfig console,
      SecurityConfig security,
      JwtAuthenticator jwt,
      ApiKeyRegistry keys,
      SessionCookies cookies) {
    this.console = console;
    this.config = console.oidc();
    this.issuer = security.jwt().issuer();
    this.tokensAccepted = issuer.isPresent() && security.jwt().publicKeyLocation().isPresent();
    this.jwt = jwt;
    this.keys = keys;
    this.cookies = cookies;
  }

  /**
   * Whether the sign-in page offers the OIDC sign-in: a client id, and an issuer whose tokens the
   * API accepts (its issuer and keys configured).
   */
  public boolean enabled() {
    return config.clientId().isPresent() && tokensAccepted;
  }

  /** The name on the sign-in button, or null when OIDC sign-in is off. */
  public String providerName() {
    return enabled() ? config.providerName() : null;
  }

  /** Where to send the browser, and the cookie that remembers the flow. */
  public record Start(URI location, String setCookie) {}

  /** A new sign-in: the provider's authorization URL and the flow cookie. */
  public Start start(URI baseUri, Instant now) throws IOException {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest request =
        new AuthenticationRequest.Builder(
                ResponseType.CODE,
                Scope.parse(config.scope()),
                new ClientID(config.clientId().orElseThrow()),
                redirectUri(baseUri))
            .endpointURI(endpoints().authorization())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    String flow =
        String.join(
            "|",
            state.getValue(),
            nonce.getValue(),
            verifier.getValue(),
            Long.toString(now.plus(FLOW_TTL).getEpochSecond()));
    return new Start(request.toURI(), flowCookie(cookies.seal(flow), FLOW_TTL.toSeconds()));
  }

  /** The {@code Set-Cookie} value that removes the flow cookie. */
  public String clearFlowCookie() {
    return flowCookie("", 0);
  }

  /**
   * The caller of a finished sign-in, or why it was refused: the state must be the one in the flow
   * cookie, the code must exchange at the provider (once), and the ID token must verify.
   */
  public Outcome finish(
      URI baseUri, String code, String state, String error, String flowCookie, Instant now) {
    if (error != null) {
      return Outcome.refused("The identity provider refused the sign-in (" + error + ").");
    }
    Optional<String[]> flow =
        cookies.unseal(flowCookie).map(v -> v.split("\\|", -1)).filter(p -> p.length == 4);
    if (flow.isEmpty()
        || state == null
        || code == null
        || !now.isBefore(Instant.ofEpochSecond(parseLong(flow.get()[3])))
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8),
            flow.get()[0].getBytes(StandardCharsets.UTF_8))) {
      return Outcome.refused("This sign-in was not started here or took too long; start again.");
    }
    String nonce = flow.get()[1];
    CodeVerifier verifier = new CodeVerifier(flow.get()[2]);
    String idToken;
    try {
      idToken = exchange(code, redirectUri(baseUri), verifier);
    } catch (IOException | ParseException e) {
      LOG.warnf("OIDC sign-in: the token endpoint could not be used: %s", e.getMessage());
      return Outcome.refused("The identity provider could not be reached; try again.");
    }
    if (idToken == null) {
      return Outcome.refused("The identity provider did not accept the sign-in; start again.");
    }
    String clientId = config.clientId().orElseThrow();
    JwtAuthenticator.Result result =
        jwt.authenticate(
            idToken,
            token -> {
              if (token.getAudience() == null || !token.getAudience().contains(clientId)) {
                return "the ID token is not meant for this client";
              }
              return nonce.equals(JwtAuthenticator.stringClaim(token, "nonce"))
                  ? null
                  : "the ID token does not carry this sign-in's nonce";
            });
    if (result.caller().isEmpty()) {
      LOG.infof("OIDC sign-in refused: %s", result.refusal());
      return Outcome.refused("Your sign-in was refused: " + result.refusal() + ".");
    }
    Caller caller = result.caller().get();
    if (caller.is(Role.DEVICE)) {
      return Outcome.refused("Device tokens cannot sign in to the console.");
    }
    String unknown = keys.unknownScope(caller);
    if (unknown != null) {
      return Outcome.refused("Your sign-in was refused: " + unknown + ".");
    }
    return Outcome.ok(caller);
  }

  /** The ID token the provider returns for {@code code}, or null when it refuses. */
  private String exchange(String code, URI redirectUri, CodeVerifier verifier)
      throws IOException, ParseException {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier);
    ClientID client = new ClientID(config.clientId().orElseThrow());
    URI endpoint = endpoints().token();
    Optional<String> secret = clientSecret();
    TokenRequest request =
        secret.isPresent()
            ? new TokenRequest(
                endpoint, new ClientSecretBasic(client, new Secret(secret.get())), grant)
            : new TokenRequest(endpoint, client, grant);
    HTTPRequest http = request.toHTTPRequest();
    http.setConnectTimeout(TIMEOUT_MS);
    http.setReadTimeout(TIMEOUT_MS);
    TokenResponse response = OIDCTokenResponseParser.parse(http.send());
    if (!response.indicatesSuccess()) {
      LOG.infof(
          "OIDC sign-in: the provider refused the code: %s",
          response.toErrorResponse().getErrorObject().getCode());
      return null;
    }
    return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDTokenString();
  }

  private Optional<String> clientSecret() throws IOException {
    if (config.clientSecretFile().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(config.clientSecretFile().get()).strip());
  }

  private URI redirectUri(URI baseUri) {
    return config.redirectUri().orElseGet(() -> baseUri.resolve(CALLBACK));
  }

  private record Endpoints(URI authorization, URI token) {}

  /** The configured endpoints, else those of the issuer's discovery document (read once). */
  private Endpoints endpoints() throws IOException {
    Endpoints current = endpoints;
    if (current != null) {
      return current;
    }
    URI authorization = config.authorizationEndpoint().orElse(null);
    URI token = config.tokenEndpoint().orElse(null);
    if (authorization == null || token == null) {
      try {
        OIDCProviderMetadata metadata =
            OIDCProviderMetadata.resolve(new Issuer(issuer.orElseThrow()), TIMEOUT_MS, TIMEOUT_MS);
        authorization =
            authorization != null ? authorization : metadata.getAuthorizationEndpointURI();
        token = token != null ? token : metadata.getTokenEndpointURI();
      } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
        throw new IOException("the issuer's discovery document: " + e.getMessage(), e);
      }
    }
    current = new Endpoints(authorization, token);
    endpoints = current;
    return current;
  }

  private String flowCookie(String value, long maxAge) {
    // Lax, not Strict: the browser comes back from the provider's site with a top-level GET.
    return COOKIE
        + "="
        + value
        + "; Path=/console/sign-in/oidc; HttpOnly; SameSite=Lax; Max-Age="
        + maxAge
        + (console.secureCookie() ? "; Secure" : "");
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A signed-in caller, or why not. */
  public record Outcome(Optional<Caller> caller, String refusal) {
    static Outcome ok(Caller caller) {
      return new Outcome(Optional.of(caller), null);
    }

    static Outcome refused(String why) {
      return new Outcome(Optional.empty(), why);
    }
  }
}
