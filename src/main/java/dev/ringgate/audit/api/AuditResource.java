package dev.ringgate.audit.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ringgate.audit.AuditRecord;
import dev.ringgate.audit.AuditService;
import dev.ringgate.audit.ChainVerification;
import dev.ringgate.security.Access;
import dev.ringgate.security.CurrentCaller;
import dev.ringgate.web.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, for operators. */
@Path("/api/v1/audit")
@Tag(name = "Operator")
@SecurityRequirement(name = "bearer")
public class AuditResource {
  static final String NDJSON = "application/x-ndjson";
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 10000;

  private final AuditService audit;
  private final CurrentCaller caller;
  private final ObjectWriter writer;

  AuditResource(AuditService audit, CurrentCaller caller, ObjectMapper json) {
    this.audit = audit;
    this.caller = caller;
    this.writer = json.writer().with(new LineSafeEscapes());
  }

  /**
   * JSON's standard escapes, plus U+2028 and U+2029 as {@code \u2028} and {@code \u2029}: JSON
   * allows them raw, but readers that split lines the Unicode way (JavaScript, Python's splitlines)
   * would cut a record in two. The escaped line parses to the same strings, so a record's hash
   * (over its RFC 8785 form, which writes them raw) is unchanged.
   */
  static final class LineSafeEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case 0x2028 -> LINE_SEPARATOR;
        case 0x2029 -> PARAGRAPH_SEPARATOR;
        default -> null;
      };
    }
  }

  @GET
  @Produces(NDJSON)
  @Operation(
      summary = "Export audit records",
      description =
          "Audit records with since <= at < until, oldest first, one JSON object per line."
              + " Each record's hash covers the record and prevHash; see docs/security.md.")
  public StreamingOutput export(
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") String limit) {
    Access.requireOperator(caller.get());
    Instant from = QueryParams.instant("since", since, Instant.EPOCH);
    Instant to = QueryParams.instant("until", until, Instant.parse("9999-12-31T23:59:59Z"));
    int max = QueryParams.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<AuditRecord> records = audit.read(from, to, max);
    return output -> {
      BufferedWriter out =
          new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
      for (AuditRecord record : records) {
        out.write(writer.writeValueAsString(record));
        out.write('\n');
      }
      out.flush();
    };
  }

  @GET
  @Path("/head")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The head of the audit chain",
      description =
          "The last sequence number and hash. Copy it somewhere else now and then: a chain that"
              + " later ends before it, or no longer contains it, was truncated or rewritten.")
  public AuditService.Head head() {
    Access.requireOperator(caller.get());
    return audit.head();
  }

  @GET
  @Path("/verify")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Verify the audit chain",
      description = "Walks every record and reports whether the hash chain is intact.")
  public ChainVerification verify() {
    Access.requireOperator(caller.get());
    return audit.verify();
  }
}
