package dev.ringgate.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs a subscription may name (no DNS lookups: literal addresses and refused schemes). */
class WebhookUrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://203.0.113.7/hook",
        "file:///etc/passwd",
        "http:///no-host",
        "https://user:secret@203.0.113.7/hook",
        "not a url",
        "203.0.113.7/hook"
      })
  void aUrlThatIsNotPlainHttpWithAHostIsRefusedEvenWherePrivateAddressesAreAllowed(String url) {
    assertThat(WebhookUrls.problem(url, true)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://api.localhost/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook"
      })
  void anAddressInsideTheNetworkIsRefusedUnlessAllowed(String url) {
    assertThat(WebhookUrls.problem(url, false)).isNotNull();
    assertThat(WebhookUrls.problem(url, true)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://203.0.113.7/hook", "http://198.51.100.20:8443/x?y=1"})
  void aPublicAddressIsAccepted(String url) {
    assertThat(WebhookUrls.problem(url, false)).isNull();
  }
}
