package dev.ringgate.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ringgate.checkin.domain.Availability;
import dev.ringgate.release.domain.Versioning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay serves only bytes whose size and SHA-256 are the signed ones. */
class MirrorStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  private static final byte[] BYTES = "the bytes of 1.1.0".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void bytesWithTheSignedSha256AreKeptUnderIt() throws Exception {
    // Given
    MirrorStore store = new MirrorStore(dir);
    String sha = sha256(BYTES);

    // When
    store.store(sha, BYTES.length, new ByteArrayInputStream(BYTES));

    // Then
    assertThat(store.path(sha)).hasBinaryContent(BYTES);
    assertThat(store.stored()).containsExactly(sha);
  }

  @Test
  void bytesWithAnotherSha256AreRefusedAndNothingIsKept() throws Exception {
    // Given: the artifact at the URL was swapped after signing
    MirrorStore store = new MirrorStore(dir);
    String signed = sha256(BYTES);
    byte[] swapped = "THE BYTES OF 1.1.0".getBytes(StandardCharsets.UTF_8);

    // When / Then
    assertThatThrownBy(() -> store.store(signed, BYTES.length, new ByteArrayInputStream(swapped)))
        .isInstanceOf(MirrorStore.Mismatch.class)
        .hasMessageContaining("not the signed " + signed);
    assertThat(store.path(signed)).isNull();
    assertThat(store.stored()).isEmpty();
    try (var partial = Files.list(dir.resolve("partial"))) {
      assertThat(partial).isEmpty();
    }
  }

  @Test
  void moreBytesThanSignedAreRefusedWithoutReadingOn() throws Exception {
    MirrorStore store = new MirrorStore(dir);
    String sha = sha256(BYTES);

    assertThatThrownBy(() -> store.store(sha, BYTES.length - 1, new ByteArrayInputStream(BYTES)))
        .isInstanceOf(MirrorStore.Mismatch.class)
        .hasMessageContaining("larger than the signed");
    assertThat(store.stored()).isEmpty();
  }

  @Test
  void aDownloadCutOffByAKillIsThrownAwayAndNeverServed() throws Exception {
    // Given: a partial download left by a kill
    Files.createDirectories(dir.resolve("partial"));
    Files.write(dir.resolve("partial").resolve("abc-1.part"), BYTES);

    // When
    MirrorStore store = new MirrorStore(dir);

    // Then
    assertThat(store.stored()).isEmpty();
    try (var partial = Files.list(dir.resolve("partial"))) {
      assertThat(partial).isEmpty();
    }
  }

  @Test
  void copiesNoReleaseNamesAnyMoreAreRemoved() throws Exception {
    // Given
    MirrorStore store = new MirrorStore(dir);
    byte[] other = "the bytes of 1.0.0".getBytes(StandardCharsets.UTF_8);
    store.store(sha256(BYTES), BYTES.length, new ByteArrayInputStream(BYTES));
    store.store(sha256(other), other.length, new ByteArrayInputStream(other));

    // When
    List<String> removed = store.retainOnly(java.util.Set.of(sha256(BYTES)));

    // Then
    assertThat(removed).containsExactly(sha256(other));
    assertThat(store.stored()).containsExactly(sha256(BYTES));
    assertThat(store.path(sha256(other))).isNull();
  }

  @Test
  void onlyAValidSha256NamesAFile() throws Exception {
    MirrorStore store = new MirrorStore(dir);

    assertThat(store.path("../sync.json")).isNull();
    assertThat(store.path("partial")).isNull();
  }

  private static SyncDocument.Release release(
      String id, Availability availability, String sha, long size) {
    String delivery =
        "\"releaseId\":\""
            + id
            + "\",\"platforms\":[\"linux-x64\"],\"artifact\":{\"url\":\"https://dl.example/"
            + id
            + "\",\"sha256\":\""
            + sha
            + "\",\"sizeBytes\":"
            + size
            + "},\"signature\":{\"keyId\":\"k\",\"value\":\"v\"}";
    return new SyncDocument.Release(
        id,
        "1.0." + id.length(),
        List.of("linux-x64"),
        null,
        availability,
        false,
        null,
        null,
        null,
        delivery);
  }

  @Test
  void theSelectionSkipsWithdrawnReleasesAndWhatDoesNotFitTheBudget() {
    // Given
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    String c = "c".repeat(64);
    SyncDocument document =
        new SyncDocument(
            "acme",
            1,
            Instant.EPOCH,
            Instant.EPOCH,
            60,
            60,
            List.of(
                new SyncDocument.Product(
                    "agent",
                    Versioning.SEMVER,
                    null,
                    List.of(
                        release("r1", Availability.IN_RINGS, a, 600),
                        release("r22", Availability.REVOKED, b, 10),
                        release("r333", Availability.COMPLETED, c, 600)))),
            List.of());

    // When
    ArtifactMirror.Selection selection = ArtifactMirror.select(document, 1000, JSON);

    // Then
    assertThat(selection.kept()).extracting(ArtifactMirror.Wanted::sha256).containsExactly(a);
    assertThat(selection.skipped()).extracting(ArtifactMirror.Wanted::sha256).containsExactly(c);
    assertThat(selection.shaByRelease()).containsOnlyKeys("r1");
  }

  @Test
  void aByteRangeIsReadAsRfc9110Says() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).containsExactly(0, 9);
    assertThat(ByteRange.parse("bytes=90-", 100)).containsExactly(90, 99);
    assertThat(ByteRange.parse("bytes=-10", 100)).containsExactly(90, 99);
    assertThat(ByteRange.parse("bytes=50-500", 100)).containsExactly(50, 99);
    assertThat(ByteRange.parse("bytes=100-", 100)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
    assertThat(ByteRange.parse("bytes=9-1", 100)).isNull();
    assertThat(ByteRange.parse(null, 100)).isNull();
  }
}
