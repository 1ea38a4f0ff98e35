package dev.ringgate.cli;

import dev.ringgate.kernel.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signing-key}: a vendor's release signing keys. */
@Command(
    name = "signing-key",
    description = "A vendor's release signing keys.",
    subcommands = {SigningKeyCommand.Put.class, SigningKeyCommand.ListKeys.class})
final class SigningKeyCommand {
  @Mixin Help help;

  /** {@code signing-key put}: registers a public key under an id. */
  @Command(
      name = "put",
      description = "Registers an Ed25519 public key (PUT /vendors/{v}/signing-keys/{id}).")
  static final class Put extends ClientCommand {
    @Option(names = "--vendor", paramLabel = "ID", required = true, description = "The vendor id.")
    String vendor;

    @Option(
        names = "--key-id",
        paramLabel = "ID",
        required = true,
        description = "The signing key's id, e.g. ci-2026.")
    String keyId;

    @ArgGroup(multiplicity = "1")
    PublicKey publicKey;

    static final class PublicKey {
      @Option(
          names = "--public-key",
          paramLabel = "BASE64",
          description = "The public key: base64 of its 32 bytes.")
      String value;

      @Option(
          names = "--public-key-file",
          paramLabel = "FILE",
          description = "The file keygen wrote the public key to.")
      Path file;
    }

    @Override
    protected int run(ApiClient api) throws Exception {
      String value =
          publicKey.value != null ? publicKey.value : Files.readString(publicKey.file).strip();
      api.put(
              "/api/v1/vendors/" + enc(vendor) + "/signing-keys/" + enc(keyId),
              Map.of("algorithm", "Ed25519", "publicKey", value))
          .expect(200);
      out().println("signing key " + keyId + " registered for " + vendor);
      return 0;
    }
  }

  /** {@code signing-key list}. */
  @Command(name = "list", description = "Lists a vendor's signing keys (JSON).")
  static final class ListKeys extends ClientCommand {
    @Option(names = "--vendor", paramLabel = "ID", required = true, description = "The vendor id.")
    String vendor;

    @Override
    protected int run(ApiClient api) {
      printJson(api.get("/api/v1/vendors/" + enc(vendor) + "/signing-keys").expect(200));
      return 0;
    }
  }
}
