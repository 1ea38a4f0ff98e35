package dev.ringgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tenant}: the operator's tenants. */
@Command(
    name = "tenant",
    description = "Tenants: the organisations whose devices take updates (operator).",
    subcommands = {TenantCommand.Create.class})
final class TenantCommand {
  @Mixin Help help;

  @Command(name = "create", description = "Creates a tenant.")
  static final class Create extends AccountCreate {
    @Override
    String collection() {
      return "tenants";
    }
  }
}
