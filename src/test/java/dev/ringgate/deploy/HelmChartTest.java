package dev.ringgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart's rendered manifests: what a cluster would run. Needs helm ({@code .ci/get-helm}
 * installs it into {@code .tools/}, and {@code .ci/run} does so before the tests).
 */
class HelmChartTest {
  private static final Optional<Helm> INSTALLED = Helm.find();
  private Helm helm;

  @BeforeEach
  void requireHelm() {
    assumeTrue(
        INSTALLED.isPresent(),
        "helm is not installed at ./.tools/helm or on the PATH: run .ci/get-helm to check the chart");
    helm = INSTALLED.get();
  }

  @Test
  void threeReplicasSpreadAcrossNodesAndZonesByDefault() {
    // When
    JsonNode deployment = helm.template(Helm.values("minimal")).one("Deployment");

    // Then
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(
            deployment
                .at("/spec/template/spec/topologySpreadConstraints")
                .findValuesAsText("topologyKey"))
        .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
  }

  @Test
  void aRollingUpdateStartsANewPodBeforeAnOldOneStops() {
    // When: new pods migrate the schema at start, so none of the old ones may go first
    JsonNode strategy =
        helm.template(Helm.values("minimal")).one("Deployment").at("/spec/strategy");

    // Then
    assertThat(strategy.path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(strategy.at("/rollingUpdate/maxSurge").asInt()).isEqualTo(1);
    assertThat(strategy.at("/rollingUpdate/maxUnavailable").asInt()).isZero();
  }

  @Test
  void theProbesAskQuarkusHealthOnTheHttpPort() {
    // When
    JsonNode container = helm.template(Helm.values("minimal")).container();

    // Then: no management port is enabled, so health is served on 8080
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.findValuesAsText("port")).containsOnly("http");
    // fail-static: a readiness probe that gives up before the store check does would take
    // every replica out of service during a database outage
    assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aPodDisruptionBudgetCoversTheServerPodsByDefault() {
    // When
    Helm.Rendered rendered = helm.template(Helm.values("minimal"));

    // Then
    JsonNode pdb = rendered.one("PodDisruptionBudget");
    assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    JsonNode podLabels = rendered.one("Deployment").at("/spec/template/metadata/labels");
    for (var label : pdb.at("/spec/selector/matchLabels").properties()) {
      assertThat(podLabels.path(label.getKey())).isEqualTo(label.getValue());
    }
  }

  @Test
  void secretsAreOnlyReferencedNeverRendered() {
    for (String values : List.of("minimal", "production")) {
      // When
      Helm.Rendered rendered = helm.template(Helm.values(values));

      // Then: no Secret, and every secret variable comes from a Secret the values named
      assertThat(rendered.ofKind("Secret")).as(values).isEmpty();
      List<String> fromSecrets = new ArrayList<>();
      for (JsonNode env : rendered.container().path("env")) {
        if (env.has("valueFrom")) {
          fromSecrets.add(env.path("name").asText());
          assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
        } else {
          assertThat(env.path("name").asText())
              .as(values)
              .doesNotContain("PASSWORD", "OPERATOR_KEY", "PEPPER", "JAAS");
        }
      }
      assertThat(fromSecrets)
          .as(values)
          .contains("RINGGATE_OPERATOR_KEY", "QUARKUS_DATASOURCE__PG__PASSWORD");
      for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
        assertThat(configMap.path("data").toString())
            .as(values)
            .doesNotContainIgnoringCase("password")
            .doesNotContain("OPERATOR_KEY", "PEPPER", "ScramLoginModule");
      }
    }
  }

  @Test
  void theServerRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
    // When
    JsonNode pod =
        helm.template(Helm.values("minimal")).one("Deployment").at("/spec/template/spec");

    // Then
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
    assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
  }

  @Test
  void theSchemaRefusesAReplicaCountThatIsNotANumber() {
    // When
    Helm.Rendered rendered =
        helm.template(concat(Helm.values("minimal"), "--set", "replicaCount=zero"));

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("schema").contains("replicaCount").contains("integer");
  }

  @Test
  void theSchemaRefusesASecretAmongThePlainSettings() {
    // When
    Helm.Rendered rendered =
        helm.template(
            concat(
                Helm.values("minimal"),
                "--set",
                "settings.ringgate\\.security\\.key-pepper=not-a-reference"));

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("schema").contains("settings");
  }

  @Test
  void aMissingDatabaseSecretFailsTheRenderWithPostgreSQL() {
    // When: PostgreSQL (the default store) without the Secret of its password
    Helm.Rendered rendered =
        helm.template(
            "--set", "database.jdbcUrl=jdbc:postgresql://db:5432/ringgate",
            "--set", "operatorKey.existingSecret=ringgate-operator");

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("database.existingSecret is required");
  }

  @Test
  void aMissingOperatorKeySecretFailsTheRender() {
    // When
    Helm.Rendered rendered =
        helm.template(
            "--set", "database.jdbcUrl=jdbc:postgresql://db:5432/ringgate",
            "--set", "database.existingSecret=ringgate-db");

    // Then
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("operatorKey.existingSecret is required");
  }

  @Test
  void settingsBecomeEnvironmentVariablesWithTheirValuesIntact() {
    // When
    JsonNode data =
        helm.template(Helm.values("production")).ofKind("ConfigMap").get(0).path("data");

    // Then: the names of docs/configuration.md, large numbers not in exponent notation
    assertThat(data.path("RINGGATE_CHECKIN_POLL_SECONDS").asText()).isEqualTo("300");
    assertThat(data.path("RINGGATE_CHECKIN_MAX_DEVICES").asText()).isEqualTo("1000000");
    assertThat(data.path("QUARKUS_PROFILE").asText()).isEqualTo("prod,pg");
  }

  @Test
  void theEmbeddedStoreRunsOneReplicaOnItsOwnVolume() {
    // Given
    String[] embedded = {"--set", "store=embedded", "--set", "operatorKey.existingSecret=op"};

    // When
    Helm.Rendered three = helm.template(embedded);
    Helm.Rendered one = helm.template(concat(embedded, "--set", "replicaCount=1"));

    // Then: H2 locks its file, so a second replica (or a surge) could not start
    assertThat(three.exitCode()).isNotZero();
    assertThat(three.stderr()).contains("replicaCount");
    assertThat(one.one("Deployment").at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(one.one("PersistentVolumeClaim")).isNotNull();
  }

  @Test
  void theAlertRulesUseOnlyMetricsRinggateExports() throws IOException {
    // Given: the meters registered in the code, as Prometheus names them
    Set<String> exported = meterNames();

    // When
    String rules =
        helm.template(Helm.values("production")).one("PrometheusRule").at("/spec").toString();

    // Then
    Matcher used = Pattern.compile("ringgate_[a-z_]+").matcher(rules);
    Set<String> usedNames = new TreeSet<>();
    while (used.find()) {
      usedNames.add(used.group());
    }
    assertThat(usedNames).isNotEmpty();
    assertThat(exported).containsAll(usedNames);
  }

  @Test
  void theAlertRulesCoverHaltsTheGateTheStoreAndTheOutboxWithTheirThresholds() {
    // When
    JsonNode rules =
        helm.template(
                concat(
                    Helm.values("production"),
                    "--set",
                    "metrics.prometheusRule.gateVerdictAgeSeconds=90"))
            .one("PrometheusRule")
            .at("/spec/groups/0/rules");

    // Then
    java.util.Map<String, String> byAlert = new java.util.TreeMap<>();
    rules.forEach(r -> byAlert.put(r.path("alert").asText(), r.path("expr").asText()));
    assertThat(byAlert)
        .containsKeys(
            "RinggateRolloutHaltedAutomatically",
            "RinggateRolloutHaltedUndecided",
            "RinggateStoreFailStatic",
            "RinggateOutboxLagging",
            "RinggateWebhookDeliveriesGivenUp",
            "RinggateTelemetryConsumerLagging");
    assertThat(byAlert.get("RinggateRolloutHaltedAutomatically"))
        .contains("increase(ringgate_rollout_halts_total{", "by (product, reason)");
    assertThat(byAlert.get("RinggateGateNotEvaluated"))
        .isEqualTo(
            "min(ringgate_gate_verdict_age_seconds{job=\"ringgate\", namespace=\"fleet\"}) > 90");
  }

  @Test
  void theNetworkPolicyRefusesAnEmptyPeerListThatWouldAllowEveryDestination() {
    // When: the policy on, the database's peers left at their default []
    Helm.Rendered rendered =
        helm.template(concat(Helm.values("minimal"), "--set", "networkPolicy.enabled=true"));

    // Then: an egress rule with no peers matches every destination, so the render fails
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.stderr()).contains("networkPolicy.egress.database.to is required");
  }

  @Test
  void theTestHookChecksReadinessAndAnOperatorCallWithAPinnedImage() {
    // When
    JsonNode pod =
        helm.template(Helm.values("minimal")).ofKind("Pod").stream()
            .filter(p -> "test".equals(p.at("/metadata/annotations/helm.sh~1hook").asText()))
            .findFirst()
            .orElseThrow();

    // Then
    JsonNode container = pod.at("/spec/containers/0");
    assertThat(container.path("image").asText()).matches("curlimages/curl:\\d+\\.\\d+\\.\\d+");
    assertThat(container.path("args").toString())
        .contains("/q/health/ready", "Authorization: Bearer $OPERATOR_KEY", "/api/v1/audit/head");
    assertThat(container.at("/env/0/valueFrom/secretKeyRef/name").asText())
        .isEqualTo("ringgate-operator");
  }

  /**
   * Counter.builder("a.b") is exported as a_b_total, Gauge.builder("a.b") and
   * MultiGauge.builder("a.b") as a_b; a base unit of seconds adds _seconds.
   */
  private static Set<String> meterNames() throws IOException {
    Pattern meter =
        Pattern.compile("(Counter|Gauge|MultiGauge)\\.builder\\(\\s*\"(ringgate\\.[a-z.]+)\"");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher m = meter.matcher(source);
        while (m.find()) {
          String name = m.group(2).replace('.', '_');
          int register = source.indexOf(".register(", m.end());
          String builder = source.substring(m.end(), register < 0 ? source.length() : register);
          if (builder.contains(".baseUnit(\"seconds\")")) {
            name += "_seconds";
          }
          names.add(m.group(1).equals("Counter") ? name + "_total" : name);
        }
      }
    }
    return names;
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }
}
