package dev.ringgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the service (the default when no command is given). */
@Command(
    name = "serve",
    description = {
      "Runs the Ringgate service (the default when no command is given).",
      "Settings come from configuration: e.g. RINGGATE_DATA_DIR (default ./data),"
          + " QUARKUS_HTTP_PORT (default 8080), RINGGATE_OPERATOR_KEY; see docs/configuration.md."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin Help help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ((Cli) spec.root().userObject()).server().accept(new String[0]);
    return 0;
  }
}
