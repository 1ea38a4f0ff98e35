package dev.ringgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The layering of docs/architecture.md, held by the build: features depend one way, in the order of
 * {@link #LAYERS}; a feature's {@code domain} is plain Java; SQL lives in stores; resources call
 * services. A new cycle or an upward import fails this test with the offending dependency named.
 */
@AnalyzeClasses(packages = "dev.ringgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * The top-level packages under {@code dev.ringgate}, bottom first. A class may depend on its own
   * package and on packages listed before it, never on one listed after it. The root package (the
   * command-line entry point) sits above them all.
   */
  static final List<String> LAYERS =
      List.of(
          "kernel", // actor, ids, problems and violations, time: used by everything
          "store", // connections, transactions, the change feed
          "web", // HTTP plumbing: problem+json mapping, JSON settings, limits
          "security", // who is calling, and what they may do
          "audit", // the hash-chained audit log
          "events", // domain events: audit record and outbox row in one transaction
          "account", // vendors, tenants and their API keys
          "release", // products, ring plans, signing keys, releases
          "health", // the health gate: counts and verdicts
          "policy", // tenant policies, approvals, emergency stop
          "rollout", // the rollout state machine and its loop
          "checkin", // the decision snapshot and the endpoint API
          "telemetry", // telemetry ingest and retention
          "kafka", // telemetry in and rollout events out over Kafka
          "agent", // the reference endpoint agent: plain Java over HTTP, uses release's signed
          // bytes
          "simulate", // the fleet simulator
          "demo", // demo mode
          "console", // the web console
          "cli", // the command line
          "relay"); // the edge relay

  private static final String ROOT = "dev.ringgate";

  @ArchTest
  static final ArchRule features_are_free_of_cycles =
      slices().matching("dev.ringgate.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule features_depend_only_downwards =
      classes()
          .that()
          .resideInAPackage("dev.ringgate.*..")
          .should(dependOnlyOnLowerLayers())
          .because("features depend one way, in the order of ArchitectureTest.LAYERS");

  @ArchTest
  static final ArchRule every_package_has_a_place_in_the_layers =
      classes()
          .that()
          .resideInAPackage("dev.ringgate.*..")
          .should(haveALayer())
          .because("a new top-level package needs its place in ArchitectureTest.LAYERS");

  @ArchTest
  static final ArchRule domain_code_is_plain_java =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..",
              "javax..",
              "java.sql..",
              "io.quarkus..",
              "io.smallrye..",
              "io.vertx..",
              "io.micrometer..",
              "com.fasterxml..",
              "org.eclipse.microprofile..",
              "org.jboss..",
              "org.apache.kafka..")
          .because("a feature's domain is pure logic over values, tested without a framework");

  @ArchTest
  static final ArchRule domain_code_uses_only_the_kernel_and_other_domains =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "are Ringgate classes outside the kernel and the domain packages",
                  (JavaClass target) ->
                      target.getPackageName().startsWith(ROOT + ".")
                          && !target.getPackageName().startsWith(ROOT + ".kernel")
                          && !target.getPackageName().contains(".domain")));

  @ArchTest
  static final ArchRule sql_lives_in_stores =
      noClasses()
          .that(areNotStores())
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.sql.PreparedStatement")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.sql.Statement")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.sql.ResultSet")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.ringgate.store.Sql")
          .because("SQL is written in *Store classes only; services pass their transaction along");

  @ArchTest
  static final ArchRule stores_never_persist_api_records =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("Store")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + "..api..")
          .because("stores persist domain values; API records may change without a migration");

  @ArchTest
  static final ArchRule resources_call_services_only =
      noClasses()
          .that()
          .areAnnotatedWith("jakarta.ws.rs.Path")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameEndingWith("Store")
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.sql..")
          .because("a resource validates, calls one service method and maps the result");

  private static DescribedPredicate<JavaClass> areNotStores() {
    return DescribedPredicate.describe(
        "are not stores",
        (JavaClass c) ->
            !c.getSimpleName().endsWith("Store")
                && !c.getName().contains("Store$")
                && !c.getPackageName().equals(ROOT + ".store"));
  }

  /** The top-level package of a Ringgate class, or empty for the root package and outsiders. */
  static Optional<String> feature(String packageName) {
    if (!packageName.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    String rest = packageName.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static ArchCondition<JavaClass> haveALayer() {
    return new ArchCondition<>("have a place in ArchitectureTest.LAYERS") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String feature = feature(item.getPackageName()).orElseThrow();
        if (!LAYERS.contains(feature)) {
          events.add(
              SimpleConditionEvent.violated(
                  item, item.getName() + " is in '" + feature + "', which has no layer"));
        }
      }
    };
  }

  private static ArchCondition<JavaClass> dependOnlyOnLowerLayers() {
    return new ArchCondition<>("depend only on their own or lower layers") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        int own = LAYERS.indexOf(feature(item.getPackageName()).orElseThrow());
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String targetPackage = dependency.getTargetClass().getPackageName();
          if (targetPackage.equals(ROOT)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            continue;
          }
          Optional<String> target = feature(targetPackage);
          if (target.isEmpty()) {
            continue;
          }
          int layer = LAYERS.indexOf(target.get());
          if (own >= 0 && layer > own) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    "'"
                        + LAYERS.get(own)
                        + "' uses '"
                        + target.get()
                        + "' above it: "
                        + dependency.getDescription()));
          }
        }
      }
    };
  }
}
