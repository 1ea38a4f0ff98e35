package dev.ringgate.telemetry.api;

import dev.ringgate.kernel.Violation;
import dev.ringgate.telemetry.TelemetryRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

/** A telemetry event whose fields obey {@link TelemetryRules}; each broken rule names its field. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidTelemetryEvent.Validator.class)
public @interface ValidTelemetryEvent {
  String message() default "is not a valid telemetry event";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Applies {@link TelemetryRules} to the request. */
  class Validator implements ConstraintValidator<ValidTelemetryEvent, TelemetryEventRequest> {
    @Override
    public boolean isValid(TelemetryEventRequest event, ConstraintValidatorContext context) {
      if (event == null) {
        return true;
      }
      List<Violation> problems = new ArrayList<>(0);
      TelemetryRules.check(
          event.deviceId(),
          event.productId(),
          event.version(),
          event.type(),
          event.at(),
          event.detail(),
          problems);
      if (problems.isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      for (Violation problem : problems) {
        context
            .buildConstraintViolationWithTemplate(escape(problem.message()))
            .addPropertyNode(problem.field())
            .addConstraintViolation();
      }
      return false;
    }

    /** The messages are plain text, not templates. */
    private static String escape(String message) {
      return message
          .replace("\\", "\\\\")
          .replace("{", "\\{")
          .replace("}", "\\}")
          .replace("$", "\\$");
    }
  }
}
