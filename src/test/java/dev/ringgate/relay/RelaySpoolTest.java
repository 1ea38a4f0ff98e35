package dev.ringgate.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ringgate.telemetry.TelemetryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's spool keeps every acknowledged entry across a restart, in order, once. */
class RelaySpoolTest {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  @TempDir Path dir;

  private static Forwarded.Entry crash(String device) {
    return new Forwarded.Entry(
        0,
        Forwarded.Kind.TELEMETRY,
        device,
        "agent",
        Instant.parse("2026-12-01T10:00:00Z"),
        null,
        null,
        null,
        null,
        "1.1.0",
        TelemetryType.CRASH,
        null,
        null);
  }

  @Test
  void entriesNotYetAppliedUpstreamSurviveARestartInOrder() throws Exception {
    // Given
    String spoolId;
    try (RelaySpool spool = new RelaySpool(dir, JSON)) {
      spool.append(List.of(crash("a"), crash("b")), true);
      spool.append(List.of(crash("c")), true);
      spool.applied(1);
      spoolId = spool.spoolId();
    }

    // When
    try (RelaySpool reopened = new RelaySpool(dir, JSON)) {
      // Then
      assertThat(reopened.spoolId()).isEqualTo(spoolId);
      assertThat(reopened.peek(10))
          .extracting(Forwarded.Entry::seq, Forwarded.Entry::deviceId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2L, "b"),
              org.assertj.core.groups.Tuple.tuple(3L, "c"));
    }
  }

  @Test
  void aLineTornByAKillIsCutOffAndItsNumberReused() throws Exception {
    // Given: a kill in the middle of an append (never acknowledged)
    try (RelaySpool spool = new RelaySpool(dir, JSON)) {
      spool.append(List.of(crash("a")), true);
    }
    Files.writeString(
        dir.resolve("spool.log"),
        "{\"seq\":2,\"kind\":\"TELE",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    // When
    try (RelaySpool reopened = new RelaySpool(dir, JSON)) {
      reopened.append(List.of(crash("b")), true);

      // Then
      assertThat(reopened.peek(10))
          .extracting(Forwarded.Entry::seq, Forwarded.Entry::deviceId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, "a"),
              org.assertj.core.groups.Tuple.tuple(2L, "b"));
    }
    try (RelaySpool again = new RelaySpool(dir, JSON)) {
      assertThat(again.size()).isEqualTo(2);
    }
  }

  @Test
  void sequenceNumbersGoOnAfterEverythingWasApplied() throws Exception {
    try (RelaySpool spool = new RelaySpool(dir, JSON)) {
      spool.append(List.of(crash("a"), crash("b")), true);
      spool.applied(2);
    }

    try (RelaySpool reopened = new RelaySpool(dir, JSON)) {
      reopened.append(List.of(crash("c")), true);

      assertThat(reopened.peek(10)).extracting(Forwarded.Entry::seq).containsExactly(3L);
    }
  }

  @Test
  void aDayOfBacklogIsForwardedOnceInOrderInBatchesReadBackFromDisk() throws Exception {
    // Given: 100,000 spooled events, the relay restarted half-way through forwarding them
    try (RelaySpool spool = new RelaySpool(dir, JSON)) {
      for (int batch = 0; batch < 100; batch++) {
        List<Forwarded.Entry> entries = new java.util.ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
          entries.add(crash("d" + (batch * 1000 + i)));
        }
        spool.append(entries, false);
      }
      forward(spool, 100);
    }

    // When
    List<Long> forwarded = new java.util.ArrayList<>();
    try (RelaySpool reopened = new RelaySpool(dir, JSON)) {
      forwarded.addAll(forward(reopened, Integer.MAX_VALUE));

      // Then: the rest, each once, in order, and nothing is left
      assertThat(reopened.size()).isZero();
      assertThat(reopened.peek(500)).isEmpty();
    }
    assertThat(forwarded).hasSize(50_000);
    for (int i = 0; i < forwarded.size(); i++) {
      assertThat(forwarded.get(i)).isEqualTo(50_001L + i);
    }
  }

  /** Forwards up to {@code batches} batches of 500 as the relay's link does; their seqs. */
  private static List<Long> forward(RelaySpool spool, int batches) {
    List<Long> seqs = new java.util.ArrayList<>();
    for (int i = 0; i < batches; i++) {
      List<Forwarded.Entry> batch = spool.peek(500);
      if (batch.isEmpty()) {
        break;
      }
      batch.forEach(e -> seqs.add(e.seq()));
      spool.applied(batch.get(batch.size() - 1).seq());
    }
    return seqs;
  }
}
