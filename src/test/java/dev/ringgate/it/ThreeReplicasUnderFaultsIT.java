package dev.ringgate.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.KafkaBroker;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the packaged application on one PostgreSQL (reached through a proxy the test
 * can cut, as a network partition or a stopped database would look to them) and one real Kafka
 * broker, with check-ins spread over all three while faults happen: a halt decided on one replica
 * from telemetry on Kafka, the store away for 30 seconds, one replica killed with SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeReplicasUnderFaultsIT {
  private static final String SCHEMA = "ringgate_three_it";
  private static final String TELEMETRY = "ringgate.telemetry.v1";
  private static final String EVENTS = "ringgate.rollout-events.v1";
  private static final KafkaBroker broker = new KafkaBroker();
  private static final List<Replica> replicas = new ArrayList<>();
  private static ItSchema schema;
  private static TcpProxy proxy;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() throws Exception {
    schema = ItSchema.fresh(SCHEMA);
    proxy = schema.proxy();
    String viaProxy = schema.urlVia(proxy);
    Map<String, String> kafka =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            broker.start().get("kafka.bootstrap.servers"),
            "RINGGATE_KAFKA_GROUP_ID",
            "ringgate-three-" + System.nanoTime(),
            "RINGGATE_KAFKA_SESSION_TIMEOUT",
            "6s",
            "RINGGATE_KAFKA_RELAY_INTERVAL",
            "50ms",
            "QUARKUS_DATASOURCE__PG__JDBC_ACQUISITION_TIMEOUT",
            "5S");
    replicas.add(Replica.start("three-0", viaProxy, SCHEMA, kafka));
    List<CompletableFuture<Replica>> more = new ArrayList<>();
    for (int i = 1; i < 3; i++) {
      String name = "three-" + i;
      more.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Replica.start(name, viaProxy, SCHEMA, kafka);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (CompletableFuture<Replica> replica : more) {
      replicas.add(replica.get());
    }
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port = replicas.get(0).port();
    producer = KafkaBroker.producer();
  }

  @AfterAll
  static void stop() throws Exception {
    if (producer != null) {
      producer.close();
    }
    for (Replica replica : replicas) {
      replica.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    broker.stop();
    RestAssured.reset();
  }

  @Test
  @Order(1)
  void aHaltDecidedFromKafkaTelemetryIsEffectiveOnAllThreeWithinOneSecond() throws Exception {
    // Given: 2.0.0 offered to 20 devices that checked in on 1.0.0 before the start, at every
    // replica; check-ins keep coming to all three
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(10_000).minDevices(1_000).applyTo(vendor);
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 10_000, 20);
    for (int i = 0; i < devices.size(); i++) {
      replicas.get(i % 3).checkin(key, devices.get(i), vendor.productId(), "1.0.0");
    }
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    for (Replica replica : replicas) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  "INSTALL"
                      .equals(
                          replica
                              .checkin(key, devices.get(0), vendor.productId(), "1.0.0")
                              .path("action")));
    }
    for (int i = 0; i < devices.size(); i++) {
      replicas.get(i % 3).checkin(key, devices.get(i), vendor.productId(), "1.0.0");
    }
    // the offers reach the store (written behind the check-ins)
    String offered =
        "SELECT COUNT(*) FROM {s}.rollout_devices WHERE rollout_id = ? AND offered_ms IS NOT NULL";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> schema.count(offered, rollout) == devices.size());
    Map<Integer, Long> firstRollback = new ConcurrentHashMap<>();
    List<Thread> watchers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      watchers.add(watchForRollback(r, key, devices.get(0), vendor.productId(), firstRollback));
    }

    // When: the devices' reports arrive on Kafka: all installed it, eight crashed
    for (int i = 0; i < devices.size(); i++) {
      send(tenant, devices.get(i), vendor.productId(), "2.0.0", "INSTALLED");
      if (i < 8) {
        send(tenant, devices.get(i), vendor.productId(), "2.0.0", "CRASH");
      }
    }
    producer.flush();

    // Then: rolled back by the gate, and every replica answers ROLLBACK within a second of it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "ROLLED_BACK".equals(view(rollout).getString("state")));
    await().atMost(Duration.ofSeconds(10)).until(() -> firstRollback.size() == 3);
    for (Thread watcher : watchers) {
      watcher.interrupt();
    }
    var view = view(rollout);
    assertThat(view.getString("history[-1].actor.id")).isEqualTo("health-gate");
    long verdict = Instant.parse(view.getString("history[-1].at")).toEpochMilli();
    List<Long> delays = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      delays.add(firstRollback.get(r) - verdict);
    }
    Figures.record("halt verdict to ROLLBACK answered, per replica (ms): " + delays);
    assertThat(delays).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
  }

  @Test
  @Order(2)
  void whileTheStoreIsAwayThirtySecondsCheckInsKeepTheirAnswersAndWritesGet503() throws Exception {
    // Given: a release everyone gets, and a device's answer at each replica
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("3.0.0");
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    List<String> before = new ArrayList<>();
    for (Replica replica : replicas) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  "3.0.0"
                      .equals(
                          replica
                              .checkin(key, "edge-o", vendor.productId(), null)
                              .path("version")));
      before.add(replica.checkin(key, "edge-o", vendor.productId(), null).asString());
    }
    long storedBefore =
        schema.count(
            "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?", vendor.productId());

    // When: the store is unreachable for 30 s while check-ins and telemetry keep coming
    proxy.cut();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger sentOnKafka = new AtomicInteger();
    long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      while (System.nanoTime() < outageEnds) {
        for (int r = 0; r < 3; r++) {
          Response answer = replicas.get(r).checkin(key, "edge-o", vendor.productId(), null);
          assertThat(answer.statusCode()).as("check-in at replica %d", r).isEqualTo(200);
          assertThat(answer.asString()).as("answer at replica %d", r).isEqualTo(before.get(r));
          answered.incrementAndGet();
        }
        send(tenant, "edge-o", vendor.productId(), "3.0.0", "HEARTBEAT");
        sentOnKafka.incrementAndGet();
        Thread.sleep(100);
      }
      producer.flush();
      for (Replica replica : replicas) {
        given()
            .baseUri(replica.baseUrl())
            .header("Authorization", "Bearer " + key)
            .contentType("application/json")
            .body(Telemetry.batch().add("edge-o", vendor.productId(), "3.0.0", "HEARTBEAT").body())
            .post("/api/v1/telemetry")
            .then()
            .statusCode(503)
            .contentType("application/problem+json");
      }
    } finally {
      proxy.restore();
    }

    // Then: every replica takes writes again without a restart, and the telemetry sent on Kafka
    // during the outage is stored, once
    long restored = System.nanoTime();
    for (Replica replica : replicas) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  given()
                          .baseUri(replica.baseUrl())
                          .header("Authorization", "Bearer " + key)
                          .contentType("application/json")
                          .body(
                              Telemetry.batch()
                                  .add("edge-o", vendor.productId(), "3.0.0", "HEARTBEAT")
                                  .body())
                          .post("/api/v1/telemetry")
                          .statusCode()
                      == 202);
      given()
          .baseUri(replica.baseUrl())
          .get("/q/health/ready")
          .then()
          .body("checks.find { it.name == 'store' }.data.state", equalTo("available"));
    }
    Figures.record(
        "store away 30 s: "
            + answered.get()
            + " check-ins answered 200 as before on 3 replicas; writes back after (ms): "
            + (System.nanoTime() - restored) / 1_000_000);
    long expected = storedBefore + sentOnKafka.get() + 3;
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                schema.count(
                        "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?",
                        vendor.productId())
                    >= expected);
    Thread.sleep(2_000);
    assertThat(
            schema.count(
                "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?",
                vendor.productId()))
        .as("reports stored once (%d sent on Kafka during the outage)", sentOnKafka.get())
        .isEqualTo(expected);
  }

  @Test
  @Order(3)
  void aReplicaKilledMidRunLosesNoAcknowledgedTelemetryAndNoRolloutEvent() throws Exception {
    // Given: 4.0.0 in progress; reports stream in on Kafka and over HTTP at every replica
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(10_000).minDevices(100_000).applyTo(vendor);
    String rollout = vendor.publishRollout("4.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 10_000, 30);
    AtomicLong acknowledged = new AtomicLong();
    AtomicBoolean streaming = new AtomicBoolean(true);
    Replica victim = replicas.get(2);
    Thread http =
        new Thread(
            () -> {
              int round = 0;
              while (streaming.get()) {
                Replica target = replicas.get(round++ % 3);
                Telemetry batch = Telemetry.batch();
                for (String device : devices) {
                  batch.add(device, vendor.productId(), "4.0.0", "HEARTBEAT");
                }
                try {
                  int status =
                      given()
                          .baseUri(target.baseUrl())
                          .header("Authorization", "Bearer " + key)
                          .contentType("application/json")
                          .body(batch.body())
                          .post("/api/v1/telemetry")
                          .statusCode();
                  if (status == 202) {
                    acknowledged.addAndGet(devices.size());
                  }
                } catch (RuntimeException refused) {
                  // the killed replica: nothing acknowledged
                }
              }
            },
            "http-telemetry");
    http.start();
    int sent = 0;
    for (int round = 0; round < 20; round++) {
      for (String device : devices) {
        send(tenant, device, vendor.productId(), "4.0.0", round == 0 ? "INSTALLED" : "HEARTBEAT");
        sent++;
      }
    }
    producer.flush();

    // When: the victim acknowledges a pause, and is killed with SIGKILL right after it
    given()
        .baseUri(victim.baseUrl())
        .header("Authorization", "Bearer " + vendor.key())
        .contentType("application/json")
        .body(Map.of("reason", "pause answered by the replica about to die"))
        .post("/api/v1/rollouts/" + rollout + "/pause")
        .then()
        .statusCode(200);
    assertThat(victim.killHard()).isEqualTo(128 + 9);
    for (int round = 0; round < 20; round++) {
      for (String device : devices) {
        send(tenant, device, vendor.productId(), "4.0.0", "HEARTBEAT");
        sent++;
      }
    }
    producer.flush();
    Thread.sleep(1_000);
    streaming.set(false);
    http.join();

    // Then: every report acknowledged (by the broker or with a 202) is stored once, and the pause
    // is in the rollout's history and on the events topic
    long expected = sent + acknowledged.get();
    String events = "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?";
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (schema.count(events, vendor.productId()) < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    Thread.sleep(2_000);
    assertThat(schema.count(events, vendor.productId()))
        .as(
            "stored reports (%d on Kafka, %d acknowledged over HTTP; dead-lettered: %s)",
            sent, acknowledged.get(), deadLettered(vendor.productId()))
        .isEqualTo(expected);
    assertThat(view(rollout).getString("state")).isEqualTo("PAUSED");
    assertThat(rolloutEventTypes(rollout)).contains("ROLLOUT_STARTED", "ROLLOUT_PAUSED");
    Figures.record(
        "replica killed mid-run: "
            + expected
            + " acknowledged reports stored once ("
            + sent
            + " on Kafka, "
            + acknowledged.get()
            + " over HTTP)");
  }

  private static Thread watchForRollback(
      int r, String key, String device, String product, Map<Integer, Long> firstRollback) {
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && !firstRollback.containsKey(r)) {
                try {
                  if ("ROLLBACK"
                      .equals(
                          replicas.get(r).checkin(key, device, product, "2.0.0").path("action"))) {
                    firstRollback.putIfAbsent(r, System.currentTimeMillis());
                  }
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  // keep watching
                }
              }
            },
            "watch-" + r);
    watcher.start();
    return watcher;
  }

  private static void send(
      String tenant, String device, String product, String version, String type) {
    producer.send(
        new ProducerRecord<>(
            TELEMETRY,
            device,
            Telemetry.kafkaValue(tenant, device, product, version, type, Instant.now())));
  }

  private static io.restassured.path.json.JsonPath view(String rollout) {
    return Api.asOperator().get("/api/v1/rollouts/" + rollout).then().extract().jsonPath();
  }

  /** The types of the rollout's events on the events topic, read from its beginning. */
  private static List<String> rolloutEventTypes(String rollout) {
    List<String> types = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = KafkaBroker.reader("three-it-reader")) {
      consumer.subscribe(List.of(EVENTS));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(500))) {
                  if (record.value().contains("\"" + rollout + "\"")) {
                    var json =
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
                    types.add(json.path("type").asText());
                  }
                }
                return types.contains("ROLLOUT_PAUSED");
              });
    }
    return types;
  }

  private static Map<String, Integer> deadLettered(String product) {
    return KafkaBroker.deadLettered(product, Duration.ofSeconds(5), Duration.ofMillis(500));
  }
}
