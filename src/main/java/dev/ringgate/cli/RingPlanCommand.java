package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ring-plan}: a product's ring plan. */
@Command(
    name = "ring-plan",
    description = "A product's ring plan.",
    subcommands = {RingPlanCommand.Set.class})
final class RingPlanCommand {
  @Mixin Help help;

  /** {@code ring-plan set --file}. */
  @Command(
      name = "set",
      description =
          "Replaces a product's ring plan from a JSON file (as PUT .../ring-plan takes it).")
  static final class Set extends ClientCommand {
    @Option(
        names = "--product",
        paramLabel = "ID",
        required = true,
        description = "The product id.")
    String product;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The plan, JSON.")
    Path file;

    @Override
    protected int run(ApiClient api) {
      api.put("/api/v1/products/" + enc(product) + "/ring-plan", JsonFiles.read(file)).expect(200);
      out().println("ring plan of " + product + " set");
      return 0;
    }
  }
}
