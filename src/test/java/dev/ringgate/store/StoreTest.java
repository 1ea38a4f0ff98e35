package dev.ringgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's guarantees, on whichever backend the run uses (H2, or PostgreSQL in the pg run). */
@QuarkusTest
class StoreTest {
  @Inject Store store;

  private Optional<String> vendorName(String id) {
    return store.read(
        c -> Sql.one(c, "SELECT name FROM vendors WHERE id = ?", r -> r.getString(1), id));
  }

  @Test
  void aTransactionThatFailsLeavesNothingBehind() {
    // Given
    String id = "rollback-" + System.nanoTime();

    // When
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    c -> {
                      Sql.update(
                          c,
                          "INSERT INTO vendors (id, name, created_at) VALUES (?, ?, ?)",
                          id,
                          "x",
                          Instant.now());
                      throw new IllegalStateException("a later step fails");
                    }))
        .isInstanceOf(IllegalStateException.class);

    // Then
    assertThat(vendorName(id)).isEmpty();
  }

  @Test
  void aCommittedTransactionIsVisibleAfterwards() {
    // Given
    String id = "commit-" + System.nanoTime();

    // When
    store.inTransaction(
        c ->
            Sql.update(
                c,
                "INSERT INTO vendors (id, name, created_at) VALUES (?, ?, ?)",
                id,
                "kept",
                Instant.now()));

    // Then
    assertThat(vendorName(id)).contains("kept");
  }

  @Test
  void timesRoundTripToTheMillisecond() {
    // Given
    String id = "time-" + System.nanoTime();
    Instant at = Instant.parse("2026-03-29T01:30:00.123Z");

    // When
    store.inTransaction(
        c ->
            Sql.update(
                c, "INSERT INTO vendors (id, name, created_at) VALUES (?, ?, ?)", id, "t", at));

    // Then
    Instant read =
        store.read(
            c ->
                Sql.one(
                        c,
                        "SELECT created_at FROM vendors WHERE id = ?",
                        r -> Sql.instant(r, "created_at"),
                        id)
                    .orElseThrow());
    assertThat(read).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void aDuplicateKeyIsRecognisedAsAUniqueViolation() {
    // Given
    String id = "dup-" + System.nanoTime();
    store.inTransaction(
        c ->
            Sql.update(
                c,
                "INSERT INTO vendors (id, name, created_at) VALUES (?, ?, ?)",
                id,
                "a",
                Instant.now()));

    // When
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                store.inTransaction(
                    c ->
                        Sql.update(
                            c,
                            "INSERT INTO vendors (id, name, created_at) VALUES (?, ?, ?)",
                            id,
                            "b",
                            Instant.now())));

    // Then
    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(Sql.isUniqueViolation((SQLException) thrown.getCause())).isTrue();
    assertThat(vendorName(id)).contains("a");
  }

  @Test
  void theRunUsesTheBackendItWasAskedFor() {
    // The pg run sets ringgate.test.backend=pg; the default run uses the embedded H2.
    boolean expectPostgres = "pg".equals(System.getProperty("ringgate.test.backend"));
    assertThat(store.isPostgres()).isEqualTo(expectPostgres);
  }
}
