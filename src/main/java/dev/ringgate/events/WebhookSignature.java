package dev.ringgate.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Ringgate-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} of {@code
 * "<t>.<body>"} with the subscription's secret. The receiver recomputes it over the raw body and
 * refuses a stale {@code t} (replays).
 */
public final class WebhookSignature {
  public static final String HEADER = "Ringgate-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code epochSeconds}. */
  public static String header(String secret, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds + "." + body);
  }

  /** Hex HMAC-SHA256 of {@code message} with {@code secret}. */
  public static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
