package dev.ringgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityTest {
  @TempDir Path state;

  @Test
  void aNewDeviceGetsARandomInstallIdSavedInItsStateDirectory() {
    // When
    String id = DeviceIdentity.load(state, null);

    // Then
    assertThat(id).matches("inst-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(state.resolve(DeviceIdentity.FILE)).hasContent(id);
  }

  @Test
  void everyLaterStartUsesTheSameIdAndLeavesTheFileAsItWas() throws Exception {
    // Given: a first start
    String first = DeviceIdentity.load(state, "acme");
    Path file = state.resolve(DeviceIdentity.FILE);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));

    // When: it starts again, twice
    String second = DeviceIdentity.load(state, "acme");
    String third = DeviceIdentity.load(state, "acme");

    // Then: the same id, and the file was not written again
    assertThat(first).startsWith("acme:inst-");
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000);
  }

  @Test
  void twoStateDirectoriesAreTwoDevices(@TempDir Path other) {
    assertThat(DeviceIdentity.load(state, null)).isNotEqualTo(DeviceIdentity.load(other, null));
  }
}
