package dev.ringgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringgate.kernel.ApiClient;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code policy}: a fleet admin's policy for one product. */
@Command(
    name = "policy",
    description = "A tenant's policy for a product: channel, approval, pin, freeze, windows.",
    subcommands = {PolicyCommand.Get.class, PolicyCommand.Set.class})
final class PolicyCommand {
  @Mixin Help help;

  @Command(name = "get", description = "Shows the tenant's policy for the product (JSON).")
  static final class Get extends ClientCommand {
    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
    String tenant;

    @Option(
        names = "--product",
        paramLabel = "ID",
        required = true,
        description = "The product id.")
    String product;

    @Override
    protected int run(ApiClient api) {
      printJson(
          api.get("/api/v1/tenants/" + enc(tenant) + "/policies/" + enc(product)).expect(200));
      return 0;
    }
  }

  @Command(
      name = "set",
      description = {
        "Sets the tenant's policy for the product: --file replaces it whole (JSON, as PUT"
            + " .../policies/{product} takes it; flags given too override the file's fields);"
            + " without --file, the flags change only their fields of the current policy.",
        "Example: ringgate policy set --tenant st-marys --product sensor --require-approval"
      })
  static final class Set extends ClientCommand {
    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant id.")
    String tenant;

    @Option(
        names = "--product",
        paramLabel = "ID",
        required = true,
        description = "The product id.")
    String product;

    @Option(names = "--file", paramLabel = "FILE", description = "The whole policy, JSON.")
    Path file;

    @Option(
        names = "--channel",
        paramLabel = "CHANNEL",
        description = "STAGED, EARLY_ACCESS, GENERAL, N_MINUS_1 or PINNED.")
    String channel;

    @Option(
        names = "--pinned-version",
        paramLabel = "VERSION",
        description = "The version, with PINNED.")
    String pinnedVersion;

    @Option(
        names = "--require-approval",
        negatable = true,
        description = "Each release waits for an approval (--no-require-approval: none).")
    Boolean requireApproval;

    @Option(names = "--freeze-until", paramLabel = "TIME", description = "No new version before.")
    String freezeUntil;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    /** The fields of a policy that PUT takes, as GET answers them. */
    private static final List<String> SETTABLE =
        List.of(
            "channel",
            "pinnedVersion",
            "requireApproval",
            "groups",
            "maintenanceWindows",
            "freezeUntil");

    @Override
    protected int run(ApiClient api) {
      if (file == null
          && channel == null
          && pinnedVersion == null
          && requireApproval == null
          && freezeUntil == null) {
        throw new ParameterException(
            spec.commandLine(),
            "give --file, or the fields to change: --channel, --pinned-version,"
                + " --[no-]require-approval, --freeze-until");
      }
      ObjectNode body = file != null ? (ObjectNode) JsonFiles.read(file) : current(api);
      if (file == null && channel != null && !channel.equals("PINNED") && pinnedVersion == null) {
        body.remove("pinnedVersion");
      }
      putIf(body, "channel", channel);
      putIf(body, "pinnedVersion", pinnedVersion);
      putIf(body, "freezeUntil", freezeUntil);
      putIf(body, "reason", reason);
      if (requireApproval != null) {
        body.put("requireApproval", requireApproval);
      }
      JsonNode policy =
          api.put("/api/v1/tenants/" + enc(tenant) + "/policies/" + enc(product), body).expect(200);
      printJson(policy);
      return 0;
    }

    /** The current policy (the default when none was set) as PUT takes it. */
    private ObjectNode current(ApiClient api) {
      JsonNode view =
          api.get("/api/v1/tenants/" + enc(tenant) + "/policies/" + enc(product)).expect(200);
      ObjectNode body = ApiClient.json().createObjectNode();
      for (String field : SETTABLE) {
        JsonNode value = view.get(field);
        if (value != null && !value.isNull()) {
          body.set(field, value);
        }
      }
      return body;
    }

    private static void putIf(ObjectNode body, String field, String value) {
      if (value != null) {
        body.put(field, value);
      }
    }
  }
}
