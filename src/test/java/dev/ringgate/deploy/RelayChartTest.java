package dev.ringgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge relay's chart ({@code helm/ringgate-relay}): its rendered manifests and what its schema
 * refuses. Needs helm, as {@link HelmChartTest}.
 */
class RelayChartTest {
  private static final Optional<Helm> INSTALLED = Helm.find();
  private Helm helm;

  @BeforeEach
  void requireHelm() {
    assumeTrue(
        INSTALLED.isPresent(),
        "helm is not installed at ./.tools/helm or on the PATH: run .ci/get-helm to check the chart");
    helm = INSTALLED.get();
  }

  private Helm.Rendered render(String values, String... more) {
    return helm.template(
        Helm.RELAY_CHART,
        Stream.concat(Stream.of(Helm.values(Helm.RELAY_CHART, values)), Stream.of(more))
            .toArray(String[]::new));
  }

  private Helm.Rendered renderWithout(String... args) {
    return helm.template(Helm.RELAY_CHART, args);
  }

  @Test
  void oneRelayPodRunsTheRelayCommandWithItsDataDirectoryOnARetainedClaim() {
    // When
    JsonNode set = render("minimal").one("StatefulSet");

    // Then: one pod per data directory, the spool on a claim that outlives the release
    assertThat(set.at("/spec/replicas").asInt()).isEqualTo(1);
    JsonNode container = set.at("/spec/template/spec/containers/0");
    assertThat(container.path("args").toString()).isEqualTo("[\"relay\"]");
    JsonNode claim = set.at("/spec/volumeClaimTemplates/0");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("data");
    assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("2Gi");
    assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText())
        .isEqualTo("Retain");
    String dataDir = env(container, "RINGGATE_DATA_DIR").path("value").asText();
    assertThat(container.path("volumeMounts"))
        .anySatisfy(
            mount -> {
              assertThat(mount.path("name").asText()).isEqualTo("data");
              assertThat(mount.path("mountPath").asText()).isEqualTo(dataDir);
              assertThat(mount.path("readOnly").asBoolean()).isFalse();
            });
    assertThat(env(container, "RINGGATE_RELAY_UPSTREAM").path("value").asText())
        .isEqualTo("https://ringgate.example.com");
  }

  @Test
  void theRelayKeyComesOnlyFromTheNamedSecret() {
    for (String values : List.of("minimal", "production")) {
      // When
      Helm.Rendered rendered = render(values);

      // Then: no Secret is rendered, the key is a reference, nothing secret is a plain value
      assertThat(rendered.ofKind("Secret")).as(values).isEmpty();
      JsonNode container = rendered.one("StatefulSet").at("/spec/template/spec/containers/0");
      JsonNode key = env(container, "RINGGATE_RELAY_KEY");
      assertThat(key.has("value")).as(values).isFalse();
      assertThat(key.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("acme-relay");
      assertThat(key.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("relay-key");
      assertThat(rendered.stdout()).as(values).doesNotContain("rg_");
    }
  }

  @Test
  void aMissingRelayKeySecretFailsTheRender() {
    // When
    Helm.Rendered rendered = renderWithout("--set", "upstream.url=https://ringgate.example.com");

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("relayKey.existingSecret is required");
  }

  @Test
  void theSchemaRefusesAMissingUpstream() {
    // When
    Helm.Rendered rendered = renderWithout("--set", "relayKey.existingSecret=acme-relay");

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("schema").contains("upstream.url");
  }

  @Test
  void theSchemaRefusesAnHttpUpstreamUnlessAllowedExplicitly() {
    // When
    Helm.Rendered refused = render("minimal", "--set", "upstream.url=http://ringgate.internal");
    Helm.Rendered allowed =
        render(
            "minimal",
            "--set",
            "upstream.url=http://ringgate.internal",
            "--set",
            "upstream.allowInsecureHttp=true");

    // Then
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("schema").contains("upstream.allowInsecureHttp");
    JsonNode container = allowed.one("StatefulSet").at("/spec/template/spec/containers/0");
    assertThat(env(container, "RINGGATE_RELAY_UPSTREAM").path("value").asText())
        .isEqualTo("http://ringgate.internal");
  }

  @Test
  void theSchemaRefusesTheRelayKeyAmongThePlainSettings() {
    // When
    Helm.Rendered rendered = render("minimal", "--set", "settings.ringgate\\.relay\\.key=rg_x");

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("schema").contains("settings");
  }

  @Test
  void theProbesAskQuarkusHealthOnTheHttpPort() {
    // When
    JsonNode container =
        render("minimal").one("StatefulSet").at("/spec/template/spec/containers/0");

    // Then
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.findValuesAsText("port")).containsOnly("http");
    assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
  }

  @Test
  void theRelayRunsAsNonRootOnAReadOnlyRootFilesystemWithItsVolumesWritable() {
    // When
    JsonNode pod = render("minimal").one("StatefulSet").at("/spec/template/spec");

    // Then: the volume belongs to the relay's group, everything else is read-only
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
    assertThat(pod.at("/securityContext/fsGroup").asInt()).isEqualTo(185);
    assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
        .contains("/tmp", "/var/lib/ringgate-relay");
  }

  @Test
  void theServiceSelectsTheRelayPodForTheDevices() {
    // When
    Helm.Rendered rendered = render("minimal");

    // Then
    JsonNode service = rendered.one("Service");
    JsonNode podLabels = rendered.one("StatefulSet").at("/spec/template/metadata/labels");
    for (var label : service.at("/spec/selector").properties()) {
      assertThat(podLabels.path(label.getKey())).isEqualTo(label.getValue());
    }
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(rendered.one("StatefulSet").at("/spec/serviceName").asText())
        .isEqualTo(service.at("/metadata/name").asText());
    assertThat(rendered.ofKind("NetworkPolicy")).isEmpty();
    assertThat(rendered.ofKind("ServiceMonitor")).isEmpty();
  }

  @Test
  void theNetworkPolicyLetsTheRelayReachOnlyTheUpstreamAndDns() {
    // When
    Helm.Rendered rendered = render("production");
    Helm.Rendered withoutPeers = render("minimal", "--set", "networkPolicy.enabled=true");

    // Then: an empty peer list would allow every destination, so it is refused
    JsonNode egress = rendered.one("NetworkPolicy").at("/spec/egress");
    assertThat(egress).hasSize(2);
    assertThat(egress.at("/0/to/0/ipBlock/cidr").asText()).isEqualTo("203.0.113.20/32");
    assertThat(egress.at("/0/ports").findValuesAsText("port")).containsExactly("443");
    assertThat(egress.at("/1/ports").findValuesAsText("port")).containsOnly("53");
    assertThat(withoutPeers.exitCode()).isNotZero();
    assertThat(withoutPeers.stderr()).contains("networkPolicy.egress.upstream.to is required");
    assertThat(rendered.one("ServiceMonitor").at("/spec/endpoints/0/path").asText())
        .isEqualTo("/q/metrics");
  }

  @Test
  void settingsBecomeEnvironmentVariablesWithTheirValuesIntact() {
    // When
    JsonNode container =
        render("production").one("StatefulSet").at("/spec/template/spec/containers/0");

    // Then
    assertThat(env(container, "RINGGATE_RELAY_MAX_STALENESS").path("value").asText())
        .isEqualTo("12h");
    assertThat(env(container, "RINGGATE_RELAY_FAST_PATH_CRASHES").path("value").asText())
        .isEqualTo("5");
    assertThat(env(container, "RINGGATE_RELAY_UPSTREAM_PUBLIC_KEY").path("value").asText())
        .startsWith("MCowBQYDK2VwAyEA");
  }

  private static JsonNode env(JsonNode container, String name) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode env : container.path("env")) {
      if (name.equals(env.path("name").asText())) {
        found.add(env);
      }
    }
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }
}
