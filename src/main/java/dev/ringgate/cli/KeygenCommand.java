package dev.ringgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keygen}: a new Ed25519 signing key pair, to files. */
@Command(
    name = "keygen",
    description = {
      "Makes an Ed25519 signing key pair: the private key as PKCS#8 PEM (mode 0600), the public"
          + " key as the standard base64 of its 32 bytes, which it also prints.",
      "Register it with: ringgate signing-key put --vendor V --key-id ID --public-key-file FILE"
    })
final class KeygenCommand implements Callable<Integer> {
  @Mixin Help help;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "signing-key.pem",
      description = "The private key file (default ${DEFAULT-VALUE}); must not exist.")
  Path privateFile;

  @Option(
      names = "--public-out",
      paramLabel = "FILE",
      description = "The public key file (default: the private key's name with .pub).")
  Path publicFile;

  @Override
  public Integer call() throws Exception {
    Path pub = publicFile != null ? publicFile : Path.of(privateFile + ".pub");
    for (Path file : new Path[] {privateFile, pub}) {
      if (Files.exists(file)) {
        throw new ParameterException(spec.commandLine(), file + " exists; not overwritten");
      }
    }
    KeyPair pair = Keys.generate();
    String publicKey = Keys.publicKeyBase64(pair);
    Keys.writePrivate(pair.getPrivate(), privateFile);
    Files.writeString(pub, publicKey + "\n");
    Cli cli = (Cli) spec.root().userObject();
    cli.out().println(publicKey);
    cli.err().println("private key: " + privateFile + " (keep it secret), public key: " + pub);
    return 0;
  }
}
