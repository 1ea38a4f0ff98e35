package dev.ringgate.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.ringgate.kernel.Patterns;
import java.io.IOException;

/**
 * Refuses a JSON string that holds an unpaired surrogate (U+D800 to U+DFFF alone, which JSON can
 * carry only as an escape: as raw bytes it is invalid UTF-8, which the parser refuses), wherever it
 * appears in a request body. Such a string cannot be stored, signed (RFC 8785 canonicalizes it to
 * {@code ?}) or echoed faithfully, so it is a 400 naming the field, never a silent replacement.
 */
public final class WellFormedStrings {
  static final String MESSAGE =
      "must not contain an unpaired surrogate (a lone \\uD800 to \\uDFFF): it has no UTF-8 form";

  private WellFormedStrings() {}

  /** The module that replaces Jackson's String deserializer with the checking one. */
  static SimpleModule module() {
    return new SimpleModule("well-formed-strings")
        .addDeserializer(String.class, new Deserializer());
  }

  /** The refusal, a mismatched input so that the field is named like any other bad value. */
  public static final class UnpairedSurrogateException extends MismatchedInputException {
    UnpairedSurrogateException(JsonParser parser) {
      super(parser, MESSAGE, String.class);
    }
  }

  private static final class Deserializer extends StdScalarDeserializer<String> {
    Deserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && !Patterns.isWellFormedUnicode(value)) {
        throw new UnpairedSurrogateException(parser);
      }
      return value;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }
  }
}
