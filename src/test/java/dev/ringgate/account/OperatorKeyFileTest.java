package dev.ringgate.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorKeyFileTest {
  @TempDir Path dataDir;

  @Test
  void theGeneratedKeyIsReadableByItsOwnerOnly() throws Exception {
    // Given
    Path file = dataDir.resolve("nested").resolve("operator.key");

    // When
    SecurityBootstrap.writeKeyFile(file, "rg_secret");

    // Then
    assertThat(Files.readString(file)).isEqualTo("rg_secret\n");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }

  @Test
  void rewritingReplacesTheKeyAndKeepsTheMode() throws Exception {
    Path file = dataDir.resolve("operator.key");
    SecurityBootstrap.writeKeyFile(file, "rg_old");

    SecurityBootstrap.writeKeyFile(file, "rg_new");

    assertThat(Files.readString(file)).isEqualTo("rg_new\n");
    assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
  }
}
