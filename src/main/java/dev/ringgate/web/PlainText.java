package dev.ringgate.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text that is shown to people (release notes): no control characters but line feed and tab
 * (C0, DEL, C1 — NUL, ANSI escape sequences, carriage returns), and no bidirectional embeddings,
 * overrides or isolates (U+202A–U+202E, U+2066–U+2069) that would make it read differently from
 * what it is. Null is valid.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
  String message() default
      "must not contain control characters (other than line feed and tab) or bidirectional"
          + " formatting characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the text in one pass, without allocating. */
  final class Validator implements ConstraintValidator<PlainText, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isPlain(value);
    }

    /** Whether {@code text} has none of the characters {@link PlainText} refuses. */
    public static boolean isPlain(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 ? c != '\n' && c != '\t' : isRefusedAbove(c)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isRefusedAbove(char c) {
      return (c >= 0x7f && c <= 0x9f)
          || (c >= '\u202a' && c <= '\u202e')
          || (c >= '\u2066' && c <= '\u2069');
    }
  }
}
