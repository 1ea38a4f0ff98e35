package dev.ringgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/** The hash of an audit record: SHA-256 of the canonical JSON of the record without its hash. */
public final class AuditChain {
  /** The {@code prevHash} of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private final ObjectMapper json;

  public AuditChain(ObjectMapper json) {
    this.json = json;
  }

  public String hash(AuditRecord record) {
    ObjectNode node = json.valueToTree(record);
    node.remove("hash");
    try {
      byte[] canonical = new JsonCanonicalizer(json.writeValueAsString(node)).getEncodedUTF8();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash audit record " + record.seq(), e);
    }
  }
}
