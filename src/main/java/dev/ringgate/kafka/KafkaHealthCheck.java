package dev.ringgate.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of Kafka. Like the store, an unreachable broker is reported as degraded, never DOWN:
 * check-ins and HTTP telemetry go on, telemetry on the topic waits in Kafka, and events wait in the
 * outbox until the broker is back.
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {
  private final KafkaClients clients;
  private final TelemetryConsumer consumer;
  private final OutboxRelay relay;
  private Admin admin;

  KafkaHealthCheck(KafkaClients clients, TelemetryConsumer consumer, OutboxRelay relay) {
    this.clients = clients;
    this.consumer = consumer;
    this.relay = relay;
  }

  @Override
  public HealthCheckResponse call() {
    if (!clients.configured()) {
      return HealthCheckResponse.named("kafka").up().withData("state", "not configured").build();
    }
    boolean reachable = reachable();
    boolean working = reachable && consumer.isHealthy() && relay.isHealthy();
    return HealthCheckResponse.named("kafka")
        .up()
        .withData("state", working ? "available" : "degraded")
        .withData("broker", reachable ? "reachable" : "unreachable")
        .withData("telemetryConsumer", consumer.isHealthy() ? "consuming" : "retrying")
        .withData("outboxRelay", relay.isHealthy() ? "relaying" : "retrying")
        .build();
  }

  private synchronized boolean reachable() {
    try {
      if (admin == null) {
        admin = clients.admin();
      }
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
          .nodes()
          .get(3, TimeUnit.SECONDS)
          .isEmpty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }
}
