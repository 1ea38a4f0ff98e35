package dev.ringgate.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.KafkaBroker;
import dev.ringgate.support.Metrics;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Telemetry in and rollout events out, against a real Kafka broker. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
class KafkaTelemetryTest {
  private static final String TELEMETRY = "ringgate.telemetry.v1";

  @Inject Store store;
  @Inject TelemetryConsumer consumer;

  @ConfigProperty(name = "ringgate.kafka.group-id")
  String groupId;

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBroker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static String event(
      String tenant, String device, String product, String version, String type) {
    return Telemetry.kafkaValue(tenant, device, product, version, type, Instant.now());
  }

  private static void send(KafkaProducer<String, String> producer, String key, String value)
      throws Exception {
    producer.send(new ProducerRecord<>(TELEMETRY, key, value)).get(10, TimeUnit.SECONDS);
  }

  /** Every record of a topic, from the beginning, once at least {@code atLeast} are there. */
  private static List<ConsumerRecord<String, String>> readAll(String topic, int atLeast) {
    try (KafkaConsumer<String, String> reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 20_000;
      while (records.size() < atLeast && System.currentTimeMillis() < deadline) {
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static VendorSetup productAtOne(Plans plan) {
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    plan.applyTo(vendor);
    return vendor;
  }

  private static String start(VendorSetup vendor, String version) {
    String rollout = vendor.publishRollout(version);
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    return rollout;
  }

  private static JsonPath rollout(VendorSetup vendor, String id) {
    return Api.as(vendor.key()).get("/api/v1/rollouts/" + id).then().extract().jsonPath();
  }

  private long storedEvents(String productId) {
    return store.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM telemetry_events WHERE product_id = ?",
                    r -> r.getLong(1),
                    productId)
                .orElse(0L));
  }

  @Test
  void malformedRecordsReachTheDeadLetterTopicWithTheReason() throws Exception {
    VendorSetup vendor = productAtOne(Plans.rings(10_000));
    String tenant = Api.newTenant();
    String foreignDevice = "owned-elsewhere-" + System.nanoTime();
    Devices.checkin(Api.deviceKey(Api.newTenant()), foreignDevice, vendor.productId(), "1.0.0")
        .then()
        .statusCode(200);
    String marker = "m" + System.nanoTime();
    try (KafkaProducer<String, String> producer = producer()) {
      send(producer, marker + "-1", "not json at all");
      send(producer, marker + "-2", "{\"tenantId\":\"" + tenant + "\",\"deviceId\":\"d\"}");
      send(
          producer,
          marker + "-3",
          event("no-such-tenant", marker + "-3", vendor.productId(), "1.0.0", "CRASH"));
      send(
          producer,
          marker + "-4",
          event(tenant, marker + "-4", vendor.productId(), "1.0.0", "EXPLODED"));
      send(
          producer,
          foreignDevice,
          event(tenant, foreignDevice, vendor.productId(), "1.0.0", "CRASH"));
      send(
          producer,
          marker + "-6",
          event(tenant, marker + "-6", vendor.productId(), "1.0.0", "CRASH"));
    }

    // The valid one is stored; the five others are on the DLQ with their reasons
    await().atMost(Duration.ofSeconds(20)).until(() -> storedEvents(vendor.productId()) == 1);
    Map<String, String> reasons = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (ConsumerRecord<String, String> r : readAll("ringgate.telemetry.v1.dlq", 1)) {
                if (r.key() != null
                    && (r.key().startsWith(marker) || r.key().equals(foreignDevice))) {
                  reasons.put(
                      r.key(),
                      new String(
                          r.headers().lastHeader(TelemetryConsumer.ERROR_HEADER).value(),
                          StandardCharsets.UTF_8));
                }
              }
              return reasons.size() == 5;
            });
    assertThat(reasons.get(marker + "-1")).startsWith("malformed JSON");
    assertThat(reasons.get(marker + "-2")).contains("productId").contains("type").contains("at");
    assertThat(reasons.get(marker + "-3")).contains("tenantId is not a known tenant");
    assertThat(reasons.get(marker + "-4")).contains("type 'EXPLODED' is not one of");
    assertThat(reasons.get(foreignDevice)).contains("deviceId is not a device of this tenant");
    String metrics = Api.asOperator().get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .containsPattern(
            "ringgate_telemetry_kafka_records_total\\{result=\"dead-lettered\"\\} [5-9]");
  }

  @Test
  void aConsumerRestartMidStreamCountsNothingTwice() throws Exception {
    // Given: 60 devices offered 2.0.0
    VendorSetup vendor = productAtOne(Plans.rings(10_000).minDevices(1000));
    String rollout = start(vendor, "2.0.0");
    String tenant = Api.newTenant();
    List<String> devices = new ArrayList<>();
    String key = Api.deviceKey(tenant);
    for (int i = 0; i < 60; i++) {
      String device = "kafka-dev-" + i + "-" + System.nanoTime();
      devices.add(device);
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
    }

    // When: each reports INSTALLED, a heartbeat and crashes; the consumer stops half-way, its
    // Kafka offsets are lost (as in a crash before the commit), and some records are sent twice
    int sent = 0;
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 30; i++) {
        String d = devices.get(i);
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "INSTALLED"));
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "HEARTBEAT"));
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "CRASH"));
        sent += 3;
      }
      int firstHalf = sent;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> storedEvents(vendor.productId()) == firstHalf);
      consumer.stop();
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (int p = 0; p < KafkaBroker.TELEMETRY_PARTITIONS; p++) {
          partitions.add(new TopicPartition(TELEMETRY, p));
        }
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(
                () -> {
                  admin
                      .deleteConsumerGroupOffsets(groupId, partitions)
                      .all()
                      .get(5, TimeUnit.SECONDS);
                  return true;
                });
      }
      for (int i = 30; i < 60; i++) {
        String d = devices.get(i);
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "INSTALLED"));
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "CRASH"));
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "CRASH"));
        sent += 3;
      }
      consumer.start();
    }

    // Then: every record stored exactly once, every device counted once
    int total = sent;
    await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents(vendor.productId()) >= total);
    Thread.sleep(500);
    assertThat(storedEvents(vendor.productId())).isEqualTo(total);
    JsonPath view = rollout(vendor, rollout);
    assertThat(view.getInt("rings[0].exposedDevices")).isEqualTo(60);
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(60);
  }

  @Test
  void crashReportsOnTheTopicHaltACrashingRollout() throws Exception {
    // Given: twelve canary devices told to install 2.0.0
    VendorSetup vendor = productAtOne(Plans.rings(100, 10_000).auto().minDevices(50));
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 100, 12);
    // established: checked in before the rollout starts, as the gate counts only those
    Devices.established(key, vendor.productId(), "1.0.0", devices);
    String rollout = start(vendor, "2.0.0");
    for (String device : devices) {
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
    }

    // When: through Kafka, they report the install, and then most of them crash
    try (KafkaProducer<String, String> producer = producer()) {
      for (String d : devices) {
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "INSTALLED"));
      }
      for (String d : devices.subList(0, 8)) {
        send(producer, d, event(tenant, d, vendor.productId(), "2.0.0", "BOOT_LOOP"));
      }
    }

    // Then: the gate rolls it back by itself, and the installers are told to go back
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rollout(vendor, rollout).getString("state").equals("ROLLED_BACK"));
    assertThat(rollout(vendor, rollout).getString("history[-1].actor.id")).isEqualTo("health-gate");
    assertThat(Devices.action(key, devices.get(0), vendor.productId(), "2.0.0"))
        .isEqualTo("ROLLBACK");
  }

  @Test
  void rolloutEventsArriveOnTheOutTopicExactlyAsTheHistorySays() {
    VendorSetup vendor = productAtOne(Plans.rings(10, 10_000));
    String rollout = start(vendor, "2.0.0");
    vendor.act(rollout, "pause", Map.of("reason", "lunch")).statusCode(200);
    vendor.act(rollout, "resume", Map.of()).statusCode(200);
    vendor.act(rollout, "promote", Map.of("force", true)).statusCode(200);
    vendor.act(rollout, "halt", Map.of("reason", "tickets")).statusCode(200);
    List<Map<String, Object>> history = rollout(vendor, rollout).getList("history");
    // the history starts with the pending rollout's creation, which is not an event
    List<Map<String, Object>> transitions = history.subList(1, history.size());

    List<JsonPath> events = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              events.clear();
              for (ConsumerRecord<String, String> r :
                  readAll("ringgate.rollout-events.v1", transitions.size())) {
                if (rollout.equals(r.key())) {
                  events.add(JsonPath.from(r.value()));
                }
              }
              return events.size() >= transitions.size();
            });
    assertThat(events).hasSize(transitions.size());
    assertThat(events.stream().map(e -> e.getString("id")).distinct()).hasSize(events.size());
    for (int i = 0; i < transitions.size(); i++) {
      Map<String, Object> step = transitions.get(i);
      JsonPath event = events.get(i);
      assertThat(event.getString("rolloutId")).isEqualTo(rollout);
      assertThat(event.getString("productId")).isEqualTo(vendor.productId());
      assertThat(event.getString("version")).isEqualTo("2.0.0");
      assertThat(event.getString("toState")).isEqualTo(step.get("to"));
      assertThat(event.getString("fromState")).isEqualTo(step.get("from"));
      assertThat(event.getInt("ringIndex")).isEqualTo(step.get("ringIndex"));
      assertThat(event.getString("actor.id")).isEqualTo(((Map<?, ?>) step.get("actor")).get("id"));
    }
    assertThat(events.stream().map(e -> e.getString("type")).toList())
        .containsExactly(
            "ROLLOUT_STARTED",
            "ROLLOUT_PAUSED",
            "ROLLOUT_RESUMED",
            "RING_PROMOTED",
            "ROLLOUT_HALTED");
  }

  @Test
  void theConsumerLagAndTheRelayBacklogAreExportedAndDrainToZero() throws Exception {
    // Given: a rollout that moved (events in the outbox) and telemetry on the topic
    VendorSetup vendor = productAtOne(Plans.rings(10, 10_000));
    String rollout = start(vendor, "2.0.0");
    vendor.act(rollout, "pause", Map.of("reason", "lunch")).statusCode(200);
    String tenant = Api.newTenant();
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 20; i++) {
        String device = Api.uniqueId("lag");
        send(producer, device, event(tenant, device, vendor.productId(), "1.0.0", "HEARTBEAT"));
      }
    }

    // When: consumer and relay catch up
    await().atMost(Duration.ofSeconds(20)).until(() -> storedEvents(vendor.productId()) == 20);

    // Then: both gauges exist and fall to zero
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              String text = Metrics.scrape();
              assertThat(Metrics.value(text, "ringgate_telemetry_kafka_lag", Map.of())).isZero();
              assertThat(Metrics.value(text, "ringgate_outbox_pending", Map.of("sink", "kafka")))
                  .isZero();
              assertThat(
                      Metrics.value(
                          text, "ringgate_outbox_oldest_age_seconds", Map.of("sink", "kafka")))
                  .isZero();
            });
  }
}
