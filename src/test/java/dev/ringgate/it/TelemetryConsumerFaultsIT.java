package dev.ringgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.KafkaBroker;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The telemetry consumer of the packaged application against a real broker and PostgreSQL, in the
 * two situations that lost broker-acknowledged reports under faults: records polled while the store
 * was away, on partitions nothing had been stored from yet; and records of a tenant created on
 * another replica a moment before, which the consuming replica had not heard of yet.
 *
 * <p>Replica {@code consumer} is the only member of the consumer group; it reaches PostgreSQL
 * through a proxy the test cuts, and polls the store for other replicas' changes only once an hour,
 * so it learns of them only when it asks. Replica {@code api} takes no part in Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelemetryConsumerFaultsIT {
  private static final String SCHEMA = "ringgate_consumer_faults_it";
  private static final String TELEMETRY = "ringgate.telemetry.v1";
  private static final KafkaBroker broker = new KafkaBroker();
  private static final String GROUP = "ringgate-faults-" + System.nanoTime();
  private static ItSchema schema;
  private static TcpProxy proxy;
  private static Replica api;
  private static Replica consumer;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() throws Exception {
    schema = ItSchema.fresh(SCHEMA);
    // the replica outside Kafka starts (and migrates the schema) while the broker starts
    CompletableFuture<Replica> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Replica.start(
                    "faults-api", schema.url, SCHEMA, Map.of("KAFKA_BOOTSTRAP_SERVERS", ""));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String servers;
    try {
      servers = broker.start().get("kafka.bootstrap.servers");
    } finally {
      api = starting.join();
    }
    proxy = schema.proxy();
    consumer =
        Replica.start(
            "faults-consumer",
            schema.urlVia(proxy),
            SCHEMA,
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                servers,
                "RINGGATE_KAFKA_GROUP_ID",
                GROUP,
                "RINGGATE_STORE_CHANGE_POLL_INTERVAL",
                "1h"));
    producer = KafkaBroker.producer();
    RestAssured.baseURI = "http://127.0.0.1";
  }

  @AfterAll
  static void stop() throws Exception {
    if (producer != null) {
      producer.close();
    }
    for (Replica replica : new Replica[] {consumer, api}) {
      if (replica != null) {
        replica.close();
      }
    }
    if (proxy != null) {
      proxy.close();
    }
    broker.stop();
    RestAssured.reset();
  }

  @Test
  @Order(1)
  void reportsPolledWhileTheStoreIsAwayAreStoredWhenItReturns() throws Exception {
    // Given: a tenant and a product the consumer knows; nothing stored from any partition yet,
    // and the consumer holds all of them
    RestAssured.port = consumer.port();
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 10_000, 30);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> assignedPartitions() == KafkaBroker.TELEMETRY_PARTITIONS);

    // When: the store goes away, reports arrive and the consumer polls them, fails to store them
    // and cannot read its stored positions; then the store comes back
    proxy.cut();
    int logged = consumer.log().length();
    try {
      for (String device : devices) {
        send(tenant, device, vendor.productId());
      }
      producer.flush();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  consumer
                      .log()
                      .substring(logged)
                      .contains("stored Kafka offsets unreadable, partitions paused"));
    } finally {
      proxy.restore();
    }

    // Then: every report is stored, once
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stored(vendor.productId()) >= devices.size());
    Thread.sleep(1_000);
    assertThat(stored(vendor.productId()))
        .as("reports stored (dead-lettered: %s)", deadLettered(vendor.productId()))
        .isEqualTo(devices.size());
  }

  @Test
  @Order(2)
  void reportsOfATenantCreatedOnAnotherReplicaAMomentAgoAreStored() throws Exception {
    // Given: a tenant and a product created at the other replica; the consumer has not heard of
    // them (it would at its next poll of the store's changes, an hour away)
    RestAssured.port = api.port();
    VendorSetup vendor = VendorSetup.agentVendor();
    String tenant = Api.newTenant();
    List<String> devices = Devices.manyInBasisPoints(vendor.productId(), 0, 10_000, 30);

    // When: their devices report on Kafka
    for (String device : devices) {
      send(tenant, device, vendor.productId());
    }
    producer.flush();

    // Then: every report is stored, none dead-lettered as of an unknown tenant or product
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                stored(vendor.productId()) >= devices.size()
                    || !deadLettered(vendor.productId()).isEmpty());
    Thread.sleep(1_000);
    assertThat(deadLettered(vendor.productId())).isEmpty();
    assertThat(stored(vendor.productId())).isEqualTo(devices.size());
  }

  private static void send(String tenant, String device, String product) {
    producer.send(
        new ProducerRecord<>(
            TELEMETRY,
            device,
            Telemetry.kafkaValue(tenant, device, product, "1.0.0", "HEARTBEAT", Instant.now())));
  }

  /** Partitions of the telemetry topic the group's members hold. */
  private static int assignedPartitions() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
      return group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    }
  }

  private static Map<String, Integer> deadLettered(String product) {
    return KafkaBroker.deadLettered(product, Duration.ofSeconds(3), Duration.ofMillis(300));
  }

  private static long stored(String productId) throws Exception {
    return schema.count(
        "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?", productId);
  }
}
