package dev.ringgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTenantTest {

  @Test
  void theSharesOfTheDemoTenantsAddUpToTheWholeFleet() {
    assertThat(DemoTenant.ALL.stream().mapToInt(DemoTenant::percent).sum()).isEqualTo(100);
  }

  @Test
  void devicesAreSpreadOverTheTenantsByTheirShares() {
    // Given
    int devices = 2000;

    // When
    Map<String, Long> perTenant =
        IntStream.range(0, devices)
            .mapToObj(i -> DemoTenant.of(i, devices).id())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    // Then
    assertThat(perTenant)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "demo-early-lab", 100L,
                "demo-hospital", 400L,
                "demo-retail", 900L,
                "demo-logistics", 600L));
  }
}
