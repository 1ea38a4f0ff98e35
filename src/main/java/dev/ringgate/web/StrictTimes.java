package dev.ringgate.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Times are RFC 3339 strings and nothing else: Jackson's own deserializers would read {@code
 * 1700000000}, {@code 1700000000.5} and {@code "1700000000"} as seconds since the epoch, whatever
 * the coercion settings. A number, or a string that is only a number, is refused with the field
 * named; every other string is read as before.
 */
final class StrictTimes {
  private StrictTimes() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("ringgate-strict-times");
    module.addDeserializer(Instant.class, new Strict<>(Instant.class, InstantDeserializer.INSTANT));
    module.addDeserializer(
        OffsetDateTime.class,
        new Strict<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME));
    return module;
  }

  private static final class Strict<T> extends StdScalarDeserializer<T> {
    private final JsonDeserializer<T> delegate;

    Strict(Class<T> type, JsonDeserializer<T> delegate) {
      super(type);
      this.delegate = delegate;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        @SuppressWarnings("unchecked")
        T refused = (T) context.handleUnexpectedToken(handledType(), parser);
        return refused;
      }
      String text = parser.getText();
      if (isNumber(text.trim())) {
        @SuppressWarnings("unchecked")
        T refused =
            (T)
                context.handleWeirdStringValue(
                    handledType(), text, "a number is not an RFC 3339 time");
        return refused;
      }
      return delegate.deserialize(parser, context);
    }

    /** {@code [+-]digits[.digits]}: what Jackson would take as seconds since the epoch. */
    private static boolean isNumber(String text) {
      int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
      boolean digits = false;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          digits = true;
        } else if (c != '.') {
          return false;
        }
      }
      return digits;
    }
  }
}
