package dev.ringgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vendor}: the operator's vendors. */
@Command(
    name = "vendor",
    description = "Vendors: the companies that publish releases (operator).",
    subcommands = {VendorCommand.Create.class})
final class VendorCommand {
  @Mixin Help help;

  @Command(name = "create", description = "Creates a vendor.")
  static final class Create extends AccountCreate {
    @Override
    String collection() {
      return "vendors";
    }
  }
}
