package dev.ringgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: runs the service with the demo on, in its own data directory. */
@Command(
    name = "demo",
    description = {
      "Runs the service with the demo on: a simulated fleet, a bad release and its automatic"
          + " rollback, watched in the console at http://localhost:8080/.",
      "Data goes to ./demo-data unless RINGGATE_DATA_DIR says otherwise."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin Help help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    System.setProperty("ringgate.demo.enabled", "true");
    if (System.getenv("RINGGATE_DATA_DIR") == null
        && System.getProperty("ringgate.data-dir") == null) {
      System.setProperty("ringgate.data-dir", "./demo-data");
    }
    ((Cli) spec.root().userObject()).server().accept(new String[0]);
    return 0;
  }
}
