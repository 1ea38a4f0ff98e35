package dev.ringgate.audit;

import static dev.ringgate.support.Api.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringgate.store.Sql;
import dev.ringgate.store.Store;
import dev.ringgate.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditApiTest {
  @Inject Store store;

  private static List<JsonNode> export(String query) throws Exception {
    String body =
        asOperator()
            .get("/api/v1/audit" + query)
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    List<JsonNode> records = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        records.add(json.readTree(line));
      }
    }
    return records;
  }

  @Test
  void mutationsAreRecordedWithActorTargetAndReasonInOrder() throws Exception {
    // Given
    Instant before = Instant.now().minusMillis(5);
    String id = Api.uniqueId("tenant");

    // When
    asOperator()
        .body(Map.of("id", id, "name", "Clinic", "reason", "new customer"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);

    // Then
    List<JsonNode> records = export("?since=" + before);
    JsonNode record =
        records.stream()
            .filter(r -> r.path("target").path("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(record.path("action").asText()).isEqualTo("TENANT_CREATED");
    assertThat(record.path("actor").path("type").asText()).isEqualTo("OPERATOR");
    assertThat(record.path("reason").asText()).isEqualTo("new customer");
    assertThat(record.path("details").path("name").asText()).isEqualTo("Clinic");
  }

  @Test
  void exportIsOldestFirstAndChained() throws Exception {
    // Given
    Api.newVendor();
    Api.newTenant();

    // When
    List<JsonNode> records = export("?limit=10000");

    // Then
    assertThat(records).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).path("seq").asLong())
          .isEqualTo(records.get(i - 1).path("seq").asLong() + 1);
      assertThat(records.get(i).path("prevHash").asText())
          .isEqualTo(records.get(i - 1).path("hash").asText());
    }
  }

  @Test
  void untilIsExclusiveAndLimitIsRespected() throws Exception {
    // Given
    Api.newVendor();
    Api.newVendor();

    // When
    List<JsonNode> none = export("?until=2000-01-01T00:00:00Z");
    List<JsonNode> one = export("?limit=1");

    // Then
    assertThat(none).isEmpty();
    assertThat(one).hasSize(1);
    assertThat(one.get(0).path("seq").asLong()).isEqualTo(1);
  }

  @Test
  void malformedSinceIsNamed() {
    asOperator()
        .get("/api/v1/audit?since=yesterday")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("since"));
  }

  @Test
  void anEditedRecordBreaksTheChain() {
    // Given
    String id = Api.newTenant();
    long seq =
        store.read(
            c ->
                Sql.one(
                        c,
                        "SELECT seq FROM audit_log WHERE target_id = ? ORDER BY seq DESC",
                        row -> row.getLong(1),
                        id)
                    .orElseThrow());
    asOperator().get("/api/v1/audit/verify").then().body("intact", equalTo(true));

    // When: someone with database access rewrites the record's reason
    store.inTransaction(
        c -> Sql.update(c, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = ?", seq));
    try {
      // Then
      asOperator()
          .get("/api/v1/audit/verify")
          .then()
          .statusCode(200)
          .body("intact", equalTo(false))
          .body("brokenAtSeq", equalTo((int) seq));
    } finally {
      store.inTransaction(
          c -> Sql.update(c, "UPDATE audit_log SET reason = NULL WHERE seq = ?", seq));
    }
    asOperator().get("/api/v1/audit/verify").then().body("intact", equalTo(true));
  }

  @Test
  void headIsTheLastRecordsSeqAndHash() throws Exception {
    // Given
    Instant before = Instant.now().minusMillis(5);
    Api.newVendor();

    // When
    JsonNode head =
        new ObjectMapper()
            .readTree(
                asOperator().get("/api/v1/audit/head").then().statusCode(200).extract().asString());

    // Then
    List<JsonNode> records = export("?since=" + before);
    JsonNode last = records.get(records.size() - 1);
    assertThat(head.path("seq").asLong()).isEqualTo(last.path("seq").asLong());
    assertThat(head.path("hash").asText()).isEqualTo(last.path("hash").asText());
  }

  @Test
  void lineAndParagraphSeparatorsAreEscapedSoEachRecordIsOneLineAndItsHashStillVerifies()
      throws Exception {
    // Given: a reason with U+2028 and U+2029, which line-splitting readers take as line ends
    Instant before = Instant.now().minusMillis(5);
    String id = Api.uniqueId("tenant");
    String lineSeparator = String.valueOf((char) 0x2028);
    String paragraphSeparator = String.valueOf((char) 0x2029);
    String reason = "first" + lineSeparator + "second" + paragraphSeparator + "third";
    asOperator()
        .body(Map.of("id", id, "name", "Clinic", "reason", reason))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201);

    // When
    String body = asOperator().get("/api/v1/audit?since=" + before).then().extract().asString();

    // Then: every line (split on any Unicode line break) is one whole record
    assertThat(body)
        .doesNotContain(lineSeparator, paragraphSeparator)
        .contains("\\u2028", "\\u2029");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    for (String line : body.split("\\R")) {
      if (!line.isEmpty()) {
        records.add(json.readTree(line));
      }
    }
    JsonNode record =
        records.stream()
            .filter(r -> r.path("target").path("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(record.path("reason").asText()).isEqualTo(reason);
    // the hash a reader recomputes from the exported line is the stored one
    ObjectNode unhashed = ((ObjectNode) record.deepCopy()).without("hash");
    byte[] canonical = new JsonCanonicalizer(json.writeValueAsString(unhashed)).getEncodedUTF8();
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)))
        .isEqualTo(record.path("hash").asText());
    asOperator().get("/api/v1/audit/verify").then().body("intact", equalTo(true));
  }
}
