package dev.ringgate.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate command as a vendor runs it against its own plan and its tenants' policies. */
class SimulateCommandTest {
  private static final String PLAN =
      """
      {"rings": [
        {"name": "lab", "shareBp": 10, "minBakeMinutes": 30, "minDevices": 5, "rampMinutes": 30,
         "promotion": "AUTO", "gate": {"alpha": 0.01, "maxRateRatio": 2, "maxCrashRate": 0.02}},
        {"name": "everyone", "shareBp": 10000, "minBakeMinutes": 60, "minDevices": 5,
         "promotion": "AUTO", "gate": {"alpha": 0.01, "maxRateRatio": 2, "maxCrashRate": 0.02}}
      ], "onHalt": "ROLLBACK"}
      """;

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome simulate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SimulateCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void rehearsesTheVendorsPlanWithItsTenantsAndPrintsTheBlastRadius() throws IOException {
    // When a vendor rehearses the README's example plan on its tenants' fleet of 20,000 devices
    Outcome run =
        simulate(
            "--plan", "docs/examples/plan.json",
            "--tenants", "docs/examples/tenants.json",
            "--devices", "20000",
            "--scenarios", "catastrophic",
            "--runs", "3",
            "--threads", "1");

    // Then it names the plan and the tenants and predicts a blast radius within the canary (20
    // devices)
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("4 tenants from docs/examples/tenants.json")
        .contains(
            "Plan: canary 0.1 % (ramp 30 min) -> early 1 % (ramp 60 min) -> broad 10 % (ramp 120"
                + " min) -> general 100 % (ramp 120 min), on halt ROLLBACK");
    String row =
        run.out().lines().filter(l -> l.startsWith("catastrophic")).findFirst().orElseThrow();
    assertThat(row).contains("ringgate").contains("100%");
    long median = Long.parseLong(row.trim().split("\\s+")[2].replace(",", ""));
    assertThat(median).isBetween(1L, 25L);
  }

  @Test
  void anInvalidPlanIsRefusedNamingTheRuleItBreaks() throws IOException {
    // Given a plan whose last ring does not reach the whole fleet
    Path plan = file("plan.json", PLAN.replace("10000", "5000"));

    // When
    Outcome run = simulate("--plan", plan.toString(), "--runs", "1");

    // Then
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("rings[1].shareBp the last ring must have 10000");
  }

  @Test
  void anUnknownOptionOrScenarioIsRefusedWithTheUsage() {
    Outcome unknown = simulate("--fleet", "10");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option: --fleet").contains("Usage:");

    Outcome scenario = simulate("--scenarios", "meteor", "--devices", "100");
    assertThat(scenario.code()).isEqualTo(2);
    assertThat(scenario.err()).contains("unknown scenario: meteor");
  }

  @Test
  void aPlanThatOnlyAHandOrAbsentGroupsCanAdvanceIsWarnedAboutAndItsRunsShowAsRunning()
      throws IOException {
    // Given the tour's plan: a first ring of 0 % selecting only the group "qa", promoted by hand
    Path plan =
        file(
            "plan.json",
            """
            {"rings": [
              {"name": "qa", "shareBp": 0, "selector": {"groups": ["qa"]}, "minBakeMinutes": 1,
               "minDevices": 3, "promotion": "MANUAL",
               "gate": {"alpha": 0.01, "maxRateRatio": 2, "maxCrashRate": 0.02}},
              {"name": "everyone", "shareBp": 10000, "minBakeMinutes": 60, "minDevices": 5,
               "promotion": "AUTO", "gate": {"alpha": 0.01, "maxRateRatio": 2, "maxCrashRate": 0.02}}
            ], "onHalt": "ROLLBACK"}
            """);

    // When
    Outcome run =
        simulate(
            "--plan", plan.toString(),
            "--devices", "2000",
            "--scenarios", "healthy",
            "--runs", "2",
            "--max-hours", "2",
            "--threads", "1");

    // Then both obstacles are named, and the runs that went nowhere are in the running column
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "warning: ring 'qa' is promoted only by hand (MANUAL): the simulation never leaves it")
        .contains(
            "warning: ring 'qa' adds no share and selects groups qa, which the simulated fleet"
                + " does not have (its groups: lab, servers, workstations)");
    assertThat(run.out().lines().filter(l -> l.startsWith("scenario")).findFirst().orElseThrow())
        .endsWith("running");
    String row = run.out().lines().filter(l -> l.startsWith("healthy")).findFirst().orElseThrow();
    assertThat(row.trim()).endsWith("100%");
  }

  @Test
  void aPlanTheSimulationCanRunByItselfHasNoWarning() throws IOException {
    Path plan = file("plan.json", PLAN);

    Outcome run =
        simulate(
            "--plan", plan.toString(),
            "--devices", "2000",
            "--scenarios", "catastrophic",
            "--runs", "1",
            "--threads", "1");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("warning:");
  }
}
