package dev.ringgate.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceTableTest {

  @Test
  void everyDeviceIsFoundByItsIdAfterTheTableGrows() {
    // Given
    DeviceTable table = new DeviceTable();

    // When
    for (int i = 0; i < 100_000; i++) {
      String id = "host-" + i;
      table.putIfAbsent(id, () -> new DeviceState(id, "tenant-" + (id.length() % 3), false));
    }

    // Then
    assertThat(table.size()).isEqualTo(100_000);
    for (int i = 0; i < 100_000; i += 997) {
      assertThat(table.get("host-" + i).deviceId()).isEqualTo("host-" + i);
    }
    assertThat(table.get("host-100000")).isNull();
  }

  @Test
  void theFirstBindingWins() {
    DeviceTable table = new DeviceTable();
    DeviceState first = table.putIfAbsent("laptop", () -> new DeviceState("laptop", "a", false));

    DeviceState second = table.putIfAbsent("laptop", () -> new DeviceState("laptop", "b", false));

    assertThat(second).isSameAs(first);
    assertThat(second.tenantId).isEqualTo("a");
  }

  @Test
  void concurrentInsertsLoseNoDeviceAndCreateNoneTwice() throws Exception {
    // Given
    DeviceTable table = new DeviceTable();
    Set<DeviceState> created = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);

    // When: four threads insert overlapping ids while the table grows
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 50_000; i++) {
                  String id = "d" + i;
                  table.putIfAbsent(
                      id,
                      () -> {
                        DeviceState state = new DeviceState(id, "t", false);
                        created.add(state);
                        return state;
                      });
                  assertThat(table.get(id)).isNotNull();
                }
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);

    // Then
    assertThat(table.size()).isEqualTo(50_000);
    assertThat(created).hasSize(50_000);
  }

  @Test
  void aDeviceKeepsARecordPerProduct() {
    DeviceState device = new DeviceState("d", "t", false);

    ProductSeen sensor = device.product("sensor");
    ProductSeen content = device.product("channel-files");

    assertThat(device.product("sensor")).isSameAs(sensor);
    assertThat(device.product("channel-files")).isSameAs(content).isNotSameAs(sensor);
    int count = 0;
    for (ProductSeen seen = device.products(); seen != null; seen = seen.next) {
      count++;
    }
    assertThat(count).isEqualTo(2);
  }

  @Test
  void aRemovedDeviceIdCanBeBoundAgainByAnotherTenant() {
    // Given
    DeviceTable table = new DeviceTable();
    DeviceState squatter =
        table.putIfAbsent("srv-web-01", () -> new DeviceState("srv-web-01", "t1", false));

    // When
    boolean removed = table.remove(squatter);
    DeviceState owner =
        table.putIfAbsent("srv-web-01", () -> new DeviceState("srv-web-01", "t2", false));

    // Then
    assertThat(removed).isTrue();
    assertThat(owner.tenantId).isEqualTo("t2");
    assertThat(table.get("srv-web-01")).isSameAs(owner);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void devicesStayFoundWhileOthersAreRemovedAndTheTableIsRebuilt() {
    // Given: many devices, every other one removed, then as many new ones
    DeviceTable table = new DeviceTable();
    List<DeviceState> states = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String id = "host-" + i;
      states.add(table.putIfAbsent(id, () -> new DeviceState(id, "t", false)));
    }

    // When
    for (int i = 0; i < 50_000; i += 2) {
      table.remove(states.get(i));
    }
    for (int i = 50_000; i < 100_000; i++) {
      String id = "host-" + i;
      table.putIfAbsent(id, () -> new DeviceState(id, "t", false));
    }

    // Then
    assertThat(table.size()).isEqualTo(75_000);
    for (int i = 0; i < 100_000; i++) {
      boolean kept = i >= 50_000 || i % 2 == 1;
      assertThat(table.get("host-" + i) != null).as("host-" + i).isEqualTo(kept);
    }
  }
}
