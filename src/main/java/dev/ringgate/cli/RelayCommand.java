package dev.ringgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay}: runs an edge relay for one tenant's fleet, in its own data directory. */
@Command(
    name = "relay",
    description = {
      "Runs an edge relay: it syncs one tenant's decisions from the upstream service and answers"
          + " the tenant's devices itself, also while the upstream is unreachable (docs/relay.md).",
      "Needs RINGGATE_RELAY_UPSTREAM (the upstream's URL) and RINGGATE_RELAY_KEY (a RELAY key)."
          + " Data goes to ./relay-data unless RINGGATE_DATA_DIR says otherwise."
    })
final class RelayCommand implements Callable<Integer> {
  @Mixin Help help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    System.setProperty("ringgate.relay.enabled", "true");
    if (System.getenv("RINGGATE_DATA_DIR") == null
        && System.getProperty("ringgate.data-dir") == null) {
      System.setProperty("ringgate.data-dir", "./relay-data");
    }
    ((Cli) spec.root().userObject()).server().accept(new String[0]);
    return 0;
  }
}
