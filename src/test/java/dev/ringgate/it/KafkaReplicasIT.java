package dev.ringgate.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ringgate.support.Api;
import dev.ringgate.support.Devices;
import dev.ringgate.support.KafkaBroker;
import dev.ringgate.support.Plans;
import dev.ringgate.support.Telemetry;
import dev.ringgate.support.VendorSetup;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged application on one PostgreSQL and one real Kafka broker: they share
 * the telemetry partitions as one consumer group, and when one of them is killed mid-stream the
 * other takes its partitions over from the offsets stored with the effects, so every record is
 * stored exactly once and every device counted once.
 */
class KafkaReplicasIT {
  private static final String SCHEMA = "ringgate_kafka_it";
  private static final Pattern STORED =
      Pattern.compile("ringgate_telemetry_kafka_records_total\\{result=\"stored\"\\} ([0-9.E]+)");
  private static final KafkaBroker broker = new KafkaBroker();
  private static ItSchema schema;
  private static Replica a;
  private static Replica b;

  @BeforeAll
  static void start() throws Exception {
    schema = ItSchema.fresh(SCHEMA);
    Map<String, String> kafka =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            broker.start().get("kafka.bootstrap.servers"),
            "RINGGATE_KAFKA_GROUP_ID",
            "ringgate-it-" + System.nanoTime(),
            "RINGGATE_KAFKA_SESSION_TIMEOUT",
            "6s");
    a = Replica.start("kafka-a", schema.url, SCHEMA, kafka);
    b = Replica.start("kafka-b", schema.url, SCHEMA, kafka);
    RestAssured.baseURI = "http://127.0.0.1";
    RestAssured.port = Integer.parseInt(a.baseUrl().substring(a.baseUrl().lastIndexOf(':') + 1));
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    broker.stop();
    RestAssured.reset();
  }

  private static long stored(Replica replica) {
    String metrics = given().baseUri(replica.baseUrl()).get("/q/metrics").asString();
    Matcher m = STORED.matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void replicasShareThePartitionsAndAKilledOneLosesAndRepeatsNothing() throws Exception {
    // Given: 2.0.0 offered to 90 devices
    VendorSetup vendor = VendorSetup.agentVendor();
    Plans.rings(10_000).applyTo(vendor);
    vendor.complete("1.0.0");
    Plans.rings(10_000).minDevices(100_000).applyTo(vendor);
    String rollout = vendor.publishRollout("2.0.0");
    vendor.act(rollout, "start", Map.of()).statusCode(200);
    String tenant = Api.newTenant();
    String key = Api.deviceKey(tenant);
    List<String> devices = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      String device = "kit-" + i;
      devices.add(device);
      assertThat(Devices.action(key, device, vendor.productId(), "1.0.0")).isEqualTo("INSTALL");
    }
    // the offers reach the store (written behind the check-ins), where either replica finds them
    String offered =
        "SELECT COUNT(*) FROM {s}.rollout_devices WHERE rollout_id = ? AND offered_ms IS NOT NULL";
    await().atMost(Duration.ofSeconds(30)).until(() -> schema.count(offered, rollout) == 90);

    // When: 9,000 reports on the topic; half-way, replica B is killed
    int sent = 0;
    try (KafkaProducer<String, String> producer = KafkaBroker.producer()) {
      for (int round = 0; round < 100; round++) {
        for (String device : devices) {
          String type = round == 0 ? "INSTALLED" : round % 10 == 0 ? "CRASH" : "HEARTBEAT";
          String value =
              Telemetry.kafkaValue(
                  tenant, device, vendor.productId(), "2.0.0", type, Instant.now());
          producer.send(new ProducerRecord<>("ringgate.telemetry.v1", device, value));
          sent++;
        }
        if (round == 50) {
          producer.flush();
          await().atMost(Duration.ofSeconds(30)).until(() -> stored(b) > 0 && stored(a) > 0);
          b.kill();
        }
      }
      producer.flush();
    }

    // Then: every record stored once, every device counted once
    int total = sent;
    String events = "SELECT COUNT(*) FROM {s}.telemetry_events WHERE product_id = ?";
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> schema.count(events, vendor.productId()) >= total);
    TimeUnit.SECONDS.sleep(2);
    assertThat(schema.count(events, vendor.productId())).isEqualTo(total);
    var view = Api.as(vendor.key()).get("/api/v1/rollouts/" + rollout).then().extract().jsonPath();
    assertThat(view.getInt("rings[0].exposedDevices")).isEqualTo(90);
    assertThat(view.getInt("rings[0].crashedDevices")).isEqualTo(90);
  }
}
