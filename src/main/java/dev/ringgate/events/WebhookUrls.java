package dev.ringgate.events;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may call: http or https, with a host, without credentials, and unless {@code
 * ringgate.webhooks.allow-private-addresses} says otherwise, never an address inside the operator's
 * network (loopback, private, link-local, carrier-grade NAT, unique-local, unspecified, multicast),
 * neither as written nor as the host resolves.
 */
public final class WebhookUrls {
  public static final int MAX_LENGTH = 2048;

  private WebhookUrls() {}

  /** Why {@code url} cannot be subscribed, or null when it can. */
  public static String problem(String url, boolean allowPrivate) {
    if (url == null || url.isBlank()) {
      return "is required";
    }
    if (url.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "must be an http or https URL";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials; the signature authenticates the sender";
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return "must name a host";
    }
    if (!allowPrivate) {
      return internalAddress(host);
    }
    return null;
  }

  /**
   * Why {@code host} is refused as internal, or null: a name that resolves to no address passes
   * here (it is checked again at every attempt).
   */
  public static String internalAddress(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return "must not point at this machine";
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(stripBrackets(host));
    } catch (UnknownHostException e) {
      return null;
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        return "must not point at a private, loopback or link-local address ("
            + address.getHostAddress()
            + ")";
      }
    }
    return null;
  }

  /** Whether {@code address} lies inside a network rather than on the internet. */
  public static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0 // 0.0.0.0/8
        || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
        || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15 benchmarking
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
